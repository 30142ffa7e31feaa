"""A pooled listing gives the rows one process gives, and leaves no process behind."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import pool
from editor.core.listing import scan, scan_all

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000


def _children() -> set[int]:
    """This process's children, zombies included, from /proc (Linux), but for multiprocessing's
    resource tracker: one helper per process that uses "spawn", which ends when its parent does
    (see test_no_process_outlives_a_pooled_listing)."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found.update(int(pid) for pid in text.split())
    return {pid for pid in found if b"resource_tracker" not in _cmdline(pid)}


def _assert_none_left(before: set[int]) -> None:
    """No child of ours beyond those of ``before`` stays (a process just ending, not yet reaped by
    whoever started it, gets a moment; a zombie or a worker would stay)."""
    deadline = time.monotonic() + 3
    left = _children() - before
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = _children() - before
    assert not left, [(pid, _cmdline(pid), _state(pid)) for pid in left]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.fixture
def desk40(desk: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for n in range(40):
        path = desk / f"s{n % 4}" / f"{n:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            f'+++\ntitle = "Story {n}"\ndraft = {str(n % 3 == 0).lower()}\n+++\n'.encode()
        )
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    (desk / "s0" / "bad.md").write_bytes(b'+++\ntitle = "unclosed\n+++\n')
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    return desk


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize("use_cache", [False, True])
def test_a_pooled_listing_equals_one_process_and_leaves_no_process(
    desk40: Path, tmp_path: Path, use_cache: bool
) -> None:
    before = _children()
    one = scan_all(desk40, NOW, workers=1, use_cache=False)
    pooled = scan_all(desk40, NOW, workers=2, use_cache=use_cache, cache_dir=tmp_path / "c")
    assert pooled == one
    assert multiprocessing.active_children() == []
    _assert_none_left(before)  # no zombie, no orphan


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_listing_stopped_after_the_first_batch_leaves_no_process(
    desk40: Path, tmp_path: Path
) -> None:
    before = _children()
    stream = scan(desk40, NOW, batch_size=4, workers=2, cache_dir=tmp_path / "c")
    assert len(next(stream)) == 4
    stream.close()  # the window closed the desk mid-scan
    assert multiprocessing.active_children() == []
    _assert_none_left(before)
    assert scan_all(desk40, NOW, use_cache=False) == scan_all(desk40, NOW, cache_dir=tmp_path / "c")


_POOLED_LISTING = """
import multiprocessing, sys
from multiprocessing import resource_tracker
from editor.core import listing, pool
pool.PARALLEL_THRESHOLD = 1
if __name__ == "__main__":
    stream = listing.scan(sys.argv[1], workers=2, batch_size=4, use_cache=False)
    next(stream)
    pids = [p.pid for p in multiprocessing.active_children()]
    rows = sum(len(batch) for batch in stream)
    print(rows, *pids, resource_tracker._resource_tracker._pid)
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_no_process_outlives_a_pooled_listing(desk40: Path, tmp_path: Path) -> None:
    script = tmp_path / "pooled.py"
    script.write_text(_POOLED_LISTING)
    out = subprocess.run(
        [sys.executable, str(script), str(desk40)], capture_output=True, text=True, check=True
    )
    rows, *pids = (int(word) for word in out.stdout.split())
    assert rows == 41 - 4 and len(pids) == 3  # two workers and the tracker
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
        time.sleep(0.05)
    assert alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
