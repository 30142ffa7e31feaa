"""The body of the open article: rendered (QTextBrowser) and source (QPlainTextEdit) tabs.

The rendered tab shows the body through :func:`editor.core.render.review_html` (sanitised), opens no
link itself (every click goes to the window, which applies its http(s)-only policy) and loads no
remote content: only image files that :func:`editor.core.images.find_local_image` finds (the
article's folder, or the site's ``static/`` for "/x"), the same files the validation accepts. A click
hands the link over as the text written in the body (Qt's QUrl would already have turned a blank into
``%20`` or a backslash into ``%5C``), so the window's policy reads what the author wrote.

Big bodies never freeze the window (:mod:`editor.ui.article.body_feed`): above ``ASYNC_RENDER_CHARS``
the body renders in a child process (Markdown shows a preview of its start first); the Source tab
receives its text a piece at a time on idle turns of the event loop, and the Rendered tab shows the
body's start while its whole document is built away from the view, then takes it and lays it out a
slice at a time (:mod:`editor.ui.article.body_build`). Meanwhile the form stays editable and the
Source tab read-only; opening another article drops the pending work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QFontInfo,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextEdit, QWidget

from editor.core.article import Article
from editor.core.body_pieces import text_pieces
from editor.core.images import ImagePlaces, image_places
from editor.core.plain_text import fold_line_breaks, merge_edit
from editor.core.render import (
    MARKDOWN,
    BodyColors,
    empty_body_html,
    kind_for_path,
    review_html,
    stylesheet,
)
from editor.core.site import find_site_root
from editor.core.urls import check_web_url
from editor.ui.article import body_build, safe_browser
from editor.ui.article.body_build import DocumentBuilder
from editor.ui.article.body_feed import (
    PieceFeed,
    RenderSpec,
    RenderWorker,
    append_html,
    replace_big_document,
)
from editor.ui.article.safe_browser import SafeTextBrowser
from editor.ui.common.links import url_text

RENDER_DELAY_MS = 300
# Python-Markdown renders 2-5 µs a character here: above this, bodies render in a child process.
ASYNC_RENDER_CHARS = 40_000
# Qt parses and lays out text on the GUI thread: a tab gets this much at once, the rest in pieces.
FIRST_SOURCE_CHARS = 200_000
FIRST_HTML_CHARS = 32_000
SOURCE_PIECE_CHARS = 16_000


class BodyView(QTabWidget):
    body_edited = Signal(str)
    """The source text was edited by the editor: the whole new body."""

    link_activated = Signal(str)
    """A link in the rendered body was clicked: its text as written (the window decides)."""

    link_hovered = Signal(str)
    """The pointer is over a link in the rendered body (its address), or left it ("")."""

    shown = Signal(bool)
    """The Rendered tab shows the body: True once all of it is there, False for its first part."""

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
        self._source_text = ""  # what the Source tab holds, or will once its feed is done
        self._raw_line: int | None = None  # the line to highlight once an unreadable file is shown
        self._scroll_to: int | None = None  # where the Rendered tab goes back to after a render
        self._tab_before_raw: int | None = None
        self._worker = RenderWorker(self)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_render_failed)
        self._html_feed = PieceFeed(self._append_html, self)  # the rest of a preview
        self._builder = DocumentBuilder(self)  # the whole of a big body, away from the view
        self._builder.ready.connect(self._adopt)
        self._awaiting_layout = False  # the body is shown whole once the pacer has laid it out
        self._body_shown = True  # the Rendered tab shows (some of) the body, not a placeholder
        self.browser.pacer.finished.connect(self._laid_out)
        self._final_html = True  # the HTML being fed is the whole body (not a preview)
        self._source_feed = PieceFeed(self._append_source, self)
        self._source_feed.finished.connect(self._source_fed)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        self._open_timer = QTimer(self)  # the rest of a big body's open, on the next turn
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(body_build.STEP_GAP_MS)  # not in the open's own turn
        self._open_timer.timeout.connect(self._open_now)
        self._open_text: str | None = None
        self._apply_stylesheet()
        self.set_article(None)

    def show_raw(self, text: str, line: int | None) -> None:
        """Show an unreadable file's whole text, read-only, in the Source tab, with the line its
        error is on highlighted, so it can be seen what to fix (in a text editor)."""
        self._cancel_work()
        if self._tab_before_raw is None:
            self._tab_before_raw = self.currentIndex()
        self._has_article = False
        self._raw_line = line
        self.source.setExtraSelections([])
        self._fill_source(fold_line_breaks(text))
        if not self._source_feed.active:
            self._highlight_raw_line()
        self.browser.setHtml(
            empty_body_html(self.tr("This file cannot be read; its text is in the Source tab."))
        )
        self.setCurrentWidget(self.source)

    def _highlight_raw_line(self) -> None:
        line, self._raw_line = self._raw_line, None
        block = self.source.document().findBlockByNumber((line or 0) - 1)
        if line and block.isValid():
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(255, 205, 210))  # a light red, on any theme
            selection.format.setForeground(QColor(0, 0, 0))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            self.source.setExtraSelections([selection])
            self.source.setTextCursor(QTextCursor(block))
            self.source.centerCursor()

    @property
    def error_line(self) -> int | None:
        """The highlighted line of an unreadable file (1-based), if one is shown."""
        selections = self.source.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else None

    def set_article(self, article: Article | None, places: ImagePlaces | None = None) -> None:
        """Show ``article``'s body (current text, including unsaved edits); its local images are
        looked up in ``places`` (by default, those of the site found above the article)."""
        self._cancel_work()
        self.source.setExtraSelections([])
        if self._tab_before_raw is not None:  # the tab the person had before an unreadable file
            self.setCurrentIndex(self._tab_before_raw)
            self._tab_before_raw = None
        self._has_article = article is not None
        body = "" if article is None else article.body
        if article is not None:
            self._kind = kind_for_path(article.path)
            self.browser.image_places = places or image_places(
                article.path, find_site_root(article.path)
            )
        else:
            self.browser.image_places = ImagePlaces()
        self._original_body = "" if article is None else article.split.body
        folded = fold_line_breaks(body)
        document = self.source.document()
        fill = (
            self.source.isReadOnly()  # a raw text, a feed cut short, or no article
            or document.characterCount() - 1 != len(folded)
            or self._widget_text() != folded
        )
        if article is not None and len(folded) > ASYNC_RENDER_CHARS:
            # A big body: the open's own turn (the file read, the form, its checks) is long
            # enough; the Source tab's first piece and the render's start come on the next.
            self._open_later(folded if fill else None)
            return
        if fill:
            self._fill_source(folded)
        self.source.setReadOnly(article is None or self._source_feed.active)
        self.render_now(keep_position=False)

    def _open_later(self, folded: str | None) -> None:
        """Show that the body is being prepared, and fill the Source tab with ``folded`` (None:
        it holds that text already) and start the render on the next turn of the event loop."""
        if folded is not None:
            self._filling = True
            try:  # nothing of the article shown before stays in the Source tab meanwhile
                replace_big_document(
                    self.source, self.browser.shredder, safe_browser.BIG_DOCUMENT_CHARS
                )
                self.source.setPlainText("")
            finally:
                self._filling = False
            self._source_text = folded
        self.source.setReadOnly(True)
        self._set_html(empty_body_html(self.tr("Preparing the body…")))
        self._body_shown = False
        self._open_text = folded
        self._open_timer.start()

    def _open_now(self) -> None:
        folded, self._open_text = self._open_text, None
        if folded is not None:
            self._fill_source(folded)
        self.source.setReadOnly(not self._has_article or self._source_feed.active)
        self.render_now(keep_position=False)

    def warm_up(self) -> None:
        """Show a small body once, before anything is painted, then what was shown: Qt's first
        HTML document in this view (its fonts: bold, italic, code, headings; its layout) then
        is not the first article's."""
        if self.loading or self._has_article:
            return
        self.browser.setHtml(
            "<h1>T</h1><h2>T</h2><h3>T</h3><p>A <b>b</b> <i>i</i> <code>c</code> <a href='#x'>l"
            "</a> “quoted” – text…</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>q"
            "</p></blockquote><pre><code>x</code></pre><table><tr><td>1</td></tr></table>"
            + empty_body_html("-")
        )
        self.browser.document().size()
        self.render_now(keep_position=False)

    @property
    def loading(self) -> bool:
        """Part of the body is still being rendered or shown (it is, a piece at a time)."""
        pending = (
            self._worker.generation_pending or self._builder.active or self._open_timer.isActive()
        )
        return (
            pending or self._html_feed.active or self._source_feed.active or self._awaiting_layout
        )

    def _cancel_work(self) -> None:
        self._render_timer.stop()
        self._open_timer.stop()
        self._open_text = None
        self._worker.cancel()
        self._html_feed.cancel()
        self._drop_build()
        self._source_feed.cancel()
        self._raw_line = None
        self._scroll_to = None

    def _fill_source(self, text: str) -> None:
        """Put ``text`` (line breaks folded) in the Source tab: a big one a piece at a time,
        read-only and without undo steps until all of it is there."""
        self._source_feed.cancel()
        self._source_text = text
        self._filling = True
        try:  # a 5 MB text left behind is freed in slices, not inside setPlainText
            replace_big_document(
                self.source, self.browser.shredder, safe_browser.BIG_DOCUMENT_CHARS
            )
            if len(text) <= FIRST_SOURCE_CHARS:
                self.source.setReadOnly(not self._has_article)
                self.source.setPlainText(text)
                return
            pieces = text_pieces(text, SOURCE_PIECE_CHARS)
            first = 0
            size = 0
            while first < len(pieces) and size + len(pieces[first]) <= FIRST_SOURCE_CHARS:
                size += len(pieces[first])
                first += 1
            self.source.setReadOnly(True)
            self.source.setPlainText("".join(pieces[: max(first, 1)]))
            self.source.document().setUndoRedoEnabled(False)
            self._source_feed.start(pieces[max(first, 1) :], SOURCE_PIECE_CHARS)
        finally:
            self._filling = False

    def _append_source(self, text: str) -> None:
        self._filling = True
        try:
            cursor = QTextCursor(self.source.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text)
        finally:
            self._filling = False

    def _source_fed(self) -> None:
        self.source.document().setUndoRedoEnabled(True)
        self.source.setReadOnly(not self._has_article)
        if self._raw_line is not None:
            self._highlight_raw_line()

    def render_now(self, keep_position: bool = True) -> None:
        """Render the source text into the Rendered tab now (normally done after a short pause);
        a big body is rendered on the worker thread and shown when ready."""
        if self._open_timer.isActive():
            return  # a big body being opened renders on the next turn (see _open_later)
        self._render_timer.stop()
        self._worker.cancel()
        self._html_feed.cancel()
        self._drop_build()
        # What the Source tab shows (toPlainText: non-breaking spaces as spaces), fed or not yet.
        body = self._source_text.replace("\u00a0", " ")
        if not self._source_feed.active:
            body = self.source.toPlainText()
        if not self._has_article:
            html = empty_body_html(self.tr("No article open."))
        elif not body or body.isspace():  # (strip() would copy a 5 MB body)
            html = empty_body_html(self.tr("This article has no body text."))
        elif len(body) > ASYNC_RENDER_CHARS:
            bar = self.browser.verticalScrollBar()
            self._scroll_to = bar.value() if keep_position else None
            if not keep_position:
                self._set_html(empty_body_html(self.tr("Preparing the body…")))
                self._body_shown = False
            # A preview of the start for a body just opened (Markdown takes long to render whole).
            preview = self._kind == MARKDOWN and not keep_position
            spec = RenderSpec(
                self._kind, self._shortcode_labels(), self.tr("Remote image, not loaded")
            )
            self._worker.submit(body, spec, preview=preview)
            return
        else:
            html = self._renderer()(body)
        bar = self.browser.verticalScrollBar()
        position = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        self._set_html(html)
        if position:
            bar.setValue(round(position * bar.maximum()))
        self.shown.emit(True)

    def _renderer(self) -> Callable[[str], str]:
        """The body's HTML from its text, for this kind of body and these words."""
        kind, labels = self._kind, self._shortcode_labels()
        remote = self.tr("Remote image, not loaded")
        return lambda text: review_html(text, kind, labels, remote)

    def shutdown(self) -> None:
        """Drop pending work and end the render process, if one runs (the window closes)."""
        self._cancel_work()
        self._worker.shutdown()
        self.browser.pacer.cancel()
        self.browser.shredder.finish_now()

    def _set_html(self, html: str) -> None:
        self._final_html = True
        self._awaiting_layout = False
        self.browser.setHtml(html)

    def _drop_build(self) -> None:
        """Stop building a big body's document; the half-built one is freed (in slices if big)."""
        document = self._builder.cancel()
        if document is None:
            return
        if document.characterCount() >= safe_browser.BIG_DOCUMENT_CHARS:
            self.browser.shredder.take(document)
        else:
            document.deleteLater()

    def _on_rendered(
        self, generation: int, final: bool, first: bool, last: bool, pieces: list[str]
    ) -> None:
        if generation != self._worker.generation:
            return
        if final and last:
            self._worker.done(generation)
        if not first:  # more of the body whose document is being built
            self._builder.extend(pieces, more=not last)
            return
        self._html_feed.cancel()
        self._drop_build()
        shown, size = 0, 0
        while shown < len(pieces) and (not shown or size + len(pieces[shown]) <= FIRST_HTML_CHARS):
            size += len(pieces[shown])
            shown += 1
        if final and (shown < len(pieces) or not last):
            # A big body: its document is built away from the view, which meanwhile shows what
            # it showed (the preview being read, the body before an edit) or else the body's
            # start, and then takes the whole (see _adopt).
            if not self._body_shown:
                more = empty_body_html(self.tr("Rendering the rest of the body…"))
                self._set_html("".join(pieces[:shown]) + more)
                self._body_shown = True
                self.shown.emit(False)
            self._builder.start(self.browser.document(), pieces, more=not last)
            return
        bar = self.browser.verticalScrollBar()
        if self._scroll_to is None and not self._final_html:  # the preview was being read
            self._scroll_to = bar.value()
        self._body_shown = True
        if not final:
            pieces = [*pieces, empty_body_html(self.tr("Rendering the rest of the body…"))]
        kept = self.browser.selection() if not self._final_html else None  # in the preview
        self._set_html("".join(pieces[:shown]))
        self.browser.restore_selection(kept)
        self._final_html = final
        self._restore_scroll()
        self.shown.emit(final and shown == len(pieces))
        self._html_feed.start(pieces[shown:], FIRST_HTML_CHARS)

    def _adopt(self, document: QTextDocument) -> None:
        """The whole document of a big body is built: the view shows it, laid out in slices,
        where the reader was in what it showed until now (the same start)."""
        self._scroll_to = self.browser.verticalScrollBar().value()
        self.browser.adopt_document(document)
        self._final_html = True
        self._awaiting_layout = True
        self._restore_scroll()

    def _laid_out(self) -> None:
        self._restore_scroll()
        if self._awaiting_layout:
            self._awaiting_layout = False
            self.shown.emit(True)

    def _on_render_failed(self, generation: int, message: str) -> None:
        if generation != self._worker.generation:
            return
        self._worker.done(generation)
        self._set_html(empty_body_html(self.tr("The body could not be shown: {0}").format(message)))
        self.shown.emit(True)

    def _append_html(self, html: str) -> None:
        append_html(self.browser.document(), html)
        self._restore_scroll()

    def _restore_scroll(self) -> None:
        if self._scroll_to is None:
            return
        bar = self.browser.verticalScrollBar()
        bar.setValue(min(self._scroll_to, bar.maximum()))
        if bar.maximum() >= self._scroll_to:
            self._scroll_to = None

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
        if self._filling or not self._has_article or self._source_feed.active:
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
