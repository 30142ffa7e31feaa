"""The window's launch scan in a process of its own, started before the window's toolkit loads.

A warm launch of a 100,000-article desk is two pieces of Python work of about a second each: Qt's
start-up and the window's build on one side, the scan (walk, a ``stat`` per file, the cached rows
read and made into summaries) on the other. In one process they take turns on one interpreter
lock; here the scan runs in a child on the second core while the window starts on the first, and
its rows come back in packed batches (:func:`editor.core.packed_rows.pack`, pickled) that the
window's worker unpacks (:func:`unpack_batch`) into the summaries the in-process scan would have
given, equal field for field.

The child (``python -m editor.core.scan_child ROOT``, or :func:`run`) is a plain listing of the desk by
:func:`editor.core.listing.scan_searched`, judged by the rules the child reads itself; it sends
them first (their :class:`~editor.core.site.Site`), so a window whose rules differ (the config
changed in between) drops it and scans itself (:meth:`ScanChild.matches`). It never outlives the
window: :meth:`ScanChild.stop` kills it (the feed stops it when the scan is cancelled or the window
quits, and an ``atexit`` hook does if nothing did), and should the window's process die, the
child sees its standard input end (:func:`watch_parent`) and exits at once. Every child is waited
for, so none is left a zombie. A failure in the child comes back as the exception it raised (or
a :class:`ScanChildError` saying so), for the window to show as it shows its own scan's errors.

Frames on the child's standard output: one kind byte, a 4-byte length, then the payload
(pickled): ``S`` the site the rules were read for, ``B`` a batch (packed rows and their search
texts), ``R`` a batch ready for the list (a kept launch's: :mod:`editor.core.kept_launch`),
``E`` the error that ended the scan, ``D`` done.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import pickle
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from queue import SimpleQueue
from typing import IO, Any

BATCH_SIZE = 512  # the window's batch (desk_scan.SCAN_BATCH)
PAUSE_EVERY = 128  # rows made between two of the window's pauses (unpack_batch): 0.3-0.5 ms
# A child only for a desk whose index cache is at least this big (some 5,000-15,000 articles,
# bodies indexed or not): a small desk's scan is over before a child has started Python, and on
# a busy machine the child's start-up took from the window's (the start-up bench: 2.1× → 2.6×).
MIN_CACHE_BYTES = 32 * 1024 * 1024
# How long a child that sent its last frame may take to end (it keeps its frames for the next
# launch meanwhile: a second look at the tree, 0.2-0.4 s at 100,000 files) before it is ended.
END_GRACE_S = 10
PIPE_BYTES = 1024 * 1024  # the child's output pipe (_widen): Linux's default upper limit
_HEADER = struct.Struct("<cI")
_SITE, _BATCH, _ERROR, _DONE = b"S", b"B", b"E", b"D"
_READY = b"R"  # a batch of rows ready for the list, as a kept launch sends them


class ScanChildError(RuntimeError):
    """The scanning process ended without finishing (killed, crashed) or failed in a way that
    could not be sent back as it was."""


# --- the child's side ---------------------------------------------------------------------------


def _row_values() -> Any:
    """A function giving a summary's field values as a tuple, in the dataclass's order (what
    ``packed_rows.pack`` takes)."""
    from dataclasses import fields
    from operator import attrgetter

    from editor.core.index import ArticleSummary

    return attrgetter(*(field.name for field in fields(ArticleSummary)))


def watch_parent(fd: int = 0) -> threading.Thread:
    """End this process as soon as the file ``fd`` (standard input: a pipe only the window holds
    open) reaches its end, which is when the window's process ends, however it ends (once every
    row was sent, when the rows being kept for the next launch are, or after END_GRACE_S). Read raw
    (``os.read``): a buffered stream's lock, held by this thread, would stop the interpreter's
    own shutdown."""

    def watch() -> None:
        try:
            while os.read(fd, 65536):
                pass
        except OSError:
            pass
        if _KEEPING.is_set():  # every row was sent: the frames being kept are let finish
            _KEPT.wait(END_GRACE_S)
        os._exit(0)

    thread = threading.Thread(target=watch, name="copydesk-scan-watch", daemon=True)
    thread.start()
    return thread


def _frame(out: IO[bytes], kind: bytes, payload: bytes) -> None:
    out.write(_HEADER.pack(kind, len(payload)))
    out.write(payload)
    out.flush()


def _sendable(error: BaseException) -> bytes:
    """``error`` pickled when it comes back as itself; else a :class:`ScanChildError` with its
    words."""
    try:
        data = pickle.dumps(error)
        pickle.loads(data)
        return data
    except Exception:  # an exception that does not pickle: its words are enough
        return pickle.dumps(ScanChildError(str(error) or type(error).__name__))


def main(argv: Sequence[str] | None = None) -> int:
    """The child: list the desk at ``argv[0]`` to standard output in frames (module docstring)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    out = sys.stdout.buffer
    watch_parent()
    # A short life that makes 100,000 rows and keeps none: the cyclic collector's passes over
    # them would only cost time (the rows hold no cycles to free).
    gc.disable()
    kept: Any = None
    try:
        from editor.core.index import desk_rules
        from editor.core.listing import scan_searched
        from editor.core.packed_rows import pack

        values = _row_values()
        root = Path(arguments[0]).resolve()
        rules = desk_rules(root)
        _frame(out, _SITE, pickle.dumps(rules.site, pickle.HIGHEST_PROTOCOL))
        kept = _kept_launch(root, rules)
        if kept is not None:
            try:
                sent = kept.send(out.fileno())
            except OSError:  # some kept frames may be out: no frame can follow them
                _closed(kept)
                return 1
            if sent:  # the last launch's frames hold
                kept.close()
                _frame(out, _DONE, b"")
                return 0
        batches = scan_searched(root, batch_size=BATCH_SIZE, rules=rules, raw_kept=True)
        for batch, search in batches:
            # A cached row goes as the cache's tuple (its first item the path); a row made here
            # (parsed, or judged again) packed, behind a None.
            rows = [row if type(row) is tuple else (None, pack(values(row))) for row in batch]
            payload = pickle.dumps((rows, search), pickle.HIGHEST_PROTOCOL)
            _frame(out, _BATCH, payload)
            if kept is not None:
                kept.add(batch_header(len(payload)), payload, rows)
    except (BrokenPipeError, KeyboardInterrupt):
        _closed(kept)
        return 1  # the window went away
    except Exception as error:
        _closed(kept)
        try:
            _frame(out, _ERROR, _sendable(error))
        except OSError:
            return 1
        return 1
    if kept is not None:
        _KEEPING.set()  # before the window can know it has every row (and go)
    try:
        _frame(out, _DONE, b"")
    except OSError:
        _closed(kept)
        return 1
    if kept is not None:  # after the window has every row: it does not wait for this
        with contextlib.suppress(Exception):  # a frames file not kept is only a slower launch
            kept.finish(ready_frames())
        kept.close()
        _KEPT.set()
    return 0


# The rows were all sent and are being kept (editor.core.kept_launch): a window that ends now
# leaves the child to finish that (at most END_GRACE_S), not cut off (watch_parent).
_KEEPING = threading.Event()
_KEPT = threading.Event()


def _kept_launch(root: Path, rules: Any) -> Any:
    """The look of :mod:`editor.core.kept_launch` (``find`` started now), or None where none
    can be kept (``COPYDESK_KEPT_LAUNCH=0`` in the environment turns it off)."""
    if os.environ.get("COPYDESK_KEPT_LAUNCH") == "0":
        return None
    from editor.core import kept_launch
    from editor.core.state import now_utc
    from editor.core.verdicts import as_of_micros

    try:
        return kept_launch.start(root, rules, as_of_micros(now_utc()))
    except OSError:
        return None


def _closed(kept: Any) -> None:
    """Keep nothing of a scan that did not end well."""
    if kept is not None:
        with contextlib.suppress(Exception):
            kept.close()


def batch_header(size: int) -> bytes:
    """The header of a batch frame whose payload is ``size`` bytes long."""
    return _HEADER.pack(_BATCH, size)


def ready_frames() -> Callable[[bytes], bytes]:
    """A function making one kept ``B`` frame (whole: header and payload; every row in it a
    cached row whose verdict held) into the ``R`` frame a kept launch sends instead: its rows
    made into the summaries and the list's columns here (``kept_summary``, ``prepare``), not in
    the window, which only unpickles them (:func:`unpack_ready`). One function per launch kept:
    each verdict text is read once."""
    from editor.core.cached_scan import kept_summary
    from editor.core.row_columns import prepare

    values = _row_values()
    decoded: dict[str, Any] = {}

    def ready(frame: bytes) -> bytes:
        kind, size = _HEADER.unpack_from(frame)
        if kind != _BATCH or len(frame) != _HEADER.size + size:
            raise ValueError("not a batch frame")
        rows, search = pickle.loads(memoryview(frame)[_HEADER.size :])
        batch = prepare([kept_summary(row, decoded) for row in rows], search)
        columns = tuple(zip(*map(values, batch.summaries), strict=True))
        payload = pickle.dumps(
            (columns, batch.search, batch.heads, batch.keys), pickle.HIGHEST_PROTOCOL
        )
        return _HEADER.pack(_READY, len(payload)) + payload

    return ready


def unpack_ready(payload: bytes) -> Any:
    """One ``R`` frame's rows, ready for the list (``row_columns.RowBatch``): the summaries built
    slot by slot from their fields' columns."""
    from editor.core.row_columns import RowBatch

    columns, search, heads, keys = pickle.loads(payload)
    if not columns:
        return RowBatch([], [], search, heads, keys)
    return RowBatch(list(map(_summary_builder(), *columns)), list(columns[0]), search, heads, keys)


def _summary_builder() -> Any:
    global _BUILT  # made once per process, when the first ready frame comes
    if _BUILT is None:
        from editor.core.index import ArticleSummary
        from editor.core.slot_builder import builder

        _BUILT = builder(ArticleSummary)
    return _BUILT


_BUILT: Any = None


# --- the window's side --------------------------------------------------------------------------


def start_launch_scan(path: Path | str | None) -> ScanChild | None:
    """The child for the folder the window will list for ``path`` (``site.desk_for``), started
    now, before the window's toolkit loads, unless turned off (``COPYDESK_SCAN_CHILD=0`` in the
    environment), when a second core is free for it (:func:`second_core_free`; ``=1``, or a kept
    launch of the desk to send again: whatever the load) and it is a big desk listed before (its
    index cache is :data:`MIN_CACHE_BYTES` or more: a warm launch). None otherwise, or where none
    can start: the window then scans in its own process.

    On by default since session 17: on the quiet 2-core machine, 100,000 articles, the full list
    came in 1.34-1.50 s (five runs) against 2.18-2.30 s in one process, the two processes peaking
    at 272-279 MiB (under the 300 MiB line), the scan's longest stall 26-47 ms in four runs of five
    (58 once), now that the list's paints make the window's worker and warm-ups step aside
    (``editor.ui.common.gui_turns``). On a busy machine it lost: hence the free core."""
    wanted = os.environ.get("COPYDESK_SCAN_CHILD")
    if path is None or wanted == "0":
        return None
    try:
        from editor.core.cache import IndexCache
        from editor.core.cache_file import database_path
        from editor.core.kept_listing import launch_path
        from editor.core.site import desk_for

        root = desk_for(path)[0]
        if IndexCache.stored_bytes(root) < MIN_CACHE_BYTES:
            return None
        # A launch kept before (editor.core.kept_launch) is most likely sent again: a look at
        # the tree and the kernel's copy, nothing a busy machine's window would wait on.
        kept = launch_path(database_path(root, None)).exists()
    except Exception:  # the window says what is wrong with the path: no child then
        return None
    if wanted != "1" and not kept and not second_core_free():
        return None
    return ScanChild.start(root)


def _cores() -> int:
    """The cores this process may run on (a child pays only with a second one free)."""
    from editor.core.pool import usable_cores

    return usable_cores()


def second_core_free() -> bool:
    """Whether a core beside the window's is there and idle enough for the child: two or more
    cores this process may run on, and the last minute's load average at most one less than
    their count (on a busy machine the child's listing and the window's start-up only took turns,
    and the launch was slower than in one process: the README's "The launch scan's stall
    found")."""
    cores = _cores()
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average to read: the cores alone say
        return True
    return load <= cores - 1


def _command(root: Path) -> list[str] | None:
    """How to start the child here; None where there is no Python to start it with (a frozen
    app: the window then scans itself)."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return None
    # This copy of the package, wherever the window found it (a checkout, a venv, a wheel).
    folder = str(Path(__file__).resolve().parents[2])
    start = (
        f"import sys; sys.path.insert(0, {folder!r}); import editor.core.scan_child as c; c.run()"
    )
    return [sys.executable, "-c", start, str(root)]


def _widen(fd: int) -> None:
    """Give the pipe ``fd`` reads from room for a few frames (Linux: up to ``PIPE_BYTES``; the
    default is 64 KiB). The child sends ~55 MB at 100,000 rows, ~280 KB a frame: each read of a
    full pipe is one more time the window's reading thread takes the interpreter lock back,
    ~850 of them in 64 KiB pieces."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere, or over the system's limit
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class Spawned:
    """A child process started with ``os.posix_spawn`` (``subprocess`` is not imported before the
    window's first paint: git runs only after it), its standard input a pipe only this process
    holds and its standard output one this process reads; what ``subprocess.Popen`` would give
    for it (``pid``, ``returncode``, ``poll``, ``wait``, ``kill``)."""

    def __init__(self, command: Sequence[str]) -> None:
        their_in, self._stdin = os.pipe()  # non-inheritable: only the dup2'ed ends reach it
        self._stdout, their_out = os.pipe()
        _widen(self._stdout)
        try:
            self.pid = os.posix_spawn(
                command[0],
                list(command),
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, their_in, 0),
                    (os.POSIX_SPAWN_DUP2, their_out, 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
            )
        except BaseException:
            for fd in (self._stdin, self._stdout):
                os.close(fd)
            raise
        finally:
            os.close(their_in)
            os.close(their_out)
        self.stdout = os.fdopen(self._stdout, "rb")
        self.returncode: int | None = None
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        """The exit code once the child ended (a signal's as its negative number), else None."""
        with self._lock:
            if self.returncode is None:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:  # reaped already (cannot happen here: be safe)
                    self.returncode = -1
                else:
                    if pid:
                        self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit code, waiting at most ``timeout`` seconds for it (None: as long as it takes);
        None if the child still runs then."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = 0.001
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def close_input(self) -> None:
        """Let go of the child's standard input (it then sees its end) and of its output."""
        with contextlib.suppress(OSError):
            os.close(self._stdin)
        with contextlib.suppress(OSError):
            self.stdout.close()


class ScanChild:
    """A running child listing ``root`` (see the module's docstring); its frames are read as they
    come, by a thread of this process, so the child never waits for the window to take them."""

    def __init__(self, root: Path, command: Sequence[str]) -> None:
        self.root = root
        self.process = Spawned(command)
        self._frames: SimpleQueue[tuple[bytes, bytes] | None] = SimpleQueue()
        self.stopped = False  # stop() was called: the window no longer wants the rows
        # Every row came (its "done" frame): it may still be keeping them for the next launch
        # (editor.core.kept_launch), which nobody waits for and nothing stops.
        self.delivered = False
        self._taken = False
        self._pushed_back: list[tuple[bytes, bytes] | None] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="copydesk-scan-read", daemon=True)
        self._reader.start()
        atexit.register(self.stop)

    @classmethod
    def start(cls, root: Path | str, command: Sequence[str] | None = None) -> ScanChild | None:
        """A child listing the folder ``root`` (resolved), or None when one cannot be started
        (no ``posix_spawn`` here: the window scans itself)."""
        if not hasattr(os, "posix_spawn"):
            return None
        try:
            base = Path(root).resolve()
            if not base.is_dir():
                return None
            command = command if command is not None else _command(base)
            if command is None:
                return None
            return cls(base, command)
        except (OSError, ValueError):
            return None

    def _read(self) -> None:
        stream = self.process.stdout
        try:
            while True:
                header = stream.read(_HEADER.size)
                if len(header) < _HEADER.size:
                    break
                kind, size = _HEADER.unpack(header)
                payload = stream.read(size) if size else b""
                if len(payload) < size:
                    break
                self._frames.put((kind, payload))
                if kind in (_DONE, _ERROR):
                    break
        except (OSError, ValueError):
            pass
        finally:
            self._frames.put(None)
            self._end()

    def _end(self) -> None:
        """Wait for the child (no zombie) and let go of its pipes."""
        self._wait(END_GRACE_S)
        self.process.close_input()

    def _wait(self, grace_s: float) -> None:
        """Wait for the child to end by itself, for at most ``grace_s``; then end it."""
        if self.process.wait(timeout=grace_s) is None:
            self._kill()
        atexit.unregister(self.stop)

    def stop(self) -> None:
        """End the child now, if it still runs, and wait for it: the window no longer wants its
        rows (:attr:`stopped` from now on). A child that sent every row is left to end by itself
        (it keeps them for the next launch): the thread reading its output waits for it, and
        ends it after a grace time (:meth:`_end`); it ends with the window's process too
        (:func:`watch_parent`)."""
        self.stopped = True
        if not self.delivered:
            self._kill()

    def _kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        atexit.unregister(self.stop)

    def site(self) -> Any:
        """The site the child's rules were read for (waits for its first frame); None when it
        failed before it could say."""
        first = self._next()
        if first is None or first[0] != _SITE:
            self._pushed_back.append(first)  # an error (or the end): batches() says it
            return None
        return pickle.loads(first[1])

    def _next(self) -> tuple[bytes, bytes] | None:
        """The next frame; None once the child's output ended."""
        if self._pushed_back:
            return self._pushed_back.pop()
        return self._frames.get()

    def matches(self, root: Path | str, site: Any) -> bool:
        """Whether this child lists ``root`` by the rules of ``site`` (the window's own): then
        its rows are the ones the window's scan would make. Taken once."""
        with self._lock:
            if self._taken:
                return False
            self._taken = True
            if Path(root).resolve() != self.root:
                return False
        found = self.site()
        return found is not None and found == site

    def batches(self, pause: Callable[[], None] | None = None) -> Iterator[Any]:
        """The rows as they come, each batch made into summaries and their search texts
        (:func:`unpack_batch`), or, from a kept launch, a ``row_columns.RowBatch`` ready for the
        list (:func:`unpack_ready`); raises what the child raised, or :class:`ScanChildError` if
        it ended without finishing. ``pause``: called between slices of a batch."""
        decoded: dict[str, Any] = {}  # the verdicts read so far, for the whole listing
        done = False
        try:
            while True:
                frame = self._next()
                if frame is None:
                    code = self.process.wait()
                    raise ScanChildError(f"the scanning process ended unexpectedly (exit {code})")
                kind, payload = frame
                if kind == _DONE:
                    done = self.delivered = True
                    return
                if kind == _ERROR:
                    raise pickle.loads(payload)
                if kind == _BATCH:
                    yield unpack_batch(payload, decoded, pause)
                elif kind == _READY:
                    if pause is not None:
                        pause()
                    yield unpack_ready(payload)
        finally:
            if not done:
                self._kill()
            # else it is closing its cache (and keeping its frames) and ending: waited for by
            # the thread reading its output, not here (the window's list is full now)


def unpack_batch(
    payload: bytes, decoded: dict[str, Any], pause: Callable[[], None] | None = None
) -> tuple[list[Any], list[str | None]]:
    """One ``B`` frame's summaries and search texts: a cached row made into its summary here by
    the listing's own :func:`~editor.core.cached_scan.kept_summary` (``decoded``: its verdicts
    read so far), a packed one unpacked (:func:`~editor.core.packed_rows.unpack`).

    ``pause`` is called before each slice of :data:`PAUSE_EVERY` rows: the window's worker runs
    this beside the GUI thread, and steps aside there while the GUI thread paints or merges
    (``editor.ui.common.gui_turns``). A paint makes ~900 calls into Python, each taking the
    interpreter lock back from the threads that want it: beside a busy worker a paint of the
    list took 100-200 ms."""
    from editor.core.cached_scan import kept_summary
    from editor.core.packed_rows import unpack

    rows, search = pickle.loads(payload)
    made: list[Any] = []
    for start in range(0, len(rows), PAUSE_EVERY):
        if pause is not None:
            pause()
        made += [
            kept_summary(row, decoded) if row[0] is not None else unpack(row[1])
            for row in rows[start : start + PAUSE_EVERY]
        ]
    return made, search


def run() -> None:
    """The child process's whole life: :func:`main`, then the end at once (everything is sent and
    the cache closed: the interpreter's teardown of the rows made would only keep the memory,
    and a core, a little longer)."""
    code = main()
    with contextlib.suppress(OSError):
        sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
