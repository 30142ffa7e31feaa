"""The questions' wording and buttons (built without showing the modal box)."""

from __future__ import annotations

from editor.ui.common import dialogs
from editor.ui.common.dialogs import BulkAnswer


def test_unsaved_open_article_in_a_change_to_several_can_be_left_out(qtbot) -> None:
    box, buttons = dialogs.bulk_with_unsaved_box(None, "Harbour strike", 4)
    qtbot.addWidget(box)
    assert box.text() == "“Harbour strike” has unsaved edits."
    assert box.informativeText() == (
        "Save them first, or leave this article out of the change to 4 articles?"
    )
    assert sorted(answer.value for answer in buttons.values()) == ["cancel", "leave_out", "save"]
    assert buttons[box.defaultButton()] is BulkAnswer.SAVE_FIRST
    assert buttons[box.escapeButton()] is BulkAnswer.CANCEL


def test_unsaved_open_article_alone_is_asked_save_first_or_cancel(qtbot) -> None:
    box, buttons = dialogs.bulk_with_unsaved_box(None, "Harbour strike", 1)
    qtbot.addWidget(box)
    assert "1 articles" not in box.informativeText()
    assert "leave" not in box.informativeText().lower()
    assert set(buttons.values()) == {BulkAnswer.SAVE_FIRST, BulkAnswer.CANCEL}
    assert [
        button.text() for button in box.buttons() if buttons.get(button) is BulkAnswer.SAVE_FIRST
    ] == ["Save First"]


def test_the_unsaved_question_names_every_article(qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    from editor.ui.common.dialogs import unsaved_articles_box

    box = unsaved_articles_box(None, [f"Story {n}" for n in range(14)])
    qtbot.addWidget(box)
    assert box.text().startswith("Save the changes to 14 articles?")
    assert "• Story 0" in box.text() and "• Story 11" in box.text()
    assert "Story 12" not in box.text() and "…and 2 more" in box.text()
    assert box.button(QMessageBox.StandardButton.Save).text() == "Save All"
    one = unsaved_articles_box(None, ["Only"])
    qtbot.addWidget(one)
    assert one.text() == "Save the changes to “Only”?"
