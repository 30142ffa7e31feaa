"""Big bodies: rendered off the GUI thread, shown a piece at a time, and all of it in the end.

The sizes that make a body "big" are lowered here, so that small test bodies take the same path a
5 MB one does (worker thread, preview, pieces on idle turns) without the seconds it costs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from editor.core.article import Article
from editor.core.render import render_body
from editor.core.service import DocumentService
from editor.ui.article import body_build, body_feed, body_view, safe_browser
from editor.ui.article.body_view import BodyView
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import select_rows, title_field, type_title

SEED = Path(__file__).parents[2] / "helpers" / "data" / "seed-article.md"


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_view, "ASYNC_RENDER_CHARS", 2_000)
    monkeypatch.setattr(body_view, "FIRST_SOURCE_CHARS", 3_000)
    monkeypatch.setattr(body_view, "SOURCE_PIECE_CHARS", 700)
    monkeypatch.setattr(body_view, "FIRST_HTML_CHARS", 2_000)
    monkeypatch.setattr(body_feed, "PIECE_CHARS", 400)
    monkeypatch.setattr(body_feed, "PREVIEW_CHARS", 1_500)
    monkeypatch.setattr(body_feed, "BATCH_CHARS", 3_000)  # the HTML comes in several answers
    monkeypatch.setattr(body_feed, "TURN_MS", 0.01)  # a turn as small as it gets: many turns


def markdown_body(sections: int) -> str:
    parts = []
    for number in range(sections):
        parts.append(
            f"## Section {number}\n\nA paragraph with *emphasis*, a [link](https://example.com/"
            f"{number}) and a footnote[^{number}].\n\n- item one of {number}\n- item two\n\n"
            f"1. first\n2. second\n\n> quoted {number}\n\n```\ncode {number}\n\nstill code\n```\n\n"
            f"| a | b |\n|---|---|\n| {number} | cell |\n\n---\n\n[^{number}]: Note {number}.\n\n"
        )
    return "".join(parts) + "The end of the body."


def html_body(sections: int) -> str:
    return (
        "".join(
            f"<h2>Part {n}</h2><p>Text <b>{n}</b> with <a href='https://example.com/{n}'>a link</a>"
            f"</p>\n<ul><li>one</li><li>two {n}</li></ul><table><tr><td>{n}</td><td>x</td></tr>"
            f"</table><blockquote><p>q {n}</p></blockquote>\n"
            for n in range(sections)
        )
        + "<p>The end of the body.</p>"
    )


def write(root: Path, relpath: str, body: str) -> Article:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'+++\ntitle = "Big {relpath}"\n+++\n{body}', encoding="utf-8")
    return DocumentService(root).load(path)


def blocks(document: QTextDocument) -> list[tuple[object, ...]]:
    """What a reader sees of a document, block by block: text, list, table, margins, heading."""
    found = []
    block = document.begin()
    while block.isValid():
        form = block.blockFormat()
        found.append(
            (
                block.text(),
                block.textList().format().style() if block.textList() else None,
                document.frameAt(block.position()) is not document.rootFrame(),
                round(form.topMargin()),
                round(form.bottomMargin()),
                round(form.leftMargin()),
                form.headingLevel(),
                form.nonBreakableLines(),
            )
        )
        block = block.next()
    return found


def rendered_at_once(view: BodyView, body: str, kind: str) -> QTextDocument:
    """The document one setHtml of the whole rendered body makes (with the view's stylesheet)."""
    reference = QTextBrowser()
    reference.document().setDefaultStyleSheet(view.browser.document().defaultStyleSheet())
    reference.setHtml(render_body(body, kind, view._shortcode_labels()))
    document = reference.document().clone()
    reference.deleteLater()
    return document


def wait_shown(qtbot, view: BodyView) -> None:
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)


@pytest.mark.parametrize(
    ("name", "make_body", "kind"),
    [("big.md", markdown_body, "markdown"), ("big.html", html_body, "html")],
)
def test_a_big_body_opens_in_pieces_and_ends_up_fully_shown(
    qtbot,
    view: BodyView,
    tmp_path: Path,
    small_pieces: None,
    name: str,
    make_body: Callable[[int], str],
    kind: str,
) -> None:
    body = make_body(40)
    article = write(tmp_path, name, body)
    shown: list[bool] = []
    edited: list[str] = []
    view.shown.connect(shown.append)
    view.body_edited.connect(edited.append)
    view.set_article(article)
    # Nothing of it is laid out at once, and the half-filled source cannot be typed into.
    assert view.loading and view.source.isReadOnly()
    assert len(view.source.toPlainText()) < len(body)
    wait_shown(qtbot, view)
    assert shown[-1] is True and shown.count(True) == 1
    if kind == "markdown":
        assert shown[0] is False  # a preview of the start came first
    assert view.source.toPlainText() == body
    assert not view.source.isReadOnly()
    assert edited == [] and not article.is_dirty  # filling the Source tab is no edit
    assert blocks(view.browser.document()) == blocks(rendered_at_once(view, body, kind))
    assert "The end of the body." in view.browser.toPlainText()


def test_a_big_body_can_be_edited_once_shown(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    article = write(tmp_path, "big.md", markdown_body(20))
    view.set_article(article)
    wait_shown(qtbot, view)
    edited: list[str] = []
    view.body_edited.connect(edited.append)
    qtbot.keyClicks(view.source, "Typed ")
    assert edited and edited[-1] == "Typed " + article.split.body
    view.render_now()
    wait_shown(qtbot, view)
    assert view.browser.toPlainText().startswith("Typed ## Section 0")
    assert view.browser.toPlainText().endswith("Note 19. ↩︎")  # toPlainText: nbsp as a space


def test_switching_articles_mid_way_shows_the_new_one_only(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    big = write(tmp_path, "big.md", markdown_body(60))
    other = write(tmp_path, "other.md", html_body(30))
    small = write(tmp_path, "small.md", "Just a *short* body.")
    view.set_article(big)
    qtbot.waitUntil(lambda: "Section 0" in view.browser.toPlainText(), timeout=10_000)
    assert view.loading  # part of it is still to come
    view.set_article(other)
    view.set_article(small)  # before the other one had its turn
    assert not view.loading
    qtbot.wait(300)  # late results of the big and the other body, if any, must not arrive
    assert view.browser.toPlainText() == "Just a short body."
    assert view.source.toPlainText() == "Just a *short* body."
    view.set_article(other)
    wait_shown(qtbot, view)
    assert "Section" not in view.browser.toPlainText() and "Part 29" in view.browser.toPlainText()
    assert view.source.toPlainText() == other.split.body


def test_a_big_unreadable_file_shows_its_error_line_once_it_is_there(
    qtbot, view: BodyView, small_pieces: None
) -> None:
    text = "".join(f"line {number} of the file\n" for number in range(2_000))
    view.show_raw(text, 1_500)
    wait_shown(qtbot, view)
    assert view.source.toPlainText() == text
    assert view.error_line == 1_500 and view.source.isReadOnly()


def test_the_form_can_be_edited_while_a_big_body_opens(
    qtbot, make_window: Callable[..., MainWindow], tmp_path: Path, small_pieces: None
) -> None:
    desk = tmp_path / "desk"
    write(desk, "big.md", markdown_body(80))
    window = make_window(desk)
    select_rows(window, ["big.md"])
    qtbot.waitUntil(lambda: window.session.article is not None, timeout=5_000)
    assert window.body.loading
    type_title(qtbot, window, "Retitled")
    assert window.session.article.current_metadata()["title"] == "Retitled"
    wait_shown(qtbot, window.body)
    assert title_field(window).text() == "Retitled"
    assert window.body.source.toPlainText() == window.session.article.body


def test_a_seed_article_renders_as_before(qtbot, view: BodyView, tmp_path: Path) -> None:
    # Seed-sized bodies render at once, on the GUI thread, exactly as one setHtml shows them.
    article = write(tmp_path, "seed.md", SEED.read_text(encoding="utf-8").split("+++\n", 2)[2])
    shown: list[bool] = []
    view.shown.connect(shown.append)
    view.set_article(article)
    assert shown == [True] and not view.loading
    reference = rendered_at_once(view, article.body, "markdown")
    assert blocks(view.browser.document()) == blocks(reference)
    expected = (Path(__file__).parents[2] / "helpers" / "data" / "seed-article.html").read_text(
        encoding="utf-8"
    )
    assert render_body(article.body, "markdown") == expected


def test_a_big_document_left_behind_is_freed_in_slices_on_idle_turns(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shiboken6

    # Freeing a 5 MB Markdown body's document at once held the window for 200-240 ms.
    monkeypatch.setattr(safe_browser, "BIG_DOCUMENT_CHARS", 5_000)
    monkeypatch.setattr(body_feed, "SHRED_MIN_CHARS", 1_000)
    big = write(tmp_path, "big.md", markdown_body(40))
    small = write(tmp_path, "small.md", "Just a *short* body.")
    view.set_article(big)
    wait_shown(qtbot, view)
    old = view.browser.document()
    style = old.defaultStyleSheet()
    left: list[int] = []  # its size at each of the shredder's turns
    shredder = view.browser.shredder
    turn = shredder._turn
    shredder._timer.timeout.disconnect()
    shredder._timer.timeout.connect(
        lambda: (left.append(old.characterCount()) if shiboken6.isValid(old) else None, turn())
    )
    view.set_article(small)
    assert view.browser.document() is not old and shiboken6.isValid(old)
    assert view.browser.document().defaultStyleSheet() == style
    assert view.browser.toPlainText() == "Just a short body."
    assert blocks(view.browser.document()) == blocks(rendered_at_once(view, small.body, "markdown"))
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=5_000)
    assert len(set(left)) >= 3 and left == sorted(left, reverse=True)  # in slices, not at once
    assert not view.browser.shredder.busy
    view.set_article(big)  # and the fresh document takes a big body as the first one did
    wait_shown(qtbot, view)
    assert blocks(view.browser.document()) == blocks(rendered_at_once(view, big.body, "markdown"))


def test_a_big_source_text_left_behind_is_freed_in_slices_and_the_next_is_editable(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shiboken6

    monkeypatch.setattr(safe_browser, "BIG_DOCUMENT_CHARS", 5_000)
    monkeypatch.setattr(body_feed, "SHRED_MIN_CHARS", 1_000)
    big = write(tmp_path, "big.md", markdown_body(40))
    small = write(tmp_path, "small.md", "Just a *short* body.")
    view.set_article(big)
    wait_shown(qtbot, view)
    old = view.source.document()
    font = old.defaultFont()
    view.set_article(small)
    assert view.source.document() is not old
    assert view.source.document().defaultFont() == font
    assert view.source.toPlainText() == "Just a *short* body."
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=5_000)
    edits: list[str] = []
    view.body_edited.connect(edits.append)
    view.source.moveCursor(QTextCursor.MoveOperation.End)
    view.source.insertPlainText(" More.")
    assert edits and edits[-1] == "Just a *short* body. More."
    view.set_article(big)
    wait_shown(qtbot, view)
    assert view.source.toPlainText() == big.body


@pytest.mark.parametrize("size", ["small", "big"])
def test_headings_no_link_points_to_add_no_formats_and_linked_ones_still_scroll(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, size: str
) -> None:
    # Each heading id was a format of its own, all in one of QTextDocument's hash chains: a 5 MB
    # body's 8,000 headings made every append slower than the last (quadratic).
    sections = 300 if size == "big" else 12
    body = "[to the last](#heading-last)\n\n" + "".join(
        f"## Heading {number}\n\nText {number}.\n\n" for number in range(sections)
    )
    body += "Filler paragraph.\n\n" * 60 + "## Heading last\n\nThe end.\n"
    # The small body renders at once on the GUI thread, the big one in the render process.
    assert (len(body) > body_view.ASYNC_RENDER_CHARS) == (size == "big")
    view.set_article(write(tmp_path, "headings.md", body))
    wait_shown(qtbot, view)
    document = view.browser.document()
    assert len(document.allFormats()) < 20  # was one more per heading
    assert blocks(document) == blocks(rendered_at_once(view, body, "markdown"))
    bar = view.browser.verticalScrollBar()
    bar.setValue(0)
    view.browser.anchorClicked.emit(QUrl("#heading-last"))
    assert bar.value() > 0


@pytest.mark.parametrize(
    ("name", "make_body", "kind"),
    [("big.md", markdown_body, "markdown"), ("big.html", html_body, "html")],
)
def test_a_big_body_is_built_away_from_the_view_and_taken_whole(
    qtbot,
    view: BodyView,
    tmp_path: Path,
    small_pieces: None,
    name: str,
    make_body: Callable[[int], str],
    kind: str,
) -> None:
    # Appending to the document a view shows cost each piece a scan of the whole document (its
    # frames) and a walk of its layout: a 5 MB body's feed took 20-25 s, its turns up to 170 ms.
    body = make_body(60)
    shown: list[tuple[bool, int]] = []
    view.shown.connect(lambda whole: shown.append((whole, id(view.browser.document()))))
    view.set_article(write(tmp_path, name, body))
    qtbot.waitUntil(lambda: view._builder.active or not view.loading, timeout=10_000)
    first = view.browser.document()  # the start, or the preview of a Markdown body
    added: list[int] = []
    first.contentsChange.connect(lambda _at, _gone, more: added.append(more))
    wait_shown(qtbot, view)
    assert added == []  # nothing was appended to the document shown meanwhile
    assert view.browser.document() is not first  # the whole one took its place
    assert [whole for whole, _ in shown] == [False, True]
    assert shown[-1][1] == id(view.browser.document())
    assert blocks(view.browser.document()) == blocks(rendered_at_once(view, body, kind))


def test_a_big_document_is_laid_out_a_slice_at_a_time_once_shown(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt's own lazy layout takes steps of up to 200,000 characters (90-200 ms each, 5 MB).
    monkeypatch.setattr(body_build, "LAYOUT_FIRST_CHARS", 300)
    body = html_body(80)
    turns: list[int] = []
    pacer = view.browser.pacer
    pacer._timer.timeout.connect(lambda: turns.append(view.browser.document().characterCount()))
    whole: list[bool] = []
    view.shown.connect(lambda complete: whole.append(complete and not pacer.active))
    view.set_article(write(tmp_path, "big.html", body))
    wait_shown(qtbot, view)
    assert len(turns) >= 3 and whole[-1] is True and not pacer.active
    # All of it is laid out, and the scroll bar knows its whole height (not an estimate).
    height = view.browser.document().documentLayout().documentSize().height()
    bar = view.browser.verticalScrollBar()
    assert abs(bar.maximum() - (height - view.browser.viewport().height())) <= 2
    # A new width: Qt lays it all out again, and the pacer takes that on too.
    monkeypatch.setattr(safe_browser, "PACED_CHARS", 1_000)
    turns.clear()
    view.resize(view.width() + 150, view.height())
    assert pacer.active and view.loading is False  # (shown whole already: nothing pending)
    qtbot.waitUntil(lambda: not pacer.active, timeout=10_000)
    assert len(turns) >= 3 and whole.count(True) == 1


def test_the_render_process_is_started_off_the_gui_thread(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.process
    import threading

    # Starting a process held the GUI thread 20-60 ms on a busy machine, inside the open.
    starters: list[str] = []
    start = multiprocessing.process.BaseProcess.start

    def recorded(process: multiprocessing.process.BaseProcess) -> None:
        starters.append(threading.current_thread().name)
        start(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", recorded)
    body = markdown_body(30)
    view.set_article(write(tmp_path, "big.md", body))
    wait_shown(qtbot, view)
    assert starters and threading.main_thread().name not in starters
    assert blocks(view.browser.document()) == blocks(rendered_at_once(view, body, "markdown"))
    # Stopped at once (before or after its process started), a child is gone for good.
    child = body_feed._Child(view._worker)
    child.stop()
    assert not child.alive
    qtbot.waitUntil(
        lambda: not child._process.is_alive() if child._started else True, timeout=5_000
    )


def test_a_big_body_built_away_from_the_view_still_loads_its_local_images(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    from PySide6.QtGui import QImage

    from editor.ui.article.safe_browser import SafeTextBrowser

    # The document is made apart from the view: its images still come through the view's
    # loadResource (the article's folder), not from anywhere Qt would look by itself.
    body = html_body(40) + '<p><img src="beside.png" alt="a picture"></p>'
    article = write(tmp_path, "news/big.html", body)
    QImage(6, 6, QImage.Format.Format_RGB32).save(str(article.path.parent / "beside.png"))
    asked: list[str] = []
    load = SafeTextBrowser.loadResource

    def recorded(browser: SafeTextBrowser, kind: int, url: QUrl) -> object:
        asked.append(QUrl(url).toString())
        return load(browser, kind, url)

    view.browser.loadResource = lambda kind, url: recorded(view.browser, kind, url)  # type: ignore[method-assign]
    view.set_article(article)
    wait_shown(qtbot, view)
    image = view.browser.document().resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("beside.png")
    )
    assert asked.count("beside.png") >= 1 and isinstance(image, QImage) and not image.isNull()


def test_a_big_body_fills_its_source_and_starts_its_render_after_the_open_s_own_turn(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    # The open's turn (the file read, the form, its checks) held the window 60-110 ms with a
    # 5 MB body; the Source tab's first piece and the render's start (25 ms) now come after it.
    body = markdown_body(30)
    submitted: list[int] = []
    submit = view._worker.submit
    view._worker.submit = lambda *a, **k: submitted.append(1) or submit(*a, **k)  # type: ignore[method-assign]
    view.set_article(write(tmp_path, "big.md", body))
    assert view.loading and view.source.toPlainText() == "" and view.source.isReadOnly()
    assert submitted == [] and "Preparing the body" in view.browser.toPlainText()
    view.render_now()  # (a render asked for meanwhile waits for the open's next turn)
    assert submitted == []
    qtbot.waitUntil(lambda: bool(submitted), timeout=5_000)
    assert submitted == [1] and view.source.toPlainText()
    wait_shown(qtbot, view)
    assert view.source.toPlainText() == body and not view.source.isReadOnly()
