"""The window on a git checkout (offscreen, real git in temp folders): the Git and Last change columns,
the git filters, a commit per review action, pull/sync with their failures, the incoming-change bar,
conflicts resolved from the app, and the History panel with Restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from editor.core.cache_file import default_cache_dir
from editor.core.git_status import last_change_file, last_change_folder
from editor.ui.common.settings import GIT_COMMIT_PER_ACTION, GIT_PULL_ON_START, Settings
from editor.ui.desk.article_model import Column
from editor.ui.window.actions import ActionId, ActionRegistry
from editor.ui.window.main_window import MainWindow
from editor.ui.window.window_state import WindowState
from tests.helpers.cli import run
from tests.helpers.git import OTHER, STORY, STORY_TEXT, Team, commit_all, git, write
from tests.helpers.window import type_title

DESK_STORY = STORY.removeprefix("content/")
DESK_OTHER = OTHER.removeprefix("content/")


def wait_git(qtbot, window: MainWindow) -> None:
    """Until the desk's git jobs are done and a snapshot is shown."""
    qtbot.waitUntil(
        lambda: window.git.desk.idle and window.git.desk.snapshot is not None, timeout=15_000
    )


def git_text(window: MainWindow, path: str) -> str:
    return window.model.index_of(path, Column.GIT).data() or ""


@pytest.fixture
def quiet(settings: Settings) -> Settings:
    settings.set(GIT_PULL_ON_START, False)
    return settings


def open_clone(qtbot, make_window, clone: Path) -> MainWindow:
    window = make_window(clone)
    wait_git(qtbot, window)
    return window


def test_outside_git_the_git_parts_stay_hidden(make_window, sample_desk: Path, git_home) -> None:
    window = make_window(sample_desk)
    header = window.list_view.horizontalHeader()
    assert header.isSectionHidden(Column.GIT) and header.isSectionHidden(Column.LAST_CHANGE)
    assert not window.action_registry[ActionId.GIT_SYNC].isEnabled()
    assert not window.git.desk.active


def test_columns_and_filters_show_the_desk_state(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    write(team.bob, STORY, STORY_TEXT.replace("Friday", "Monday"))
    window = open_clone(qtbot, make_window, team.bob)
    header = window.list_view.horizontalHeader()
    assert not header.isSectionHidden(Column.GIT)
    assert git_text(window, DESK_STORY) == "Modified"
    assert git_text(window, DESK_OTHER) == ""
    last = window.model.index_of(DESK_OTHER, Column.LAST_CHANGE).data()
    assert last.startswith("Seed, ")

    box = window.state_filter
    box.setCurrentIndex(box.findData("git:modified"))
    shown = [window.proxy.path_at(row) for row in range(window.proxy.rowCount())]
    assert shown == [DESK_STORY]
    assert "(1)" in box.itemText(box.findData("git:modified"))


def test_publish_commits_exactly_that_file(
    qtbot, make_window, team: Team, quiet: Settings, asked
) -> None:
    write(team.bob, "content/news/notes.md", "+++\ntitle = 'Mine, not ready'\n+++\n")  # untracked
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    wait_git(qtbot, window)
    assert git(team.bob, "log", "-1", "--format=%s%n%an").split("\n")[:2] == [
        "Publish: Harbour reopens",
        "Bob",
    ]
    assert git(team.bob, "show", "--name-only", "--format=", "HEAD").split() == [STORY]
    assert git(team.bob, "status", "--porcelain").strip() == "?? content/news/notes.md"
    assert "Committed, not pushed" in git_text(window, DESK_STORY)


def test_save_commits_with_the_edited_keys(qtbot, make_window, team: Team, quiet: Settings) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    type_title(qtbot, window, "Harbour open")
    assert window.save()
    # The commit runs on the desk's git worker after the save: wait for it, not for an idle moment
    # that may come before the job is queued.
    qtbot.waitUntil(
        lambda: git(team.bob, "log", "-1", "--format=%s").strip() == "Edit title: Harbour open",
        timeout=15_000,
    )
    wait_git(qtbot, window)


def test_publish_with_unsaved_edits_names_the_edited_keys(
    qtbot, make_window, team: Team, quiet: Settings, asked
) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    type_title(qtbot, window, "Harbour open")
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(
        lambda: (
            git(team.bob, "log", "-1", "--format=%s").strip() == "Publish, edit title: Harbour open"
        ),
        timeout=15_000,
    )
    assert git(team.bob, "show", "--name-only", "--format=", "HEAD").split() == [STORY]
    wait_git(qtbot, window)


def test_with_commit_each_off_nothing_is_committed(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    quiet.set(GIT_COMMIT_PER_ACTION, False)
    window = open_clone(qtbot, make_window, team.bob)
    head = git(team.bob, "rev-parse", "HEAD")
    assert window.select_path(DESK_STORY)
    type_title(qtbot, window, "Harbour open")
    assert window.save()
    wait_git(qtbot, window)
    assert git(team.bob, "rev-parse", "HEAD") == head
    assert git_text(window, DESK_STORY) == "Modified"


def test_incoming_change_bar_then_pull(qtbot, make_window, team: Team, quiet: Settings) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    write(team.alice, STORY, STORY_TEXT.replace("draft = true", "draft = false"))
    commit_all(team.alice, "Publish: Harbour reopens")
    git(team.alice, "push", "-q")

    window.git.desk.fetch()
    wait_git(qtbot, window)
    assert "Changed on the remote" in git_text(window, DESK_STORY)
    assert window.select_path(DESK_STORY)
    bar = window.git.bar
    assert bar.isVisible() and bar.kind == "incoming"
    assert "Changed on origin by Alice" in bar.label.text() and "pull first" in bar.label.text()

    bar.pull_button.click()
    wait_git(qtbot, window)
    assert "draft = false" in (team.bob / STORY).read_text()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
    assert "Changed on the remote" not in git_text(window, DESK_STORY)


def test_a_pull_that_changes_the_edited_article_says_so(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    """The window's own Pull changed the open, edited article, and the bar said "changed on disk
    by another program": it names the pull, and the author of the incoming commit."""
    write(team.alice, STORY, STORY_TEXT.replace("draft = true", "draft = false"))
    commit_all(team.alice, "Publish: Harbour reopens")
    git(team.alice, "push", "-q")
    window = open_clone(qtbot, make_window, team.bob)
    window.git.desk.fetch()
    wait_git(qtbot, window)
    assert window.select_path(DESK_STORY)
    type_title(qtbot, window, "Mine")
    window.action_registry[ActionId.GIT_PULL].trigger()
    wait_git(qtbot, window)
    assert "draft = false" in (team.bob / STORY).read_text()
    window.session.check_disk()  # (the watcher's call, without waiting for it)
    qtbot.waitUntil(lambda: window.conflict_bar.isVisible(), timeout=10_000)
    text = window.conflict_bar.message.text()
    assert "another program" not in text
    assert "changed by the pull" in text and "Alice" in text
    assert window.session.article.value("title") == "Mine"


def test_pull_on_start_up(qtbot, make_window, team: Team, settings: Settings) -> None:
    write(team.alice, OTHER, '+++\ntitle = "Council vote, updated"\n+++\n')
    commit_all(team.alice, "Edit title: Council vote, updated")
    git(team.alice, "push", "-q")
    window = open_clone(qtbot, make_window, team.bob)
    qtbot.waitUntil(lambda: "updated" in (team.bob / OTHER).read_text(), timeout=15_000)
    wait_git(qtbot, window)


def test_sync_offline_says_so_and_keeps_the_work(
    qtbot, make_window, team: Team, quiet: Settings, asked, tmp_path: Path
) -> None:
    git(team.bob, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    window = open_clone(qtbot, make_window, team.bob)
    asked.answer("report_error", None)
    window.action_registry[ActionId.GIT_SYNC].trigger()
    qtbot.waitUntil(lambda: bool(asked.named("report_error")), timeout=15_000)
    title, text, *_ = asked.named("report_error")[0]
    assert title == "Sync failed" and "cannot be reached" in text and "git remote -v" in text
    assert not window.git.progress.isVisible()


def test_a_conflict_is_resolved_and_continued_from_the_app(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Saturday"))
    commit_all(team.alice, "Edit body")
    git(team.alice, "push", "-q")
    mine = STORY_TEXT.replace("Friday", "Sunday")
    write(team.bob, STORY, mine)
    commit_all(team.bob, "Edit body")
    window = open_clone(qtbot, make_window, team.bob)

    window.action_registry[ActionId.GIT_PULL].trigger()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" in git_text(window, DESK_STORY), timeout=10_000)
    assert window.action_registry[ActionId.GIT_CONTINUE].isEnabled()
    assert not window.action_registry[ActionId.GIT_PULL].isEnabled()
    window.select_path(DESK_STORY)
    bar = window.git.bar
    assert bar.kind == "conflicted" and bar.mine_button.isVisible()

    bar.mine_button.click()
    wait_git(qtbot, window)
    assert (team.bob / STORY).read_text() == mine
    assert git(team.bob, "diff", "--name-only", "--diff-filter=U").strip() == ""
    bar.continue_button.click()
    wait_git(qtbot, window)
    assert window.git.operation is None
    assert git(team.bob, "log", "-1", "--format=%p").count(" ") == 1  # the merge commit


def test_history_panel_and_restore(qtbot, make_window, team: Team, quiet: Settings) -> None:
    write(team.bob, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour open"'))
    commit_all(team.bob, "Edit title: Harbour open")
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    window.action_registry[ActionId.HISTORY].trigger()
    panel = window.git.history
    qtbot.waitUntil(lambda: len(panel.entries) == 2, timeout=10_000)
    assert panel.entries[0].heading.startswith("Edit title: Harbour open\nBob, ")
    assert 'title: "Harbour reopens" → "Harbour open"' in panel.details.toPlainText()

    panel.select(1)
    panel.restore_button.click()
    assert window.session.dirty
    assert window.session.article is not None
    assert window.session.article.value("title") == "Harbour reopens"
    assert (team.bob / STORY).read_text().count("Harbour open") == 1  # nothing written yet


def test_the_history_panel_takes_its_room_from_the_form_and_the_list_not_the_body(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    """Opening History squeezed the rendered body to ~120 px (headings broke mid-word)."""
    window = open_clone(qtbot, make_window, team.bob)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.select_path(DESK_STORY)
    qtbot.wait(50)
    body_before = window.body.width()
    form_before = window.form_pages.width()
    window.action_registry[ActionId.HISTORY].trigger()
    qtbot.waitUntil(lambda: window.git.history.isVisible() and window.git.history.width() > 100)
    qtbot.waitUntil(lambda: window.body.width() >= body_before - 10, timeout=3_000)
    assert window.form_pages.width() < form_before
    window.action_registry[ActionId.HISTORY].trigger()  # hidden: the widths come back
    qtbot.waitUntil(lambda: abs(window.form_pages.width() - form_before) <= 10, timeout=3_000)


def test_the_git_menu_shows_whether_each_review_action_commits(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    """The menu item showed its icon, so no check mark: whether it was on could not be seen."""
    quiet.set(GIT_COMMIT_PER_ACTION, False)
    window = open_clone(qtbot, make_window, team.bob)
    action = window.action_registry[ActionId.GIT_COMMIT_EACH]
    assert action.isCheckable() and not action.isIconVisibleInMenu()
    assert not action.isChecked()
    action.trigger()
    assert action.isChecked() and quiet.get(GIT_COMMIT_PER_ACTION) is True


def test_the_last_change_map_is_kept_for_the_next_start(
    qtbot, make_window, team: Team, quiet: Settings, git_home: Path
) -> None:
    first = open_clone(qtbot, make_window, team.bob)
    folder = last_change_folder()
    assert folder is not None
    assert len(list(folder.glob("last-change-*.json"))) == 1
    first.close()
    second = open_clone(qtbot, make_window, team.bob)
    cache = second.git.desk._cache
    assert cache is not None and cache.commits_read == 0  # loaded, not read from git again
    assert "Seed, " in second.model.index_of(DESK_OTHER, Column.LAST_CHANGE).data()


def test_the_window_and_the_command_line_keep_one_map(
    qtbot, make_window, team: Team, quiet: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert window.git.desk.checkout is not None
    kept = last_change_file(window.git.desk.checkout)
    assert kept is not None and kept.is_relative_to(default_cache_dir())
    # Marked, so that the command line can only show it by reading the window's file (HEAD has not
    # moved: nothing is read from git again).
    kept.write_bytes(kept.read_bytes().replace(b"Start the desk", b"Kept by the window"))
    status, out, _ = run(capsys, "list", team.bob / "content", "--json")
    assert status == 0
    rows = {row["path"]: row for row in json.loads(out)}
    assert rows[DESK_OTHER]["last_change"]["subject"] == "Kept by the window"
    assert list(kept.parent.iterdir()) == [kept]


def conflicted_window(qtbot, make_window, team: Team, alice_text: str, bob_text: str) -> MainWindow:
    write(team.alice, STORY, alice_text)
    commit_all(team.alice, "Alice's edit")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, bob_text)
    commit_all(team.bob, "Bob's edit")
    window = open_clone(qtbot, make_window, team.bob)
    window.action_registry[ActionId.GIT_PULL].trigger()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" in git_text(window, DESK_STORY), timeout=10_000)
    window.select_path(DESK_STORY)
    assert window.git.bar.resolve_button.isVisible()
    return window


def test_resolve_merges_field_by_field_what_git_could_not(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    # Neighbouring lines: git's line merge conflicts, the field-wise merge does not.
    alice = STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"')
    bob = STORY_TEXT.replace("2026-11-20T09:00:00Z", "2026-11-21T10:00:00Z")
    window = conflicted_window(qtbot, make_window, team, alice, bob)
    window.git.bar.resolve_button.click()
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" not in git_text(window, DESK_STORY), timeout=10_000)
    merged = (team.bob / STORY).read_text()
    assert merged == alice.replace("2026-11-20T09:00:00Z", "2026-11-21T10:00:00Z")
    assert git(team.bob, "diff", "--name-only", "--diff-filter=U").strip() == ""


def test_resolve_asks_the_resolver_about_a_field_both_changed(
    qtbot, make_window, team: Team, quiet: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.ui.article import resolver

    asked: list[tuple[bytes | None, bytes, bytes]] = []
    alice = STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"')
    bob = STORY_TEXT.replace('"Harbour reopens"', '"The harbour is back"')

    def answer(_parent, base, mine, theirs, _result, **_words):  # type: ignore[no-untyped-def]
        asked.append((base, mine, theirs))
        return theirs

    monkeypatch.setattr(resolver, "resolve_conflicts", answer)
    window = conflicted_window(qtbot, make_window, team, alice, bob)
    window.git.bar.resolve_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked[0] == (STORY_TEXT.encode(), bob.encode(), alice.encode())  # mine is Bob's
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: "Conflicted" not in git_text(window, DESK_STORY), timeout=10_000)
    assert (team.bob / STORY).read_text() == alice


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (WindowState(has_folder=True), set()),
        (
            WindowState(has_folder=True, in_git=True),
            {ActionId.GIT_PULL, ActionId.GIT_PUSH, ActionId.GIT_SYNC, ActionId.GIT_COMMIT_EACH},
        ),
        (WindowState(has_folder=True, in_git=True, git_busy=True), {ActionId.GIT_COMMIT_EACH}),
        (WindowState(has_folder=True, in_git=True, busy=True), {ActionId.GIT_COMMIT_EACH}),
        (
            WindowState(has_folder=True, in_git=True, git_operation=True, has_article=True),
            {
                ActionId.GIT_CONTINUE,
                ActionId.GIT_ABORT,
                ActionId.GIT_COMMIT_EACH,
                ActionId.HISTORY,
            },
        ),
    ],
)
def test_git_action_rules(qapp, state: WindowState, expected: set[ActionId]) -> None:
    parent = QWidget()
    registry = ActionRegistry(parent)
    registry.update(state)
    git_actions = {action for action in ActionId if action.name.startswith("GIT_")}
    git_actions.add(ActionId.HISTORY)
    assert registry.enabled_ids() & git_actions == expected


def test_undoing_a_publish_is_committed_too(
    qtbot, make_window, team: Team, quiet: Settings
) -> None:
    window = open_clone(qtbot, make_window, team.bob)
    assert window.select_path(DESK_STORY)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    wait_git(qtbot, window)
    window.action_registry[ActionId.UNDO].trigger()
    wait_git(qtbot, window)
    qtbot.waitUntil(
        lambda: (
            git(team.bob, "log", "-1", "--format=%s").strip() == "Back to draft: Harbour reopens"
        ),
        timeout=10_000,
    )
    assert (team.bob / STORY).read_text() == STORY_TEXT
    assert git(team.bob, "status", "--porcelain").strip() == ""


def test_a_timed_pull_while_offline_is_a_note_not_a_dialog(
    qtbot, make_window, team: Team, quiet: Settings, asked, tmp_path: Path
) -> None:
    git(team.bob, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    window = open_clone(qtbot, make_window, team.bob)
    window.git.pull_timer.timeout.emit()
    qtbot.waitUntil(
        lambda: "cannot be reached" in window.statusBar().currentMessage(), timeout=10_000
    )
    assert asked.named("report_error") == []  # an unexpected dialog would have failed the test


def test_a_checkout_with_no_remote_never_fetches_or_pulls_on_its_own(
    qtbot, make_window, repo: Path, settings: Settings, asked
) -> None:
    window = open_clone(qtbot, make_window, repo)
    window.git.fetch_timer.timeout.emit()
    window.git.pull_timer.timeout.emit()
    assert window.git.desk.idle
    assert asked.calls == []
