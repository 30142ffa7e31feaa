"""The C heap of a window that keeps 100,000 rows: one arena, and its free memory given back.

Python's objects above 512 bytes, its big lists and dicts, SQLite's pages and Qt's buffers come from
the C library's ``malloc``. glibc gives every thread that allocates while another does an arena of
its own (up to eight per core), and keeps what is freed in each for later, so the scan's worker,
the watcher's look and the body indexer each left megabytes behind that the GUI thread's rows could
not reuse. Measured on the window at 100,000 articles (RSS 6 s after the scan): 297 MiB with the
default arenas, 292 MiB with one; after ``malloc_trim`` 286 and 277 MiB. The threads allocate
while holding the GIL, so one arena costs them no waiting worth a measure.

Both calls do nothing where the C library is not glibc (macOS, Windows, musl). The window calls
:func:`one_arena` after its first paint (ctypes is not for start-up), so the scan's worker, started
before, keeps an arena of its own; the threads after it share. :func:`give_back` does nothing until
then (a small desk's scan may end before the first paint).
"""

from __future__ import annotations

import functools
import sys
from typing import Any

_M_ARENA_MAX = -8  # glibc's malloc.h


@functools.cache
def _glibc() -> Any:
    """glibc's handle, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: 1.6 ms that start-up needs only on Linux

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt  # noqa: B018 - musl has neither of the two calls
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def one_arena() -> bool:
    """Let the threads started from now on allocate from the arenas there are (one, where no
    other thread has allocated yet); whether the C library took it."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(_M_ARENA_MAX, 1))


def give_back() -> bool:
    """Return the heap's free memory to the system (about a millisecond at 100,000 rows); whether
    any was returned. Nothing before :func:`one_arena` loaded the C library."""
    if not _glibc.cache_info().currsize:
        return False
    libc = _glibc()
    return bool(libc is not None and libc.malloc_trim(0))
