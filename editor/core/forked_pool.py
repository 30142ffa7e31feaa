"""Readers forked from this process and fed through pipes: ``pool.process_pool(forked=True)``.

A command-line listing forks its readers (:func:`pool.can_fork`). ``ProcessPoolExecutor`` did
that through ``multiprocessing`` and ``concurrent.futures``: 10 ms of imports, two threads and
its queues before the first reader could start, all of it waited for by a cold 10k listing
(~0.4 s). This pool forks each reader straight away with two pipes of its own, one for its
tasks and one for its answers; the listing's process hands out the tasks and reads the answers
without a thread, with non-blocking writes and ``select``, so neither side can wait for the
other forever:

* a reader holds at most :data:`_AHEAD` tasks (sent, not answered); the rest wait here and go to
  whichever reader answers next, so a slow reader gets fewer (how early the last answer comes);
* the pipes are widened (``F_SETPIPE_SZ``, where the system allows) so that tasks and answers fit
  while the listing's process walks the desk or reads its own batch;
* a task's exception comes back and is raised by :meth:`Answer.result`; a reader that ends
  without answering (killed) raises :class:`ReaderLost`, never a wait;
* a reader reads until its task pipe ends: :meth:`ForkedReaders.shutdown` (or the end of this
  process) closes it; the reader then ends with ``os._exit`` (no buffered output inherited from
  this process is written twice) and is waited for.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import struct
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

_SIZE = struct.Struct("<Q")  # each message: its length, then its pickle
# Tasks a reader holds at most: a listing's batch is ~12 ms of a reader's time, and the listing's
# process hands out more only between its own steps (its walk, git's start, its own batch, which
# took up to 100 ms on a busy machine): 8 keep a reader busy that long.
_AHEAD = 8
_PIPE_BYTES = 1 << 20  # the widest pipe Linux gives an unprivileged process by default


class ReaderLost(RuntimeError):
    """A reader process ended before answering its tasks."""


class Answer:
    """One task's answer to come (what :meth:`ForkedReaders.submit` gives)."""

    def __init__(self, pool: ForkedReaders, number: int) -> None:
        self._pool = pool
        self._number = number

    def result(self) -> Any:
        """The task's result (read now if it has not come yet); its exception, raised."""
        return self._pool._answer(self._number)

    def cancel(self) -> bool:
        """Drop the task if no reader has it yet (True); False once one has."""
        return self._pool._cancel(self._number)


class _Reader:
    __slots__ = ("held", "pid", "results", "sending", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks  # this end writes its tasks (non-blocking)
        self.results = results  # this end reads its answers
        self.held = 0  # tasks sent and not answered
        self.sending = bytearray()  # what the pipe did not take yet


class ForkedReaders:
    """``workers`` readers forked now, each running ``setup(*args)`` once, then tasks."""

    def __init__(self, workers: int, setup: Callable[..., None], *args: Any) -> None:
        self._readers: list[_Reader] = []
        self._waiting: deque[tuple[int, bytes]] = deque()  # tasks no reader holds yet
        self._done: dict[int, tuple[bool, Any]] = {}
        self._queued: set[int] = set()  # their numbers
        self._dropped: set[int] = set()
        self._next = 0
        self._closed = False
        for stream in (sys.stdout, sys.stderr):  # a reader must not write this process's buffer
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        try:
            for _ in range(workers):
                self._fork(setup, args)
        except BaseException:
            self.shutdown()
            raise

    def _fork(self, setup: Callable[..., None], args: tuple[Any, ...]) -> None:
        tasks_in, tasks_out = os.pipe()
        results_in, results_out = os.pipe()
        for end in (tasks_out, results_out):
            _widen(end)
        # What this process holds is frozen out of the collector while it forks: a reader's
        # collections then never walk (and copy, page by page) what it inherited.
        gc.freeze()
        try:
            pid = os.fork()
        except BaseException:
            gc.unfreeze()
            for end in (tasks_in, tasks_out, results_in, results_out):
                os.close(end)
            raise
        if pid == 0:  # the reader: it never returns from here
            status = 1
            try:
                os.close(tasks_out)
                os.close(results_in)
                for reader in self._readers:  # the others' ends: each sees its own pipe end
                    os.close(reader.tasks)
                    os.close(reader.results)
                _serve(tasks_in, results_out, setup, args)
                status = 0
            except BaseException:  # a reader says nothing: the listing raises ReaderLost
                pass
            finally:
                os._exit(status)
        gc.unfreeze()
        os.close(tasks_in)
        os.close(results_out)
        os.set_blocking(tasks_out, False)
        self._readers.append(_Reader(pid, tasks_out, results_in))

    def submit(self, function: Callable[..., Any], *args: Any) -> Answer:
        """Hand ``function(*args)`` to a reader (now, or as one answers)."""
        number = self._next
        self._next += 1
        data = pickle.dumps((number, function, args), pickle.HIGHEST_PROTOCOL)
        self._waiting.append((number, _SIZE.pack(len(data)) + data))
        self._queued.add(number)
        self._hand_out()
        return Answer(self, number)

    def _hand_out(self) -> None:
        for reader in self._readers:
            while reader.held < _AHEAD and self._waiting:
                number, message = self._waiting.popleft()
                self._queued.discard(number)
                if number in self._dropped:
                    continue
                reader.sending += message
                reader.held += 1
            self._send(reader)

    def _send(self, reader: _Reader) -> None:
        if reader.sending:
            try:
                sent = os.write(reader.tasks, reader.sending)
            except BlockingIOError:
                return
            except BrokenPipeError:
                raise ReaderLost(f"reader {reader.pid} ended") from None
            del reader.sending[:sent]

    def _cancel(self, number: int) -> bool:
        if number in self._queued:
            self._dropped.add(number)
            return True
        return number in self._dropped

    def _answer(self, number: int) -> Any:
        if number in self._dropped:
            raise ReaderLost(f"task {number} was cancelled")
        while number not in self._done:
            self._wait()
        ok, value = self._done.pop(number)
        if not ok:
            raise value
        return value

    def _wait(self) -> None:
        """Read what a reader answered (waiting until one does), and send what fits."""
        if not any(reader.held for reader in self._readers):
            raise ReaderLost("no reader holds the task")
        poller = select.poll()
        by_end = {}
        for reader in self._readers:
            if reader.held:
                poller.register(reader.results, select.POLLIN)
                by_end[reader.results] = reader
            if reader.sending:
                poller.register(reader.tasks, select.POLLOUT)
                by_end[reader.tasks] = reader
        for end, _event in poller.poll():
            reader = by_end[end]
            if end == reader.results:
                self._receive(reader)
            else:
                self._send(reader)
        self._hand_out()

    def _receive(self, reader: _Reader) -> None:
        """One answer of ``reader``, whose pipe has something to read: read whole (the reader
        writes it in one go), in one copy, not gathered in a buffer."""
        head = _read_exactly(reader.results, _SIZE.size)
        body = None if head is None else _read_exactly(reader.results, _SIZE.unpack(head)[0])
        if body is None:
            raise ReaderLost(f"reader {reader.pid} ended without answering")
        number, answer = pickle.loads(body)
        self._done[number] = answer
        reader.held -= 1

    @property
    def pids(self) -> list[int]:
        return [reader.pid for reader in self._readers]

    def shutdown(self, wait: bool = True) -> None:
        """End the readers: each finishes the task it is reading, then ends; waited for."""
        if self._closed:
            return
        self._closed = True
        for reader in self._readers:
            for end in (reader.tasks, reader.results):
                with contextlib.suppress(OSError):
                    os.close(end)
        for reader in self._readers:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(reader.pid, 0)

    def __enter__(self) -> ForkedReaders:
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()


def _widen(end: int) -> None:
    """The pipe of ``end`` made as wide as allowed (Linux's F_SETPIPE_SZ); as it is elsewhere."""
    try:
        import fcntl

        fcntl.fcntl(end, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _read_exactly(end: int, size: int) -> bytes | None:
    """``size`` bytes of ``end``, or None at its end."""
    first = os.read(end, size)
    if len(first) == size or not first:
        return first if first or not size else None
    parts = [first]
    size -= len(first)
    while size:
        chunk = os.read(end, size)
        if not chunk:
            return None
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


def _serve(tasks: int, results: int, setup: Callable[..., None], args: tuple[Any, ...]) -> None:
    """A reader: ``setup(*args)``, then each task read from ``tasks`` answered on ``results``,
    until ``tasks`` ends."""
    gc.enable()  # as a spawned reader has it (the listing that forks it pauses its own)
    setup(*args)  # (pool._start: the listing's own setup, if any)
    while True:
        head = _read_exactly(tasks, _SIZE.size)
        if head is None:
            return
        body = _read_exactly(tasks, _SIZE.unpack(head)[0])
        if body is None:
            return
        number, function, arguments = pickle.loads(body)
        try:
            answer: tuple[bool, Any] = (True, function(*arguments))
        except Exception as error:  # the listing raises it
            answer = (False, error)
        try:
            data = pickle.dumps((number, answer), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an answer that cannot be sent: say why
            data = pickle.dumps((number, (False, RuntimeError(repr(error)))))
        view = memoryview(_SIZE.pack(len(data)) + data)
        while view:
            view = view[os.write(results, view) :]
