"""The History panel's entries once history has branched: each commit against its own parent."""

from __future__ import annotations

from editor.core.git import find_checkout
from editor.core.git_history import file_history
from editor.ui.article.history_panel import entries_of
from tests.helpers.git import STORY, Team, branched_history


def test_entries_compare_each_commit_with_its_parent(team: Team) -> None:
    made = branched_history(team)
    checkout = find_checkout(team.alice / "content")
    assert checkout is not None
    entries = {
        entry.version.change.commit: entry.details
        for entry in entries_of(file_history(checkout, STORY.removeprefix("content/")))
    }
    bob = entries[made["bob_title2"]]
    assert 'title: "Harbour BOB" → "Harbour BOB2"' in bob and "summary" not in bob
    merge = entries[made["merge"]]
    assert "a merge" in merge and "summary: " in merge and "title" not in merge.split("\n", 3)[3]
