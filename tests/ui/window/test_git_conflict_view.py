"""A file git left with conflict markers in its front matter: the form shows the conflict, not the
"cannot be opened … Copydesk will not write it" text, which said the opposite of the bar above it
(whose Keep Mine / Take Theirs do write it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from editor.ui.common.settings import GIT_PULL_ON_START, Settings
from editor.ui.desk.article_model import Column
from editor.ui.window.actions import ActionId
from tests.helpers.git import OTHER, STORY, STORY_TEXT, Team, commit_all, git, write

DESK_STORY = STORY.removeprefix("content/")
DESK_OTHER = OTHER.removeprefix("content/")


def test_a_conflicted_file_shows_the_conflict_in_place_of_the_unreadable_text(
    qtbot, make_window, team: Team, settings: Settings
) -> None:
    settings.set(GIT_PULL_ON_START, False)
    write(team.alice, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"'))
    commit_all(team.alice, "Alice's title")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour shut"'))
    commit_all(team.bob, "Bob's title")
    window = make_window(team.bob)
    desk = window.git.desk
    qtbot.waitUntil(lambda: desk.idle and desk.snapshot is not None, timeout=15_000)
    assert window.select_path(DESK_OTHER)  # not the story: it is opened after the pull
    window.action_registry[ActionId.GIT_PULL].trigger()
    qtbot.waitUntil(
        lambda: "Conflicted" in (window.model.index_of(DESK_STORY, Column.GIT).data() or ""),
        timeout=15_000,
    )
    assert b"<<<<<<<" in (team.bob / STORY).read_bytes()
    qtbot.waitUntil(lambda: window.select_path(DESK_STORY), timeout=10_000)
    assert window.git.bar.kind == "conflicted"
    placeholder = window.form.findChild(QLabel, "formPlaceholder")
    text = placeholder.text()
    assert "will not write it" not in text and "cannot be opened" not in text
    assert "conflict" in text and DESK_STORY in text
    assert "Keep Mine" in text and "Take Theirs" in text
    assert not window.unreadable_bar.isVisible()  # it said "will not write it" too
    window.git.bar.mine_button.click()
    qtbot.waitUntil(lambda: window.session.path == DESK_STORY, timeout=15_000)
    assert window.form.editor("title").input.text() == "Harbour shut"
