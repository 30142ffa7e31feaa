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


def test_the_panel_lists_the_errors_first(qtbot, make_window, desk) -> None:
    """fluxcd's one error ("title is missing") sat below 48 description warnings."""
    long = "x" * 200
    for name in ("a", "b", "c"):
        (desk / f"{name}.md").write_text(f'+++\ntitle = "{name}"\ndescription = "{long}"\n+++\n')
    (desk / "z.md").write_text('+++\ndescription = "short"\n+++\n')  # no title: an error
    window = make_window(desk)
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    problems = window.check_panel.model.problems()
    assert [problem.path for problem in problems] == ["z.md", "a.md", "b.md", "c.md"]
    assert problems[0].message == "title is missing"
