"""Files the index cache kept out because they were written within its racy-file guard are indexed
for body search once they are older, without waiting for the next scan (issue 9)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from editor.core.body_search import (
    has_late_files,
    index_desk_bodies,
    index_late_bodies,
    search,
)
from editor.core.cache import IndexCache
from editor.core.listing import scan_all

HOUR_NS = 3600 * 1_000_000_000


def put(path: Path, body: str, *, aged: bool) -> None:
    path.write_text(f'+++\ntitle = "{path.stem}"\n+++\n{body}\n')
    if aged:
        past = time.time_ns() - HOUR_NS
        os.utime(path, ns=(past, past))


def found(desk: Path, cache_dir: Path, word: str) -> list[str]:
    with IndexCache.open_existing(desk, cache_dir) as cache:
        return [path for path, _rank, _excerpt in search(cache, word)]


def test_a_file_written_just_before_the_listing_is_indexed_later(
    desk: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    put(desk / "old.md", "The harbour council met.", aged=True)
    put(desk / "new.md", "The zeppelins landed.", aged=False)  # within the guard
    listed = len(scan_all(desk, cache_dir=cache_dir))
    index_desk_bodies(desk, cache_dir)
    assert found(desk, cache_dir, "harbour") == ["old.md"]
    assert found(desk, cache_dir, "zeppelins") == []  # the guard: not cached, not indexed
    assert has_late_files(desk, listed, cache_dir)
    past = time.time_ns() - HOUR_NS  # as if the guard's two seconds had passed
    os.utime(desk / "new.md", ns=(past, past))
    assert index_late_bodies(desk, None, cache_dir) == 1
    assert found(desk, cache_dir, "zeppelins") == ["new.md"]
    assert not has_late_files(desk, listed, cache_dir)
    assert scan_all(desk, cache_dir=cache_dir) == scan_all(desk, use_cache=False)


def test_nothing_late_without_a_cache(desk: Path, tmp_path: Path) -> None:
    put(desk / "new.md", "The zeppelins landed.", aged=False)
    assert not has_late_files(desk, 1, tmp_path / "none")  # no cache: no warm listing to ask
