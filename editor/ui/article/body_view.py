"""The body of the open article: rendered (QTextBrowser) and source (QPlainTextEdit) tabs.

The rendered tab shows the body through :func:`editor.core.render.render_body` (sanitised), opens no
link itself (every click goes to the window, which applies its http(s)-only policy) and loads no
remote content: only image files that :func:`editor.core.images.find_local_image` finds (the
article's folder, or the site's ``static/`` for "/x"), the same files the validation accepts. A click
hands the link over as the text written in the body (Qt's QUrl would already have turned a blank into
``%20`` or a backslash into ``%5C``), so the window's policy reads what the author wrote.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QFontInfo,
    QImageReader,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QTextEdit, QWidget

from editor.core.article import Article
from editor.core.images import ImagePlaces, find_local_image, image_places
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
from editor.core.urls import check_web_url
from editor.ui.common.links import url_text

RENDER_DELAY_MS = 300
# Qt's text widgets lay out a whole document on the GUI thread: 5 MB takes seconds, 50 MB minutes.
# Bodies above this size are not shown (the front matter can still be edited, and the body is kept).
LARGE_BODY_CHARS = 2_000_000
MAX_LOCAL_IMAGE_BYTES = 20 * 1024 * 1024
READING_WIDTH_EM = 42  # a comfortable line length; wider panes get side margins instead


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never navigates and never touches the network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.image_places = ImagePlaces()
        self._pressed_href = ""

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

    link_activated = Signal(str)
    """A link in the rendered body was clicked: its text as written (the window decides)."""

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
        self.browser.highlighted.connect(self._on_hover)
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
        self._tab_before_raw: int | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        self._apply_stylesheet()
        self.set_article(None)

    def show_raw(self, text: str, line: int | None) -> None:
        """Show an unreadable file's whole text, read-only, in the Source tab, with the line its
        error is on highlighted, so it can be seen what to fix (in a text editor)."""
        self._render_timer.stop()
        if self._tab_before_raw is None:
            self._tab_before_raw = self.currentIndex()
        self._has_article = False
        self._too_large = len(text) > LARGE_BODY_CHARS
        self._filling = True
        try:
            self.source.setReadOnly(True)
            self.source.setPlainText(
                self.tr("This file is too large to show here.") if self._too_large else text
            )
        finally:
            self._filling = False
        self.source.setExtraSelections([])
        block = self.source.document().findBlockByNumber((line or 0) - 1)
        if line and block.isValid() and not self._too_large:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(255, 205, 210))  # a light red, on any theme
            selection.format.setForeground(QColor(0, 0, 0))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            self.source.setExtraSelections([selection])
            self.source.setTextCursor(QTextCursor(block))
            self.source.centerCursor()
        self.browser.setHtml(
            empty_body_html(self.tr("This file cannot be read; its text is in the Source tab."))
        )
        self.setCurrentWidget(self.source)

    @property
    def error_line(self) -> int | None:
        """The highlighted line of an unreadable file (1-based), if one is shown."""
        selections = self.source.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else None

    def set_article(self, article: Article | None, places: ImagePlaces | None = None) -> None:
        """Show ``article``'s body (current text, including unsaved edits); its local images are
        looked up in ``places`` (by default, those of the site found above the article)."""
        self._render_timer.stop()
        self.source.setExtraSelections([])
        if self._tab_before_raw is not None:  # the tab the person had before an unreadable file
            self.setCurrentIndex(self._tab_before_raw)
            self._tab_before_raw = None
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
            self.browser.image_places = places or image_places(
                article.path, find_site_root(article.path)
            )
        else:
            self.browser.image_places = ImagePlaces()
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
                render_body(body, self._kind, self._shortcode_labels()),
                self.tr("Remote image, not loaded"),
            )
        bar = self.browser.verticalScrollBar()
        position = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        self.browser.setHtml(html)
        if position:
            bar.setValue(round(position * bar.maximum()))

    def _shortcode_labels(self) -> dict[str, str]:
        """The words of the shortcode placeholders, translated (see shortcodes.LABELS)."""
        return {
            "youtube": self.tr("YouTube video"),
            "vimeo": self.tr("Vimeo video"),
            "figure": self.tr("Figure"),
            "gist": self.tr("GitHub gist"),
            "tweet": self.tr("Post on X"),
            "x": self.tr("Post on X"),
            "instagram": self.tr("Instagram post"),
        }

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

    def _on_hover(self, url: QUrl | str) -> None:
        # A web address is shown as the policy shows it: a look-alike host in punycode.
        text = url_text(QUrl(url))
        address = check_web_url(text)
        self.link_hovered.emit(address.display if address.ok else text)

    def _on_anchor(self, url: QUrl) -> None:
        if url.isRelative() and not url.path() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())  # a footnote or a heading of this body
            return
        self.link_activated.emit(self.browser.written_href(url))

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
