from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

from editor.core.article import Article
from editor.core.service import DocumentService
from editor.ui.article.body_view import BodyView

HOSTILE = """+++
title = "Hostile body"
+++

Read the [bad link](javascript:alert(document.cookie)) or the [good link](https://example.com/story).

<script>alert("owned")</script>
<p onclick="steal()" onmouseover="steal()">Paragraph with handlers</p>
<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a>

Jump to [the notes](#notes).

## Notes {#notes}

The end.
"""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Every URL anything tried to open in a browser (nothing really opens)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url)) or True)
    return urls


def write_article(root: Path, relpath: str, text: str) -> Article:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return DocumentService(root).load(path)


def browser(view: BodyView) -> QTextBrowser:
    found = view.findChild(QTextBrowser, "bodyView")
    assert found is not None
    return found


def source(view: BodyView) -> QPlainTextEdit:
    found = view.findChild(QPlainTextEdit, "bodySource")
    assert found is not None
    return found


def point_of(text_browser: QTextBrowser, text: str) -> QPoint:
    cursor = text_browser.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not in the rendered body"
    cursor.setPosition(cursor.selectionStart() + 2)
    return text_browser.cursorRect(cursor).center() + QPoint(2, 0)


def test_browser_is_configured_never_to_navigate(view: BodyView) -> None:
    text_browser = browser(view)
    assert not text_browser.openLinks() and not text_browser.openExternalLinks()
    assert [view.tabText(i) for i in range(view.count())] == ["Rendered", "Source"]


def test_scripts_and_handlers_never_reach_the_browser(view: BodyView, desk: Path) -> None:
    view.set_article(write_article(desk, "content/hostile.md", HOSTILE))
    html = browser(view).toHtml()
    assert "Paragraph with handlers" in browser(view).toPlainText()
    for needle in ("alert", "owned", "steal", "onclick", "javascript", "data:text"):
        assert needle not in html


def test_clicking_links_only_asks_the_window(
    qtbot, view: BodyView, desk: Path, opened: list[QUrl]
) -> None:
    view.set_article(write_article(desk, "content/hostile.md", HOSTILE))
    text_browser = browser(view)
    viewport = text_browser.viewport()
    with qtbot.assertNotEmitted(view.link_activated, wait=50):
        qtbot.mouseClick(
            viewport, Qt.MouseButton.LeftButton, pos=point_of(text_browser, "bad link")
        )
    with qtbot.waitSignal(view.link_activated, timeout=2000) as blocker:
        qtbot.mouseClick(
            viewport, Qt.MouseButton.LeftButton, pos=point_of(text_browser, "good link")
        )
    assert blocker.args[0] == "https://example.com/story"
    assert opened == []  # the view itself opens nothing, not even an http link
    assert text_browser.source().isEmpty()


def test_an_activated_javascript_url_is_handed_over_not_opened(
    qtbot, view: BodyView, desk: Path, opened: list[QUrl]
) -> None:
    view.set_article(write_article(desk, "content/hostile.md", HOSTILE))
    before = browser(view).toHtml()
    with qtbot.waitSignal(view.link_activated) as blocker:
        browser(view).anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert blocker.args[0] == "javascript:alert(1)"
    assert opened == []
    assert browser(view).toHtml() == before and browser(view).source().isEmpty()


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/a b",  # QUrl would make this a%20b, which the policy accepts
        "https://example.org\\@evil.example/",  # QUrl would make the backslash %5C
        "https://example.com/a%20b",  # QUrl would show this as a blank
        "https://аррӏе.com/",
    ],
)
def test_a_clicked_link_is_handed_over_as_written(
    qtbot, view: BodyView, desk: Path, href: str
) -> None:
    body = f'+++\ntitle = "x"\n+++\n\n<p>Before <a href="{href}">the link</a> after.</p>\n'
    view.set_article(write_article(desk, "content/links.md", body))
    text_browser = browser(view)
    with qtbot.waitSignal(view.link_activated, timeout=2000) as blocker:
        qtbot.mouseClick(
            text_browser.viewport(),
            Qt.MouseButton.LeftButton,
            pos=point_of(text_browser, "the link"),
        )
    assert isinstance(blocker.args[0], str) and blocker.args[0] == href


def test_a_link_activated_by_keyboard_is_handed_over_as_written(
    qtbot, view: BodyView, desk: Path
) -> None:
    href = "https://example.com/a b"
    body = f'+++\ntitle = "x"\n+++\n\n<p>Before <a href="{href}">the link</a> after.</p>\n'
    view.set_article(write_article(desk, "content/links.md", body))
    text_browser = browser(view)
    text_browser.setFocus()
    assert text_browser.focusNextPrevChild(True)  # QTextBrowser moves to its first link
    with qtbot.waitSignal(view.link_activated, timeout=2000) as blocker:
        qtbot.keyClick(text_browser, Qt.Key.Key_Return)
    assert isinstance(blocker.args[0], str) and blocker.args[0] == href


def test_a_hovered_look_alike_host_is_shown_in_punycode(qtbot, view: BodyView) -> None:
    with qtbot.waitSignal(view.link_hovered) as blocker:
        browser(view).highlighted.emit(QUrl("https://аррӏе.com/login"))
    assert blocker.args[0] == "https://xn--80ak6aa92e.com/login"
    with qtbot.waitSignal(view.link_hovered) as blocker:
        browser(view).highlighted.emit(QUrl("https://bücher.de/"))
    assert blocker.args[0] == "https://bücher.de/"


def test_fragment_links_scroll_inside_the_body(qtbot, view: BodyView, desk: Path) -> None:
    article = write_article(
        desk,
        "content/long.md",
        "+++\ntitle = 'x'\n+++\n\n[notes](#notes)\n\n"
        + "Filler paragraph.\n\n" * 80
        + "## Notes {#notes}\n\nEnd.\n",
    )
    view.set_article(article)
    bar = browser(view).verticalScrollBar()
    assert bar.value() == 0
    with qtbot.assertNotEmitted(view.link_activated):
        browser(view).anchorClicked.emit(QUrl("#notes"))
    assert bar.value() > 0


def test_set_article_shows_unsaved_body_without_reporting_an_edit(
    qtbot, view: BodyView, sample_desk: Path
) -> None:
    article = DocumentService(sample_desk).load(
        sample_desk / "content/technology/quillon-robotics-picking-arm.md"
    )
    article.set_body(article.body + "\nAn unsaved closing line.\n")
    with qtbot.assertNotEmitted(view.body_edited):
        view.set_article(article)
    assert source(view).toPlainText() == article.body
    assert "An unsaved closing line." in browser(view).toPlainText()
    assert "How it works" in browser(view).toPlainText()
    assert "<h2" not in source(view).toPlainText()


def test_html_files_are_not_read_as_markdown(view: BodyView, desk: Path) -> None:
    view.set_article(
        write_article(
            desk,
            "content/page.html",
            "+++\ntitle = 'x'\n+++\n# not a heading\n<p><b>bold</b></p>\n",
        )
    )
    text = browser(view).toPlainText()
    assert "# not a heading" in text
    assert "bold" in text


def test_source_edit_reports_the_body_and_rerenders_after_a_pause(
    qtbot, view: BodyView, sample_desk: Path
) -> None:
    article = DocumentService(sample_desk).load(
        sample_desk / "content/technology/quillon-robotics-picking-arm.md"
    )
    view.set_article(article)
    view.setCurrentIndex(1)
    editor = source(view)
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # QTest types printable ASCII only
    bodies: list[str] = []
    view.body_edited.connect(bodies.append)
    qtbot.keyClicks(editor, "## Late heading")
    assert len(bodies) == len(
        "## Late heading"
    )  # one report per keystroke, the whole body each time
    assert bodies[-1] == article.split.body + "\n## Late heading"
    assert view.render_pending
    assert "Late heading" not in browser(view).toPlainText()
    qtbot.waitUntil(lambda: "Late heading" in browser(view).toPlainText(), timeout=3000)
    assert "## Late" not in browser(view).toPlainText()


class _CountingHandler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def counting_server():
    _CountingHandler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _CountingHandler.hits
    server.shutdown()
    server.server_close()


def test_no_remote_content_is_ever_fetched(
    qtbot, view: BodyView, desk: Path, counting_server
) -> None:
    base, hits = counting_server
    text_browser = browser(view)
    image = QTextDocument.ResourceType.ImageResource.value
    assert text_browser.loadResource(image, QUrl(f"{base}/direct.png")) is None
    assert (
        text_browser.loadResource(
            QTextDocument.ResourceType.StyleSheetResource.value, QUrl(f"{base}/s.css")
        )
        is None
    )
    body = f'+++\ntitle = "x"\n+++\n\n![remote]({base}/cover.png)\n\n<img src="//127.0.0.1:{base.rsplit(":", 1)[1]}/pr.png">\n'
    view.set_article(write_article(desk, "content/remote.md", body))
    # the raw tag too, as if a body slipped past the renderer
    text_browser.setHtml(
        f'<p><img src="{base}/raw.png"></p><link rel="stylesheet" href="{base}/x.css">'
    )
    qtbot.wait(100)
    assert hits == []


def test_remote_images_show_as_links_to_them(view: BodyView, desk: Path) -> None:
    view.set_article(
        write_article(
            desk,
            "content/remote.md",
            '+++\ntitle = "x"\n+++\n\n![The cover](https://cdn.example.com/c.png)\n',
        )
    )
    text_browser = browser(view)
    assert "Remote image, not loaded: The cover" in text_browser.toPlainText()
    assert 'href="https://cdn.example.com/c.png"' in text_browser.toHtml()


def test_local_images_load_only_from_the_article_and_static_folders(
    view: BodyView, sample_desk: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    QImage(4, 4, QImage.Format.Format_RGB32).save(str(secret))
    article = write_article(
        sample_desk,
        "content/technology/with-image.md",
        '+++\ntitle = "x"\n+++\n\n![cover](/images/desk-cover.png)\n',
    )
    view.set_article(article)
    text_browser = browser(view)
    image = QTextDocument.ResourceType.ImageResource.value
    loaded = text_browser.loadResource(image, QUrl("/images/desk-cover.png"))
    assert isinstance(loaded, QImage) and not loaded.isNull()
    assert text_browser.loadResource(image, QUrl("../../../secret.png")) is None
    assert text_browser.loadResource(image, QUrl.fromLocalFile(str(secret))) is None
    assert text_browser.loadResource(image, QUrl("/images/missing.png")) is None
    # the one rule of core.images: "/x" is the static folder, "x" the article's folder
    QImage(6, 6, QImage.Format.Format_RGB32).save(str(article.path.parent / "beside.png"))
    assert isinstance(text_browser.loadResource(image, QUrl("beside.png")), QImage)
    assert text_browser.loadResource(image, QUrl("/beside.png")) is None
    assert text_browser.loadResource(image, QUrl("../../static/images/desk-cover.png")) is None


def test_no_article_shows_a_placeholder_and_ignores_typing(qtbot, view: BodyView) -> None:
    view.set_article(None)
    assert "No article open" in browser(view).toPlainText()
    assert source(view).isReadOnly()


def test_editing_the_source_keeps_line_endings_and_spaces_outside_the_edit(qtbot, tmp_path) -> None:
    from editor.core.service import DocumentService

    path = tmp_path / "crlf.md"
    path.write_bytes(
        '\ufeff+++\r\ntitle = "T"\r\n+++\r\n<p>5\u00a0000 euros</p>\r\n<p>end</p>\r\n'.encode()
    )
    article = DocumentService(tmp_path).load(path)
    view = BodyView()
    qtbot.addWidget(view)
    view.set_article(article)
    edited = []
    view.body_edited.connect(edited.append)
    cursor = view.source.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    view.source.setTextCursor(cursor)
    qtbot.keyClicks(view.source, "more")
    article.set_body(edited[-1])
    assert article.bytes_to_save() == (
        '\ufeff+++\r\ntitle = "T"\r\n+++\r\n<p>5\u00a0000 euros</p>\r\n<p>end</p>\r\nmore'.encode()
    )
