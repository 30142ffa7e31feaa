"""The body of the open article: rendered (QTextBrowser) and source (QPlainTextEdit) tabs.

The rendered tab shows the body through :func:`editor.core.render.render_body` (sanitised), opens no
link itself (every click goes to the window, which applies its http(s)-only policy) and loads no
remote content: only image files inside the article's folder or the site's ``static/`` folder are
read, the way Hugo would serve them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QFontDatabase, QFontInfo, QImageReader, QPalette, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QWidget

from editor.core.article import Article
from editor.core.plain_text import fold_line_breaks, merge_edit
from editor.core.render import (
    BodyColors,
    empty_body_html,
    kind_for_path,
    mark_remote_images,
    render_body,
    stylesheet,
)
from editor.core.site import find_site_root
from editor.ui.images.image_loader import local_image_path

RENDER_DELAY_MS = 300
# Qt's text widgets lay out a whole document on the GUI thread: 5 MB takes seconds, 50 MB minutes.
# Bodies above this size are not shown (the front matter can still be edited, and the body is kept).
LARGE_BODY_CHARS = 2_000_000
MAX_LOCAL_IMAGE_BYTES = 20 * 1024 * 1024
READING_WIDTH_EM = 42  # a comfortable line length; wider panes get side margins instead


def article_resource_dirs(article: Article) -> list[Path]:
    """Where a body's relative images live: the article's folder, then the site's static/ folder."""
    dirs = [article.path.parent]
    site = find_site_root(article.path)
    if site is not None and (site / "static").is_dir():
        dirs.append(site / "static")
    return dirs


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never navigates and never touches the network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.resource_dirs: list[Path] = []

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        # Stylesheets, remote images and anything else are refused; QTextDocument then draws nothing.
        url = QUrl(url)
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        if url.scheme().lower() not in ("", "file") or url.host():
            return None
        path = local_image_path(url.path() if url.scheme() else url.toString(), self.resource_dirs)
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

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_reading_width()

    def setHtml(self, html: str) -> None:
        super().setHtml(html)
        self._fit_reading_width(force=True)

    def _fit_reading_width(self, force: bool = False) -> None:
        # QTextDocument has no max-width: centre a column of reading width with side margins.
        widest = self.fontMetrics().averageCharWidth() * 2 * READING_WIDTH_EM
        side = max(12, (self.viewport().width() - widest) // 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if force or int(frame.leftMargin()) != side:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            frame.setTopMargin(12)
            frame.setBottomMargin(24)
            root.setFrameFormat(frame)


class BodyView(QTabWidget):
    body_edited = Signal(str)
    """The source text was edited by the editor: the whole new body."""

    link_activated = Signal(QUrl)
    """A link in the rendered body was clicked (the window decides whether to open it)."""

    link_hovered = Signal(str)
    """The pointer is over a link in the rendered body (its address), or left it ("")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyTabs")
        self.setDocumentMode(True)
        self._kind = "markdown"
        self._filling = False
        self._has_article = False

        self.browser = SafeTextBrowser()
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.highlighted.connect(lambda url: self.link_hovered.emit(QUrl(url).toString()))
        self.addTab(self.browser, self.tr("Rendered"))

        self.source = QPlainTextEdit()
        self.source.setObjectName("bodySource")
        # Bodies are often one long line of HTML; wrapping keeps all of it in view.
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.source.document().setDocumentMargin(8)
        self.source.textChanged.connect(self._on_source_changed)
        self.addTab(self.source, self.tr("Source"))

        self._original_body = ""
        self._too_large = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        self._apply_stylesheet()
        self.set_article(None)

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s body (current text, including unsaved edits)."""
        self._render_timer.stop()
        self._has_article = article is not None
        body = "" if article is None else article.body
        self._too_large = len(body) > LARGE_BODY_CHARS
        if self._too_large:
            self._filling = True
            try:
                self.source.setReadOnly(True)
                self.source.setPlainText(
                    self.tr(
                        "The body is too large to show here ({0} MB). Edit it in a text editor; "
                        "the front matter can still be edited."
                    ).format(f"{len(body) / 1e6:.1f}")
                )
            finally:
                self._filling = False
            self.render_now(keep_position=False)
            return
        if article is not None:
            self._kind = kind_for_path(article.path)
            self.browser.resource_dirs = article_resource_dirs(article)
        else:
            self.browser.resource_dirs = []
        self.source.setReadOnly(article is None)
        self._original_body = "" if article is None else article.split.body
        if self._widget_text() != fold_line_breaks(body):
            self._filling = True
            try:
                self.source.setPlainText(body)
            finally:
                self._filling = False
        self.render_now(keep_position=False)

    def render_now(self, keep_position: bool = True) -> None:
        """Render the source text into the Rendered tab now (normally done after a short pause)."""
        self._render_timer.stop()
        body = self.source.toPlainText()
        if self._too_large:
            html = empty_body_html(body)
        elif not self._has_article:
            html = empty_body_html(self.tr("No article open."))
        elif not body.strip():
            html = empty_body_html(self.tr("This article has no body text."))
        else:
            html = mark_remote_images(
                render_body(body, self._kind), self.tr("Remote image, not loaded")
            )
        bar = self.browser.verticalScrollBar()
        position = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        self.browser.setHtml(html)
        if position:
            bar.setValue(round(position * bar.maximum()))

    @property
    def render_pending(self) -> bool:
        return self._render_timer.isActive()

    def _on_source_changed(self) -> None:
        if self._filling or not self._has_article or self._too_large:
            return
        # The widget folds line breaks; merging keeps every byte outside the edited region.
        self.body_edited.emit(merge_edit(self._original_body, self._widget_text()))
        self._render_timer.start()

    def _widget_text(self) -> str:
        """The source text with its non-breaking spaces kept (toPlainText turns them into spaces)."""
        return fold_line_breaks(self.source.document().toRawText())

    def _on_anchor(self, url: QUrl) -> None:
        if url.isRelative() and not url.path() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())  # a footnote or a heading of this body
            return
        self.link_activated.emit(url)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._apply_stylesheet()
            self.render_now()

    def _apply_stylesheet(self) -> None:
        palette = self.browser.palette()
        role = QPalette.ColorRole
        base = palette.color(role.Base)
        dark = base.lightness() < 128
        colors = BodyColors(
            text=palette.color(role.Text).name(),
            muted=palette.color(role.PlaceholderText).name(),
            link=palette.color(role.Link).name() if not dark else "#8ab4f8",
            code_background=base.darker(108).name() if not dark else base.lighter(140).name(),
            quote_background=base.darker(104).name() if not dark else base.lighter(125).name(),
            rule=palette.color(role.Mid).name(),
        )
        pixels = QFontInfo(self.browser.font()).pixelSize()
        self.browser.document().setDefaultStyleSheet(
            stylesheet(colors, base_px=max(pixels + 2, 14))
        )
