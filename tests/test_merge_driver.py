"""``copydesk merge-driver`` with real git: a bare origin and two clones editing one article."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from editor.core.merge import merge, versions_from_marked
from editor.merge_driver import drive
from tests.helpers import SEED_ARTICLE
from tests.helpers.cli import run
from tests.helpers.git import commit_all, git, identify, write

SEED = SEED_ARTICLE
ARTICLE = "content/news/huawei-gac.md"
TITLE = b'title = "Huawei and GAC Group'
DATE = b'date = "2025-09-23T14:21:27Z"'


def pull(clone: Path) -> subprocess.CompletedProcess[str]:
    """``git pull`` as the editor runs it; the driver's messages come on its stderr."""
    return subprocess.run(
        ["git", "pull", "--no-rebase", "origin", "main"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def clones(tmp_path: Path, git_home: Path) -> tuple[Path, Path]:
    """Two clones of one origin holding a Hugo site with the seed article."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    first = tmp_path / "first"
    git(tmp_path, "clone", "-q", str(origin), str(first))
    identify(first, "Alice")
    git(first, "checkout", "-q", "-b", "main")
    write(first, "hugo.toml", 'title = "Desk"\n')
    (first / ARTICLE).parent.mkdir(parents=True)
    (first / ARTICLE).write_bytes(SEED.read_bytes())
    commit_all(first, "seed")
    git(first, "push", "-q", "origin", "main")
    second = tmp_path / "second"
    git(tmp_path, "clone", "-q", str(origin), str(second))
    identify(second, "Bob")
    return first, second


def _install(capsys: pytest.CaptureFixture[str], folder: Path) -> str:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        status, out, _ = run(capsys, "merge-driver", "--install")
    finally:
        os.chdir(cwd)
    assert status == 0
    return out


def _edit_and_commit(clone: Path, old: bytes, new: bytes, message: str) -> None:
    path = clone / ARTICLE
    data = path.read_bytes()
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, new))
    git(clone, "commit", "-am", message)


def _set_up(capsys: pytest.CaptureFixture[str], first: Path, second: Path) -> None:
    out = _install(capsys, first)
    assert "added to" in out
    git(first, "add", "content/.gitattributes")
    git(first, "commit", "-m", "merge driver")
    git(first, "push", "-q", "origin", "main")
    git(second, "pull", "-q", "--no-rebase", "origin", "main")
    _install(capsys, second)


def test_install_writes_config_and_attributes_and_is_idempotent(
    capsys: pytest.CaptureFixture[str], clones: tuple[Path, Path]
) -> None:
    first, _ = clones
    _install(capsys, first)
    attributes = (first / "content" / ".gitattributes").read_text()
    assert attributes == "".join(
        f"*.{suffix} merge=copydesk\n" for suffix in ("htm", "html", "markdown", "md")
    )
    driver = git(first, "config", "merge.copydesk.driver")
    assert driver.strip().endswith("-m editor merge-driver %O %A %B %P")
    assert "already in" in _install(capsys, first)
    assert (first / "content" / ".gitattributes").read_text() == attributes
    assert git(first, "config", "--get-all", "merge.copydesk.driver") == driver
    assert git(first, "check-attr", "merge", ARTICLE).strip().endswith("merge: copydesk")


def test_install_outside_a_repository_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, git_home: Path
) -> None:
    status, _, err = run(capsys, "merge-driver", "--install", tmp_path)
    assert status == 1 and "not inside a git repository" in err


def test_pull_merges_adjacent_fields_through_the_driver(
    capsys: pytest.CaptureFixture[str], clones: tuple[Path, Path]
) -> None:
    first, second = clones
    _set_up(capsys, first, second)
    _edit_and_commit(first, TITLE, b'title = "Exclusive: Huawei and GAC Group', "title")
    git(first, "push", "-q", "origin", "main")
    _edit_and_commit(second, DATE, b'date = "2025-09-24T06:00:00Z"', "date")
    pulled = pull(second)
    assert pulled.returncode == 0, pulled.stderr + pulled.stdout
    expected = (
        SEED.read_bytes()
        .replace(TITLE, b'title = "Exclusive: Huawei and GAC Group')
        .replace(DATE, b'date = "2025-09-24T06:00:00Z"')
    )
    assert (second / ARTICLE).read_bytes() == expected
    assert git(second, "status", "--porcelain") == ""


def test_without_the_driver_git_conflicts_on_those_adjacent_lines(
    clones: tuple[Path, Path],
) -> None:
    first, second = clones  # the control: the same edits, git's own line merge
    _edit_and_commit(first, TITLE, b'title = "Exclusive: Huawei and GAC Group', "title")
    git(first, "push", "-q", "origin", "main")
    _edit_and_commit(second, DATE, b'date = "2025-09-24T06:00:00Z"', "date")
    assert pull(second).returncode != 0


def test_the_same_field_conflicts_and_is_marked_for_the_resolver(
    capsys: pytest.CaptureFixture[str], clones: tuple[Path, Path]
) -> None:
    first, second = clones
    _set_up(capsys, first, second)
    _edit_and_commit(first, TITLE, b'title = "Update: Huawei and GAC Group', "title one")
    git(first, "push", "-q", "origin", "main")
    _edit_and_commit(second, TITLE, b'title = "Exclusive: Huawei and GAC Group', "title two")
    _edit_and_commit(second, DATE, b'date = "2025-09-24T06:00:00Z"', "date")
    pulled = pull(second)
    assert pulled.returncode != 0
    assert "conflict in title" in pulled.stderr + pulled.stdout
    assert "Traceback" not in pulled.stderr
    marked = (second / ARTICLE).read_bytes()
    assert b'<<<<<<< ours\ntitle = "Exclusive: Huawei' in marked
    assert b'=======\ntitle = "Update: Huawei' in marked
    assert b'date = "2025-09-24T06:00:00Z"' in marked  # the clean edit is in, outside the markers
    assert git(second, "ls-files", "-u", ARTICLE).count("\n") == 3  # stages 1, 2, 3
    versions = versions_from_marked(marked)
    assert versions is not None
    assert [conflict.key for conflict in merge(*versions).conflicts] == ["title"]


def test_driver_on_a_side_that_does_not_parse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    seed = SEED.read_bytes()
    base.write_bytes(seed)
    ours.write_bytes(seed.replace(TITLE, b'title = "Exclusive: Huawei and GAC Group'))
    theirs.write_bytes(seed.replace(b"draft = false", b"draft = = false"))
    status, _, err = run(capsys, "merge-driver", base, ours, theirs, "a.md")
    assert status == 1
    assert "The other version cannot be merged: Malformed TOML front matter" in err
    assert "merged line by line instead" in err
    merged = ours.read_bytes()  # git's kind of line merge, left for a person to check
    assert b'title = "Exclusive: Huawei' in merged and b"draft = = false" in merged


def test_driver_exit_status_and_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    seed = SEED.read_bytes()
    base.write_bytes(seed)
    ours.write_bytes(seed.replace(TITLE, b'title = "Exclusive: Huawei and GAC Group'))
    theirs.write_bytes(seed.replace(DATE, b'date = "2025-09-24T06:00:00Z"'))
    assert drive(base, ours, theirs, "a.md") == 0
    assert ours.read_bytes() == seed.replace(
        TITLE, b'title = "Exclusive: Huawei and GAC Group'
    ).replace(DATE, b'date = "2025-09-24T06:00:00Z"')
    assert "date changed on their side; our title edit kept" in capsys.readouterr().err
    status, _, err = run(capsys, "merge-driver", base, tmp_path / "missing", theirs)
    assert status == 1 and "cannot read" in err
    status, _, err = run(capsys, "merge-driver", base, ours)
    assert status == 2 and "BASE OURS THEIRS" in err


def test_the_help_and_the_usage_line_name_the_same_arguments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The description spoke of FOLDER, which the usage line did not have."""
    status, out, _ = run(capsys, "merge-driver", "--help")
    assert status == 0
    usage, _, rest = out.partition("\n\n")
    assert "BASE OURS THEIRS [PATH]" in usage and "--install" in usage and "FOLDER" in usage
    assert "..." not in usage  # the positionals are not an open-ended list
    assert "FOLDER" in rest
    status, _, err = run(capsys, "merge-driver", "--install", "a", "b")
    assert status == 2 and "FOLDER" in err
