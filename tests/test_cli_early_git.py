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


def test_a_deferred_early_git_starts_when_asked(team: Team) -> None:
    desk = _desk(team) / "content"
    early = desk_git.EarlyGit(desk, now=False)
    assert early._processes == []
    early.start()
    early.start()  # once
    assert len(early._processes) == 3
    found, eager = early.result(), desk_git.EarlyGit(desk).result()
    assert found is not None and eager is not None
    assert (found._files, found._unpushed) == (eager._files, eager._unpushed)


def test_a_deferred_early_git_not_started_starts_with_its_result(team: Team) -> None:
    desk = _desk(team) / "content"
    found = desk_git.EarlyGit(desk, now=False).result()
    eager = desk_git.EarlyGit(desk).result()
    assert found is not None and eager is not None
    assert (found._files, found._unpushed) == (eager._files, eager._unpushed)


@pytest.mark.parametrize(
    ("words", "threshold", "order"),
    [
        (["--no-cache"], 10, ["readers", "git", "here"]),  # after the readers' fork
        (["--no-cache"], 10_000, ["git", "here"]),  # one process: before the first file
        ([], 10, ["git"]),  # with the cache: at once, as before (here: the kept answer)
    ],
)
def test_a_cold_list_json_asks_git_once_its_readers_are_forked(
    team: Team,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    threshold: int,
    order: list[str],
) -> None:
    """Each git start waits for git's exec: the readers' start no longer waits for three of
    them. The fields are those git gave before."""
    from editor.cli import main
    from editor.core import listing, pool

    desk = _desk(team) / "content"
    for number in range(40):
        write(team.alice, f"content/many/a{number:02}.md", f"+++\ntitle = 'A{number}'\n+++\n")
    command = ["list", "--json", "--as-of", "2026-12-01T12:00:00Z", *words, str(desk)]
    assert main(command) == 0
    before = capsys.readouterr().out
    events: list[str] = []
    start, here, readers = desk_git.EarlyGit.start, listing._here, listing.process_pool

    def started(self: desk_git.EarlyGit) -> None:
        if not self._started:
            events.append("git")
        start(self)

    def read_here(*args: object, **kwargs: object) -> object:
        events.append("here")
        return here(*args, **kwargs)  # type: ignore[arg-type]

    def forked(*args: object, **kwargs: object) -> object:
        events.append("readers")
        return readers(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(desk_git.EarlyGit, "start", started)
    monkeypatch.setattr(listing, "_here", read_here)
    monkeypatch.setattr(listing, "process_pool", forked)
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", threshold)
    monkeypatch.setattr(pool, "FORKED_THRESHOLD", threshold)
    assert main(command) == 0
    assert capsys.readouterr().out == before
    assert '"modified"' in before and '"untracked"' in before
    assert events[: len(order)] == order
