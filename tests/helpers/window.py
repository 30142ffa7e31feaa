"""Helpers shared by the window tests (imported as tests.helpers.window)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from editor.ui.desk.article_model import Column, Role
from editor.ui.window.main_window import MainWindow

DRAFTS = {
    "world/vallombra-water-rationing.md",
    "world/lower-marsh-flood-barrier-vote.md",
    "business/halden-riverside-merger-talks.md",
}
BROKEN = "business/broken-front-matter.md"
LANCHI = "technology/shenzhen-lanchi-semi-solid-battery.md"
LANCHI_TITLE = "深圳电动车企澜驰汽车发布首款半固态电池样车"


def shown_paths(window: MainWindow) -> list[str]:
    return [window.proxy.index(row, 0).data(Role.PATH) for row in range(window.proxy.rowCount())]


def column_texts(window: MainWindow, column: Column) -> list[str]:
    return [window.proxy.index(row, column).data() for row in range(window.proxy.rowCount())]


def select_rows(window: MainWindow, paths: list[str]) -> None:
    selection = window.list_view.selectionModel()
    selection.clearSelection()
    for number, path in enumerate(paths):
        index = window.proxy.proxy_index_of(path)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if number == 0:
            selection.setCurrentIndex(index, flags | QItemSelectionModel.SelectionFlag.Clear)
        else:
            selection.select(index, flags)


def title_field(window: MainWindow) -> QLineEdit:
    field = window.findChild(QLineEdit, "field_title")
    assert field is not None
    return field


def type_title(qtbot, window: MainWindow, text: str) -> None:
    """Replace the title as a person would: select all, then type (CJK arrives from an input method)."""
    field = title_field(window)
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(field, event)
    assert field.text() == text
