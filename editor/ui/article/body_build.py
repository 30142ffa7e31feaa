"""A big body's document built away from the view, then laid out a slice at a time once shown.

Appending pieces to the document a QTextBrowser shows costs each append work that grows with the
whole document, whatever the piece's size: QTextDocument scans all of its fragments again to rebuild
its frame tree after an edit that adds a table (``QTextDocumentPrivate::scan_frames``), and the
layout marks and walks every frame. A 5 MB Markdown body (7,000 tables, 90,000 blocks) took its
feed 20-25 s, with turns of 60-170 ms near the end. So:

- :class:`DocumentBuilder` appends the pieces to a document of its own, shown by no view and
  without a layout, inside one edit block (the frame tree is rebuilt once, when the block ends): a
  piece costs the same at the end as at the start, and the turns stay near ``TURN_MS``;
- the view then takes the whole document (``SafeTextBrowser.adopt_document``), and
  :class:`LayoutPacer` lays it out on idle turns, each sized to about ``TURN_MS``, in place of
  Qt's own lazy layout, whose steps double up to 200,000 characters (90-200 ms each here).

What is left is Qt's: each layout step walks every frame after it (``markFrames``), so a step of
a table-heavy document costs tens of milliseconds however small it is (see the README).
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSizeF, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from editor.ui.article import body_feed
from editor.ui.article.body_feed import PieceFeed, append_html

LAYOUT_FIRST_CHARS = (
    6_000  # the first layout step (20,000 took 28-32 ms); the next sized to TURN_MS
)
LAYOUT_MAX_CHARS = 200_000  # Qt's own largest lazy step
# Between the builder's last steps: a zero timer started from a timer's slot ran in the same turn
# of the event loop as that slot (no input, paint or other timer between): two 12-28 ms steps made
# one stall. One millisecond puts a turn between them.
STEP_GAP_MS = 1


def document_like(template: QTextDocument) -> QTextDocument:
    """An empty document with ``template``'s stylesheet, font, margin and parent (a QTextBrowser
    parent loads the document's images through the browser's ``loadResource``)."""
    fresh = QTextDocument(template.parent())
    fresh.setUndoRedoEnabled(False)
    fresh.setDefaultStyleSheet(template.defaultStyleSheet())
    fresh.setDefaultFont(template.defaultFont())
    fresh.setDocumentMargin(template.documentMargin())
    return fresh


class DocumentBuilder(QObject):
    """Builds a document from HTML pieces on idle turns, away from any view; ``ready`` hands it
    over once the last piece is in."""

    ready = Signal(object)
    """The whole document (a QTextDocument; the receiver owns it from then on)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._feed = PieceFeed(self._append, self)
        self._feed.finished.connect(self._fed)
        self._document: QTextDocument | None = None
        self._cursor: QTextCursor | None = None
        self._more = False  # more pieces are still to come (extend)

    @property
    def active(self) -> bool:
        return self._document is not None

    def start(self, template: QTextDocument, pieces: list[str], *, more: bool) -> None:
        """Build a document like ``template`` from ``pieces`` (see body_pieces.html_pieces);
        ``more``: :meth:`extend` brings more of them."""
        self.cancel()
        document = document_like(template)
        document.setHtml(pieces[0] if pieces else "")
        self._document = document
        # One edit block for the whole build: the frame tree is rebuilt once, at its end.
        self._cursor = QTextCursor(document)
        self._cursor.beginEditBlock()
        self._more = more
        self._feed.start(pieces[1:], body_feed.PIECE_CHARS)
        if len(pieces) <= 1:
            self._fed()

    def extend(self, pieces: list[str], *, more: bool) -> None:
        """More pieces of the document being built (``more``: and still more to come)."""
        if self._document is None:
            return
        self._more = more
        if pieces:
            self._feed.extend(pieces)
        elif not self._feed.active:
            self._fed()

    def cancel(self) -> QTextDocument | None:
        """Stop building; returns the half-built document (the caller frees it), if any. Its
        edit block stays open: the frame tree of a document nobody shows need not be rebuilt."""
        self._feed.cancel()
        document, self._document = self._document, None
        self._cursor = None
        return document

    def finish_now(self) -> None:
        """Append what is left at once (when the document is needed whole right away)."""
        self._feed.finish_now()

    def _append(self, html: str) -> None:
        if self._document is not None:
            append_html(self._document, html)

    def _fed(self) -> None:
        if self._more or self._document is None or self._feed.active:
            return
        # Each of the last steps on a turn of its own: ending the edit block rebuilds the frame
        # tree (a scan of the whole document: 25-28 ms for the 5 MB Markdown body's), the layout
        # made for it clears every block's (13-15 ms), and the view's taking it clears them
        # again and lays out its first slice (11-13 ms).
        QTimer.singleShot(STEP_GAP_MS, lambda document=self._document: self._close(document))

    def _close(self, document: QTextDocument) -> None:
        if document is not self._document:
            return  # cancelled meanwhile
        if self._cursor is not None:
            self._cursor.endEditBlock()
            self._cursor = None
        QTimer.singleShot(STEP_GAP_MS, lambda: self._make_layout(document))

    def _make_layout(self, document: QTextDocument) -> None:
        if document is not self._document:
            return
        # A layout made now, with no page size, lays out nothing; made by the view, it would lay
        # out every table once more before the view sets its width and starts again.
        document.setPageSize(QSizeF(0, 0))
        document.documentLayout()
        QTimer.singleShot(STEP_GAP_MS, lambda: self._hand_over(document))

    def _hand_over(self, document: QTextDocument) -> None:
        if document is not self._document:
            return
        self._document = None
        self.ready.emit(document)


class LayoutPacer(QObject):
    """Lays out the document shown in a view a slice at a time on idle turns of the event loop.

    While it runs, the timer events of the document's layout (its own lazy steps, and the note
    of the new size) are held back, and the view is told of the growing size after each slice.
    """

    finished = Signal()
    """All of the document is laid out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: QTextEdit | None = None
        self._layout: QObject | None = None
        self._position = 0
        self._chars = LAYOUT_FIRST_CHARS
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, view: QTextEdit) -> None:
        """Lay out ``view``'s document from its start (a new one, or one Qt lays out again)."""
        self.cancel()
        layout = view.document().documentLayout()
        layout.installEventFilter(self)
        self._view, self._layout = view, layout
        self._position, self._chars = 0, LAYOUT_FIRST_CHARS
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        if self._layout is not None and shiboken6.isValid(self._layout):
            self._layout.removeEventFilter(self)
        self._view = self._layout = None

    def finish_now(self) -> None:
        """Lay out the rest at once (the whole document is needed now)."""
        if self.active:
            self._chars = 1 << 30
            self._turn()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def _turn(self) -> None:
        view = self._view
        if view is None or not shiboken6.isValid(view) or self._layout is None:
            self.cancel()
            return
        document = view.document()
        layout = document.documentLayout()
        if layout is not self._layout:  # the view shows another document now
            self.cancel()
            return
        end = document.characterCount() - 1
        block = document.findBlock(min(self._position + self._chars, max(end - 1, 0)))
        started = time.perf_counter()
        layout.blockBoundingRect(block)  # lays the document out up to the end of this block
        spent_ms = (time.perf_counter() - started) * 1000
        self._position = block.position() + block.length()
        scale = min(4.0, max(0.25, body_feed.TURN_MS / max(spent_ms, 0.1)))
        self._chars = max(2_000, min(LAYOUT_MAX_CHARS, int(self._chars * scale)))
        # The layout's own note of its new size is held back: the view's scroll bars follow this.
        layout.documentSizeChanged.emit(QSizeF())
        if self._position >= end or not block.next().isValid():
            self.cancel()  # the layout's held-back timers run again: it reports its final size
            self.finished.emit()
