"""The open article's session: how edits reach the cover thumbnail."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from editor.ui.window.main_window import MainWindow
from editor.ui.window.window_state import window_state
from tests.helpers.window import LANCHI


@pytest.fixture
def loads(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every image reference the window asks its loader for."""
    asked: list[str] = []
    original = window.loader.load

    def load(reference: str, places: object) -> None:
        asked.append(reference)
        original(reference, places)

    monkeypatch.setattr(window.loader, "load", load)
    return asked


def test_opening_an_article_loads_its_cover_at_once(window: MainWindow, loads: list[str]) -> None:
    assert window.select_path(LANCHI)
    assert loads == [window.session.article.value("enclosure")]


def test_typing_a_cover_address_loads_it_once_after_the_typing(
    qtbot, window: MainWindow, loads: list[str]
) -> None:
    assert window.select_path(LANCHI)
    loads.clear()
    field = window.findChild(QLineEdit, "field_enclosure")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "/images/desk-cover.png")
    assert loads == []  # not one request per keystroke
    qtbot.waitUntil(lambda: loads != [])
    assert loads == ["/images/desk-cover.png"]


def test_a_cover_key_in_any_case_is_the_cover(
    make_window, sample_desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hugo folds keys to lower case: "Enclosure" is the cover, as the validation already says
    story = sample_desk / "content" / "world" / "capitals.md"
    story.write_text(
        '+++\ntitle = "Capitals"\nEnclosure = "/images/desk-cover.png"\n+++\nBody\n',
        encoding="utf-8",
    )
    window = make_window(sample_desk)
    asked: list[str] = []
    original = window.loader.load

    def load(reference: str, places: object) -> None:
        asked.append(reference)
        original(reference, places)

    monkeypatch.setattr(window.loader, "load", load)
    assert window.select_path("world/capitals.md")
    assert asked == ["/images/desk-cover.png"]
    assert window_state(window).has_cover
