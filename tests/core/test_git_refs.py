"""The remote-refs stamp: it changes when a fetch from outside the app brings something, and only
then (real git: a bare origin and two clones)."""

from __future__ import annotations

from editor.core.git import find_checkout
from editor.core.git_refs import git_folders, remote_refs_stamp
from tests.helpers.git import STORY, STORY_TEXT, Team, commit_all, git, write


def test_a_fetch_that_brings_commits_changes_the_stamp(team: Team) -> None:
    checkout = find_checkout(team.bob)
    assert checkout is not None
    folders = git_folders(checkout)
    assert folders == ((team.bob / ".git").resolve(),)
    before = remote_refs_stamp(folders)
    assert before == remote_refs_stamp(folders)  # nothing moved: the same stamp
    git(team.bob, "status")  # our own refresh's git commands touch no remote ref
    assert remote_refs_stamp(folders) == before
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Monday"))
    commit_all(team.alice, "Edit")
    git(team.alice, "push", "-q")
    git(team.bob, "fetch", "-q")
    after = remote_refs_stamp(folders)
    assert after != before
    git(team.bob, "pack-refs", "--all")  # loose refs packed: still a change, still seen
    assert remote_refs_stamp(folders) != after


def test_a_linked_work_tree_watches_the_common_folder(team: Team) -> None:
    git(team.bob, "worktree", "add", "-q", "-b", "side", str(team.bob.parent / "side"))
    checkout = find_checkout(team.bob.parent / "side")
    assert checkout is not None
    folders = git_folders(checkout)
    assert (team.bob / ".git").resolve() in folders and len(folders) == 2
    common = str((team.bob / ".git").resolve())
    assert any(path.startswith(common) for path, *_ in remote_refs_stamp(folders))
