"""Check Folder: the panel, and the action that runs it."""

from __future__ import annotations

from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow


def test_check_folder_can_run_again_right_after_a_run(qtbot, window: MainWindow) -> None:
    """The action was left disabled after each run: the finished signal came before the task cleared."""
    action = window.action_registry[ActionId.CHECK_FOLDER]
    for _ in range(2):
        assert action.isEnabled()
        with qtbot.waitSignal(window.check_finished, timeout=10_000):
            action.trigger()
        assert action.isEnabled()
        assert not window.check_panel.running
