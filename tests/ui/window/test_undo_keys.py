"""Ctrl+Z / Ctrl+Shift+Z go to the window's undo order (form edits, then an action's write) from
every field editor, never to the input widget's own undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI

HALDEN = "business/halden-riverside-merger-talks.md"
TAGGED = '+++\ntitle = "Tagged"\ntags = ["energy"]\ndraft = true\n+++\nBody\n'


def _press(qtbot, widget: QWidget, key: QKeySequence.StandardKey) -> None:
    combination = QKeySequence(key)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def _activate(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _input(window: MainWindow, key: str) -> QWidget:
    editor = window.form.editor(key)
    assert editor is not None
    return editor.input


def _toggle_draft(qtbot, window: MainWindow, focused: QWidget) -> None:
    qtbot.keyClick(focused, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.bulk.running, timeout=10_000)


def _text(widget: QWidget) -> str:
    return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()


def test_ctrl_z_in_the_title_undoes_the_draft_write_the_status_offers(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    """The tester's steps: the field's own undo cleared " TYPED", the file stayed a draft, and the
    toolbar's Undo then recorded the field's undo as an edit of its own."""
    path = sample_desk / "content" / HALDEN
    before = path.read_bytes()
    assert window.select_path(HALDEN)
    _activate(qtbot, window)
    field = _input(window, "title")
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " TYPED")
    typed = field.text()
    assert typed.endswith(" TYPED")
    _toggle_draft(qtbot, window, field)
    written = path.read_bytes()
    assert written != before
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    field = _input(window, "title")
    qtbot.waitUntil(field.hasFocus)

    _press(qtbot, field, QKeySequence.StandardKey.Undo)
    assert path.read_bytes() == before  # the write the status offered, undone
    assert field.text() == typed  # the unsaved typing stays, shown
    assert window.session.article.value("title") == typed
    _press(qtbot, field, QKeySequence.StandardKey.Undo)  # nothing left to undo: nothing happens
    assert field.text() == typed and path.read_bytes() == before
    assert window.session.article.value("title") == typed

    _press(qtbot, field, QKeySequence.StandardKey.Redo)
    assert path.read_bytes() == written
    assert field.text() == typed


@pytest.mark.parametrize("key", ["summary", "source_link", "article_id", "date"])
def test_every_field_editor_sends_undo_and_redo_to_the_window(
    qtbot, window: MainWindow, sample_desk: Path, key: str
) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    _activate(qtbot, window)
    widget = _input(window, key)
    widget.setFocus()
    if key == "date":
        qtbot.keyClick(widget, Qt.Key.Key_Up)
    else:
        qtbot.keyClicks(widget, "7")
    typed = _text(widget)
    _toggle_draft(qtbot, window, widget)
    written = path.read_bytes()
    assert written != before
    widget = _input(window, key)
    qtbot.waitUntil(widget.hasFocus)
    _press(qtbot, widget, QKeySequence.StandardKey.Undo)
    assert path.read_bytes() == before
    assert _text(widget) == typed
    _press(qtbot, widget, QKeySequence.StandardKey.Undo)
    assert _text(widget) == typed
    _press(qtbot, widget, QKeySequence.StandardKey.Redo)
    assert path.read_bytes() == written


def test_the_chips_line_sends_undo_to_the_window(qtbot, make_window, desk: Path) -> None:
    (desk / "tagged.md").write_text(TAGGED)
    window = make_window(desk)
    assert window.select_path("tagged.md")
    _activate(qtbot, window)
    line = _input(window, "tags")
    line.setFocus()
    qtbot.keyClicks(line, "grid,")  # a chip: one undo step on the form's stack
    qtbot.keyClicks(line, "half")  # typed in the line, not an edit yet
    assert window.session.article.value("tags") == ["energy", "grid"]
    _press(qtbot, line, QKeySequence.StandardKey.Undo)
    assert window.session.article.value("tags") == ["energy"]
    assert line.text() == "half"  # the line's own undo did not run
    _press(qtbot, line, QKeySequence.StandardKey.Redo)
    assert window.session.article.value("tags") == ["energy", "grid"]
