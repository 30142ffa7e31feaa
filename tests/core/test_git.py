"""editor.core.git / git_status / git_history on real git checkouts in temp folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editor.core import git as git_module
from editor.core.git import Failure, GitError, find_checkout, read_blobs, run_git
from editor.core.git_history import file_history
from editor.core.git_status import (
    FileState,
    LastChanges,
    commit_message,
    commit_paths,
    desk_status,
    last_change_file,
    last_change_folder,
)
from tests.helpers.git import (
    OTHER,
    STORY,
    STORY_TEXT,
    commit_all,
    git,
    write,
)

ODD_NAMES = [
    "content/news/with space.md",
    "content/news/-leading-dash.md",
    "content/news/Zürich ü.md",
]


def test_find_checkout_from_a_desk_below_the_top(repo: Path) -> None:
    checkout = find_checkout(repo / "content")
    assert checkout is not None
    assert checkout.top == repo.resolve() and checkout.prefix == "content/"
    assert checkout.to_git("news/a.md") == "content/news/a.md"
    assert checkout.from_git("content/news/a.md") == "news/a.md"
    assert checkout.from_git("hugo.toml") is None


def test_no_checkout_outside_git_or_without_git(
    tmp_path: Path, git_home: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find_checkout(repo, git=str(tmp_path / "no-such-git")) is None
    plain = tmp_path / "plain"
    plain.mkdir()

    def no_git(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("git ran for a folder with no .git above it")

    monkeypatch.setattr(git_module, "run_git", no_git)
    assert find_checkout(plain) is None


def test_status_sorts_files_by_state_in_one_pass(repo: Path) -> None:
    write(repo, STORY, STORY_TEXT.replace("draft = true", "draft = false"))
    write(repo, "content/news/staged-new.md", "+++\ntitle = 'n'\n+++\n")
    git(repo, "add", "--", "content/news/staged-new.md")
    for name in ODD_NAMES:
        write(repo, name, "+++\ntitle = 'odd'\n+++\n")
    write(repo, "content/news/[glob]*.md", "+++\n+++\n")
    os.unlink(repo / OTHER)
    write(repo, "outside.md", "not in the desk\n")

    status = desk_status(find_checkout(repo / "content"))  # type: ignore[arg-type]

    assert status.branch == "main" and status.upstream is None
    assert status.state_of("news/harbour-reopens.md") is FileState.MODIFIED
    assert status.state_of("news/staged-new.md") is FileState.NEW
    assert status.files["news/staged-new.md"].staged
    assert status.state_of("news/council-vote.md") is FileState.DELETED
    for name in [*ODD_NAMES, "content/news/[glob]*.md"]:
        assert status.state_of(name.removeprefix("content/")) is FileState.UNTRACKED
    assert "outside.md" not in status.files and "../outside.md" not in status.files
    assert status.state_of("news/unknown.md") is FileState.CLEAN


def test_last_change_per_file_then_incrementally(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    cache = LastChanges(checkout)
    first = cache.refresh()
    assert set(first) == {STORY, OTHER}
    assert first[STORY].author == "Alice" and first[STORY].subject == "Start the desk"

    git(repo, "config", "user.name", "Bob")
    write(repo, ODD_NAMES[2], "+++\ntitle = 'ü'\n+++\n")
    new_commit = commit_all(repo, "Add Zürich")
    again = cache.refresh()
    assert cache.commits_read == 1  # only the new commit was read
    assert again[ODD_NAMES[2]].author == "Bob" and again[ODD_NAMES[2]].commit == new_commit
    assert again[STORY].author == "Alice"

    cache.refresh()
    assert cache.commits_read == 0

    git(repo, "commit", "-q", "--amend", "-m", "Add Zürich, amended")  # history rewritten
    rewritten = cache.refresh()
    assert cache.commits_read == 2
    assert rewritten[ODD_NAMES[2]].subject == "Add Zürich, amended"


def test_commit_takes_exactly_the_written_files(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    write(repo, STORY, STORY_TEXT.replace("draft = true", "draft = false"))  # "written by Copydesk"
    new = write(repo, ODD_NAMES[1], "+++\ntitle = 'dash'\n+++\n")  # a new file, also written
    write(repo, OTHER, "staged by the user\n")
    git(repo, "add", "--", OTHER)
    write(repo, OTHER, "staged, then changed again\n")
    write(repo, "notes.txt", "untracked, the user's\n")

    result = commit_paths(checkout, [STORY, ODD_NAMES[1]], "Publish: Harbour reopens")

    assert result.commit == git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "log", "-1", "--format=%s%n%an").splitlines() == [
        "Publish: Harbour reopens",
        "Alice",
    ]
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").splitlines()
    assert sorted(committed) == sorted([STORY, ODD_NAMES[1]])
    assert new.exists()
    # The user's own work is as it was: the staged version still staged, the rest unstaged.
    assert git(repo, "show", f":{OTHER}") == "staged by the user\n"
    assert (repo / OTHER).read_text() == "staged, then changed again\n"
    assert git(repo, "status", "--porcelain", "--", "notes.txt") == "?? notes.txt\n"


def test_commit_of_nothing_changed_is_no_commit(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    head = git(repo, "rev-parse", "HEAD")
    assert commit_paths(checkout, [STORY], "Edit title: x").commit is None
    assert git(repo, "rev-parse", "HEAD") == head


def test_a_failing_hook_is_reported_and_the_file_kept(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits on Fridays' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    changed = STORY_TEXT.replace("draft = true", "draft = false")
    write(repo, STORY, changed)
    new = write(repo, ODD_NAMES[0], "+++\n+++\n")
    head = git(repo, "rev-parse", "HEAD")

    with pytest.raises(GitError) as caught:
        commit_paths(checkout, [STORY, ODD_NAMES[0]], "Publish: Harbour reopens")

    assert caught.value.kind is Failure.HOOK
    assert "pre-commit" in caught.value.message and "no commits on Fridays" in str(caught.value)
    assert git(repo, "rev-parse", "HEAD") == head
    assert (repo / STORY).read_text() == changed and new.exists()
    # The new file is untracked again, as before the attempt.
    assert git(repo, "status", "--porcelain", "--", ODD_NAMES[0]).startswith("??")


def test_an_unknown_identity_is_reported_in_plain_words(tmp_path: Path, git_home: Path) -> None:
    root = tmp_path / "anon"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write(root, STORY, STORY_TEXT)
    checkout = find_checkout(root)
    assert checkout is not None
    with pytest.raises(GitError) as caught:
        commit_paths(checkout, [STORY], "Publish: Harbour reopens")
    assert caught.value.kind is Failure.IDENTITY
    assert "who you are" in caught.value.message and "user.email" in caught.value.next_step
    assert (root / STORY).read_text() == STORY_TEXT


@pytest.mark.parametrize(
    ("action", "titles", "keys", "expected"),
    [
        ("Publish", ["Harbour reopens"], (), "Publish: Harbour reopens"),
        (
            "Edit",
            ["Harbour\nreopens"],
            ("title", "summary"),
            "Edit title, summary: Harbour reopens",
        ),
        ("Back to draft", ["A", ""], (), "Back to draft: 2 articles\n\n- A\n- (no title)"),
    ],
)
def test_commit_messages(
    action: str, titles: list[str], keys: tuple[str, ...], expected: str
) -> None:
    assert commit_message(action, titles, keys) == expected


def test_history_follows_a_rename_with_the_bytes_at_each_commit(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    published = STORY_TEXT.replace("draft = true", "draft = false")
    write(repo, STORY, published)
    commit_all(repo, "Publish: Harbour reopens")
    renamed = "content/news/Hafen öffnet.md"
    git(repo, "mv", "--", STORY, renamed)
    commit_all(repo, "Rename")
    retitled = published.replace('"Harbour reopens"', '"Hafen öffnet"')
    write(repo, renamed, retitled)
    commit_all(repo, "Edit title: Hafen öffnet")

    history = file_history(checkout, renamed)

    assert [version.change.subject for version in history] == [
        "Edit title: Hafen öffnet",
        "Rename",
        "Publish: Harbour reopens",
        "Start the desk",
    ]
    assert [version.status for version in history] == ["M", "R", "M", "A"]
    assert history[1].old_git_path == STORY and history[1].git_path == renamed
    assert [version.data for version in history] == [
        retitled.encode(),
        published.encode(),
        published.encode(),
        STORY_TEXT.encode(),
    ]


def test_read_blobs_marks_missing_objects(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    assert read_blobs(checkout, [f"HEAD:{STORY}", "HEAD:nope.md", "HEAD:content"]) == [
        STORY_TEXT.encode(),
        None,
        None,
    ]


def test_a_saved_last_change_map_makes_the_next_start_warm(repo: Path, tmp_path: Path) -> None:
    checkout = find_checkout(repo / "content")
    assert checkout is not None
    first = LastChanges(checkout)
    first.refresh()
    saved = tmp_path / "cache" / "last-change.json"
    first.save(saved)
    write(repo, ODD_NAMES[0], "+++\n+++\n")
    commit_all(repo, "Add one")

    again = LastChanges.load(checkout, saved)
    assert again.changes == first.changes
    again.refresh()
    assert again.commits_read == 1
    assert again.get(ODD_NAMES[0].removeprefix("content/")) is not None
    assert again.get("news/harbour-reopens.md") == first.get("news/harbour-reopens.md")


def test_a_damaged_or_foreign_saved_map_is_ignored(repo: Path, tmp_path: Path) -> None:
    checkout = find_checkout(repo)
    other_desk = find_checkout(repo / "content")
    assert checkout is not None and other_desk is not None
    cache = LastChanges(checkout)
    cache.refresh()
    saved = tmp_path / "last-change.json"
    cache.save(saved)
    assert LastChanges.load(other_desk, saved).changes == {}  # saved for another desk folder
    for damage in (b"", b"{", b'{"version": 1}', b"[1, 2]", saved.read_bytes()[:-5]):
        saved.write_bytes(damage)
        loaded = LastChanges.load(checkout, saved)
        assert loaded.changes == {} and loaded.head is None
    assert LastChanges.load(checkout, tmp_path / "missing.json").changes == {}


def test_the_saved_map_lives_in_the_user_cache_folder(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = find_checkout(repo / "content")
    assert checkout is not None
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "mine"))
    assert last_change_folder() == tmp_path / "mine" / "git"
    kept = last_change_file(checkout)
    assert kept is not None and kept.parent == tmp_path / "mine" / "git"
    assert kept == LastChanges.file_in(tmp_path / "mine" / "git", checkout)
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    assert last_change_folder() is None and last_change_file(checkout) is None


def test_a_missing_folder_and_a_missing_git_are_told_apart(tmp_path: Path, git_home: Path) -> None:
    with pytest.raises(GitError) as gone:
        run_git(tmp_path / "gone", ["status"])
    assert gone.value.kind is Failure.NOT_A_CHECKOUT
    with pytest.raises(GitError) as no_git:
        run_git(tmp_path, ["status"], git=str(tmp_path / "no-such-git"))
    assert no_git.value.kind is Failure.NO_GIT and "not installed" in no_git.value.message
