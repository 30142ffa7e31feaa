"""editor.core.git_sync with two editors: clones of one bare origin in temp folders (no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.git import Checkout, Failure, GitError, Ran, classify, find_checkout
from editor.core.git_status import LastChanges, commit_paths, desk_status
from editor.core.git_sync import (
    abort_operation,
    branch_state,
    conflict_versions,
    continue_operation,
    fetch,
    incoming,
    mark_resolved,
    operation_in_progress,
    pull,
    push,
    sync,
)
from tests.helpers.git import OTHER, STORY, STORY_TEXT, Team, commit_all, git, write

PUBLISHED = STORY_TEXT.replace("draft = true", "draft = false")


def checkout_of(clone: Path) -> Checkout:
    found = find_checkout(clone)
    assert found is not None
    return found


def publish_and_push(clone: Path) -> None:
    write(clone, STORY, PUBLISHED)
    checkout = checkout_of(clone)
    commit_paths(checkout, [STORY], "Publish: Harbour reopens")
    push(checkout)


def test_alice_publishes_and_pushes_bob_sees_it_coming_and_pulls(team: Team) -> None:
    alice, bob = checkout_of(team.alice), checkout_of(team.bob)
    write(team.alice, STORY, PUBLISHED)
    commit_paths(alice, [STORY], "Publish: Harbour reopens")
    status = desk_status(alice)
    assert status.ahead == 1 and status.unpushed == {STORY}
    assert push(alice).pushed
    assert desk_status(alice).unpushed == set()

    fetch(bob)
    coming = incoming(bob)
    assert list(coming) == [STORY]
    assert coming[STORY].author == "Alice" and coming[STORY].subject == "Publish: Harbour reopens"
    assert (team.bob / STORY).read_text() == STORY_TEXT  # fetch alone changes nothing on disk

    result = pull(bob)
    assert result.changed and not result.conflicts
    assert (team.bob / STORY).read_text() == PUBLISHED
    assert incoming(bob) == {}
    assert LastChanges(bob).refresh()[STORY].author == "Alice"


def test_both_edit_one_story_bobs_push_is_rejected_and_sync_merges(team: Team) -> None:
    publish_and_push(team.alice)  # Alice changes the draft line
    bob = checkout_of(team.bob)
    body_edit = STORY_TEXT.replace("reopened on Friday.", "reopened on Friday at noon.")
    write(team.bob, STORY, body_edit)  # Bob changes the body: no overlap
    commit_paths(bob, [STORY], "Edit body: Harbour reopens")

    with pytest.raises(GitError) as caught:
        push(bob)
    assert caught.value.kind is Failure.NON_FAST_FORWARD
    assert "Pull" in caught.value.next_step

    result = sync(bob)
    assert not result.pull.conflicts and result.push is not None and result.push.pushed
    merged = (team.bob / STORY).read_text()
    assert "draft = false" in merged and "at noon" in merged
    assert branch_state(bob).ahead == 0
    assert git(team.origin, "show", f"main:{STORY}") == merged


def test_a_conflict_lists_the_stages_resolves_and_continues(team: Team) -> None:
    write(team.alice, STORY, STORY_TEXT.replace('"Harbour reopens"', '"Harbour opens again"'))
    commit_all(team.alice, "Edit title: Harbour opens again")
    git(team.alice, "push", "-q")
    bob = checkout_of(team.bob)
    mine = STORY_TEXT.replace('"Harbour reopens"', '"The harbour is back"')
    write(team.bob, STORY, mine)
    commit_paths(bob, [STORY], "Edit title: The harbour is back")
    write(team.bob, OTHER, "Bob's unsaved notes\n")  # unstaged work that must survive

    result = pull(bob)
    assert result.conflicts == (STORY,) and result.operation == "merge"
    assert desk_status(bob).conflicted == [STORY]
    versions = conflict_versions(bob, STORY)
    assert versions.base == STORY_TEXT.encode()
    assert versions.mine == mine.encode()
    assert b"Harbour opens again" in (versions.incoming or b"")

    with pytest.raises(GitError) as early:
        continue_operation(bob)
    assert early.value.kind is Failure.CONFLICTS
    with pytest.raises(GitError) as again:
        pull(bob)
    assert again.value.kind is Failure.IN_PROGRESS

    write(team.bob, STORY, mine)  # resolved as Bob's title (the service writes it in the app)
    mark_resolved(bob, [STORY])
    assert continue_operation(bob).done
    assert operation_in_progress(bob) is None
    assert git(team.bob, "log", "-1", "--format=%p").count(" ") == 1  # a merge commit
    assert (team.bob / OTHER).read_text() == "Bob's unsaved notes\n"


def test_aborting_a_conflicted_pull_keeps_unstaged_work(team: Team) -> None:
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Saturday"))
    commit_all(team.alice, "Edit body")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, STORY_TEXT.replace("Friday", "Sunday"))
    commit_all(team.bob, "Edit body")
    write(team.bob, OTHER, "Bob's unsaved notes\n")
    bob = checkout_of(team.bob)
    head = branch_state(bob).head

    assert pull(bob).conflicts == (STORY,)
    abort_operation(bob)

    assert operation_in_progress(bob) is None and branch_state(bob).head == head
    assert "Sunday" in (team.bob / STORY).read_text()
    assert (team.bob / OTHER).read_text() == "Bob's unsaved notes\n"


def test_a_pull_over_uncommitted_changes_refuses_and_keeps_them(team: Team) -> None:
    publish_and_push(team.alice)
    edited = STORY_TEXT.replace("Friday", "Monday")
    write(team.bob, STORY, edited)  # saved with commit-per-action off: not committed
    with pytest.raises(GitError) as caught:
        pull(checkout_of(team.bob))
    assert caught.value.kind is Failure.UNCOMMITTED
    assert (team.bob / STORY).read_text() == edited


def test_a_pull_over_uncommitted_changes_names_the_files(team: Team) -> None:
    publish_and_push(team.alice)
    write(team.bob, STORY, STORY_TEXT.replace("Friday", "Monday"))
    with pytest.raises(GitError) as caught:
        pull(checkout_of(team.bob))
    assert STORY in caught.value.message and "untracked" not in caught.value.message


def test_a_pull_blocked_by_an_untracked_file_names_it_and_the_next_step(team: Team) -> None:
    write(team.alice, "content/.gitattributes", "*.md merge=copydesk\n")
    commit_all(team.alice, "Merge driver")
    git(team.alice, "push", "-q")
    write(team.bob, "content/.gitattributes", "*.md text\n")  # Bob's own, never added
    with pytest.raises(GitError) as caught:
        sync(checkout_of(team.bob))
    error = caught.value
    assert error.kind is Failure.UNCOMMITTED
    assert "content/.gitattributes" in error.message and "untracked" in error.message
    assert "move" in error.next_step.lower() and "commit" in error.next_step
    assert (team.bob / "content/.gitattributes").read_text() == "*.md text\n"


def test_a_remote_path_that_does_not_exist_is_offline(team: Team, tmp_path: Path) -> None:
    git(team.bob, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    bob = checkout_of(team.bob)
    write(team.bob, STORY, PUBLISHED)
    commit_paths(bob, [STORY], "Publish: Harbour reopens")
    for operation in (fetch, pull, push, sync):
        with pytest.raises(GitError) as caught:
            operation(bob)
        assert caught.value.kind is Failure.OFFLINE, operation.__name__
        assert "cannot be reached" in caught.value.message
    assert (team.bob / STORY).read_text() == PUBLISHED


def test_no_upstream_is_refused_until_pushed_with_one(team: Team) -> None:
    git(team.bob, "switch", "-q", "-c", "bob/features")
    bob = checkout_of(team.bob)
    with pytest.raises(GitError) as caught:
        pull(bob)
    assert caught.value.kind is Failure.NO_UPSTREAM
    with pytest.raises(GitError):
        push(bob)
    assert push(bob, set_upstream=True).set_upstream
    assert branch_state(bob).upstream == "origin/bob/features"
    assert git(team.origin, "branch", "--list", "bob/features").strip() == "bob/features"


def test_a_detached_head_is_refused(team: Team) -> None:
    git(team.bob, "switch", "-q", "--detach", "HEAD")
    with pytest.raises(GitError) as caught:
        sync(checkout_of(team.bob))
    assert caught.value.kind is Failure.DETACHED
    assert "git switch" in caught.value.next_step


def test_a_checkout_with_no_remote_says_so(repo: Path) -> None:
    with pytest.raises(GitError) as caught:
        fetch(checkout_of(repo))
    assert caught.value.kind is Failure.NO_UPSTREAM and "no remote" in caught.value.message


def test_with_pull_rebase_the_stages_still_say_which_side_is_mine(team: Team) -> None:
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Saturday"))
    commit_all(team.alice, "Edit body")
    git(team.alice, "push", "-q")
    mine = STORY_TEXT.replace("Friday", "Sunday")
    write(team.bob, STORY, mine)
    commit_all(team.bob, "Edit body")
    git(team.bob, "config", "pull.rebase", "true")
    bob = checkout_of(team.bob)

    result = pull(bob)

    assert result.conflicts == (STORY,) and result.operation == "rebase"
    versions = conflict_versions(bob, STORY)
    assert versions.mine == mine.encode()
    assert b"Saturday" in (versions.incoming or b"")
    write(team.bob, STORY, mine)
    mark_resolved(bob, [STORY])
    assert continue_operation(bob).done
    assert git(team.bob, "log", "--format=%s", "-2").splitlines() == ["Edit body", "Edit body"]
    assert git(team.bob, "log", "-1", "--format=%p").count(" ") == 0  # replayed, no merge commit


@pytest.mark.parametrize(
    ("stderr", "kind"),
    [
        ("git@github.com: Permission denied (publickey).\nfatal: Could not read from remote "
         "repository.", Failure.AUTHENTICATION),
        ("fatal: could not read Username for 'https://example.org': terminal prompts disabled",
         Failure.AUTHENTICATION),
        ("fatal: unable to access 'https://example.org/x.git/': Could not resolve host: "
         "example.org", Failure.OFFLINE),
        ("ssh: connect to host example.org port 22: Network is unreachable", Failure.OFFLINE),
        (" ! [rejected]        main -> main (fetch first)", Failure.NON_FAST_FORWARD),
        ("fatal: The current branch x has no upstream branch.", Failure.NO_UPSTREAM),
        ("error: Your local changes to the following files would be overwritten by merge:",
         Failure.UNCOMMITTED),
        ("fatal: Not possible to fast-forward, aborting.", Failure.DIVERGED),
        ("fatal: You have not concluded your merge (MERGE_HEAD exists).", Failure.IN_PROGRESS),
        ("fatal: something new", Failure.OTHER),
    ],
)  # fmt: skip
def test_failures_are_classified(stderr: str, kind: Failure) -> None:
    error = classify(Ran(("git",), 128, b"", stderr.encode()))
    assert error.kind is kind
    assert error.message and (error.next_step or kind is Failure.OTHER)


def test_files_in_the_way_are_named_changed_and_untracked_apart() -> None:
    stderr = (
        "error: Your local changes to the following files would be overwritten by merge:\n"
        "\tcontent/a.md\n\tcontent/b.md\n"
        "Please commit your changes or stash them before you merge.\n"
        "error: The following untracked working tree files would be overwritten by merge:\n"
        "\tcontent/.gitattributes\n"
        "Please move or remove them before you merge.\nAborting\n"
    )
    error = classify(Ran(("git",), 1, b"", stderr.encode()))
    assert error.kind is Failure.UNCOMMITTED
    assert error.message == (
        "The pull would overwrite uncommitted changes in content/a.md, content/b.md and "
        "untracked file content/.gitattributes."
    )
    assert error.next_step.startswith("Commit those changes")
