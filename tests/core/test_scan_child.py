"""The launch scan in a child process gives the rows a listing in the window's process gives, and
the child never outlives the window (editor.core.scan_child).

Rows are compared field for field with the in-process listing the window made before (which the
cache tests compare with an uncached one) and with an uncached listing itself: cold (every file
parsed in the child), warm (every row from the cache, made into its summary by the parent) and
with some files changed, a verdict the code cannot read and a file the clock re-judges.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from editor.core import cached_scan
from editor.core.index import ArticleSummary, desk_rules
from editor.core.listing import scan, scan_searched
from editor.core.row_columns import RowBatch
from editor.core.scan_child import ScanChild, ScanChildError, start_launch_scan
from tests.core.test_cache import age, article, put

SOON = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ")


def varied_desk(root: Path) -> Path:
    desk = root / "content"
    put(desk / "news" / "a.md", article("Alpha", "2025-01-02T00:00:00Z"))
    put(desk / "news" / "b.md", article("Beta", draft="true"))
    put(desk / "news" / "bad.md", b"+++\ntitle = \n+++\n")
    put(desk / "later" / "c.md", article("Scheduled", "2031-02-10T00:00:00Z"))
    put(desk / "later" / "soon.md", article("Soon", SOON))  # the clock crosses it: judged again
    put(desk / "yaml.md", b"---\ntitle: Yaml one\ntags: [x, y]\n---\nBody\n")
    put(desk / "_index.md", b'+++\ntitle = "Home"\n+++\n')
    for number in range(30):
        put(desk / "many" / f"s{number:03d}.md", article(f"Story {number}", body="words " * 20))
    age(desk)
    return desk


@pytest.fixture
def cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One cache folder for this process and the children it starts."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    return folder


def child_rows(desk: Path) -> tuple[list[ArticleSummary], list[str | None]]:
    child = ScanChild.start(desk)
    assert child is not None
    assert child.matches(desk, desk_rules(desk).site)
    rows: list[ArticleSummary] = []
    texts: list[str | None] = []
    for item in child.batches():
        summaries, search = (item.summaries, item.search) if type(item) is RowBatch else item
        rows += summaries
        texts += search
    assert child.process.wait(timeout=10) == 0  # ended on its own, and waited for (no zombie)
    return rows, texts


def window_rows(desk: Path) -> tuple[list[ArticleSummary], list[str | None]]:
    rows: list[ArticleSummary] = []
    texts: list[str | None] = []
    for summaries, search in scan_searched(desk, batch_size=512):
        rows += summaries
        texts += search
    return rows, texts


def as_listed(row: ArticleSummary) -> ArticleSummary:
    """A row as the window lists it (row_columns.list_row): without the summary and the links."""
    return dataclasses.replace(row, summary="", source_link="", enclosure="")


def same_as_uncached(rows: list[ArticleSummary], desk: Path) -> None:
    plain = [row for batch in scan(desk, use_cache=False) for row in batch]
    assert [as_listed(row) for row in rows] == [as_listed(row) for row in plain]


def test_cold_and_warm_rows_from_the_child_equal_the_windows_own_listing(
    tmp_path: Path, cache_env: Path
) -> None:
    desk = varied_desk(tmp_path)
    cold = child_rows(desk)  # parsed in the child, sent packed
    same_as_uncached(cold[0], desk)
    warm = child_rows(desk)  # from the cache: the parent makes the summaries
    own = window_rows(desk)
    assert warm == own
    same_as_uncached(warm[0], desk)
    assert all(text is not None for text in warm[1][:3])  # the search texts the cache kept
    # Some files changed: the child parses those and sends the others from the cache.
    put(desk / "news" / "a.md", article("Alpha again", "2025-01-03T00:00:00Z"))
    (desk / "news" / "b.md").unlink()
    put(desk / "added.md", article("Added"))
    changed, texts = child_rows(desk)
    own_rows, own_texts = window_rows(desk)  # finds the files the child parsed cached now
    assert changed == own_rows
    assert [text for text in texts if text is not None] == [
        own for text, own in zip(texts, own_texts, strict=True) if text is not None
    ]
    assert texts.count(None) == 2  # the two files parsed
    same_as_uncached(changed, desk)


def test_a_kept_row_whose_verdict_cannot_be_read_is_judged_again(
    tmp_path: Path, cache_env: Path
) -> None:
    desk = varied_desk(tmp_path)
    child_rows(desk)
    child_rows(desk)
    (database,) = cache_env.glob("desk-*.sqlite3")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE files SET verdict = 'not a verdict' WHERE path LIKE 'many/%'")
    rows, _texts = child_rows(desk)
    same_as_uncached(rows, desk)


def test_the_raw_rows_made_into_summaries_equal_the_listings_own(
    tmp_path: Path, cache_env: Path
) -> None:
    """In one process: what ``raw_kept`` hands out, made into summaries by kept_summary."""
    desk = varied_desk(tmp_path)
    list(scan_searched(desk))
    decoded: dict[str, Any] = {}
    made: list[ArticleSummary] = []
    for batch, _search in scan_searched(desk, raw_kept=True):
        assert any(type(row) is tuple for row in batch)
        made += [
            cached_scan.kept_summary(row, decoded) if type(row) is tuple else row for row in batch
        ]
    assert made == window_rows(desk)[0]


def test_the_childs_error_reaches_the_window_as_the_scan_raised_it(tmp_path: Path) -> None:
    desk = varied_desk(tmp_path)
    failing = (
        "import editor.core.listing as listing, editor.core.scan_child as child\n"
        "def refused(*args, **kwargs):\n"
        "    raise PermissionError(13, 'Permission denied', 'content/news')\n"
        "listing.scan_searched = refused\n"
        f"child.main([{str(desk)!r}])\n"
    )
    child = ScanChild.start(desk, [sys.executable, "-c", failing])
    assert child is not None
    assert child.matches(desk, desk_rules(desk).site)
    with pytest.raises(PermissionError) as raised:
        list(child.batches())
    assert raised.value.errno == 13 and raised.value.filename == "content/news"
    assert child.process.returncode is not None


def test_a_child_that_ends_without_finishing_is_an_error(tmp_path: Path) -> None:
    desk = varied_desk(tmp_path)
    child = ScanChild.start(desk, [sys.executable, "-c", "import sys; sys.exit(3)"])
    assert child is not None
    assert not child.matches(desk, desk_rules(desk).site)  # it never said which rules
    with pytest.raises(ScanChildError, match="exit 3"):
        list(child.batches())


def test_a_child_for_another_folder_or_other_rules_is_not_taken(tmp_path: Path) -> None:
    desk = varied_desk(tmp_path)
    child = ScanChild.start(desk)
    assert child is not None
    assert not child.matches(tmp_path, desk_rules(desk).site)
    assert not child.matches(desk, desk_rules(desk).site)  # taken once, whatever the answer
    child.stop()
    assert child.process.returncode is not None
    other = ScanChild.start(desk)
    assert other is not None
    site = tmp_path / "site"
    put(site / "hugo.toml", b'timeZone = "Europe/Paris"\n')
    put(site / "content" / "a.md", article("A"))
    elsewhere = desk_rules(site / "content").site
    assert elsewhere != desk_rules(desk).site
    assert not other.matches(desk, elsewhere)  # the config changed since the child read it
    other.stop()


def _sleeping_child() -> list[str]:
    """A child that watches its parent as the scan's does, then takes far longer than a test."""
    code = (
        "import time\n"
        "from editor.core.scan_child import watch_parent\n"
        "watch_parent()\n"
        "time.sleep(120)\n"
    )
    return [sys.executable, "-c", code]


def _ended(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # reaped by init later
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_child_ends_when_the_window_process_dies(tmp_path: Path) -> None:
    desk = varied_desk(tmp_path)
    parent = (
        "import os, signal, sys\n"
        "from editor.core.scan_child import ScanChild\n"
        f"child = ScanChild.start({str(desk)!r}, {_sleeping_child()!r})\n"
        "print(child.process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", parent], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == -9
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 20
    while not _ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _ended(pid)


def test_stop_kills_a_running_child_and_waits_for_it(tmp_path: Path) -> None:
    desk = varied_desk(tmp_path)
    child = ScanChild.start(desk, _sleeping_child())
    assert child is not None
    time.sleep(0.2)
    assert child.process.poll() is None
    child.stop()
    assert child.process.returncode is not None  # killed and waited for: no zombie
    assert _ended(child.process.pid) or not sys.platform.startswith("linux")


def test_no_child_for_a_missing_folder_or_no_path(tmp_path: Path) -> None:
    assert start_launch_scan(None) is None
    assert ScanChild.start(tmp_path / "missing") is None
    assert os.path.exists(tmp_path)


def test_a_child_only_for_a_desk_with_a_big_cache_and_not_when_turned_off(
    tmp_path: Path, cache_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core import scan_child

    desk = varied_desk(tmp_path)
    monkeypatch.setattr(scan_child, "MIN_CACHE_BYTES", 1)
    monkeypatch.setattr(scan_child, "second_core_free", lambda: True)
    monkeypatch.delenv("COPYDESK_SCAN_CHILD", raising=False)  # on by default
    assert start_launch_scan(desk) is None  # never listed: no cache (a cold launch)
    list(scan_searched(desk))
    size = cache_env.joinpath(next(p.name for p in cache_env.glob("desk-*.sqlite3"))).stat()
    monkeypatch.setattr(scan_child, "MIN_CACHE_BYTES", size.st_size + 1)
    assert start_launch_scan(desk) is None  # a small desk
    monkeypatch.setattr(scan_child, "MIN_CACHE_BYTES", size.st_size)
    child = start_launch_scan(desk)
    assert child is not None and child.root == desk
    child.stop()
    monkeypatch.setenv("COPYDESK_SCAN_CHILD", "0")
    assert start_launch_scan(desk) is None  # turned off
    monkeypatch.setenv("COPYDESK_SCAN_CHILD", "1")
    child = start_launch_scan(desk)
    assert child is not None
    child.stop()
    monkeypatch.setattr(scan_child, "second_core_free", lambda: False)
    child = start_launch_scan(desk)
    assert child is not None  # asked for, whatever the load
    child.stop()
    monkeypatch.delenv("COPYDESK_SCAN_CHILD")
    assert start_launch_scan(desk) is None  # no free second core for it
    (database,) = cache_env.glob("desk-*.sqlite3")
    database.with_name(database.name + ".launch").write_bytes(b"kept")
    child = start_launch_scan(desk)
    assert child is not None  # a kept launch to send again: whatever the load
    child.stop()


@pytest.mark.parametrize(
    ("cores", "load", "free"),
    [(1, 0.0, False), (2, 0.3, True), (2, 1.0, True), (2, 1.6, False), (8, 5.5, True)],
)
def test_a_second_core_is_free_by_the_cores_and_the_load(
    cores: int, load: float, free: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core import scan_child

    monkeypatch.setattr(scan_child, "_cores", lambda: cores)
    monkeypatch.setattr(scan_child.os, "getloadavg", lambda: (load, load, load))
    assert scan_child.second_core_free() is free


def test_the_window_pauses_between_slices_of_a_batch_and_gets_the_same_rows(
    tmp_path: Path, cache_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's worker steps aside for the GUI thread between slices of each batch
    (``pause``); the rows are the same, warm and cold."""
    from editor.core import scan_child

    desk = varied_desk(tmp_path)
    cold = child_rows(desk)  # every row parsed in the child (sent packed)
    warm = child_rows(desk)  # every row from the cache (made into summaries here)
    assert warm[0] == cold[0]
    monkeypatch.setattr(scan_child, "PAUSE_EVERY", 4)
    for expected, cached in ((cold, False), (warm, True)):
        if not cached:
            shutil.rmtree(cache_env)  # cold again: every row parsed and sent packed
        child = ScanChild.start(desk)
        assert child is not None and child.matches(desk, desk_rules(desk).site)
        pauses: list[int] = []
        rows: list[ArticleSummary] = []
        texts: list[str | None] = []
        for summaries, search in child.batches(lambda: pauses.append(0)):  # noqa: B023
            rows += summaries
            texts += search
        assert (rows, texts) == expected
        assert len(pauses) == -(-len(rows) // 4)  # one before each slice of 4 (one batch here)


def test_the_childs_output_pipe_has_room_for_several_frames(tmp_path: Path) -> None:
    """Read in 64 KiB pieces, the ~280 KB frames made the window's reading thread take the
    interpreter lock back ~850 times per 100,000 rows."""
    fcntl = pytest.importorskip("fcntl")
    from editor.core import scan_child

    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no pipe sizes here")
    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < scan_child.PIPE_BYTES:
        pytest.skip("the system allows no such pipe")
    child = ScanChild.start(tmp_path, [sys.executable, "-c", "import time; time.sleep(30)"])
    assert child is not None
    try:
        size = fcntl.fcntl(child.process.stdout.fileno(), fcntl.F_GETPIPE_SZ)
        assert size >= scan_child.PIPE_BYTES
    finally:
        child.stop()
