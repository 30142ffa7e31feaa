"""How a listing keeps its answer (editor.core.warm_snapshot.Probe.keep): the rows checked against
``find``'s records as a set, the answer file written aside on a thread and usable only once its
interval is filled in and it is renamed into place after the second ``find`` agreed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from editor.core import cache_file, tree_look, warm_snapshot
from tests.core.test_warm_snapshot import (
    _kept_file,
    _late_file_while_listed,
    _listing,
    _rules,
    _story,
    _write,
    site,
)

pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")
__all__ = ["site"]  # the fixture, shared


def test_a_record_is_in_the_set_exactly_when_find_printed_that_key(site: Path) -> None:
    """:func:`tree_look.file_record` in :func:`printed_records` agrees with the parsed keys of
    :func:`printed_keys`, for names holding the record's own separators too; a key off by one,
    a path not from the desk's root, a file not there are not in it."""
    _write(site / "content" / "x ." / "news" / "s1.md", _story("Tricky"))
    _write(site / "content" / "news" / "x ./news" / "s1.md", _story("Trickier"))
    _write(site / "content" / "sp ace.md", _story("Space"))
    probe = warm_snapshot.start(site.resolve(), _rules(site), ("date",), 0)
    assert probe is not None
    found = probe.found()
    probe.close()
    assert found is not None
    printed = tree_look.printed_keys(found)
    records = tree_look.printed_records(found)
    assert "content/x ./news/s1.md" in printed and "content/sp ace.md" in printed
    for path, key in printed.items():
        assert tree_look.file_record(path, key) in records
        size, rest = key.split(b" ", 1)
        assert tree_look.file_record(path, b"%d " % (int(size) + 1) + rest) not in records
    key = printed["content/news/s1.md"]
    assert tree_look.file_record("news/s1.md", key) not in records
    assert tree_look.file_record("content/news/none.md", key) not in records
    assert tree_look.file_record("content/news", key) not in records  # a folder


def _asides(desk: Path) -> list[str]:
    folder = cache_file.database_path(desk.resolve(), None).parent
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_a_desk_changed_while_listed_leaves_the_kept_answer_and_no_aside_file(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer written aside while the second ``find`` ran is removed when that ``find``
    saw another tree; the snapshot kept before stays as it was."""
    first = _listing(capsys, site)
    kept = _kept_file(site).read_bytes()
    _write(site / "content" / "news" / "s3.md", _story("Changed", 2))
    _late_file_while_listed(site, monkeypatch)
    second = _listing(capsys, site)
    assert second != first and "late.md" not in second
    assert _kept_file(site).read_bytes() == kept
    assert _asides(site) == []


def test_a_row_the_cache_does_not_hold_keeps_no_aside_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file changed in its last two seconds (too fresh for the cache): the answer written
    aside is dropped, none kept."""
    (site / "content" / "news" / "s0.md").write_text(_story("Just now"), encoding="utf-8")
    _listing(capsys, site)
    assert not _kept_file(site).exists()
    assert _asides(site) == []


def test_an_answer_written_aside_is_no_snapshot_until_finished(tmp_path: Path) -> None:
    """Written with the interval 0, 0, the file aside holds for no moment; finished, it holds
    for its interval, under the snapshot's name."""
    path = tmp_path / "desk.sqlite3.listing"
    header = b"the header"
    parts = (b"f 1 2.0 3.0 4 ./a.md\0", b"a.md", b"draft", warm_snapshot.ROW_END, b"{\n  }")
    aside = warm_snapshot._Aside(path, 1, (header, b"the inputs", *parts))
    aside._thread.join()
    written = tmp_path / f".{path.name}.{os.getpid()}.tmp"
    assert written.exists() and not path.exists()
    for now in (-1, 0, 5, 2**62):
        assert warm_snapshot._read(written, header, now) is None
    assert aside.finish((5, 10))
    assert not written.exists()
    assert warm_snapshot._read(path, header, 4) is None
    assert warm_snapshot._read(path, header, 10) is None
    kept = warm_snapshot._read(path, header, 5)
    assert kept is not None
    try:
        assert kept.count == 1 and kept.found() == parts[0] and kept.texts() == parts[4]
        assert kept.header() == header and kept.inputs() == b"the inputs"
        assert kept.path_list() == ["a.md"] and kept.state_list() == ["draft"]
    finally:
        kept.close()


def test_an_answer_that_cannot_be_written_keeps_nothing(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "desk.sqlite3.listing"  # no such folder
    aside = warm_snapshot._Aside(path, 0, (b"h", b"", b"", b"", b"", warm_snapshot.ROW_END, b""))
    assert not aside.finish((0, 10))
    assert not path.exists()


def test_pieces_written_whole_after_short_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel may gather fewer bytes than asked (a signal, a full disk): the rest follows,
    in order, and more pieces than one ``writev`` takes go in several."""
    real = os.writev

    def short(descriptor: int, pieces: list[Any]) -> int:
        return real(descriptor, pieces[:2])  # at most two pieces at a time

    monkeypatch.setattr(os, "writev", short)
    pieces: list[bytes | memoryview] = [b"%d," % n for n in range(3000)]
    pieces.append(memoryview(b"end!")[:3])
    with open(tmp_path / "out", "wb", buffering=0) as handle:
        warm_snapshot._write_all(handle, pieces)
    assert (tmp_path / "out").read_bytes() == b"".join(pieces)


def test_aside_files_left_by_killed_listings_are_removed(tmp_path: Path) -> None:
    """A listing killed while writing its answer aside left the file (70 MB at 100k): the next
    one that writes an answer removes those whose process is gone, or that are an hour old
    (their number may be another process's by now)."""
    path = tmp_path / "desk.sqlite3.listing"
    alive, reused = (subprocess.Popen(["sleep", "30"]) for _ in range(2))
    try:
        dead = subprocess.Popen(["true"])
        dead.wait()
        names = {
            "dead": f".{path.name}.{dead.pid}.tmp",
            "alive": f".{path.name}.{alive.pid}.tmp",
            "old": f".{path.name}.{reused.pid}.tmp",
            "other desk": f".other.sqlite3.listing.{dead.pid}.tmp",
            "not ours": f".{path.name}.notes.tmp",
        }
        for name in names.values():
            (tmp_path / name).write_bytes(b"left")
        hour_ago = time.time() - 3700
        os.utime(tmp_path / names["old"], (hour_ago, hour_ago))
        aside = warm_snapshot._Aside(
            path, 0, (b"h", b"", b"", b"", b"", warm_snapshot.ROW_END, b"")
        )
        assert aside.finish((1, 2))
        left = sorted(name for name in os.listdir(tmp_path) if name.endswith(".tmp"))
        assert left == sorted([names["alive"], names["other desk"], names["not ours"]])
        assert path.exists()
    finally:
        for process in (alive, reused):
            process.kill()
            process.wait()
