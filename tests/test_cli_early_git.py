"""``list --json`` asks git before its scan (``desk_git.EarlyGit``: processes, no thread, so that the
cold scan can still fork its readers) and reads the answers after: the same fields as asking after,
the status asked in the desk's folder naming the same files as the top's ``-- PREFIX``."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from editor import desk_git
from editor.core.git import find_checkout
from editor.core.git_status import desk_status
from tests.helpers.git import STORY, STORY_TEXT, Team, commit_all, write


def _desk(team: Team) -> Path:
    """Alice's clone with a desk below the top holding files in every state, and a folder whose
    name git quotes (a space, non-ASCII) unless told -z; and a file outside the desk."""
    clone = team.alice
    write(clone, "content/news/third.md", STORY_TEXT.replace("Harbour", "Third"))
    commit_all(clone, "Add the third")  # committed, not pushed
    write(clone, STORY, STORY_TEXT.replace("draft = true", "draft = false"))  # modified
    write(clone, "content/we ird/ü é.md", "+++\ntitle = 'W'\n+++\n")  # untracked
    write(clone, "elsewhere/o.md", "+++\ntitle = 'O'\n+++\n")  # untracked, outside the desk
    return clone


@pytest.mark.parametrize("below", ["content", "content/we ird", ""])
def test_early_answers_are_those_asked_after(team: Team, below: str) -> None:
    clone = _desk(team)
    desk = clone / below if below else clone
    checkout = find_checkout(desk)
    assert checkout is not None
    asked_after = desk_status(checkout)  # from the top, with -- PREFIX, as before
    early = desk_git.EarlyGit(desk)
    assert threading.active_count() == 1  # git runs in processes: the scan may still fork
    found = early.result()
    assert found is not None
    assert asked_after.files  # the desk has changes to tell apart
    assert (found._files, found._unpushed) == (asked_after.files, asked_after.unpushed)


def test_early_fields_of_each_state(team: Team) -> None:
    found = desk_git.EarlyGit(_desk(team) / "content").result()
    assert found is not None
    fields = found.fields(["news/harbour-reopens.md", "news/third.md", "we ird/ü é.md"])
    got = {
        path: (value["git"]["state"], value["git"]["unpushed"]) for path, value in fields.items()
    }
    assert got == {
        "news/harbour-reopens.md": ("modified", False),
        "news/third.md": ("clean", True),
        "we ird/ü é.md": ("untracked", False),
    }
    assert fields["news/third.md"]["last_change"]["subject"] == "Add the third"


def test_outside_a_checkout_no_git_starts(tmp_path: Path) -> None:
    early = desk_git.EarlyGit(tmp_path)
    assert early._processes == []
    assert early.result() is None


def test_a_desk_whose_git_is_missing_has_no_git_fields(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = _desk(team)
    monkeypatch.setenv("PATH", str(clone / "no-such-bin"))
    early = desk_git.EarlyGit(clone / "content")
    assert early.result() is None  # as find_checkout: no git, no checkout


def test_a_listing_that_stops_ends_its_git(team: Team) -> None:
    early = desk_git.EarlyGit(_desk(team) / "content")
    processes = list(early._processes)
    assert len(processes) == 3
    early.close()
    assert all(process.returncode is not None for process in processes)
