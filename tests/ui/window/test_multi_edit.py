"""Several rows selected: the form edits the fields they share; one Save writes each file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, select_rows, type_title

FERRY = "world/port-avalen-ferry-strike.md"  # JSON
RATIONING = "world/vallombra-water-rationing.md"  # TOML, a draft


def show_many(qtbot, window: MainWindow, paths: list[str]) -> None:
    select_rows(window, paths)
    qtbot.waitUntil(
        lambda: window.multi.active and sorted(window.multi_form.paths) == sorted(paths)
    )


def test_the_shared_fields_with_mixed_values_marked(qtbot, window: MainWindow) -> None:
    show_many(qtbot, window, [FERRY, RATIONING])
    form = window.multi_form
    assert form.header.text() == "Editing 2 articles"
    assert form.editor("source").line.text() == "Atlas World Bulletin"  # the same in both
    assert form.is_mixed("summary") and form.is_mixed("draft")
    assert form.findChild(QLabel, "multi_label_summary").text() == "Summary (mixed)"
    assert form.findChild(QLabel, "multi_label_source").text() == "Source"
    assert form.findChild(QCheckBox, "multi_field_draft").isTristate()
    assert form.findChild(QLineEdit, "multi_field_article_id").placeholderText().startswith("Mixed")
    assert form.editor("title") is None  # the TOML file has no title
    assert not window.action_registry[ActionId.SAVE].isEnabled()
    select_rows(window, [FERRY])
    qtbot.waitUntil(lambda: not window.multi.active)


def test_one_save_writes_each_file_byte_faithfully(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    content = sample_desk / "content"
    before = {path: (content / path).read_bytes() for path in (FERRY, RATIONING)}
    show_many(qtbot, window, [FERRY, RATIONING])
    source = window.multi_form.findChild(QLineEdit, "multi_field_source")
    source.setFocus()
    source.selectAll()
    qtbot.keyClicks(source, "Wire")
    assert window.multi_form.edits == {"source": "Wire"}
    assert window.action_registry[ActionId.SAVE].isEnabled()
    window.action_registry[ActionId.SAVE].trigger()
    assert asked.calls == []
    assert (content / FERRY).read_bytes() == before[FERRY].replace(
        b'"source": "Atlas World Bulletin"', b'"source": "Wire"'
    )
    assert (content / RATIONING).read_bytes() == before[RATIONING].replace(
        b'source = "Atlas World Bulletin"', b'source = "Wire"'
    )
    assert window.model.summary(FERRY).source == "Wire"
    assert window.multi_form.edits == {} and window.multi.active


def test_undo_and_revert_with_several_rows_selected(qtbot, window: MainWindow, asked) -> None:
    assert window.select_path(FERRY)
    type_title(qtbot, window, "Mine")  # the open article's edit, with its undo step
    show_many(qtbot, window, [FERRY, RATIONING])
    assert not window.action_registry[ActionId.UNDO].isEnabled()  # it would change a hidden article
    assert not window.action_registry[ActionId.SAVE].isEnabled()
    source = window.multi_form.findChild(QLineEdit, "multi_field_source")
    source.setFocus()
    qtbot.keyClicks(source, "!")
    assert window.action_registry[ActionId.REVERT].isEnabled()
    window.action_registry[ActionId.REVERT].trigger()
    assert window.multi_form.edits == {}
    assert window.session.article.value("title") == "Mine"  # untouched
    select_rows(window, [FERRY])
    qtbot.waitUntil(lambda: not window.multi.active)
    assert window.action_registry[ActionId.UNDO].isEnabled()


def test_a_file_with_its_own_unsaved_edits_is_left_out_and_named(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    content = sample_desk / "content"
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    lanchi_before = (content / LANCHI).read_bytes()
    show_many(qtbot, window, [FERRY, LANCHI])
    assert "1 of them has unsaved edits of its own" in window.multi_form.note.text()
    window.multi_form.findChild(QLineEdit, "multi_field_source").setFocus()
    qtbot.keyClicks(window.multi_form.findChild(QLineEdit, "multi_field_source"), " extra")
    asked.answer("report_failures", None)
    window.multi_form.save_button.click()
    ((_title, failures),) = asked.named("report_failures")
    assert [path for path, _reason in failures] == [LANCHI]
    assert "unsaved edits" in failures[0][1]
    assert (content / LANCHI).read_bytes() == lanchi_before
    assert b"extra" in (content / FERRY).read_bytes()
    assert window.model.is_dirty(LANCHI)


def test_back_to_one_row_the_form_and_save_are_that_articles_at_once(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    # The settle pause is for a selection being extended; leaving the many-articles form must not
    # wait for it, or a Save pressed at once writes the (empty) many-articles form, not the article.
    path = sample_desk / "content" / FERRY
    before = path.read_bytes()
    assert window.select_path(FERRY)
    old_title = window.session.article.value("title")
    type_title(qtbot, window, "Mine")
    show_many(qtbot, window, [RATIONING, FERRY])
    select_rows(window, [FERRY])
    assert not window.multi.active and window.session.path == FERRY
    assert window.action_registry[ActionId.SAVE].isEnabled()
    assert window.save()
    assert path.read_bytes() == before.replace(old_title.encode(), b"Mine", 1)


def test_a_mixed_date_shows_that_it_is_mixed_and_writes_nothing_unless_changed(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    """It showed one article's date under "Date (mixed)", as if it were all of theirs."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateTimeEdit

    content = sample_desk / "content"
    before = {path: (content / path).read_bytes() for path in (FERRY, RATIONING)}
    show_many(qtbot, window, [FERRY, RATIONING])
    form = window.multi_form
    assert form.is_mixed("date")
    edit = form.findChild(QDateTimeEdit, "multi_field_date")
    assert edit.text() == "Mixed: type to set all"
    assert "2026" not in edit.text()
    window.activateWindow()
    edit.setFocus()  # going in starts from a date to edit, and is no edit yet
    qtbot.waitUntil(lambda: "2026" in edit.text())
    form.findChild(QLineEdit, "multi_field_source").setFocus()  # left unchanged: mixed again
    qtbot.waitUntil(lambda: edit.text() == "Mixed: type to set all")
    assert form.edits == {} and not window.action_registry[ActionId.SAVE].isEnabled()
    edit.setFocus()
    qtbot.waitUntil(lambda: "2026" in edit.text())
    edit.setDate(QDate(2027, 1, 5))  # a change: now it is set for all
    assert "date" in form.edits and form.findChild(QLabel, "multi_label_date").text().endswith(
        "(changed)"
    )
    form.findChild(QLineEdit, "multi_field_source").setFocus()
    assert "2027-01-05" in edit.text()
    window.action_registry[ActionId.SAVE].trigger()
    for path in (FERRY, RATIONING):
        assert b"2027-01-05" in (content / path).read_bytes() != before[path]
