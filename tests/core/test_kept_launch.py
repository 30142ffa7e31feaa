"""The launch scan's child sends the frames it kept when the desk's tree is the one it kept them
for, and otherwise scans; either way its rows are an uncached listing's (editor.core.kept_launch).

Each launch here is the child the window starts (``ScanChild.start``), its rows made into
summaries as the window makes them.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from editor.core import cache_file, kept_launch, kept_listing
from editor.core.index import ArticleSummary, desk_rules
from editor.core.listing import scan
from editor.core.row_columns import RowBatch
from editor.core.scan_child import ScanChild
from tests.core.test_scan_child import as_listed
from tests.core.test_warm_snapshot import (
    CHANGES,
    _hidden_change,
    _link,
    _story,
    _temp_file,
    _touch,
    _write,
    site,
)

pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")
__all__ = ["site"]  # the fixture, used by name


def _launch_file(desk: Path) -> Path:
    return kept_listing.launch_path(cache_file.database_path(desk.resolve(), None))


_TRACED = (
    "import sys, editor.core.kept_launch as kept, editor.core.scan_child as child\n"
    "send = kept.KeptLaunch.send\n"
    "def traced(self, out):\n"
    "    sent = send(self, out)\n"
    "    open(sys.argv[2], 'w').write('sent' if sent else 'scanned')\n"
    "    return sent\n"
    "kept.KeptLaunch.send = traced\n"
    "sys.exit(child.main(sys.argv[1:2]))\n"
)


def _launch(desk: Path) -> tuple[list[ArticleSummary], bool]:
    """The rows of one launch's child, and whether they were the kept frames, sent again (the
    child is the usual one, its ``KeptLaunch.send`` telling what it did)."""
    trace = desk.parent / "launch-trace"
    trace.unlink(missing_ok=True)
    child = ScanChild.start(desk, [sys.executable, "-c", _TRACED, str(desk), str(trace)])
    assert child is not None
    assert child.matches(desk, desk_rules(desk).site)
    rows: list[ArticleSummary] = []
    ready = []
    for item in child.batches():
        ready.append(type(item) is RowBatch)
        rows += item.summaries if type(item) is RowBatch else item[0]
    assert child.process.wait(timeout=20) == 0  # it ended by itself, and was waited for
    sent = trace.exists() and trace.read_text() == "sent"
    assert set(ready) <= {sent}  # the kept frames come ready for the list; a scan's do not
    return rows, sent


def _uncached(desk: Path) -> list[ArticleSummary]:
    return [as_listed(row) for batch in scan(desk, use_cache=False) for row in batch]


def _same_as_uncached(rows: list[ArticleSummary], desk: Path) -> None:
    assert [as_listed(row) for row in rows] == _uncached(desk)


def test_a_warm_launch_sends_the_frames_the_last_one_kept(site: Path) -> None:
    cold, sent = _launch(site)  # parsed: nothing kept
    assert not sent and not _launch_file(site).exists()
    warm, sent = _launch(site)  # every row from the cache: its frames kept
    assert not sent and _launch_file(site).exists()
    again, sent = _launch(site)
    assert sent
    assert again == warm
    _same_as_uncached(again, site)
    _same_as_uncached(cold, site)


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_after_every_change_the_launch_lists_as_without_the_cache(site: Path, change: Any) -> None:
    _launch(site)
    _launch(site)
    _rows, sent = _launch(site)
    assert sent
    change(site)
    after, sent = _launch(site)
    if change is not _hidden_change:  # a folder the walk never enters: not in find's look
        assert not sent
    _same_as_uncached(after, site)
    again, sent = _launch(site)  # the frames kept after the change (if they could be)
    _same_as_uncached(again, site)
    if change in (_link, _temp_file):
        assert not sent  # a link or a temp file in the tree: nothing is ever kept
    third, sent = _launch(site)
    _same_as_uncached(third, site)
    if change not in (_link, _temp_file, _touch, _hidden_change):
        assert sent  # the changed files are an hour old (out of the racy window): kept now


def test_fresh_files_keep_no_frames(site: Path) -> None:
    (site / "content" / "news" / "s0.md").write_text(_story("Just now"), encoding="utf-8")
    _launch(site)
    _launch(site)
    rows, sent = _launch(site)
    assert not sent
    _same_as_uncached(rows, site)


def test_the_clock_past_the_kept_interval_scans_again(site: Path) -> None:
    """A story scheduled two seconds from now: its verdict holds until then, and so do the kept
    frames; after it, the launch scans and lists it as published."""
    import datetime as dt
    import time

    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=3)
    _write(
        site / "content" / "news" / "soon.md",
        f"+++\ntitle = 'Soon'\ndate = {soon.strftime('%Y-%m-%dT%H:%M:%SZ')}\n+++\n",
    )
    _launch(site)
    _launch(site)
    before, sent = _launch(site)
    assert sent
    time.sleep(max(0.0, soon.timestamp() - time.time()) + 1.1)
    after, sent = _launch(site)
    assert not sent
    _same_as_uncached(after, site)
    states = {row.path: row.state for row in before}, {row.path: row.state for row in after}
    assert states[0]["content/news/soon.md"] != states[1]["content/news/soon.md"]


@pytest.mark.parametrize("damage", ["truncate", "a byte", "empty", "other header"])
def test_damaged_kept_frames_are_not_sent(site: Path, damage: str) -> None:
    _launch(site)
    expected, _sent = _launch(site)
    kept = _launch_file(site)
    data = bytearray(kept.read_bytes())
    if damage == "truncate":
        data = data[: len(data) - 100]
    elif damage == "a byte":
        data[-200] ^= 0x55  # inside the last frame's pickle: only the checksum tells
    elif damage == "empty":
        data = bytearray()
    else:
        data = data.replace(kept_launch.FRAMES_MARK, b"\nlaunch frames 0")
    kept.write_bytes(bytes(data))
    rows, sent = _launch(site)
    assert not sent
    assert rows == expected
    _same_as_uncached(rows, site)


def test_a_desk_changed_while_the_child_scans_keeps_no_frames(site: Path) -> None:
    """The second look, after the scan, sees a file the walk did not: nothing kept."""
    _launch(site)
    late = site / "content" / "news" / "late.md"
    changing = (
        "import sys, os, editor.core.listing as listing, editor.core.scan_child as child\n"
        "scan = listing.scan_searched\n"
        "def late(*args, **kwargs):\n"
        "    yield from scan(*args, **kwargs)\n"
        f"    open({str(late)!r}, 'w').write('+++\\ntitle = \"Late\"\\n+++\\n')\n"
        f"    os.utime({str(late)!r}, ns=(1, 10**18))\n"
        "listing.scan_searched = late\n"
        f"child.main([{str(site)!r}])\n"
    )
    child = ScanChild.start(site, [sys.executable, "-c", changing])
    assert child is not None
    assert child.matches(site, desk_rules(site).site)
    rows = [row for item in child.batches() for row in item[0]]
    assert child.process.wait(timeout=20) is not None
    assert "content/news/late.md" not in {row.path for row in rows}
    assert not _launch_file(site).exists()
    again, sent = _launch(site)
    assert not sent
    _same_as_uncached(again, site)


def test_turned_off_keeps_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_KEPT_LAUNCH", "0")
    _launch(site)
    _launch(site)
    assert not _launch_file(site).exists()


def test_a_window_gone_after_the_last_row_still_leaves_the_frames_kept(site: Path) -> None:
    """The child keeps its frames after the last one was sent; the window's process may end
    then (its standard input closes): the child finishes keeping them, then ends."""
    import struct
    import subprocess

    _launch(site)  # parsed: nothing to keep yet
    child = subprocess.Popen(
        [sys.executable, "-m", "editor.core.scan_child", str(site)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert child.stdin is not None and child.stdout is not None
    head = struct.Struct("<cI")
    while True:  # the frames, up to the last ("D")
        kind, size = head.unpack(child.stdout.read(head.size))
        child.stdout.read(size)
        if kind == b"D":
            break
    child.stdin.close()  # the window is gone
    child.stdout.close()
    assert child.wait(timeout=20) == 0
    assert _launch_file(site).exists()
    rows, sent = _launch(site)
    assert sent
    _same_as_uncached(rows, site)


def _small_frames_child(desk: Path, setup: str = "") -> ScanChild:
    """A launch's child whose frames hold two rows each (several frames on a small desk), with
    ``setup`` run in it first."""
    script = (
        "import sys, errno, os, editor.core.kept_launch as kept, editor.core.scan_child as child\n"
        "child.BATCH_SIZE = 2\n"
        f"{setup}\n"
        "sys.exit(child.main(sys.argv[1:2]))\n"
    )
    started = ScanChild.start(desk, [sys.executable, "-c", script, str(desk)])
    assert started is not None
    assert started.matches(desk, desk_rules(desk).site)
    return started


def _child_rows(child: ScanChild) -> list[ArticleSummary]:
    rows: list[ArticleSummary] = []
    for item in child.batches():
        rows += item.summaries if type(item) is RowBatch else item[0]
    child.process.wait(timeout=20)  # it keeps its frames after the last one
    return rows


# The kept frames' sending fails once the first of them is out (a read error from the disk).
_SEND_FAILS_AFTER_ONE_FRAME = """
import struct
from editor.core import kept_listing
def send_texts(self, out):
    offset, _length = self.text_span()
    size = struct.Struct("<cI").unpack(os.pread(self.fileno(), 5, offset))[1]
    os.sendfile(out, self.fileno(), offset, 5 + size)
    raise OSError(errno.EIO, "the disk failed")
kept_listing.Snapshot.send_texts = send_texts
"""


def test_kept_frames_that_fail_midway_are_not_followed_by_a_scan(site: Path) -> None:
    """Frames already sent cannot be taken back: after a failed send the child must not list the
    desk again behind them (the window would list the first frames' rows twice)."""
    _child_rows(_small_frames_child(site))
    _child_rows(_small_frames_child(site))  # kept now
    assert _launch_file(site).exists()
    child = _small_frames_child(site, _SEND_FAILS_AFTER_ONE_FRAME)
    try:
        rows = _child_rows(child)
    except Exception:  # the scan's error, which the window shows: no wrong list
        return
    finally:
        assert child.process.wait(timeout=20) is not None
    paths = [row.path for row in rows]
    assert len(paths) == len(set(paths)), "rows listed twice"
    _same_as_uncached(rows, site)


def test_a_frame_that_cannot_be_made_ready_leaves_no_file_behind(site: Path) -> None:
    _child_rows(_small_frames_child(site))
    failing = (
        "def ready_frames():\n"
        "    def convert(frame):\n"
        "        raise RuntimeError('no')\n"
        "    return convert\n"
        "child.ready_frames = ready_frames\n"
    )
    _child_rows(_small_frames_child(site, failing))
    child = _small_frames_child(site, failing)
    _child_rows(child)
    assert child.process.wait(timeout=20) == 0
    folder = _launch_file(site).parent
    assert not [name for name in os.listdir(folder) if ".launch" in name]


def test_kept_frames_give_the_list_columns_an_uncached_listing_gives(site: Path) -> None:
    """The whole of what the list keeps (rows, search texts, heads, sort keys), not only the
    summaries."""
    from editor.core.row_columns import join, prepare

    _launch(site)
    _launch(site)
    child = ScanChild.start(site)
    assert child is not None and child.matches(site, desk_rules(site).site)
    batches = list(child.batches())
    assert batches and all(type(item) is RowBatch for item in batches)
    kept = join(batches)
    plain = prepare(row for batch in scan(site, use_cache=False) for row in batch)
    assert kept.summaries == plain.summaries
    assert (kept.paths, kept.search, kept.heads, kept.keys) == (
        plain.paths,
        plain.search,
        plain.heads,
        plain.keys,
    )


def test_a_damaged_cache_removed_takes_its_kept_frames_with_it(site: Path) -> None:
    """The frames were made of the cache's rows: a cache found damaged (and removed, to be built
    again) leaves no frames of it behind, as it leaves no kept listing."""
    from editor.core.cache import IndexCache

    _launch(site)
    _launch(site)
    kept = _launch_file(site)
    assert kept.exists()
    database = cache_file.database_path(site.resolve(), None)
    database.write_bytes(b"not a database at all" * 100)
    cache = IndexCache.open_for(site.resolve())
    assert cache is not None
    cache.close()
    assert not kept.exists()
    rows, sent = _launch(site)
    assert not sent
    _same_as_uncached(rows, site)


def test_the_kept_interval_is_the_rows_own_not_the_caches_later_ones(site: Path) -> None:
    """The interval kept is where the rows the child sent hold: a cache whose intervals another
    Copydesk widened while the child scanned (its rows judged under other rules meanwhile) does
    not widen it. ``later.md`` is scheduled for 2031-01-15: the frames hold until then."""
    import datetime as dt

    _launch(site)
    widening = (
        "import sqlite3, sys, editor.core.kept_launch as kept, editor.core.scan_child as child\n"
        "from editor.core import cache_file\n"
        "from pathlib import Path\n"
        "finish = kept.KeptLaunch.finish\n"
        "def widened(self, convert):\n"
        "    path = cache_file.database_path(Path(sys.argv[1]).resolve(), None)\n"
        "    with sqlite3.connect(path) as db:\n"
        "        db.execute('UPDATE files SET valid_until = 9000000000000000000')\n"
        "    return finish(self, convert)\n"
        "kept.KeptLaunch.finish = widened\n"
        "sys.exit(child.main(sys.argv[1:2]))\n"
    )
    child = ScanChild.start(site, [sys.executable, "-c", widening, str(site)])
    assert child is not None
    assert child.matches(site, desk_rules(site).site)
    for _item in child.batches():
        pass
    assert child.process.wait(timeout=20) == 0
    head = _launch_file(site).read_bytes()[: len(kept_listing.MAGIC) + kept_listing.SIZES.size]
    assert head.startswith(kept_listing.MAGIC)
    _since, until, *_rest = kept_listing.SIZES.unpack_from(head, len(kept_listing.MAGIC))
    later = dt.datetime(2031, 1, 15, 9, tzinfo=dt.UTC)
    assert until == int(later.timestamp() * 1_000_000)
