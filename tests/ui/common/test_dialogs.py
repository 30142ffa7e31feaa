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


def test_failures_are_counted_in_words_and_each_file_named(qapp, monkeypatch) -> None:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        dialogs,
        "report_error",
        lambda _parent, title, text, details="": shown.append((title, text, details)),
    )
    dialogs.report_failures(None, "Not changed", [("a.md", "permission denied")])
    dialogs.report_failures(None, "Not changed", [(f"{n}.md", "gone") for n in range(12)])
    (_, one, no_details), (_, many, details) = shown
    assert one.startswith("1 file could not be changed:") and "a.md: permission denied" in one
    assert "(s)" not in one + many and no_details == ""
    assert many.startswith("12 files could not be changed:") and "…and 2 more" in many
    assert details.count("gone") == 12
