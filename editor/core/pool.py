"""The readers' process pool, shared by the plain and the cached scan."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Below this many files to parse, a process pool costs more to start than it saves (measured on two
# busy cores: a wash at 10,000 files, 20% faster at 50,000; with the cache, few files need parsing).
# Read as pool.PARALLEL_THRESHOLD at each use, so a test can lower it.
PARALLEL_THRESHOLD = 10_000


def _yield_cpu(setup: Callable[..., None] | None = None, *args: Any) -> None:
    """Run the readers at a lower priority: on a machine with few cores they would otherwise take
    every core from the window that shows their rows (measured: 120 ms event-loop stalls, 40 ms with).
    Then ``setup(*args)``, once in each reader."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)
    _start(setup, *args)


def _start(setup: Callable[..., None] | None = None, *args: Any) -> None:
    """``setup(*args)``, once in each reader (at the priority it was started with)."""
    if setup is not None:
        setup(*args)


def process_pool(
    workers: int, setup: Callable[..., None] | None = None, *args: Any, polite: bool = True
) -> ProcessPoolExecutor:
    """The readers' pool: "spawn" never copies a parent's threads or Qt state into the children.

    ``setup(*args)`` runs once in each reader as it starts: what every task of a listing needs
    (the desk's rules, with the cascades each reader reads once) is sent once, not with each task.
    ``polite``: the readers yield the CPU to a window (:func:`_yield_cpu`); a command-line listing,
    with no window to keep answering, runs them at its own priority, as ``hugo list`` runs.
    """
    import multiprocessing  # with the first big listing, not at every start of the window
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_yield_cpu if polite else _start,
        initargs=(setup, *args),
    )
