"""The launch scan's child answers with the frames it sent the last time, when the desk's tree is
the same (the window's warm launch, as :mod:`editor.core.warm_snapshot` is ``list --json``'s).

A warm launch of 100,000 articles spent 1.7 s in the child (:mod:`editor.core.scan_child`)
walking, ``stat``-ing and reading the cached rows, while the window waited for the last of them.
Here the child keeps the batch frames it sent (the pickled rows, byte for byte) in a file beside
the index cache (``….sqlite3.launch``, in :mod:`editor.core.kept_listing`'s format: the frames are
its texts), and the next launch's child asks GNU ``find`` to look at the tree
(:class:`~editor.core.warm_snapshot.Probe`, the same look, header and rules as ``list --json``'s):
when ``find`` prints what it printed then, with the same code, site and content folders, and "now"
inside every kept verdict's interval, the kept frames are sent again by the kernel (``sendfile``)
and no file is walked or read.

Why it cannot change a result (the argument of :mod:`editor.core.warm_snapshot`, for frames):
frames are kept only when every row in them is a cached row whose verdict held (no row parsed or
judged again: those come packed), none of their files in its last two seconds (the cache's racy
rule), and the scan was bracketed by two looks that printed the same bytes of a tree of plain files
and folders: the first ended before the walk began, the second began after the last row was read.
A few rows' keys are checked against what ``find`` printed (it must print each key whole). A
row is a function of its file (trusted by the cache's key), the page's rules (the header) and the
clock (the interval kept is where every row sent holds, each by its own). The frames' checksum is
kept too: damaged frames are never sent (the window would fail to read them).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from editor.core import cache_file, kept_listing, warm_snapshot
from editor.core.cache import RACY_NS
from editor.core.kept_listing import MAGIC, SIZES, launch_path
from editor.core.site_rules import SiteRules
from editor.core.tree_look import file_record, key_text, plain_tree

FRAMES_MARK = b"\nlaunch frames 1"  # the header's end: a listing's answer is never taken for one
_CHECK = struct.Struct("<I")  # the frames' crc32, kept as the file's "tail" part
_SAMPLED = 9  # rows whose key is looked up in what find printed


class KeptLaunch:
    """One launch scan's look at its desk (``find`` running from :func:`start`): the kept frames
    sent when they hold (:meth:`send`), else the scan's frames written aside as they are sent
    (:meth:`add`) and kept once the scan is known to have seen one unchanged tree
    (:meth:`finish`)."""

    def __init__(self, probe: warm_snapshot.Probe, base: Path, now: int) -> None:
        self._probe = probe
        self._path = launch_path(cache_file.database_path(base, None))
        self._now = now
        self._aside: _Aside | None = None
        self._good = True  # every row so far a cached row whose verdict held
        self._newest = 0  # the newest modification time among the rows (ns)
        self._sample: list[tuple[str, tuple[int, int, int, int]]] = []
        self._rows = 0
        self._since: int | None = None  # where the rows sent so far hold (their intervals)
        self._until: int | None = None

    def send(self, out: int) -> bool:
        """Send the kept frames to the file descriptor ``out`` when they hold for the desk as
        ``find`` sees it now (waits for ``find``); False, nothing sent, otherwise. Raises
        ``OSError`` when the sending failed: some of the frames may be out then, and nothing
        can follow them (the window would take what follows for more rows)."""
        kept = kept_listing.read(self._path, self._now)
        found = self._probe.found()
        if kept is None:
            return False
        try:
            try:
                if (
                    found is None
                    or kept.header() != self._probe.header + FRAMES_MARK
                    or kept.found() != found
                    or not _whole(kept)
                ):
                    return False
            except OSError:
                return False
            if not kept.send_texts(out):
                # a pipe takes sendfile: a test's file may not
                rest = memoryview(kept.texts())
                while rest:
                    rest = rest[os.write(out, rest) :]
            return True
        finally:
            kept.close()

    def add(self, frame: bytes, payload: bytes, rows: list[Any]) -> None:
        """One batch frame as it was sent (``frame``: its header; ``payload``: the pickle) with its
        rows (a cached row as the cache's tuple, a row made now behind a None)."""
        if not self._good:
            return
        if any(row[0] is None for row in rows):
            self.drop()
            return
        if rows:
            self._newest = max(self._newest, max(row[2] for row in rows))
            # where every row sent holds: the latest start, the earliest end of their intervals
            # (each cached row's own, as the cache gave it: IndexCache.rows_of)
            try:
                since = max(row[6] for row in rows)
                until = min(row[7] for row in rows)
            except TypeError:  # a row without its interval: nothing is kept
                self.drop()
                return
            self._since = since if self._since is None else max(self._since, since)
            self._until = until if self._until is None else min(self._until, until)
            if len(self._sample) < _SAMPLED:
                row = rows[len(rows) // 2]
                self._sample.append((row[0], (row[1], row[2], row[3], row[4])))
        self._rows += len(rows)
        if self._aside is None:
            found = self._probe.found()
            if found is None or not plain_tree(found):
                self.drop()
                return
            self._aside = _Aside(self._path, self._probe.header + FRAMES_MARK, found)
        self._aside.write(frame, payload)

    def drop(self) -> None:
        """Keep nothing from this scan."""
        self._good = False
        if self._aside is not None:
            self._aside.drop()
            self._aside = None

    def finish(self, convert: Callable[[bytes], bytes]) -> bool:
        """After the scan's last frame: keep its frames, each made into the one to send again by
        ``convert``, when a second look prints what the first did, no row's file is in its last
        two seconds, the sampled keys are what ``find`` printed and "now" is inside where every
        row sent holds (their verdicts' intervals)."""
        found = self._probe.found()
        again = self._probe.found_again()
        aside, self._aside = self._aside, None
        if aside is None:
            return False
        interval = None
        if self._good and found is not None and again == found:
            interval = self._interval(found)
        if interval is None:
            aside.drop()
            return False
        return aside.finish(interval, self._rows, convert)

    def close(self) -> None:
        self.drop()
        self._probe.close()

    def _interval(self, found: bytes) -> tuple[int, int] | None:
        if self._newest > self._probe.started_ns - RACY_NS:
            return None
        for relpath, key in self._sample:
            printed = key_text(*key)
            if printed is None or not _printed(found, file_record(relpath, printed)):
                return None
        start, until = self._since, self._until
        if start is None or until is None or not start <= self._now < until:
            return None
        return start, until


def start(base: Path, rules: SiteRules, now: int) -> KeptLaunch | None:
    """The look of the launch scan of the desk at ``base`` (resolved) at ``now``
    (``verdicts.as_of_micros``), ``find`` already running; None where no answer can be kept
    (:func:`editor.core.warm_snapshot.start` says when)."""
    from editor.core.index import desk_judged_keys

    keys = tuple(sorted(desk_judged_keys(rules)))
    # One find, leaving the other core to the window starting meanwhile (its first paint, which
    # the rows wait for anyway, comes after the look: 0.3 s at 100,000 files; three alternated
    # pairs with two finds were no faster on a loaded machine).
    probe = warm_snapshot.start(base, rules, keys, now, note_inputs=False, cores=1)
    if probe is None:
        return None
    return KeptLaunch(probe, base, now)


def _printed(found: bytes, record: bytes) -> bool:
    """Whether ``record`` is one of the records ``find`` printed (each ends in NUL), looked up
    in place (``tree_look.printed_records`` would hold them all: 15 MiB at 100,000 files)."""
    whole = record + b"\0"
    at = found.find(whole)
    while at > 0 and found[at - 1] != 0:
        at = found.find(whole, at + 1)
    return at >= 0


def _whole(kept: kept_listing.Snapshot) -> bool:
    """Whether the kept frames are the ones written (their checksum)."""
    check = kept.tail
    if len(check) != _CHECK.size:
        return False
    offset, length = kept.text_span()
    if not length:
        return _CHECK.unpack(check)[0] == 0
    with (
        mmap.mmap(kept.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
        memoryview(mapped) as view,
    ):
        return zlib.crc32(view[offset : offset + length]) == _CHECK.unpack(check)[0]


class _Aside:
    """The frames of a launch being kept: as they are sent, into an unnamed file beside the cache
    (``O_TMPFILE``: gone with the process, however it ends); once they can be kept, made into the
    frames a launch sends again (:meth:`finish`: ``convert``, the rows ready for the list) in
    ``.….launch.<pid>.tmp``, which is renamed over the kept file when whole."""

    def __init__(self, path: Path, header: bytes, found: bytes) -> None:
        self._path = path
        self._header = header
        self._found = found
        self._sent: BinaryIO | None = None
        try:
            self._sent = tempfile.TemporaryFile(dir=path.parent)  # noqa: SIM115  # finish, drop
        except OSError:
            self._sent = None

    def write(self, frame: bytes, payload: bytes) -> None:
        """One frame as the child sent it: its header, then its payload."""
        if self._sent is None:
            return
        try:
            self._sent.write(frame)
            self._sent.write(payload)
        except OSError:
            self.drop()

    def finish(
        self, interval: tuple[int, int], rows: int, convert: Callable[[bytes], bytes]
    ) -> bool:
        """Keep the frames sent, each made into the frame to send again by ``convert`` (a frame
        whole, header and payload), for the launches inside ``interval``; False when they
        could not be kept (nothing is then)."""
        sent, self._sent = self._sent, None
        if sent is None:
            return False
        aside = self._path.with_name(f".{self._path.name}.{os.getpid()}.tmp")
        warm_snapshot.drop_left_asides(self._path)
        lengths = (len(self._header), 0, len(self._found), 0, 0, _CHECK.size)
        try:
            with sent, open(aside, "wb") as out:
                out.write(MAGIC + SIZES.pack(0, 0, 0, *lengths, 0))
                out.write(self._header + self._found + _CHECK.pack(0))
                sent.flush()
                sent.seek(0)
                check = length = 0
                for frame in _frames(sent):
                    ready = convert(frame)
                    out.write(ready)
                    check = zlib.crc32(ready, check)
                    length += len(ready)
                out.seek(len(MAGIC))
                out.write(SIZES.pack(*interval, rows, *lengths, length))
                out.seek(len(MAGIC) + SIZES.size + sum(lengths) - _CHECK.size)
                out.write(_CHECK.pack(check))
            os.replace(aside, self._path)
        except Exception:  # OSError, a frame that ends early or cannot be made ready
            with contextlib.suppress(OSError):
                os.remove(aside)
            return False
        return True

    def drop(self) -> None:
        sent, self._sent = self._sent, None
        if sent is not None:
            with contextlib.suppress(OSError):
                sent.close()


_FRAME_HEAD = struct.Struct("<cI")  # a frame's kind and payload length (scan_child's frames)


def _frames(stream: BinaryIO) -> Iterator[bytes]:
    """The frames written to ``stream``, each whole (header and payload)."""
    while True:
        head = stream.read(_FRAME_HEAD.size)
        if not head:
            return
        if len(head) < _FRAME_HEAD.size:
            raise ValueError("a frame ends early")
        payload = stream.read(_FRAME_HEAD.unpack(head)[1])
        if len(payload) < _FRAME_HEAD.unpack(head)[1]:
            raise ValueError("a frame ends early")
        yield head + payload
