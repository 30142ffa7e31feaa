"""The readers' process pool, shared by the plain and the cached scan."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Below this many files to parse, a process pool costs more to start than it saves (measured on two
# busy cores: a wash at 10,000 files, 20% faster at 50,000; with the cache, few files need parsing).
# Read as pool.PARALLEL_THRESHOLD at each use, so a test can lower it.
PARALLEL_THRESHOLD = 10_000


def _yield_cpu() -> None:
    """Run the readers at a lower priority: on a machine with few cores they would otherwise take
    every core from the window that shows their rows (measured: 120 ms event-loop stalls, 40 ms with)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """The readers' pool: "spawn" never copies a parent's threads or Qt state into the children.

    Imported here: a warm listing parses few files and never starts one (9 ms of its start-up)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_yield_cpu)
