"""The readers' process pool, shared by the plain and the cached scan."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from editor.core.forked_pool import ForkedReaders

# Below this many files to parse, a process pool costs more to start than it saves (measured on two
# busy cores: a wash at 10,000 files, 20% faster at 50,000; with the cache, few files need parsing).
# Read as pool.PARALLEL_THRESHOLD at each use, so a test can lower it.
PARALLEL_THRESHOLD = 10_000

# The same for forked readers (:func:`can_fork`), which start with every module already imported:
# a few milliseconds each instead of a new interpreter and its imports (~0.15 s of CPU per reader).
# Measured on two busy cores: a wash at 2,500 files, a gain from 5,000.
FORKED_THRESHOLD = 4_000


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system says it (a container
    or ``taskset`` limits it below the machine's count, which ``os.cpu_count`` gives), else the
    machine's. The one count the readers, the render workers, the window's threads and the
    launch scan's child are sized by. (A CPU quota without affinity, cgroup ``cpu.max``, is not
    read.)"""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this process may start readers by ``fork``: on Linux, with no other thread.

    A fork copies one thread only; a lock another thread held (in Python, Qt or the C library)
    would stay locked in the child forever. ``/proc/self/task`` counts every thread of the
    process, not only Python's, so a process that ever started Qt or a worker never forks."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


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


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C (SIGINT) held back in this thread while the spawned readers start (the first tasks
    handed to a pool of :func:`process_pool` start them): each begins with the signal blocked,
    as it was here. The terminal sends Ctrl-C to the whole process group: a reader that
    died of it (a traceback on stderr) broke the pool, whose thread then failed on the tasks the
    listing had cancelled (``InvalidStateError``), and the listing waited for the other reader
    for ever at its exit. The listing's process answers Ctrl-C alone, and ends its readers;
    one that came meanwhile is raised as the block ends, not lost."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def stop(readers: ProcessPoolExecutor | ForkedReaders) -> None:
    """End the readers of a listing stopped before its end (Ctrl-C, an error, a closed desk).

    Forked readers end as always, each with the task it reads. A spawned pool's tasks that no
    reader has yet are cancelled by the pool's own thread (``cancel_futures``), never here: one
    cancelled here made that thread fail once a reader was gone (``InvalidStateError``, Python
    3.11), and the listing wait for the other reader for ever at its exit. Its readers are
    waited for, not ended: one ended while it wrote its answer left the pool's thread reading
    the rest for ever. With Ctrl-C held from them (:func:`ctrl_c_held`) they finish what they
    were handed (a few batches: tens of ms), or, just started, their start (0.2-0.6 s)."""
    from editor.core.forked_pool import ForkedReaders  # (not multiprocessing: 10 ms to import)

    if isinstance(readers, ForkedReaders):
        readers.shutdown()
    else:
        readers.shutdown(wait=True, cancel_futures=True)


def process_pool(
    workers: int,
    setup: Callable[..., None] | None = None,
    *args: Any,
    polite: bool = True,
    forked: bool = False,
) -> ProcessPoolExecutor | ForkedReaders:
    """The readers' pool: "spawn" never copies a parent's threads or Qt state into the children.

    ``setup(*args)`` runs once in each reader as it starts: what every task of a listing needs
    (the desk's rules, with the cascades each reader reads once) is sent once, not with each task.
    ``polite``: the readers yield the CPU to a window (:func:`_yield_cpu`); a command-line listing,
    with no window to keep answering, runs them at its own priority, as ``hugo list`` runs.
    ``forked`` (a command-line listing, never polite): the readers are forked from this process
    where :func:`can_fork` allows it, and started at once, so they begin with every module this
    process imported (:class:`editor.core.forked_pool.ForkedReaders`: no multiprocessing, no
    thread); else spawned. Either pool's ``submit(...)`` gives what ``result()`` and
    ``cancel()`` can be asked of.
    """
    if forked and not polite and can_fork():
        from editor.core.forked_pool import ForkedReaders

        return ForkedReaders(workers, _start, setup, *args)
    import multiprocessing  # with the first big listing, not at every start of the window
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_yield_cpu if polite else _start,
        initargs=(setup, *args),
    )
