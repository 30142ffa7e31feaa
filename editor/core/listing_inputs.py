"""What a kept listing's answer depends on besides its desk's tree, noted as questions to the file
system with their answers, so that a warm ``list --json`` can trust it before it imports anything
else (:mod:`editor.cli_kept`).

:mod:`editor.core.warm_snapshot` trusts a kept answer by its header: the cache's version (the code
of the modules that decide a row, the parsers' versions, the site's state keys), the desk, its
content folders and its site, all read with the site's config, which is most of a warm listing's
start-up. Those are functions of files: the config files (:func:`site_inputs.desk_inputs`: each one a
folder between the desk and its site's root might hold, missing ones too, the config folders and
the content folders) and the code (``cache_file.code_files``, ``fast_parsers.PARSER_FILES``).
A listing that keeps its answer notes each of those paths with what ``stat`` says of it (type and
mode, size, modification and status-change times in nanoseconds, inode; or that it is missing),
and the Python that ran it; :func:`still` asks the same questions again. Every answer the same,
every file is the one the header was made from: a change to a file moves its status-change time,
which never goes back, and a file created or removed changes its folder's answer and its own.

Nothing is noted when an answer is in the cache's racy window (changed in the two seconds before
the listing began: one more change within the same clock tick would not show) or cannot be had
(a folder that cannot be read): the listing then goes the usual way next time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

_FORMAT = b"copydesk-inputs 1"
_MISSING = b"-"


def identity(desk: str) -> bytes:
    """The Python and the code (this module's file: another checkout on the path, as with
    ``PYTHONPATH``, has code files of its own, which the noted ones are not) and the desk (real
    path) an answer was made by and for, how file names are read (:func:`file_names`), the time
    zone of the environment and where zoneinfo looks zones up (``PYTHONTZPATH``: a site's
    ``timeZone`` not found, its dates read as UTC)."""
    zones = os.environ.get("PYTHONTZPATH")
    code = os.path.abspath(__file__)
    text = (
        f"{sys.version}|{sys.executable}|{code}|{file_names()}|{os.environ.get('TZ', '')}|"
        f"{zones!r}|{desk}"
    )
    return text.encode("utf-8", "surrogateescape")


def file_names() -> str:
    """How file names' bytes are read as text here (the rows' paths): the file system's encoding
    and error handler, ASCII in the C locale without Python's UTF-8 mode."""
    return f"{sys.getfilesystemencoding()}:{sys.getfilesystemencodeerrors()}"


def note(desk: str, starts: list[str], paths: Iterable[str], trusted_until_ns: int) -> bytes:
    """The noted inputs of a listing of the desk ``desk`` (its real path) whose tree ``find``
    looked at from ``starts``: ``paths`` with their answers; b"" when they cannot be trusted (an
    answer changed after ``trusted_until_ns``, or cannot be had)."""
    fields = [_FORMAT, identity(desk), b"%d" % len(starts)]
    fields.extend(start.encode("utf-8", "surrogateescape") for start in starts)
    for path in sorted(set(paths)):
        answer = _answer(path, trusted_until_ns)
        if answer is None:
            return b""
        fields.extend((path.encode("utf-8", "surrogateescape"), answer))
    if any(b"\0" in field for field in fields):
        return b""
    return b"\0".join(fields)


def still(noted: bytes, desk: str) -> list[str] | None:
    """The ``find`` starts of the noted inputs when they still hold for the desk ``desk`` (its
    real path): the same identity, every path answered as it was; else None."""
    fields = noted.split(b"\0")
    if len(fields) < 3 or fields[0] != _FORMAT or fields[1] != identity(desk):
        return None
    try:
        count = int(fields[2])
    except ValueError:
        return None
    starts, questions = fields[3 : 3 + count], fields[3 + count :]
    if count < 1 or len(starts) != count or len(questions) % 2:
        return None
    for path, answer in zip(questions[0::2], questions[1::2], strict=True):
        if _answer(path.decode("utf-8", "surrogateescape"), None) != answer:
            return None
    return [start.decode("utf-8", "surrogateescape") for start in starts]


def _answer(path: str, trusted_until_ns: int | None) -> bytes | None:
    """What ``stat`` says of ``path`` (the link followed, as the config's reader does), or
    :data:`_MISSING`; None when it cannot say, or the answer changed after ``trusted_until_ns``."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return _MISSING
    except (OSError, ValueError):
        return None
    if trusted_until_ns is not None and max(info.st_mtime_ns, info.st_ctime_ns) > trusted_until_ns:
        return None
    return b"%o %d %d %d %d" % (
        info.st_mode,
        info.st_size,
        info.st_mtime_ns,
        info.st_ino,
        info.st_ctime_ns,
    )
