"""Big bodies without freezing the window: rendered off the GUI thread, shown a little at a time.

Rendering a 5 MB Markdown body takes Python-Markdown tens of seconds, and Qt parses and lays out a
document on the GUI thread. So the body view hands big bodies to a :class:`RenderWorker` (a child
process, :mod:`editor.core.render_process`; only the latest request counts, a superseded render is
ended) and feeds text with a :class:`PieceFeed`: the first piece at once, the rest on idle turns of
the event loop, each turn sized to take about ``TURN_MS`` (the size adapts to what the last turns
cost on this machine). The Source tab and a preview are fed into the view; the whole rendered body
is fed into a document of its own (:mod:`editor.ui.article.body_build`).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit

from editor.core.frontmatter import split_text
from editor.core.pool import usable_cores
from editor.core.render import HTML, MARKDOWN, render_body, review_html

if TYPE_CHECKING:  # the render process's side loads with the first big body, not at start-up
    from editor.core.render_process import RenderAnswer, RenderRequest

TURN_MS = 12.0  # the work of one idle turn; the window stays well under a 30 ms stall
# The grain of the HTML cuts; a turn takes as many pieces as fit its time. (A finer grain, 1,000,
# made the 5 MB Markdown body's feed many times longer: each append pays a fixed cost that grows
# with the document, QTextDocument rescanning its thousands of table frames.)
PIECE_CHARS = 8_000
PREVIEW_CHARS = 16_000  # the Markdown rendered first, alone, as a preview of the first screens
BATCH_CHARS = 256_000  # the HTML comes from the render process in answers of about this size
IDLE_CHILD_MS = 60_000  # a render process with nothing to do ends after this
# The processes that render a huge Markdown body's chunks side by side (render_process.ChunkPool):
# one a core, at most 4; they run at the render process's lower priority, behind the window.
RENDER_WORKERS = max(1, min(4, usable_cores()))
SHRED_MIN_CHARS = 5_000  # a big document left behind is freed in slices of this much or more
# ... and at most this much: a cut costs about 0.3 µs a character, more over tables (a slice of
# 150,000 held the window 42-47 ms of CPU when the 5 MB Markdown body's document was freed).
SHRED_MAX_CHARS = 40_000


class RenderSpec(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """How to render a body: its kind and the translated words the renderer writes."""

    kind: str
    labels: dict[str, str]
    remote_label: str


class RenderWorker(QObject):
    """Renders bodies in a child process; results come back as ``rendered`` on the GUI thread.

    One request at a time: a new one (or :meth:`cancel`) ends the child if it is still busy with
    the last, and a fresh child starts for the next (spawn, about 0.3 s).
    """

    rendered = Signal(int, bool, bool, bool, object)
    """generation, final (False for a preview of the start), first and last batch of this
    render, and the batch: some of the HTML's pieces (a 5 MB body comes in several)."""

    failed = Signal(int, str)
    """generation, the error's message (the renderer raised, or its process died)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._delivered = 0  # the latest generation whose final result (or failure) arrived
        self._child: _Child | None = None
        self._busy = 0  # the generation the child works on (0: idle)
        # An idle child ends after a while: it holds the renderer's memory (some 40 MB).
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_CHILD_MS)
        self._idle.timeout.connect(self._stop_child)

    @property
    def generation_pending(self) -> bool:
        """A request was made whose final result has not been taken (see :meth:`done`)."""
        return self.generation != self._delivered

    def done(self, generation: int) -> None:
        """The final result of ``generation`` arrived (called on the GUI thread)."""
        self._delivered = max(self._delivered, generation)
        if generation == self._busy:
            self._busy = 0
            self._idle.start()

    def submit(self, body: str, spec: RenderSpec, *, preview: bool) -> int:
        """Render ``body``; returns the request's generation. A request still being rendered is
        dropped (its process ended)."""
        self.generation += 1
        self._idle.stop()
        if self._busy:
            self._stop_child()
        if self._child is None or not self._child.alive:
            self._child = _Child(self)
        from editor.core.render_process import RenderRequest

        request = RenderRequest(
            self.generation,
            body,
            spec.kind,
            dict(spec.labels),
            spec.remote_label,
            PREVIEW_CHARS if preview else 0,
            PIECE_CHARS,
            BATCH_CHARS,
            RENDER_WORKERS,
        )
        self._busy = self.generation
        self._child.send(request)
        return self.generation

    def cancel(self) -> None:
        """Forget the request in progress: its result is never delivered."""
        self.generation += 1
        self._delivered = self.generation
        if self._busy:
            self._stop_child()

    def shutdown(self) -> None:
        """End the child process (the window closes)."""
        self._stop_child()

    def _stop_child(self) -> None:
        self._busy = 0
        if self._child is not None:
            self._child.stop()
            self._child = None

    def _answer(self, answer: RenderAnswer) -> None:
        """From the child's reader thread: hand the answer to the GUI thread."""
        if answer.error:
            self.failed.emit(answer.generation, answer.error)
        else:
            self.rendered.emit(
                answer.generation, answer.final, answer.first, answer.last, answer.pieces
            )


class _Child:
    """One render process, with a thread that starts it and sends it requests (starting a process
    held the GUI thread 20-60 ms on a busy machine, and a 5 MB body must not wait there for a
    child still starting) and one that reads its answers."""

    def __init__(self, worker: RenderWorker) -> None:
        import multiprocessing  # when a big body first opens, not at every start
        import queue

        from editor.core.render_process import serve

        context = multiprocessing.get_context("spawn")  # no copy of the window's threads or Qt
        mine, theirs = context.Pipe(duplex=True)
        self._process = context.Process(
            target=serve, args=(theirs,), name="copydesk-render", daemon=True
        )
        self._theirs = theirs
        self._connection = mine
        self._outbox: queue.SimpleQueue[RenderRequest | None] = queue.SimpleQueue()
        self._lock = threading.Lock()  # between starting the process and stopping it
        self._stopped = False
        self._started = False
        threading.Thread(target=self._send, name="copydesk-render-send", daemon=True).start()
        threading.Thread(
            target=self._read, args=(worker,), name="copydesk-render-read", daemon=True
        ).start()

    @property
    def alive(self) -> bool:
        return not self._stopped and (not self._started or self._process.is_alive())

    def send(self, request: RenderRequest) -> None:
        self._outbox.put(request)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            started = self._started
        self._outbox.put(None)
        if started:
            with contextlib.suppress(Exception):
                self._process.kill()

    def _send(self) -> None:
        with self._lock:
            if not self._stopped:
                with contextlib.suppress(Exception):  # not started: the reader reports it
                    self._process.start()
                    self._started = True
        # The child's end is closed here: once the child is gone (or was never started), the
        # reader's next read ends.
        self._theirs.close()
        if not self._started:
            return
        while (request := self._outbox.get()) is not None:
            try:
                self._connection.send(request)
            except (OSError, ValueError):  # the child is gone
                return

    def _read(self, worker: RenderWorker) -> None:
        try:
            while True:
                answer = self._connection.recv()
                if self._stopped:
                    return
                worker._answer(answer)
        except (EOFError, OSError, ValueError):  # the child ended (killed, or crashed)
            if not self._stopped:
                with contextlib.suppress(RuntimeError):
                    worker.failed.emit(worker.generation, "the renderer stopped")
        except RuntimeError:  # the worker was deleted: nobody waits for the answer
            return
        finally:
            with contextlib.suppress(Exception):
                self._process.join(1)
            with contextlib.suppress(Exception):
                self._connection.close()


class PieceFeed(QObject):
    """Hands pieces of text to ``append`` on idle turns of the event loop, about ``TURN_MS`` each."""

    finished = Signal()
    """The last piece was appended."""

    def __init__(self, append: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._append = append
        self._pieces: list[str] = []
        self._next = 0
        self._chars = PIECE_CHARS
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # fires when the event loop has nothing else to do
        self._timer.timeout.connect(self._turn)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, pieces: list[str], chars: int = PIECE_CHARS) -> None:
        """Append ``pieces`` from the next idle turn on, about ``chars`` characters in the first."""
        self._pieces, self._next, self._chars = pieces, 0, max(chars, 1)
        if pieces:
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._pieces, self._next = [], 0

    def extend(self, pieces: list[str]) -> None:
        """Append ``pieces`` after those still to come (or start again with them)."""
        if self.active:
            self._pieces.extend(pieces)
        else:
            self.start(pieces, self._chars)

    def finish_now(self) -> None:
        """Append everything left at once (when the text is needed whole right away)."""
        if self.active:
            self._chars = sum(len(piece) for piece in self._pieces[self._next :])
            self._turn()

    def _turn(self) -> None:
        taken: list[str] = []
        size = 0
        while self._next < len(self._pieces) and (not taken or size < self._chars):
            taken.append(self._pieces[self._next])
            size += len(taken[-1])
            self._next += 1
        started = time.perf_counter()
        self._append("".join(taken))
        spent_ms = (time.perf_counter() - started) * 1000
        # Aim the next turn at TURN_MS, changing at most fourfold at a time (one slow turn, for a
        # paint or a busy machine, must not make the feed crawl).
        scale = min(4.0, max(0.25, TURN_MS / max(spent_ms, 0.1)))
        self._chars = max(1_000, min(2_000_000, int(size * scale)))
        if self._next >= len(self._pieces):
            self._timer.stop()
            self._pieces, self._next = [], 0
            self.finished.emit()


# Between the pieces appended to the rendered tab: an invisible character in a paragraph of its own
# that takes the first block's place while the piece is inserted (see _append_html).
_SPACER = "<p>\u2063</p>"
# Inserted (not set) HTML gets an empty line more for a rule first in a div (Markdown's footnotes):
# the rule goes just before the div, which setHtml shows the same.
_RULE_IN_DIV = re.compile(r"(<div\b[^>]*>\s*)<hr>")


def append_html(document: QTextDocument, html: str) -> None:
    """Append ``html`` (whole top-level blocks, see body_pieces.html_pieces) to ``document``.

    Inserted HTML merges its first block into the block at the cursor, taking that block's format
    (a list item or a heading would lose its own): a spacer paragraph takes that place and is
    removed again, so the pieces build the document one setHtml would.
    """
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    spacer = cursor.block().position()
    cursor.insertHtml(_SPACER + _RULE_IN_DIV.sub(r"<hr>\1", html))
    cursor.setPosition(spacer)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


_warmed: list[threading.Thread] = []


def renderer_warm() -> bool:
    """Whether :func:`warm_renderer_later`'s work is done (started and ended)."""
    return bool(_warmed) and not _warmed[0].is_alive()


def warm_renderer_later() -> None:
    """Render a small Markdown and HTML body on a background thread (once a process), so that
    the first article opened does not pay for the renderer's imports and first calls
    (Python-Markdown loads its extensions on first use; nh3 and the regular expressions warm up),
    nor for the form's checks.
    """
    if _warmed:
        return

    def work() -> None:
        # The form's checks too: they load with the first article opened (validate, and idna's
        # tables with the first host name read), 10 ms of the first open; and what a big body's
        # open starts its render process with (8 ms of imports in that open).
        import multiprocessing.connection  # noqa: F401
        import queue  # noqa: F401

        from editor.core import render_process, validate  # noqa: F401
        from editor.core.urls import check_web_url

        with contextlib.suppress(Exception):
            check_web_url("https://example.com/a")
        sample = "# Title\n\nA *paragraph* with a [link](https://example.com) and a note[^1].\n\n"
        sample += "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n"
        with contextlib.suppress(Exception):  # a real open reports any error itself
            review_html(sample, MARKDOWN, {}, "")
            render_body("<p>An <b>HTML</b> body.</p>", HTML)
            for text in ('+++\ntitle = "T"\n+++\n', "---\ntitle: T\n---\n"):
                split_text(text)  # the patterns that find the end of the front matter

    # Not a daemon: quitting waits the fraction of a second it takes (an import cut off by the
    # interpreter's exit can crash it).
    _warmed.append(threading.Thread(target=work, name="copydesk-warm-renderer"))
    _warmed[0].start()


class DocumentShredder(QObject):
    """Frees big documents a slice at a time on idle turns of the event loop (GUI thread only).

    Deleting the document of a 5 MB Markdown body at once (some 90,000 blocks, thousands of
    tables) held the window for 200-240 ms; cut from the end in slices sized to ``TURN_MS``, each
    turn stays short, and what is left is cleared and deleted once small.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[QTextDocument] = []
        self._blocks: list[QTextCursor] = []  # an open edit block on each of them
        self._chars = SHRED_MIN_CHARS
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    @property
    def busy(self) -> bool:
        return bool(self._documents)

    def take(self, document: QTextDocument) -> None:
        """Free ``document`` (shown by no widget any more) over the next idle turns."""
        document.setParent(self)  # never deleted at once by the widget that showed it
        # An edit block left open until the end: a cut then neither rebuilds the frame tree (a
        # scan of the whole document) nor tells the layout, which lays the rest out again (cuts
        # of a 5 MB Markdown body's document took 50-220 ms each, most of it that).
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        self._blocks.append(cursor)
        self._documents.append(document)
        self._timer.start()

    def finish_now(self) -> None:
        """Free everything left at once (the window closes)."""
        self._timer.stop()
        for document in self._documents:
            if shiboken6.isValid(document):
                document.deleteLater()
        self._documents = []
        self._blocks = []

    def _turn(self) -> None:
        if not self._documents:
            self._timer.stop()
            return
        document = self._documents[0]
        if not shiboken6.isValid(document):
            self._documents.pop(0)
            self._blocks.pop(0)
            return
        end = document.characterCount() - 1
        started = time.perf_counter()
        if end <= 0:
            document.clear()  # the formats it still holds
            self._documents.pop(0)
            self._blocks.pop(0)
            document.deleteLater()
            return
        cursor = QTextCursor(document)
        cursor.setPosition(max(0, end - self._chars))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        spent_ms = (time.perf_counter() - started) * 1000
        # Inside the open edit block a cut costs about its size; what it costs varies along the
        # document (tables cost more than prose), so the size grows slowly, and falls fast.
        scale = min(1.5, max(0.25, TURN_MS / max(spent_ms, 0.1)))
        self._chars = max(SHRED_MIN_CHARS, min(SHRED_MAX_CHARS, int(self._chars * scale)))


def replace_big_document(
    view: QTextEdit | QPlainTextEdit, shredder: DocumentShredder, min_chars: int
) -> None:
    """Give ``view`` a new, empty document in place of one of ``min_chars`` or more, which
    ``shredder`` frees a slice at a time (deleting it at once held the window for 200-240 ms).
    The new document has the old one's stylesheet, font and margin, and ``view`` as its parent
    (a QTextBrowser child loads images through the browser's ``loadResource``)."""
    old = view.document()
    if old.characterCount() < min_chars:
        return
    fresh = QTextDocument(view)
    if isinstance(old.documentLayout(), QPlainTextDocumentLayout):  # a QPlainTextEdit's
        fresh.setDocumentLayout(QPlainTextDocumentLayout(fresh))
    fresh.setUndoRedoEnabled(old.isUndoRedoEnabled())
    fresh.setDefaultStyleSheet(old.defaultStyleSheet())
    fresh.setDefaultFont(old.defaultFont())
    fresh.setDocumentMargin(old.documentMargin())
    shredder.take(old)  # reparented first: setDocument deletes a document that is its own
    view.setDocument(fresh)
