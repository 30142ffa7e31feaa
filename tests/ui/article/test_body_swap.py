"""A big body's whole document takes the place of its start (or of its preview): what the reader
selected there, or found with the browser's find, stays selected.

The sizes that make a body "big" are lowered, as in test_body_progressive.py, so that small test
bodies take the 5 MB path (render process, preview, a document built away from the view).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from editor.core.article import Article
from editor.core.service import DocumentService
from editor.ui.article import body_feed, body_view
from editor.ui.article.body_view import BodyView


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_view, "ASYNC_RENDER_CHARS", 2_000)
    monkeypatch.setattr(body_view, "FIRST_SOURCE_CHARS", 3_000)
    monkeypatch.setattr(body_view, "SOURCE_PIECE_CHARS", 700)
    monkeypatch.setattr(body_view, "FIRST_HTML_CHARS", 2_000)
    monkeypatch.setattr(body_feed, "PIECE_CHARS", 400)
    monkeypatch.setattr(body_feed, "PREVIEW_CHARS", 1_500)
    monkeypatch.setattr(body_feed, "BATCH_CHARS", 3_000)
    monkeypatch.setattr(body_feed, "TURN_MS", 0.01)  # many small turns: time to select


def markdown_body(sections: int) -> str:
    return "".join(
        f"## Section {n}\n\nA paragraph with *emphasis* and a [link](https://example.com/{n}).\n\n"
        f"- item one of {n}\n- item two\n\n> quoted {n}\n\n| a | b |\n|---|---|\n| {n} | c |\n\n"
        for n in range(sections)
    )


def html_body(sections: int) -> str:
    return "".join(
        f"<h2>Part {n}</h2><p>Text <b>{n}</b> with <a href='https://example.com/{n}'>a link</a>"
        f"</p>\n<table><tr><td>{n}</td><td>x</td></tr></table>\n"
        for n in range(sections)
    )


def write(root: Path, relpath: str, body: str) -> Article:
    path = root / relpath
    path.write_text(f'+++\ntitle = "Big"\n+++\n{body}', encoding="utf-8")
    return DocumentService(root).load(path)


def select(view: BodyView, text: str) -> tuple[int, int]:
    """Select ``text`` in the Rendered tab as the reader would (its first occurrence)."""
    found = view.browser.document().find(text)
    assert not found.isNull(), text
    view.browser.setTextCursor(found)
    return found.anchor(), found.position()


@pytest.mark.parametrize(
    ("name", "make_body", "words"),
    [
        ("big.md", markdown_body, "paragraph with emphasis"),  # over the preview
        ("big.html", html_body, "Text 1 with a"),  # over the body's start
    ],
)
def test_a_selection_in_the_start_stays_when_the_whole_document_swaps_in(
    qtbot,
    view: BodyView,
    tmp_path: Path,
    small_pieces: None,
    name: str,
    make_body: Callable[[int], str],
    words: str,
) -> None:
    view.set_article(write(tmp_path, name, make_body(80)))
    qtbot.waitUntil(lambda: view._builder.active, timeout=10_000)
    shown = view.browser.document()
    selected = select(view, words)
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert view.browser.document() is not shown  # the whole document took the start's place
    cursor = view.browser.textCursor()
    assert cursor.selectedText() == words
    assert (cursor.anchor(), cursor.position()) == selected
    assert cursor.document() is view.browser.document()


def test_the_current_find_match_stays_when_the_whole_document_swaps_in(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    view.set_article(write(tmp_path, "big.html", html_body(80)))
    qtbot.waitUntil(lambda: view._builder.active, timeout=10_000)
    assert view.browser.find("Part 3")  # the browser's find: the match becomes the selection
    at = view.browser.textCursor().position()
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert view.browser.textCursor().selectedText() == "Part 3"
    assert view.browser.textCursor().position() == at
    # ... and find goes on from there in the whole document.
    assert view.browser.find("Part 79") and view.browser.textCursor().selectedText() == "Part 79"


def test_a_selection_reaching_past_what_was_shown_is_not_kept_broken(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None
) -> None:
    # The shown start ends with "Rendering the rest of the body…": a selection over those words
    # has no counterpart in the whole document, and nothing wrong is selected in its place.
    view.set_article(write(tmp_path, "big.html", html_body(80)))
    qtbot.waitUntil(lambda: view._builder.active, timeout=10_000)
    cursor = view.browser.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    view.browser.setTextCursor(cursor)
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert not view.browser.textCursor().hasSelection()


def test_a_selection_in_the_preview_stays_when_the_whole_body_replaces_it_at_once(
    qtbot, view: BodyView, tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A body whose whole HTML is shown in one go (no document built apart) replaces the preview.
    monkeypatch.setattr(body_view, "FIRST_HTML_CHARS", 1_000_000)
    monkeypatch.setattr(body_feed, "BATCH_CHARS", 1_000_000)
    view.set_article(write(tmp_path, "big.md", markdown_body(40)))
    qtbot.waitUntil(
        lambda: "Rendering the rest" in view.browser.toPlainText(), timeout=10_000
    )  # the preview
    selected = select(view, "quoted 2")
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert "Section 39" in view.browser.toPlainText() and not view._builder.active
    cursor = view.browser.textCursor()
    assert (cursor.selectedText(), cursor.anchor(), cursor.position()) == ("quoted 2", *selected)
