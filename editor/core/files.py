"""Reading article files safely: regular files only, and never blocking on a pipe or device."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from editor.core.frontmatter import FrontMatterError

# A FIFO opened for reading waits for a writer; non-blocking, the open returns at once and the type
# check below refuses it.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: Path | str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status; raises FrontMatterError for anything else."""
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FrontMatterError("This is not a regular file (a folder, pipe or device)")
        return handle.read(), info


def current_bytes(path: Path | str) -> bytes | None:
    """What is on disk now, through the same guard as every read; None when the file is gone.

    Raises OSError (or FrontMatterError, for a pipe or device put in its place) when it exists but
    cannot be read now."""
    try:
        return read_regular(path)[0]
    except FileNotFoundError:
        return None
