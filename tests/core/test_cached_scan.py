"""How a listing through the index cache ends when it does not run to its end (Ctrl-C, a reader
lost, a window that closed the desk): at once, with the rows it stored so far, and a cache that
later listings read as they would have read it before."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Generator
from pathlib import Path

import pytest

from editor.core import cached_scan, pool
from editor.core.listing import scan_all, scan_json

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000
FILES = 1200  # five batches of 256, fewer rows than a store takes (cached_scan._STORE_EVERY)


@pytest.fixture
def old_desk(desk: Path) -> Path:
    """Files an hour old: the cache keeps them (none is in its racy last two seconds)."""
    (desk / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    for number in range(FILES):
        path = desk / "content" / f"s{number % 4}" / f"{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'+++\ntitle = "Story {number}"\ndraft = {str(number % 3 == 0).lower()}\n+++\n'
        )
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return desk


def _cached_files(cache_dir: Path) -> int:
    (database,) = cache_dir.glob("*.sqlite3")
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM files").fetchone()[0])


def test_an_interrupted_listing_stores_no_more_rows(
    old_desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the third batch is parsed: the two parsed before it are not stored on the way
    out (a cold 100k listing spent up to 0.4 s after Ctrl-C storing up to 2,000 such rows)."""
    assert FILES < cached_scan._STORE_EVERY
    assert FILES < pool.PARALLEL_THRESHOLD  # parsed in this process, batch by batch
    parse = cached_scan.parse_files
    calls = []

    def interrupted(*args: object) -> list[cached_scan.Parsed]:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cached_scan, "parse_files", interrupted)
    cache_dir = tmp_path / "cache"
    batches = scan_json(old_desk, NOW, cache_dir=cache_dir)
    with pytest.raises(KeyboardInterrupt):
        for _batch in batches:
            pass
    assert len(calls) == 3
    assert _cached_files(cache_dir) == 0
    monkeypatch.setattr(cached_scan, "parse_files", parse)
    # The next listing parses them all, keeps them, and lists what one without the cache lists.
    assert scan_all(old_desk, NOW, cache_dir=cache_dir) == scan_all(old_desk, NOW, use_cache=False)
    assert _cached_files(cache_dir) == FILES
    assert scan_all(old_desk, NOW, cache_dir=cache_dir) == scan_all(old_desk, NOW, use_cache=False)


def test_a_listing_left_after_its_first_batch_stores_no_more_rows(
    old_desk: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    batches = scan_json(old_desk, NOW, cache_dir=cache_dir)
    assert isinstance(batches, Generator)
    assert len(next(batches)) == 256
    batches.close()  # the window closed the desk mid-scan
    assert _cached_files(cache_dir) == 0
    assert scan_all(old_desk, NOW, cache_dir=cache_dir) == scan_all(old_desk, NOW, use_cache=False)


def test_a_listing_run_to_its_end_stores_every_row(old_desk: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert sum(len(batch) for batch in scan_json(old_desk, NOW, cache_dir=cache_dir)) == FILES
    assert _cached_files(cache_dir) == FILES
