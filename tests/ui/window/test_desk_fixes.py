"""Desk defects an exploratory tester found: what the window says, and where."""

from __future__ import annotations

from pathlib import Path

from editor.ui.common import dialogs
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import BROKEN, LANCHI, select_rows, shown_paths

HALDEN = "business/halden-riverside-merger-talks.md"


def test_the_bulk_publish_question_names_the_unreadable_files_it_will_skip(
    qtbot, window: MainWindow, asked
) -> None:
    select_rows(window, shown_paths(window))  # all 17 sample articles
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.CANCEL)
    window.action_registry[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: asked.named("ask_publish_with_problems") != [], timeout=10_000)
    qtbot.waitUntil(lambda: not window.bulk.running)
    ((problems, total, skipped),) = asked.named("ask_publish_with_problems")
    assert [name for name, _ in problems] == ["world/vallombra-water-rationing.md"]
    assert total == 3  # the drafts among them
    assert skipped == [BROKEN]


def test_history_messages_about_the_open_article_go_when_another_opens(
    window: MainWindow,
) -> None:
    assert window.select_path(LANCHI)
    window.git.history.restore_requested.emit(b'+++\ntitle = "no end\n+++\n')
    assert "That version cannot be read" in window.statusBar().currentMessage()
    assert window.select_path(HALDEN)
    assert window.statusBar().currentMessage() == ""
    window.git.history.restore_requested.emit(b'+++\ntitle = "Older"\n+++\n')
    assert "The older version is staged" in window.statusBar().currentMessage()
    window.session.discard()
    assert window.select_path(LANCHI)
    assert window.statusBar().currentMessage() == ""


def test_a_path_with_a_newline_is_shown_escaped_as_the_cli_shows_it(
    qtbot, make_window, desk: Path, asked
) -> None:
    from PySide6.QtWidgets import QLabel

    from editor.ui.desk.article_model import Column

    name = "two\nlines.md"
    (desk / name).write_text('+++\ntitle = "Two lines"\n+++\nBody\n')
    (desk / "bad\nname.md").write_text('+++\ntitle = "no end\n+++\n')
    window = make_window(desk)
    assert window.select_path(name)
    header = window.form.findChild(QLabel, "metadataHeader")
    assert header.text().startswith('"two\\nlines.md"') and "\n" not in header.text()
    row = window.proxy.proxy_index_of(name).row()
    assert window.proxy.index(row, Column.PATH).data() == '"two\\nlines.md"'
    title_field = window.form.editor("title").input
    title_field.setFocus()
    qtbot.keyClicks(title_field, "!")
    assert window.save()
    assert window.statusBar().currentMessage() == 'Saved "two\\nlines.md"'
    assert window.select_path("bad\nname.md")
    placeholder = window.form.findChild(QLabel, "formPlaceholder")
    assert '"bad\\nname.md"' in placeholder.text()


VALLOMBRA = "world/vallombra-water-rationing.md"  # no title


def _form_keys(window: MainWindow) -> list[str]:
    """The form's rows, top to bottom, by key."""
    from PySide6.QtWidgets import QFormLayout

    layout = window.form.findChild(QFormLayout)
    rows = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and item.widget() is not None:
            rows.append(item.widget().objectName().removeprefix("label_"))
    return rows


def test_giving_an_untitled_article_a_title_keeps_the_title_field_on_top(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    """The new key was appended last: the Title field moved from the top to the bottom on Save."""
    path = sample_desk / "content" / VALLOMBRA
    assert window.select_path(VALLOMBRA)
    assert _form_keys(window)[0] == "title"
    field = window.form.editor("title").input
    field.setFocus()
    qtbot.keyClicks(field, "Rationing widens")
    assert _form_keys(window)[0] == "title"
    assert window.save()
    assert _form_keys(window)[0] == "title"
    text = path.read_text()
    assert text.startswith('+++\ntitle = "Rationing widens"\ndate = ')  # where Hugo users put it
    assert window.select_path(LANCHI) and window.select_path(VALLOMBRA)
    assert _form_keys(window)[0] == "title"
