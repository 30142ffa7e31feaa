"""The window on a git checkout, after the exploratory tester's report: the bar while a merge waits,
the resolver's words for git, an undone publish committed, and the columns' widths and times."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from editor.ui.desk.article_model import Column
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.git import STORY, STORY_TEXT, Team, commit_all, git, write
from tests.ui.window.test_git_window import git_text, open_clone, quiet, wait_git

__all__ = ["quiet"]  # the fixture, shared with test_git_window

DESK_STORY = STORY.removeprefix("content/")


def _fetched_then_conflicted(qtbot, make_window, team: Team) -> MainWindow:
    write(team.alice, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"'))
    commit_all(team.alice, "Alice's edit")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, STORY_TEXT.replace("2026-11-20T09:00:00Z", "2026-11-21T10:00:00Z"))
    commit_all(team.bob, "Bob's edit")
    window = open_clone(qtbot, make_window, team.bob)
    window.git.desk.fetch()  # the timer's fetch: the story is marked as changed on origin
    wait_git(qtbot, window)
    assert window.git.desk.incoming_change(DESK_STORY) is not None
    window.action_registry[ActionId.GIT_PULL].trigger()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" in git_text(window, DESK_STORY), timeout=10_000)
    window.select_path(DESK_STORY)
    return window


def test_continue_and_abort_stay_until_the_merge_is_concluded(
    qtbot, make_window, team: Team, quiet
) -> None:
    window = _fetched_then_conflicted(qtbot, make_window, team)
    bar = window.git.bar
    bar.resolve_button.click()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" not in git_text(window, DESK_STORY), timeout=10_000)
    window.select_path(DESK_STORY)

    assert bar.isVisible() and bar.kind == "in-progress"
    assert bar.continue_button.isVisible() and bar.abort_button.isVisible()
    assert not bar.pull_button.isVisible()  # no Pull offer while the merge waits
    assert not bar.mine_button.isVisible()

    bar.continue_button.click()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: window.git.operation is None, timeout=10_000)
    assert not bar.isVisible()
    assert git(team.bob, "status", "--porcelain").strip() == ""


def test_the_resolver_says_what_use_these_does_in_a_git_conflict(
    qtbot, make_window, team: Team, quiet, monkeypatch
) -> None:
    from editor.ui.article import resolver

    seen: list[str] = []

    def look(dialog: resolver.ResolverDialog) -> int:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        return 0  # cancelled

    monkeypatch.setattr(resolver.ResolverDialog, "exec", look)
    write(team.alice, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"'))
    commit_all(team.alice, "Alice's edit")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, STORY_TEXT.replace('"Harbour reopens"', '"The harbour is back"'))
    commit_all(team.bob, "Bob's edit")
    window = open_clone(qtbot, make_window, team.bob)
    window.action_registry[ActionId.GIT_PULL].trigger()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" in git_text(window, DESK_STORY), timeout=10_000)
    window.select_path(DESK_STORY)
    window.git.bar.resolve_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    text = " ".join(seen)
    assert "Nothing is saved until you save" not in text
    assert "stages it" in text and "Continue" in text


def test_undoing_a_publish_is_committed_and_the_column_follows(
    qtbot, make_window, team: Team, quiet, asked
) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    wait_git(qtbot, window)
    assert git(team.bob, "log", "-1", "--format=%s").strip() == "Publish: Harbour reopens"

    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "draft = true" in (team.bob / STORY).read_text(), timeout=10_000)
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: git(team.bob, "status", "--porcelain").strip() == "", timeout=10_000)
    assert git(team.bob, "log", "-1", "--format=%s").strip() == "Back to draft: Harbour reopens"
    assert git(team.bob, "show", "--name-only", "--format=", "HEAD").split() == [STORY]
    # The file is as on origin again: nothing of it waits to be pushed but two commits that cancel.
    assert "Modified" not in git_text(window, DESK_STORY)
    assert window.model.index_of(DESK_STORY, Column.LAST_CHANGE).data().startswith("Bob, ")


def test_in_a_git_desk_the_git_columns_narrow_before_the_title(
    qtbot, make_window, team: Team, quiet
) -> None:
    from editor.ui.desk.column_fit import TITLE_SHARE

    window = open_clone(qtbot, make_window, team.bob)  # every file clean: the Git column is empty
    window.resize(1024, 700)
    view = window.list_view
    header = view.horizontalHeader()
    qtbot.wait(300)
    share = int(view.viewport().width() * TITLE_SHARE)
    qtbot.waitUntil(lambda: header.sectionSize(Column.TITLE) >= share, timeout=5_000)
    assert not header.isSectionHidden(Column.GIT)
    git_header = str(window.model.headerData(Column.GIT, Qt.Orientation.Horizontal))
    empty_width = view.fontMetrics().horizontalAdvance(git_header) + 28
    assert header.sectionSize(Column.GIT) <= empty_width


def test_last_change_times_age_on_a_timer_without_git(
    qtbot, make_window, team: Team, quiet, monkeypatch
) -> None:
    import time as time_module

    from editor.ui.desk import git_desk

    window = open_clone(qtbot, make_window, team.bob)
    clock = window.git.clock
    assert clock.isActive() and clock.interval() <= 60_000
    cell = window.model.index_of(DESK_STORY, Column.LAST_CHANGE)
    before = cell.data()
    assert before.startswith("Seed, ") and "just now" in before

    def no_git(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("git ran to age the times")

    monkeypatch.setattr(git_desk, "desk_status", no_git)
    later = time_module.time() + 3 * 3600
    monkeypatch.setattr(time_module, "time", lambda: later)
    clock.timeout.emit()
    assert window.model.index_of(DESK_STORY, Column.LAST_CHANGE).data() == "Seed, 3 h ago"
