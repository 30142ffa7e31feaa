"""A kept ``list --json`` answer inside a git checkout: the tree is the same, the git fields are
read now (a commit, an ignore rule, a push change them and not the tree), every byte as without
the cache."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.core.test_warm_snapshot import _listing, _same_as_uncached
from tests.helpers.git import STORY, STORY_TEXT, Team, commit_all, git, write

pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")

HOUR_AGO_NS = time.time_ns() - 3600 * 1_000_000_000


def _aged(folder: Path) -> None:
    """Every file of the desk out of the cache's racy window."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))


def test_git_fields_are_read_now(
    team: Team, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    clone = team.alice
    write(clone, "content/news/third.md", STORY_TEXT.replace("Harbour", "Third"))
    write(clone, "content/news/fourth.md", STORY_TEXT.replace("Harbour", "Fourth"))
    _aged(clone / "content")
    content = clone / "content"
    first = _listing(capsys, content)  # untracked and clean rows: fields differ row by row
    assert _same_as_uncached(capsys, content) == first
    uncached = len(no_scan)
    git(clone, "add", "content/news/third.md")
    git(clone, "commit", "-q", "-m", "Add the third")  # the tree under content/ is the same
    after = _listing(capsys, content)
    assert len(no_scan) == uncached  # from the kept answer
    assert after != first
    assert after == _listing(capsys, content, "--no-cache")
    assert _listing(capsys, content, "--state", "draft") == _listing(
        capsys, content, "--no-cache", "--state", "draft"
    )


def test_every_row_ignored_then_not(
    tmp_path: Path, git_home: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    """All rows share one dict of fields: the kept texts carry it, and another shared one (or
    none shared) replaces it."""
    clone = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(clone))
    git(clone, "config", "user.name", "Alice")
    git(clone, "config", "user.email", "alice@desk.example")
    write(clone, "hugo.toml", 'title = "Desk"\n')
    write(clone, ".gitignore", "content/\n")
    commit_all(clone, "Start")
    write(clone, STORY, STORY_TEXT)
    write(clone, "content/news/other.md", STORY_TEXT.replace("Harbour", "Other"))
    _aged(clone / "content")
    content = clone / "content"
    first = _same_as_uncached(capsys, content)
    assert '"state": "ignored"' in first
    made = len(no_scan)
    assert _listing(capsys, content) == first
    write(clone, ".gitignore", "")  # now every file is untracked: one shared dict again
    untracked = _listing(capsys, content)
    assert '"state": "untracked"' in untracked
    assert untracked == _listing(capsys, content, "--no-cache")
    commit_all(clone, "Track them")  # clean, one last change for both: shared again
    tracked = _listing(capsys, content)
    assert tracked == _listing(capsys, content, "--no-cache")
    write(clone, ".gitignore", "content/news/other.md\n")
    git(clone, "rm", "-q", "--cached", "content/news/other.md")
    commit_all(clone, "Untrack one")  # fields differ row by row now
    mixed = _listing(capsys, content)
    assert mixed == _listing(capsys, content, "--no-cache")
    assert len(no_scan) == made + 3  # the three uncached listings only
