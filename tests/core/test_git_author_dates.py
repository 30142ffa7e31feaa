"""The ``:git`` dates of ``enableGitInfo`` (site_rules.git_author_dates), read through the one git
runner (core/git.Checkout) from a real repository in a temp folder; a git that is missing, fails or
hangs gives no dates (the next date source applies), never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core import site_rules
from editor.core.site_rules import git_author_dates
from tests.helpers.git import git, write

IDENTITY = ["git", "-c", "user.name=T", "-c", "user.email=t@desk.example"]


def commit(root: Path, message: str, when: str) -> None:
    git(root, "add", "-A")
    git(root, *IDENTITY[1:], "commit", "-q", "-m", message, f"--date={when}")


def real(root: Path, name: str) -> str:
    return os.path.realpath(root / name)


@pytest.fixture
def site(tmp_path: Path, git_home: Path) -> Path:
    root = tmp_path / "site"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write(root, "hugo.toml", "enableGitInfo = true\n")
    write(root, "content/a.md", "+++\n+++\n")
    write(root, "content/Zürich ü.md", "+++\n+++\n")
    write(root, 'content/say "hi"\tnow.md', "+++\n+++\n")  # git quotes such a name without -z
    commit(root, "one", "2031-02-10T10:00:00+02:00")
    write(root, "content/a.md", "+++\nweight = 2\n+++\n")
    commit(root, "two", "2035-06-01T00:00:00Z")
    return root


def test_each_file_gets_the_author_date_of_its_last_commit(site: Path) -> None:
    dates = git_author_dates(site / "content")  # from a folder below the top, as from the top
    one = dt.datetime(2031, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert dates[real(site, "content/a.md")] == dt.datetime(2035, 6, 1, tzinfo=dt.UTC)
    assert dates[real(site, "content/Zürich ü.md")] == one
    assert dates[real(site, 'content/say "hi"\tnow.md')] == one
    assert dates[real(site, "hugo.toml")] == one
    assert git_author_dates(site) == dates


def test_merges_are_left_out(site: Path) -> None:
    git(site, "switch", "-q", "-c", "side")
    write(site, "content/b.md", "+++\n+++\n")
    commit(site, "side", "2036-01-01T00:00:00Z")
    git(site, "switch", "-q", "main")
    subprocess.run(
        [*IDENTITY, "merge", "-q", "--no-ff", "-m", "merge", "side"],
        cwd=site,
        env={**os.environ, "GIT_AUTHOR_DATE": "2040-01-01T00:00:00Z"},
        check=True,
        capture_output=True,
    )
    dates = git_author_dates(site)
    assert dates[real(site, "content/b.md")] == dt.datetime(2036, 1, 1, tzinfo=dt.UTC)


def test_an_undecodable_file_name_costs_no_other_file_its_date(site: Path) -> None:
    odd = os.fsencode(site / "content") + b"/caf\xe9.md"
    with open(odd, "wb") as handle:
        handle.write(b"+++\n+++\n")
    commit(site, "latin-1 name", "2037-01-01T00:00:00Z")
    dates = git_author_dates(site)
    assert dates[os.path.realpath(os.fsdecode(odd))] == dt.datetime(2037, 1, 1, tzinfo=dt.UTC)
    assert dates[real(site, "content/a.md")] == dt.datetime(2035, 6, 1, tzinfo=dt.UTC)


def test_no_dates_outside_a_repository_or_before_the_first_commit(
    tmp_path: Path, git_home: Path
) -> None:
    plain = tmp_path / "plain"
    write(plain, "content/a.md", "+++\n+++\n")
    assert git_author_dates(plain) == {}
    fresh = tmp_path / "fresh"
    git(tmp_path, "init", "-q", str(fresh))
    write(fresh, "content/a.md", "+++\n+++\n")
    assert git_author_dates(fresh) == {}  # git log fails: "does not have any commits yet"


def fake_git(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-git"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_a_missing_failing_or_hanging_git_gives_no_dates(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert git_author_dates(site, git=str(tmp_path / "no-such-git")) == {}
    real_git = shutil.which("git")
    failing = fake_git(
        tmp_path,
        f'case "$*" in *rev-parse*) exec {real_git} "$@";; esac\n'
        'echo "fatal: bad object HEAD" >&2; exit 128',
    )
    assert git_author_dates(site, git=failing) == {}
    monkeypatch.setattr(site_rules, "GIT_TIMEOUT_S", 0.5)
    hanging = fake_git(
        tmp_path, f'case "$*" in *rev-parse*) exec {real_git} "$@";; esac\nexec sleep 30'
    )
    assert git_author_dates(site, git=hanging) == {}
