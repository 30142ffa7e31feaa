"""The index cache never changes a result: every listing through it equals an uncached listing.

Each test changes the desk the way editors, git and sync tools do, lists it through the cache, and
compares the rows (all fields: state, dates, error, size, time) with a listing that parses every file.
Files are dated an hour back before the cache is filled: a file changed in the last two seconds is
never trusted (see cache.RACY_NS), which would hide a stale-row bug behind a re-parse.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core import cached_scan
from editor.core.index import ArticleSummary
from editor.core.listing import scan_all
from editor.core.state import PublishState

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HOUR_AGO_NS = (int(dt.datetime.now(UTC).timestamp()) - 3600) * 1_000_000_000


def article(
    title: str, date: str = "2025-01-01T00:00:00Z", draft: str = "false", body: str = ""
) -> bytes:
    return f'+++\ntitle = "{title}"\ndate = "{date}"\ndraft = {draft}\n+++\n{body}\n'.encode()


def put(path: Path, data: bytes, *, aged: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if aged:
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return path


def age(desk: Path, offset_ns: int = 0) -> None:
    for path in desk.rglob("*.md"):
        if not path.is_symlink():
            os.utime(path, ns=(HOUR_AGO_NS + offset_ns, HOUR_AGO_NS + offset_ns))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cached scan parsed (it parses in this process below PARALLEL_THRESHOLD)."""
    seen: list[str] = []
    real = cached_scan.read_facts

    def counting(path: str, keys: frozenset[str] | None = None):  # type: ignore[no-untyped-def]
        seen.append(os.path.basename(path))
        return real(path, keys)

    monkeypatch.setattr(cached_scan, "read_facts", counting)
    return seen


def cached(desk: Path, cache_dir: Path, as_of: dt.datetime = NOW) -> list[ArticleSummary]:
    return scan_all(desk, as_of=as_of, cache_dir=cache_dir)


def uncached(desk: Path, as_of: dt.datetime = NOW) -> list[ArticleSummary]:
    return scan_all(desk, as_of=as_of, use_cache=False)


def assert_same_listing(
    desk: Path, cache_dir: Path, as_of: dt.datetime = NOW
) -> list[ArticleSummary]:
    rows = cached(desk, cache_dir, as_of)
    assert rows == uncached(desk, as_of)
    return rows


@pytest.fixture
def filled(desk: Path, cache_dir: Path) -> Path:
    put(desk / "a.md", article("Alpha", body="The harbour council met on Monday."))
    put(desk / "b.md", article("Beta", draft="true", body="Freight volumes rose."))
    put(desk / "news" / "c.md", article("Gamma", date="2031-01-01T09:00:00+02:00"))
    put(desk / "news" / "broken.md", b'+++\ntitle = "Broken\n+++\n')
    put(desk / "news" / "yaml.md", b"---\ntitle: Yaml\ndate: 2025-02-03\n---\nBody\n")
    put(desk / "news" / "json.md", b'{"title": "Json", "draft": "true"}\nBody\n')
    assert_same_listing(desk, cache_dir)
    return desk


def test_a_listing_with_nothing_changed_parses_nothing(
    filled: Path, cache_dir: Path, parses: list[str]
) -> None:
    rows = assert_same_listing(filled, cache_dir)
    assert parses == []
    assert {row.path: row.state for row in rows}["news/broken.md"] is PublishState.INVALID


def test_the_state_is_computed_at_read_time(
    filled: Path, cache_dir: Path, parses: list[str]
) -> None:
    later = dt.datetime(2031, 6, 1, tzinfo=UTC)
    rows = {row.path: row.state for row in assert_same_listing(filled, cache_dir, later)}
    assert rows["news/c.md"] is PublishState.PUBLISHED  # was scheduled at NOW
    assert parses == []


def test_edit_add_delete_rename(filled: Path, cache_dir: Path, parses: list[str]) -> None:
    put(filled / "a.md", article("Alpha edited", draft="true"))
    put(filled / "news" / "new.md", article("New"))
    (filled / "b.md").unlink()
    (filled / "news" / "c.md").rename(filled / "news" / "c-renamed.md")
    rows = assert_same_listing(filled, cache_dir)
    assert sorted(parses) == ["a.md", "c-renamed.md", "new.md"]
    assert "b.md" not in {row.path for row in rows}
    parses.clear()
    assert_same_listing(filled, cache_dir)
    assert parses == []  # the new facts were kept


def test_an_edit_that_keeps_the_size(filled: Path, cache_dir: Path, parses: list[str]) -> None:
    before = (filled / "a.md").stat().st_size
    put(filled / "a.md", article("Alphx", body="The harbour council met on Monday."))
    assert (filled / "a.md").stat().st_size == before
    os.utime(filled / "a.md", ns=(HOUR_AGO_NS + 10, HOUR_AGO_NS + 10))
    assert_same_listing(filled, cache_dir)
    assert parses == ["a.md"]


def test_touch_without_change(filled: Path, cache_dir: Path, parses: list[str]) -> None:
    os.utime(filled / "a.md", ns=(HOUR_AGO_NS + 5, HOUR_AGO_NS + 5))
    assert_same_listing(filled, cache_dir)
    assert parses == ["a.md"]


def test_replaced_by_a_file_of_the_same_size_and_time(
    filled: Path, cache_dir: Path, parses: list[str]
) -> None:
    """rsync and editors write a new file and rename it over the old one: a new inode."""
    target = filled / "a.md"
    old = target.stat()
    data = target.read_bytes().replace(b"Alpha", b"Omega")
    assert len(data) == old.st_size
    fresh = put(filled / "a.md.tmp", data)
    os.utime(fresh, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(fresh, target)
    new = target.stat()
    assert (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert new.st_ino != old.st_ino
    rows = assert_same_listing(filled, cache_dir)
    assert {row.path: row.title for row in rows}["a.md"] == "Omega"
    assert parses == ["a.md"]


def test_a_file_changed_just_now_is_not_trusted(
    filled: Path, cache_dir: Path, parses: list[str]
) -> None:
    put(filled / "a.md", article("Fresh"), aged=False)
    assert_same_listing(filled, cache_dir)
    assert_same_listing(filled, cache_dir)
    assert parses == ["a.md", "a.md"]  # parsed again: its time stamp cannot yet be trusted


def test_switching_branches_in_a_git_checkout(desk: Path, cache_dir: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=desk, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    put(desk / "a.md", article("Main A"))
    put(desk / "b.md", article("Main B", draft="true"))
    git("add", ".")
    git("commit", "-q", "-m", "main")
    git("checkout", "-q", "-b", "other")
    put(desk / "a.md", article("Other A", draft="true"))
    (desk / "b.md").unlink()
    put(desk / "c.md", article("Other C"))
    git("add", "-A")
    git("commit", "-q", "-m", "other")
    for branch in ("main", "other", "main"):
        git("checkout", "-q", branch)
        age(desk)  # as if the checkout had happened long ago: only the key tells the versions apart
        assert_same_listing(desk, cache_dir)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty", "foreign"])
def test_a_damaged_cache_is_rebuilt(filled: Path, cache_dir: Path, damage: str) -> None:
    (path,) = cache_dir.glob("desk-*.sqlite3")
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncate":
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.truncate(size // 2)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE files (x)")
    assert_same_listing(filled, cache_dir)
    assert_same_listing(filled, cache_dir)
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM files").fetchone()[0] == 6


def test_another_version_is_rebuilt(
    filled: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    from editor.core import cache_file

    monkeypatch.setattr(cache_file, "SCHEMA_VERSION", 999)
    assert_same_listing(filled, cache_dir)
    assert len(parses) == 6


def test_a_cache_locked_by_another_copydesk_is_skipped(filled: Path, cache_dir: Path) -> None:
    (path,) = cache_dir.glob("desk-*.sqlite3")
    put(filled / "a.md", article("Changed while locked"))
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        assert_same_listing(filled, cache_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_same_listing(filled, cache_dir)


def test_a_cache_folder_that_cannot_be_made(filled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    assert_same_listing(filled, blocker / "cache")


def test_values_that_cannot_be_stored_exactly_are_parsed_each_time(
    desk: Path, cache_dir: Path, parses: list[str]
) -> None:
    put(desk / "list-date.md", b"+++\ndate = [2025-01-01]\ndraft = 1\n+++\n")  # kept exactly
    put(desk / "time.md", b"+++\ndate = 07:32:00\n+++\n")
    put(desk / "list-time.md", b"+++\ndate = [07:32:00]\n+++\n")
    put(desk / "odd.md", b"+++\ndraft = nan\npublishdate = 1979-05-27T07:32:00.999999-07:30\n+++\n")
    assert_same_listing(desk, cache_dir)
    parses.clear()
    assert_same_listing(desk, cache_dir)
    assert sorted(parses) == ["list-time.md", "time.md"]


def test_a_link_is_followed_every_time(desk: Path, cache_dir: Path, tmp_path: Path) -> None:
    target = put(desk / "real" / "target.md", article("Target"))
    (desk / "link.md").symlink_to(target)
    outside = put(tmp_path / "outside.md", article("Outside"))
    (desk / "out.md").symlink_to(outside)
    assert_same_listing(desk, cache_dir)
    put(target, article("Target changed"))
    os.utime(target, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    rows = assert_same_listing(desk, cache_dir)
    assert {row.path: row.title for row in rows}["link.md"] == "Target changed"


def test_incremental_cost_is_the_changed_files(
    desk: Path, cache_dir: Path, parses: list[str]
) -> None:
    for n in range(300):
        put(desk / f"s{n % 7}" / f"{n:03d}.md", article(f"Story {n}"))
    assert_same_listing(desk, cache_dir)
    parses.clear()
    for n in range(0, 300, 30):
        put(desk / f"s{n % 7}" / f"{n:03d}.md", article(f"Story {n} edited"))
        os.utime(desk / f"s{n % 7}" / f"{n:03d}.md", ns=(HOUR_AGO_NS + 1, HOUR_AGO_NS + 1))
    assert_same_listing(desk, cache_dir)
    assert len(parses) == 10


def test_two_processes_listing_at_once(sample_desk: Path, cache_dir: Path) -> None:
    age(sample_desk)
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "editor", "list", "--json", "--as-of", "2026-11-23T12:00:00Z"]
    expected = subprocess.run(
        [*command, "--no-cache", str(sample_desk)], capture_output=True, env=env, check=True
    ).stdout
    assert not cache_dir.exists()  # --no-cache neither reads nor writes one
    for _ in range(2):  # first both fill an empty cache, then both read it
        runs = [
            subprocess.Popen(
                [*command, str(sample_desk)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=60) for run in runs]
        for (stdout, stderr), run in zip(outputs, runs, strict=True):
            assert run.returncode == 0, stderr
            assert stdout == expected
    assert len(json.loads(expected)) == 17


# --- the site's rules are applied at read time ---------------------------------------------------


def test_site_rules_come_from_the_site_not_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    site = tmp_path / "site"
    config = site / "hugo.toml"
    put(
        config,
        b'baseURL = "https://example.org/"\n[frontmatter]\npublishDate = ["mydate", ":default"]\n',
    )
    content = site / "content"
    put(content / "news" / "_index.md", b'+++\ntitle = "News"\n[cascade]\ndraft = true\n+++\n')
    put(content / "news" / "a.md", b'+++\ntitle = "A"\nmydate = 2031-01-01T00:00:00Z\n+++\n')
    put(
        content / "b.md",
        b'+++\ntitle = "B"\nmydate = 2031-01-01T00:00:00Z\ndate = "2020-01-01"\n+++\n',
    )
    put(
        content / "c.md",
        b'+++\ntitle = "C"\ndate = "2026-11-23T11:30:00"\n[build]\nlist = "never"\n+++\n',
    )
    first = {row.path: row.state for row in assert_same_listing(site, cache_dir)}
    assert first["content/b.md"] is PublishState.SCHEDULED  # mydate comes first
    assert first["content/news/a.md"] is PublishState.DRAFT  # from the cascade
    # The cascade changes in _index.md: a.md itself did not change, its state does.
    put(content / "news" / "_index.md", b'+++\ntitle = "News"\n+++\n')
    os.utime(content / "news" / "_index.md", ns=(HOUR_AGO_NS + 1, HOUR_AGO_NS + 1))
    second = {row.path: row.state for row in assert_same_listing(site, cache_dir)}
    assert second["content/news/a.md"] is PublishState.SCHEDULED
    # The site's date rules and time zone change: no file changed, the states follow the config.
    put(config, b'baseURL = "https://example.org/"\ntimeZone = "America/New_York"\n')
    third = {row.path: row.state for row in assert_same_listing(site, cache_dir)}
    assert third["content/b.md"] is PublishState.PUBLISHED


def test_the_keys_and_lists_the_form_offers_come_back_from_the_cache(
    desk: Path, cache_dir: Path, parses: list[str]
) -> None:
    put(
        desk / "a.md",
        b'+++\ntitle = "A"\ntags = ["wire", "business"]\nn = 3\n[params]\nx = 1\n+++\n',
    )
    put(desk / "b.md", b"---\ntitle: B\ncategories: [one, two]\ndate: 2025-01-02\n---\n")
    first = assert_same_listing(desk, cache_dir)
    parses.clear()
    second = assert_same_listing(desk, cache_dir)
    assert parses == [] and second == first
    rows = {row.path: row for row in second}
    assert ("tags", ("wire", "business")) in rows["a.md"].lists
    assert ("categories", ("one", "two")) in rows["b.md"].lists
