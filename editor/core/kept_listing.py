"""A kept listing's file (``….sqlite3.listing``), read: what :mod:`editor.core.warm_snapshot`
writes after a listing, and both a warm listing (``warm_snapshot.Probe.hit``) and the quick answer
before any other import (:mod:`editor.cli_kept`) read. Light on imports, for the latter.

The file: :data:`MAGIC`, the interval it holds for, its row count and its parts' lengths
(:data:`SIZES`), then the parts one after the other (see :class:`Snapshot`).
"""

from __future__ import annotations

import errno
import os
import struct
from pathlib import Path
from typing import BinaryIO

MAGIC = b"copydesk-listing 2\n"
# from, until, rows; the lengths of header, inputs, found, paths, states, tail, texts
SIZES = struct.Struct("<qqq7Q")
ROW_END = b"\n  }"  # how every row's JSON text ends (verdicts.document_text), nowhere else
ROW_SEPARATOR = b",\n  "  # between two rows of list --json's array (cli_rows.write_json_rows)
_NO_SENDFILE = frozenset(
    {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EBADF, errno.ESPIPE}
)


def snapshot_path(database: Path) -> Path:
    return database.with_name(database.name + ".listing")


def launch_path(database: Path) -> Path:
    """Where the launch scan's frames are kept, in this format (:mod:`editor.core.kept_launch`)."""
    return database.with_name(database.name + ".launch")


class Snapshot:
    """A kept listing, read part by part from its open file: what it was made for (its header,
    which :mod:`editor.core.warm_snapshot` compares whole, and the inputs
    :mod:`editor.core.listing_inputs` noted), what ``find`` printed of the desk when it was made, its rows' paths and states, and their JSON texts joined by
    :data:`ROW_SEPARATOR`, each row's :data:`ROW_END` replaced by :attr:`tail` (the git fields
    every row had then, spliced in as ``verdicts.with_fields`` does; :data:`ROW_END` itself for
    none). The texts (70 MB at 100,000 rows) can go to stdout without being read here
    (:meth:`send_texts`)."""

    def __init__(self, handle: BinaryIO, count: int, parts: list[tuple[int, int]]) -> None:
        self._handle = handle
        self.count = count
        self._parts = parts  # (offset, length) of header, inputs, found, paths, states, tail, texts
        self.tail = self._part(5)

    def _part(self, number: int) -> bytes:
        offset, length = self._parts[number]
        data = os.pread(self._handle.fileno(), length, offset)
        while len(data) < length:  # a short read: go on where it stopped
            more = os.pread(self._handle.fileno(), length - len(data), offset + len(data))
            if not more:
                raise OSError("the kept listing ends early")
            data += more
        return data

    def close(self) -> None:
        self._handle.close()

    def fileno(self) -> int:
        return self._handle.fileno()

    def text_span(self) -> tuple[int, int]:
        """Where the texts are in the file: (offset, length)."""
        return self._parts[6]

    def header(self) -> bytes:
        return self._part(0)

    def inputs(self) -> bytes:
        return self._part(1)

    def found(self) -> bytes:
        return self._part(2)

    def path_list(self) -> list[str]:
        return self._part(3).decode("utf-8", "surrogateescape").split("\0") if self.count else []

    def state_list(self) -> list[str]:
        return self._part(4).decode("ascii").split("\0") if self.count else []

    def texts(self) -> bytes:
        return self._part(6)

    def texts_end_well(self) -> bool:
        """Whether the texts end with :attr:`tail` (a last check before they are sent whole)."""
        offset, length = self._parts[6]
        tail = self.tail
        return (
            length >= len(tail)
            and os.pread(self._handle.fileno(), len(tail), offset + length - len(tail)) == tail
        )

    def send_texts(self, out: int) -> bool:
        """Copy the texts to the file descriptor ``out`` (the kernel's ``sendfile``); False,
        nothing sent, where the kernel cannot (a terminal, an appending file on an old kernel):
        then they are to be written from :meth:`texts`."""
        offset, length = self._parts[6]
        end = offset + length
        while offset < end:
            try:
                sent = os.sendfile(out, self._handle.fileno(), offset, end - offset)
            except OSError as error:
                if offset == self._parts[6][0] and error.errno in _NO_SENDFILE:
                    return False
                raise
            if not sent:
                raise OSError("the kept listing ends early")
            offset += sent
        return True

    def body(self, tail: bytes) -> list[bytes | memoryview] | None:
        """The rows as ``list --json``'s array holds them (its brackets left out), each row's end
        being ``tail`` (:data:`ROW_END`: nothing added), as pieces to write one after the
        other; None when the kept texts do not hold ``count`` rows."""
        count, kept = self.count, self.tail
        if not count:
            return []
        texts = self.texts()
        if not texts.endswith(kept):
            return None
        if tail == kept:
            return [texts] if texts.count(kept + ROW_SEPARATOR) == count - 1 else None
        if len(tail) == len(kept):  # the length would not tell how many were replaced
            return None
        joined = texts.replace(kept + ROW_SEPARATOR, tail + ROW_SEPARATOR)
        if len(joined) - len(texts) != (count - 1) * (len(tail) - len(kept)):
            return None
        return [memoryview(joined)[: len(joined) - len(kept)], tail]

    def row_texts(self) -> list[bytes] | None:
        """Each row's JSON text, or None when the kept texts do not split into ``count`` rows."""
        if not self.count:
            return []
        kept = self.tail
        pieces = self.texts().split(kept + ROW_SEPARATOR)
        if len(pieces) != self.count or not pieces[-1].endswith(kept):
            return None
        pieces[-1] = pieces[-1][: len(pieces[-1]) - len(kept)]
        return [piece + ROW_END for piece in pieces]


def read(path: Path | str, now: int) -> Snapshot | None:
    """The snapshot kept at ``path`` (left open: :meth:`Snapshot.close`) if it is whole and holds
    for the moment ``now`` (``verdicts.as_of_micros``); what it was made for is the caller's to
    compare (:meth:`Snapshot.header`, :meth:`Snapshot.inputs`)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115  # the Snapshot holds it
    except OSError:
        return None
    try:
        size = os.fstat(handle.fileno()).st_size
        start = handle.read(len(MAGIC) + SIZES.size)
        if len(start) == len(MAGIC) + SIZES.size and start.startswith(MAGIC):
            since, until, count, *lengths = SIZES.unpack_from(start, len(MAGIC))
            if since <= now < until and len(start) + sum(lengths) == size:
                parts = []
                offset = len(start)
                for length in lengths:
                    parts.append((offset, length))
                    offset += length
                return Snapshot(handle, count, parts)
    except (OSError, struct.error):
        pass
    handle.close()
    return None
