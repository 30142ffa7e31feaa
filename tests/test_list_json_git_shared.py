"""``list --json``'s git fields, shared across rows (``desk_git.git_fields`` gives paths with the same
fields one dict; ``cli_rows.write_json_rows`` encodes each dict once): still right row by row, and a warm
listing from the index cache is byte-identical to ``--no-cache``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor import cli_rows, desk_git
from tests.helpers.cli import run
from tests.helpers.git import OTHER, STORY, STORY_TEXT, Team, commit_all, git, write


def _desk(team: Team) -> Path:
    """Alice's clone with files in every state the fields tell apart: clean and pushed (two, one
    commit), committed but not pushed (two commits), modified, untracked, ignored."""
    clone = team.alice
    write(clone, ".gitignore", "content/ignored/\n")
    write(clone, "content/news/third.md", STORY_TEXT.replace("Harbour", "Third"))
    commit_all(clone, "Add the third")
    write(clone, "content/news/fourth.md", STORY_TEXT.replace("Harbour", "Fourth"))
    commit_all(clone, "Add the fourth")
    write(clone, STORY, STORY_TEXT.replace("draft = true", "draft = false"))
    write(clone, "content/news/untracked.md", "+++\ntitle = 'New'\n+++\n")
    write(clone, "content/ignored/a.md", "+++\ntitle = 'A'\n+++\n")
    write(clone, "content/ignored/b.md", "+++\ntitle = 'B'\n+++\n")
    return clone


def _listing(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    status, out, err = run(capsys, "list", *args, "--json")
    assert status == 0, err
    return out


def test_each_row_has_its_own_git_fields(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    clone = _desk(team)
    cold = _listing(capsys, clone / "content", "--no-cache")
    _listing(capsys, clone / "content")  # fills the index cache
    warm = _listing(capsys, clone / "content")
    assert warm == cold
    rows = {row["path"]: row for row in json.loads(warm)}
    head = git(clone, "rev-parse", "HEAD").strip()
    third = git(clone, "rev-parse", "HEAD~1").strip()
    seed = git(clone, "rev-parse", "HEAD~2").strip()

    def fields(path: str) -> tuple[str, bool, str | None]:
        row = rows[path]
        change = row["last_change"]
        return row["git"]["state"], row["git"]["unpushed"], change and change["commit"]

    assert fields("news/council-vote.md") == ("clean", False, seed)
    assert fields("news/harbour-reopens.md") == ("modified", False, seed)
    assert fields("news/third.md") == ("clean", True, third)
    assert fields("news/fourth.md") == ("clean", True, head)
    assert rows["news/fourth.md"]["last_change"]["subject"] == "Add the fourth"
    assert fields("news/untracked.md") == ("untracked", False, None)
    assert fields("ignored/a.md") == fields("ignored/b.md") == ("ignored", False, None)
    assert OTHER.endswith("council-vote.md")


def test_paths_with_the_same_fields_share_one_dict(team: Team) -> None:
    clone = _desk(team)
    paths = ["ignored/a.md", "ignored/b.md", "news/council-vote.md", "news/third.md"]
    fields = desk_git.git_fields(clone / "content", paths)
    assert fields is not None
    assert fields["ignored/a.md"] is fields["ignored/b.md"]
    assert fields["news/council-vote.md"] is not fields["news/third.md"]
    assert fields["news/third.md"]["git"] == {"state": "clean", "unpushed": True}


def test_the_writer_encodes_by_dict_not_by_id_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """A mapping that makes a new dict at each lookup (so a freed dict's id can come back for
    another value) still gives each row its own fields."""
    text = b'{\n    "path": "a.md"\n  }'

    class Fresh(dict[str, dict[str, object]]):
        def __getitem__(self, path: str) -> dict[str, object]:
            return {"git": {"state": path}}

    rows = [(f"{n}.md", "published", text) for n in range(300)]
    cli_rows.write_json_rows(iter(rows), Fresh())
    written = json.loads(capsys.readouterr().out)
    assert [row["git"]["state"] for row in written] == [f"{n}.md" for n in range(300)]
    assert all(row["path"] == "a.md" for row in written)


def test_a_desk_git_ignores_whole(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    """No file of the desk is tracked, changed or committed (the bench's desks in this checkout):
    every row says "ignored", from the index cache as without it."""
    clone = _desk(team)
    desk = clone / "content" / "ignored"
    cold = _listing(capsys, desk, "--no-cache")
    _listing(capsys, desk)
    warm = _listing(capsys, desk)
    assert warm == cold
    rows = json.loads(warm)
    assert [row["path"] for row in rows] == ["a.md", "b.md"]
    assert all(row["git"] == {"state": "ignored", "unpushed": False} for row in rows)
    assert all(row["last_change"] is None for row in rows)
