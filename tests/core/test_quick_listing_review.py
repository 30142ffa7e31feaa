"""Review of the quick answer (editor.cli_kept): cases where it must be the uncached listing."""

from __future__ import annotations

import errno
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest

import editor
from editor import cli_kept
from editor.core import site as site_module
from editor.core import warm_snapshot
from tests.core.test_quick_listing import _kept, _quick
from tests.core.test_warm_snapshot import _listing, _story, _write


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """As tests/core/test_quick_listing.py's: the files just written count as old."""
    monkeypatch.setattr(warm_snapshot, "RACY_NS", 0)


def _new_process() -> None:
    """As a new process: the site's config read again (site.load_site remembers it by the config
    files' times and sizes)."""
    site_module._load_site.cache_clear()


pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")


def _repointed_lists_as_uncached(
    capsys: pytest.CaptureFixture[str], link: Path, target: str, desk: Path, before: str
) -> None:
    """``link`` pointed to ``target`` (in a new process): the listing of ``desk`` is not the one
    kept (``before``), and the quick answer is the uncached listing or leaves it to the usual
    way."""
    link.unlink()
    link.symlink_to(target)
    _new_process()
    uncached = _listing(capsys, desk, "--no-cache")
    assert uncached != before
    assert _quick(capsys, "--json", desk) in (None, uncached)


def test_a_content_folder_link_pointed_elsewhere(
    tmp_path: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """site/content is a link to site/a; pointed to site/b, the site's content folder is b."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "title = 'T'\n")
    for name in ("a", "b"):
        for n in range(2):
            _write(site / name / f"{name}{n}.md", _story(f"Story {name}{n}", 1 + n))
    (site / "content").symlink_to("a")
    before = _kept(capsys, site)
    assert _quick(capsys, "--json", site) == before
    _repointed_lists_as_uncached(capsys, site / "content", "b", site, before)


def test_the_desk_as_a_content_folder_its_link_pointed_elsewhere(
    tmp_path: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The desk site/a, the site's content folder while site/content links to it: pointed to
    site/b, site/a is no content folder (Hugo's defaults, not the config's cascade)."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "[[cascade]]\ndraft = true\n")
    for name in ("a", "b"):
        _write(site / name / f"{name}.md", "+++\ntitle = 'A'\n+++\n")
    (site / "content").symlink_to("a")
    desk = site / "a"
    before = _kept(capsys, desk)
    _repointed_lists_as_uncached(capsys, site / "content", "b", desk, before)


def test_a_mount_through_a_link_pointed_elsewhere(
    tmp_path: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    _write(
        site / "hugo.toml",
        "[[module.mounts]]\nsource = 'docs/content'\ntarget = 'content'\n",
    )
    for name in ("a", "b"):
        _write(site / name / "content" / f"{name}.md", _story(f"Story {name}"))
    (site / "docs").symlink_to("a")
    before = _kept(capsys, site)
    _repointed_lists_as_uncached(capsys, site / "docs", "b", site, before)


def _time_zone_path(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    """As a process started with PYTHONTZPATH=value (unset: None)."""
    if value is None:
        monkeypatch.delenv("PYTHONTZPATH", raising=False)
    else:
        monkeypatch.setenv("PYTHONTZPATH", value)
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache()
    _new_process()


@pytest.mark.skipif(importlib.util.find_spec("tzdata") is not None, reason="tzdata installed")
def test_a_time_zone_path_of_the_environment(
    tmp_path: Path,
    trusted: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PYTHONTZPATH decides whether the site's timeZone is found, so how a date without an offset
    reads."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "timeZone = 'Asia/Tokyo'\n")
    _write(site / "content" / "a.md", "+++\ntitle = 'A'\ndate = 2024-01-01T10:00:00\n+++\n")
    monkeypatch.setattr(zoneinfo, "TZPATH", zoneinfo.TZPATH)  # put back afterwards
    try:
        _time_zone_path(monkeypatch, str(tmp_path / "no-zones"))
        before = _kept(capsys, site)
        _time_zone_path(monkeypatch, None)
        uncached = _listing(capsys, site, "--no-cache")
        assert uncached != before
        assert _quick(capsys, "--json", site) in (None, uncached)
    finally:
        monkeypatch.delenv("PYTHONTZPATH", raising=False)
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()


def test_a_site_with_a_time_zone_is_answered_quickly(
    tmp_path: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    _write(site / "hugo.toml", "timeZone = 'UTC'\n[languages.fr]\ntimeZone = 'Mars/Olympus'\n")
    _write(site / "content" / "a.md", "+++\ntitle = 'A'\ndate = 2024-01-01T10:00:00\n+++\n")
    _kept(capsys, site)
    assert _quick(capsys, "--json", site) is None  # a zone zoneinfo does not find: not noted
    _write(site / "hugo.toml", "timeZone = 'UTC'\n")
    _new_process()
    answer = _kept(capsys, site)
    assert _quick(capsys, "--json", site) == answer


def test_another_copy_of_the_code_in_the_same_python(tmp_path: Path) -> None:
    """The same interpreter with another checkout first on its path (PYTHONPATH): its own code
    decides the rows, not the kept answer of this one's (whose files have not changed)."""
    other = tmp_path / "other"
    shutil.copytree(
        Path(editor.__file__).parent, other / "editor", ignore=shutil.ignore_patterns("__pycache__")
    )
    index = other / "editor" / "core" / "index.py"
    index.write_text(
        index.read_text().replace(
            "    return value if isinstance(value, str) else str(value)\n",
            "    return (value if isinstance(value, str) else str(value)).upper()\n",
        )
    )
    site = tmp_path / "site"
    _write(site / "hugo.toml", "title = 'T'\n")
    _write(site / "content" / "a.md", _story("quiet"))
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONPATH", None)

    def listing(*args: str, path: Path | None = None) -> bytes:
        done = subprocess.run(
            [sys.executable, "-m", "editor", "list", "--json", *args, str(site)],
            env={**env, "PYTHONPATH": str(path)} if path is not None else env,
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    time.sleep(warm_snapshot.RACY_NS / 1e9 + 0.2)
    mine = listing()
    assert listing() == mine and b'"title": "quiet"' in mine  # kept, and answered from it
    theirs = listing("--no-cache", path=other)
    assert b'"title": "QUIET"' in theirs
    assert listing(path=other) == theirs


class _Full(io.RawIOBase):
    """A stdout on a full disk."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_stdout_that_cannot_be_written_with_copydesk_debug(
    tmp_path: Path,
    trusted: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As the command line (editor.cli.main): the one-line message, or with COPYDESK_DEBUG the
    error itself (its traceback)."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "title = 'T'\n")
    _write(site / "content" / "a.md", _story("A"))
    _kept(capsys, site)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(_Full()), "utf-8"))
    assert cli_kept.quick_list(["--json", str(site)]) == 1
    assert "unexpected error (OSError)" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(_Full()), "utf-8"))
    monkeypatch.setenv("COPYDESK_DEBUG", "1")
    with pytest.raises(OSError, match="No space left"):
        cli_kept.quick_list(["--json", str(site)])


def test_a_file_system_encoding_of_its_own(tmp_path: Path) -> None:
    """Python in the C locale without its UTF-8 mode reads a file name's bytes as ASCII with
    escapes (café.md is caf\\udcc3\\udca9.md): neither the quick answer nor a kept one made
    in UTF-8 is its listing."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "title = 'T'\n")
    _write(site / "content" / "café.md", _story("A"))
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(tmp_path / "cache")}
    ascii_env = {
        **env,
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "utf-8",
    }
    command = "import sys; from editor.{0} import main; sys.exit(main(sys.argv[1:]))"

    def listing(*args: str, environment: dict[str, str], module: str = "entry") -> bytes:
        return subprocess.run(
            [sys.executable, "-c", command.format(module), "list", "--json", *args, str(site)],
            env=environment,
            capture_output=True,
            timeout=120,
            check=True,
        ).stdout

    time.sleep(warm_snapshot.RACY_NS / 1e9 + 0.2)
    utf8 = listing(environment=env)
    assert listing(environment=env) == utf8 and "café".encode() in utf8
    uncached = listing("--no-cache", environment=ascii_env)
    assert uncached != utf8
    assert listing(environment=ascii_env, module="cli") == uncached  # the usual way
    assert listing(environment=ascii_env) == uncached  # the quick answer
