"""Big bodies without freezing the window: rendered off the GUI thread, shown a little at a time.

Rendering a 5 MB Markdown body takes Python-Markdown seconds, and Qt parses and lays out a document
on the GUI thread. So the body view hands big bodies to a :class:`RenderWorker` (one thread; only the
latest request counts, a superseded one is dropped as soon as it can be) and shows its result with a
:class:`PieceFeed`: the first piece at once, the rest on idle turns of the event loop, each turn
sized to take about ``TURN_MS`` (the size adapts to what the last turns cost on this machine).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from editor.core.body_pieces import html_pieces, markdown_head

TURN_MS = 12.0  # the work of one idle turn; the window stays well under a 30 ms stall
IDLE_EXIT_S = 30.0  # a worker thread with nothing to do ends (a new request starts another)
PIECE_CHARS = 8_000  # the grain of the HTML cuts; a turn takes as many pieces as fit its time
PREVIEW_CHARS = 16_000  # the Markdown rendered first, alone, as a preview of the first screens


@dataclass(frozen=True, slots=True)
class RenderJob:
    generation: int
    body: str
    render: Callable[[str], str]
    preview: bool  # render a head of the body first (Markdown is slow to render)


class RenderWorker(QObject):
    """Renders bodies on a thread of its own; results come back as ``rendered`` on the GUI thread."""

    rendered = Signal(int, bool, object)
    """generation, final (False for a preview of the start), the HTML as a list of pieces."""

    failed = Signal(int, str)
    """generation, the error's message (the renderer raised)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wake = threading.Condition()
        self._job: RenderJob | None = None
        self._thread: threading.Thread | None = None
        self.generation = 0
        self._delivered = 0  # the latest generation whose final result (or failure) arrived

    @property
    def generation_pending(self) -> bool:
        """A request was made whose final result has not been taken (see :meth:`done`)."""
        return self.generation != self._delivered

    def done(self, generation: int) -> None:
        """The final result of ``generation`` arrived (called on the GUI thread)."""
        self._delivered = max(self._delivered, generation)

    def submit(self, body: str, render: Callable[[str], str], *, preview: bool) -> int:
        """Render ``body`` with ``render`` (called on the worker thread; it must not touch Qt
        widgets); returns the request's generation. A request still waiting is dropped."""
        with self._wake:
            self.generation += 1
            self._job = RenderJob(self.generation, body, render, preview)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="copydesk-body-render", daemon=True
                )
                self._thread.start()
            self._wake.notify()
            return self.generation

    def cancel(self) -> None:
        """Forget the request in progress: its result, when it comes, is not delivered."""
        with self._wake:
            self.generation += 1
            self._delivered = self.generation
            self._job = None

    def _current(self, generation: int) -> bool:
        return generation == self.generation

    def _run(self) -> None:
        while True:
            with self._wake:
                if self._job is None:
                    self._wake.wait(IDLE_EXIT_S)
                if self._job is None:
                    self._thread = None
                    return
                job, self._job = self._job, None
            try:
                self._render(job)
            except _Gone:
                return

    def _render(self, job: RenderJob) -> None:
        try:
            if job.preview:
                head = markdown_head(job.body, PREVIEW_CHARS)
                if len(head) < len(job.body):
                    pieces = html_pieces(job.render(head), PIECE_CHARS)
                    if not self._current(job.generation):
                        return
                    self._emit(self.rendered, job.generation, False, pieces)
            if not self._current(job.generation):
                return
            pieces = html_pieces(job.render(job.body), PIECE_CHARS)
        except _Gone:
            raise
        except Exception as error:  # a renderer bug must not kill the thread silently
            self._emit(self.failed, job.generation, str(error) or type(error).__name__)
            return
        if self._current(job.generation):
            self._emit(self.rendered, job.generation, True, pieces)

    def _emit(self, signal: SignalInstance, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError as gone:  # the view was deleted while rendering: nobody is waiting
            raise _Gone from gone


class _Gone(Exception):
    """The worker's QObject was deleted: its thread ends."""


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
