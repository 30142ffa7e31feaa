"""A `git fetch` made outside the app (a terminal, another tool) shows in the window within seconds,
not at the app's next own fetch minutes later (issue 9). Real git: a bare origin and two clones."""

from __future__ import annotations

import pytest

from editor.ui.common.settings import GIT_FETCH_MINUTES, Settings
from tests.helpers.git import STORY, STORY_TEXT, Team, commit_all, git, write
from tests.ui.window.test_git_window import (  # noqa: F401 (quiet: a fixture)
    DESK_STORY,
    git_text,
    open_clone,
    quiet,
)


@pytest.mark.usefixtures("quiet")
def test_an_outside_fetch_updates_the_incoming_marks_and_bar(
    qtbot, make_window, team: Team, settings: Settings
) -> None:
    settings.set(GIT_FETCH_MINUTES, 0)  # the app's own fetch never runs: only the outside one
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    assert "Changed on the remote" not in git_text(window, DESK_STORY)
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Monday"))
    commit_all(team.alice, "Edit: Harbour reopens")
    git(team.alice, "push", "-q")
    git(team.bob, "fetch", "-q")  # outside the app
    qtbot.waitUntil(lambda: "Changed on the remote" in git_text(window, DESK_STORY), timeout=10_000)
    bar = window.git.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.kind == "incoming", timeout=5_000)
    assert "Changed on origin by Alice" in bar.label.text()
    git(team.bob, "pull", "-q", "--ff-only")  # outside too: the mark and the bar go
    qtbot.waitUntil(
        lambda: "Changed on the remote" not in git_text(window, DESK_STORY), timeout=10_000
    )
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5_000)


@pytest.mark.usefixtures("quiet")
def test_nothing_moved_runs_no_git(qtbot, make_window, team: Team) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert not window.git.desk.check_remote_refs()
    assert window.git.desk.idle
