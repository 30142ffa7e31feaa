"""editor.core.git_history once history has branched: each commit against its own first parent."""

from __future__ import annotations

from pathlib import Path

from editor.core.git import find_checkout, read_blobs
from editor.core.git_history import file_history, version_changes
from tests.helpers.git import STORY, Team, branched_history, git

DESK_PATH = STORY.removeprefix("content/")
SUMMARY = "The harbour reopens after the storm."


def _changed(clone: Path) -> dict[str, tuple[dict[str, tuple[object, object]], str]]:
    """commit → ({key: (old, new)}, subject) for every commit the history lists."""
    checkout = find_checkout(clone / "content")
    assert checkout is not None
    found = {}
    for version in file_history(checkout, DESK_PATH):
        fields, _body = version_changes(version)
        found[version.change.commit] = (
            {item.key: (item.old, item.new) for item in fields},
            version.change.subject,
        )
    return found


def test_each_commit_is_compared_with_its_own_parent_after_a_merge(team: Team) -> None:
    made = branched_history(team)
    alice_summary, bob_title, merge = made["alice_summary"], made["bob_title"], made["merge"]
    alice_title, bob_title2 = made["alice_title"], made["bob_title2"]

    changed = _changed(team.alice)

    assert set(changed[alice_summary][0]) == {"summary"}
    assert changed[bob_title][0] == {"title": ("Harbour reopens", "Harbour BOB")}
    # The merge brought Alice's summary into Bob's line: what it changed against its first parent.
    assert changed[merge][0] == {"summary": (SUMMARY, "The harbour reopens after the big storm.")}
    assert changed[alice_title][0] == {"title": ("Harbour BOB", "Harbour ALICE2")}
    assert changed[bob_title2][0] == {"title": ("Harbour BOB", "Harbour BOB2")}
    # Alice's resolution kept her side: against its first parent (hers) it changed nothing, so it
    # is not listed as a change of this file.
    assert set(changed) == {
        alice_summary,
        bob_title,
        merge,
        alice_title,
        bob_title2,
        _first(team.alice),
    }


def test_the_first_commit_is_created_and_has_no_parent(repo: Path) -> None:
    checkout = find_checkout(repo / "content")
    assert checkout is not None
    (version,) = file_history(checkout, DESK_PATH)
    assert version.status == "A" and version.parent_data is None
    assert version_changes(version) == ((), "")


def _first(clone: Path) -> str:
    return git(clone, "rev-list", "--max-parents=0", "HEAD").strip()


def test_a_missing_object_with_a_space_in_its_name_reads_as_none(repo: Path) -> None:
    checkout = find_checkout(repo)
    assert checkout is not None
    assert read_blobs(checkout, ["HEAD^1:content/news/with space.md", f"HEAD:{STORY}"]) == [
        None,
        (repo / STORY).read_bytes(),
    ]
