"""Desk defects an exploratory tester found: what the window says, and where."""

from __future__ import annotations

from editor.ui.common import dialogs
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import BROKEN, select_rows, shown_paths


def test_the_bulk_publish_question_names_the_unreadable_files_it_will_skip(
    qtbot, window: MainWindow, asked
) -> None:
    select_rows(window, shown_paths(window))  # all 17 sample articles
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.CANCEL)
    window.actions[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: asked.named("ask_publish_with_problems") != [], timeout=10_000)
    qtbot.waitUntil(lambda: not window.bulk.running)
    ((problems, total, skipped),) = asked.named("ask_publish_with_problems")
    assert [name for name, _ in problems] == ["world/vallombra-water-rationing.md"]
    assert total == 3  # the drafts among them
    assert skipped == [BROKEN]
