"""One look at a desk's tree, as GNU ``find`` prints it: every folder by name, every other entry
with its type, and every file with its size, modification and status-change times (seconds with
ten decimals: nanoseconds) and inode, below the content folders, leaving out only the folders the
walk never enters (hidden ones, ``node_modules``, ``__pycache__``). Two looks that print the same
bytes saw the same tree (:mod:`editor.core.warm_snapshot` keeps a listing's answer by it).

Where it can, the look is two ``find`` runs over halves of the tree (the two cores; the top
folders listed here as ``find`` prints them), their outputs in memory files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from pathlib import Path
from typing import NamedTuple

from editor.core.disk_names import SKIPPED_FOLDERS, TEMP_SUFFIX

_TEMP_MARK = TEMP_SUFFIX.encode() + b"\0"  # at a name's end: the walk removes those files
_PRUNED = SKIPPED_FOLDERS  # and hidden ones (walk.skips_folder): the folders the walk never enters
# find's expression: the folders the walk never enters pruned; a folder by its path, any other
# entry with its type, then size, mtime, ctime (seconds.nanoseconds) and inode.
FIND_EXPRESSION = (
    "-mindepth",
    "1",
    "(",
    "-type",
    "d",
    "(",
    "-name",
    ".*",
    *(part for name in sorted(_PRUNED) for part in ("-o", "-name", name)),
    ")",
    "-prune",
    ")",
    "-o",
    "-type",
    "d",
    "-printf",
    r"d %p\0",
    "-o",
    "-printf",
    r"%y %s %T@ %C@ %i %p\0",
)
_NS = 1_000_000_000


def key_text(size: int, mtime_ns: int, ino: int, ctime_ns: int) -> bytes | None:
    """How ``find`` prints a file's key (``%s %T@ %C@ %i``: the times in seconds with ten
    decimals, the last one 0); None for a time before 1970, which is never kept this way."""
    if mtime_ns < 0 or ctime_ns < 0:
        return None
    return b"%d %d.%09d0 %d.%09d0 %d" % (
        size,
        mtime_ns // _NS,
        mtime_ns % _NS,
        ctime_ns // _NS,
        ctime_ns % _NS,
        ino,
    )


class Looked(NamedTuple):
    """A look already taken: the desk (its real path), the folders it started from, and what it
    printed."""

    desk: str
    starts: list[str]
    found: bytes


class Look:
    """One look at the desk's tree: ``find`` over its content folders, in two processes over
    halves of the tree where it can (:func:`_split`: the two cores), their outputs written to
    memory files (no pipe to fill while the other is read)."""

    def __init__(self, head: bytes, runs: list[tuple[subprocess.Popen[bytes], int, int]]):
        self._head = head
        self._runs = runs

    @classmethod
    def start(cls, base: Path, roots: list[str], cores: int = 2) -> Look | None:
        """The look started; ``cores``: 1 for one ``find`` (the other core is the window's, at a
        launch), else two where the tree can be split. None where ``find`` cannot start."""
        split = _split(base, roots) if cores > 1 and hasattr(os, "memfd_create") else None
        head, groups = split if split is not None else (b"", [roots])
        runs: list[tuple[subprocess.Popen[bytes], int, int]] = []
        for group in groups:
            out = errors = -1
            try:
                if split is not None:
                    out = os.memfd_create("copydesk-find")
                    errors = os.memfd_create("copydesk-find-errors")
                process = subprocess.Popen(
                    ["find", *group, *FIND_EXPRESSION],
                    cwd=base,
                    stdin=subprocess.DEVNULL,
                    stdout=out if out >= 0 else subprocess.PIPE,
                    stderr=errors if errors >= 0 else subprocess.PIPE,
                    env={**os.environ, "LC_ALL": "C"},
                )
            except (OSError, ValueError):  # no find here, or no memory file
                for descriptor in (out, errors):
                    if descriptor >= 0:
                        os.close(descriptor)
                cls(head, runs).stop()
                return None
            runs.append((process, out, errors))
        return cls(head, runs)

    def output(self) -> bytes | None:
        """What the look printed, or None when a ``find`` failed or said anything on stderr."""
        parts = [self._head]
        good = True
        for process, out, errors in self._runs:
            try:
                if out < 0:
                    printed, said = process.communicate()
                else:
                    process.wait()
                    printed, said = _drained(out), _drained(errors)
            except (OSError, subprocess.SubprocessError):
                printed, said = b"", b"?"
            good = good and process.returncode == 0 and not said
            parts.append(printed)
        self._runs = []
        return b"".join(parts) if good else None

    def stop(self) -> None:
        for process, out, errors in self._runs:
            with contextlib.suppress(OSError):
                process.kill()
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                process.communicate()
            for descriptor in (out, errors):
                if descriptor >= 0:
                    with contextlib.suppress(OSError):
                        os.close(descriptor)
        self._runs = []


def _drained(descriptor: int) -> bytes:
    """All a memory file holds (then closed)."""
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            handle.seek(0)
            return handle.read()
    except OSError:
        return b"?"


_SPLIT_FOLDERS = 8  # the two finds get at least this many folders between them...
_SPLIT_ENTRIES = 2000  # ...from at most this many entries listed here


def _split(base: Path, roots: list[str]) -> tuple[bytes, list[list[str]]] | None:
    """The desk's tree as two ``find`` runs of about half of it each: the top folders are
    listed here (as ``find`` prints their entries) until there are enough folders below them
    to share out, every other one to each run. None where that cannot be (one content folder
    only, too few folders): then one ``find``."""
    if len(roots) != 1:
        return None
    head: list[bytes] = []
    frontier = [roots[0]]
    listed = 0
    for _depth in range(4):
        level = _listed_level(base, frontier)
        if level is None:
            return None
        records, below = level
        if len(below) < 2 <= len(frontier):  # shared out here, not below
            break
        head += records
        listed += len(records)
        frontier = below
        if len(frontier) >= _SPLIT_FOLDERS or listed > _SPLIT_ENTRIES or not frontier:
            break
    if len(frontier) < 2:
        return None
    return b"".join(head), [frontier[0::2], frontier[1::2]]


def _listed_level(base: Path, folders: list[str]) -> tuple[list[bytes], list[str]] | None:
    """The entries of ``folders`` as ``find`` prints them, and the folders among them that it
    would go into; None when one cannot be read."""
    records: list[bytes] = []
    below: list[str] = []
    for folder in folders:
        try:
            with os.scandir(os.path.join(base, folder)) as entries:
                items = sorted(entries, key=lambda entry: entry.name)
            for entry in items:
                rel = f"{folder}/{entry.name}"
                info = entry.stat(follow_symlinks=False)
                name = os.fsencode(rel)
                if stat.S_ISDIR(info.st_mode):
                    if entry.name.startswith(".") or entry.name in _PRUNED:
                        continue
                    records.append(b"d " + name + b"\0")
                    below.append(rel)
                elif stat.S_ISREG(info.st_mode):
                    key = key_text(info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
                    # A file dated before 1970 has no key written so: it must not pass for a
                    # plain file whose key two looks compare ("f ?" hid every change to it).
                    kind = b"f " + key if key is not None else b"o"
                    records.append(kind + b" " + name + b"\0")
                else:
                    records.append(b"o " + name + b"\0")  # no plain tree: nothing kept
        except OSError:
            return None
    return records, below


def plain_tree(found: bytes) -> bool:
    """Whether ``find``'s output holds only plain files and folders (no link, pipe or device: a
    link's target can change under it) and no Copydesk temp file (the walk removes those)."""
    records = found.count(b"\0")
    # every record starts "d " or "f " (a record ends in NUL: the one after it starts there)
    plain = found.count(b"\0d ") + found.count(b"\0f ") + (found[:2] in (b"d ", b"f "))
    return plain == records and (not records or found.endswith(b"\0")) and _TEMP_MARK not in found


def printed_keys(found: bytes) -> dict[str, bytes]:
    """Each file's key as ``find`` printed it, by its path from the desk's root."""
    printed: dict[str, bytes] = {}
    for record in found.split(b"\0"):
        if record[:2] != b"f ":
            continue
        parts = record.split(b" ", 5)
        if len(parts) == 6:
            printed[_relpath(parts[5])] = b" ".join(parts[1:5])
    return printed


def printed_records(found: bytes) -> frozenset[bytes]:
    """Every record ``find`` printed (its NUL left out), for :func:`file_record` lookups: one
    split and a set in C (9 ms at 50,000 files) where :func:`printed_keys` parsed each record in
    Python (45 ms). ``find`` prints each path once, so a file's record is in it exactly when
    :func:`printed_keys` gives it that key."""
    return frozenset(found.split(b"\0"))


def file_record(relpath: str, key: bytes) -> bytes:
    """The record ``find`` prints for the file at ``relpath`` (from the desk's root) with the key
    ``key`` (:func:`key_text`): every path it prints starts ``./`` (its start folders do)."""
    return b"f " + key + b" ./" + relpath.encode("utf-8", "surrogateescape")


def _relpath(printed: bytes) -> str:
    return (printed[2:] if printed[:2] == b"./" else printed).decode("utf-8", "surrogateescape")
