"""The questions' wording and buttons (built without showing the modal box)."""

from __future__ import annotations

from editor.ui.common import dialogs


def test_the_bulk_question_is_wide_enough_for_its_title(qtbot) -> None:
    """The box was as narrow as "Publish 2 articles?", and the window title was cut off."""
    box = dialogs.confirm_bulk_box(None, "Publish 2 articles?")
    qtbot.addWidget(box)
    title = box.fontMetrics().horizontalAdvance(box.windowTitle())
    assert box.sizeHint().width() >= title + 100
