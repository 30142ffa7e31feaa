"""An unreadable file can be fixed: its text shown with the error's line, and ways to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QPushButton

from editor.ui.window.main_window import MainWindow
from tests.helpers.window import BROKEN, LANCHI


def test_an_unreadable_file_shows_its_text_with_the_error_line(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / BROKEN
    before = path.read_bytes()
    assert window.select_path(BROKEN)
    body = window.body
    assert body.currentWidget() is body.source
    assert body.source.toPlainText() == before.decode()
    assert body.source.isReadOnly()
    assert body.error_line == 2  # "Malformed TOML front matter" is on line 2
    assert body.source.textCursor().blockNumber() == 1
    bar = window.unreadable_bar
    assert bar.isVisible() and "Line 2" in bar.label.text()
    assert window.select_path(LANCHI)
    assert not bar.isVisible()
    assert body.error_line is None and not body.source.isReadOnly()
    assert path.read_bytes() == before


def test_the_bar_opens_the_file_or_its_folder_on_the_desktop(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    path = (sample_desk / "content" / BROKEN).resolve()
    assert window.select_path(BROKEN)
    window.unreadable_bar.findChild(QPushButton, "openInEditor").click()
    window.unreadable_bar.findChild(QPushButton, "showInFolder").click()
    assert asked.opened == [
        QUrl.fromLocalFile(str(path)).toString(),
        QUrl.fromLocalFile(str(path.parent)).toString(),
    ]


def test_the_next_readable_article_gets_the_tab_back(window: MainWindow) -> None:
    body = window.body
    body.setCurrentWidget(body.browser)
    assert window.select_path(BROKEN)
    assert body.currentWidget() is body.source
    assert window.select_path(LANCHI)
    assert body.currentWidget() is body.browser
