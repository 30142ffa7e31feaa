"""The rendered body's view: a QTextBrowser that never navigates and never touches the network.

It opens no link itself (a click hands the link over as the text written in the body, for the
window's http(s)-only policy), loads only image files that :func:`editor.core.images.find_local_image`
finds (the article's folder, or the site's ``static/`` for "/x"), centres a column of reading width,
frees a big document it leaves behind in slices (:class:`~editor.ui.article.body_feed.DocumentShredder`)
and lays out a big document it takes a slice at a time (:class:`~editor.ui.article.body_build.LayoutPacer`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImageReader, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.images import ImagePlaces, find_local_image
from editor.ui.article.body_build import LayoutPacer
from editor.ui.article.body_feed import DocumentShredder, replace_big_document
from editor.ui.common.links import url_text

BIG_DOCUMENT_CHARS = 500_000  # a rendered document this big left behind is freed in slices
PACED_CHARS = 200_000  # a document this big is laid out again a slice at a time after a resize
MAX_LOCAL_IMAGE_BYTES = 20 * 1024 * 1024
READING_WIDTH_EM = 42  # a comfortable line length; wider panes get side margins instead


class Selection(NamedTuple):
    """A selection in the rendered body: its ends and its text (QTextCursor.selectedText)."""

    anchor: int
    position: int
    text: str


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never navigates and never touches the network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.image_places = ImagePlaces()
        self._pressed_href = ""
        self.document().setUndoRedoEnabled(False)  # nobody undoes in a read-only view
        self.shredder = DocumentShredder(self)
        self.pacer = LayoutPacer(self)

    def drop_big_document(self) -> None:
        """A big document shown is replaced by an empty one and freed a slice at a time."""
        replace_big_document(self, self.shredder, BIG_DOCUMENT_CHARS)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        # Stylesheets, remote images and anything else are refused; QTextDocument then draws nothing.
        url = QUrl(url)
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        if url.scheme() or url.host():
            return None  # remote images were replaced by links when rendering
        path = find_local_image(url.toString(), self.image_places).path
        if path is None:
            return None
        try:
            if path.stat().st_size > MAX_LOCAL_IMAGE_BYTES:
                return None
        except OSError:
            return None
        reader = QImageReader(str(path))
        size = reader.size()
        width = max(self.viewport().width() - 2 * int(self.document().documentMargin()), 64)
        if size.isValid() and size.width() > width:
            reader.setScaledSize(QSize(width, round(size.height() * width / size.width())))
        image = reader.read()
        return None if image.isNull() else image

    def mousePressEvent(self, event: Any) -> None:
        # QTextBrowser emits anchorClicked when the release is on the anchor pressed: remember
        # that anchor's text as written.
        self._pressed_href = self.anchorAt(event.position().toPoint())
        super().mousePressEvent(event)

    def written_href(self, url: QUrl) -> str:
        """The link text as written in the body for an activated ``url`` (by mouse or keyboard)."""
        for href in (self._pressed_href, self.textCursor().charFormat().anchorHref()):
            if href and QUrl(href) == url:
                return href
        return url_text(url)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_reading_width()
        # A new width: Qt lays the document out again from its start, in its own big steps.
        widened = event.oldSize().width() != event.size().width()
        if self.pacer.active or (widened and self.document().characterCount() >= PACED_CHARS):
            self.pacer.start(self)

    def setHtml(self, html: str) -> None:
        self.pacer.cancel()
        self.drop_big_document()
        super().setHtml(html)
        self._fit_reading_width(force=True)

    def adopt_document(self, document: QTextDocument) -> None:
        """Show ``document`` (built away from the view, see body_build.DocumentBuilder) in place
        of the one shown, which is freed in slices if big, and lay it out a slice at a time."""
        self.pacer.cancel()
        # Its reading width first: changing the root frame of a shown document lays all of it out.
        self._fit_reading_width(force=True, document=document)
        old = self.document()
        kept = self.selection()
        if old.characterCount() >= BIG_DOCUMENT_CHARS:
            self.shredder.take(old)  # reparented first: setDocument deletes a document it owns
        self.setDocument(document)
        self.restore_selection(kept)
        self.pacer.start(self)

    def selection(self) -> Selection | None:
        """What the reader selected (or the browser's find found), to keep it when a document
        with the same start takes the place of the one shown; None if nothing is."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return Selection(cursor.anchor(), cursor.position(), cursor.selectedText())

    def restore_selection(self, kept: Selection | None) -> None:
        """Select ``kept`` again in the document shown now, if the same text is at the same
        place (a selection over what only the old one had, such as its "Rendering the rest"
        line, is dropped)."""
        if kept is None or max(kept.anchor, kept.position) >= self.document().characterCount():
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(kept.anchor)
        cursor.setPosition(kept.position, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == kept.text:
            self.setTextCursor(cursor)

    def _fit_reading_width(
        self, force: bool = False, document: QTextDocument | None = None
    ) -> None:
        # QTextDocument has no max-width: centre a column of reading width with side margins.
        widest = self.fontMetrics().averageCharWidth() * 2 * READING_WIDTH_EM
        side = max(12, (self.viewport().width() - widest) // 2)
        root = (document if document is not None else self.document()).rootFrame()
        frame = root.frameFormat()
        if force or int(frame.leftMargin()) != side:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            frame.setTopMargin(12)
            frame.setBottomMargin(24)
            root.setFrameFormat(frame)
