"""Run work on a QThreadPool and hand the results back on the GUI thread.

Work functions never touch widgets: they return (or yield) plain data. The callbacks, which may touch
widgets, run on the thread that started the task: the worker emits signals of a :class:`Task`, a QObject
living on that thread, whose own slots call them (a queued connection, because the receiver is a QObject
of the GUI thread, not a bare lambda). A cancelled task delivers nothing more.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot


class Task(QObject):
    """The GUI-thread side of one piece of background work."""

    result_ready = Signal(object)
    """The work returned: its result."""

    batch_ready = Signal(object)
    """A streaming task produced one item (usually a batch of rows)."""

    failed = Signal(object)
    """The work raised: the exception."""

    finished = Signal()
    """The task is over, whether it returned, raised or was cancelled."""

    # Tasks in flight, so that a task nobody else holds lives until its last queued signal arrives.
    _in_flight: ClassVar[set[Task]] = set()

    def __init__(
        self,
        on_result: Callable[[Any], None] | None = None,
        on_batch: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        budget_ms: int | None = None,
    ) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._done = False
        # With a budget, batches wait in a queue and are handed over a few at a time, so a worker
        # faster than the GUI cannot flood one event-loop turn with all of its results.
        self._budget = budget_ms
        self._queue: deque[Any] = deque()
        self._finish_pending = False
        self._drain_timer = QTimer(self, singleShot=True, interval=0)
        self._drain_timer.timeout.connect(self._drain)
        self._on_result = on_result
        self._on_batch = on_batch
        self._on_error = on_error
        self._on_finished = on_finished
        self.result_ready.connect(self._deliver_result)
        self.batch_ready.connect(self._deliver_batch)
        self.failed.connect(self._deliver_error)
        self.finished.connect(self._deliver_finished)
        Task._in_flight.add(self)

    def cancel(self) -> None:
        """Ask the work to stop; nothing more is delivered after this call (not even ``finished``)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self._done

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        if not self.cancelled and self._on_result is not None:
            self._on_result(value)

    @Slot(object)
    def _deliver_batch(self, batch: Any) -> None:
        if self.cancelled or self._on_batch is None:
            return
        if self._budget is None:
            self._on_batch(batch)
            return
        self._queue.append(batch)
        if not self._drain_timer.isActive():
            self._drain_timer.start()

    def _drain(self) -> None:
        deadline = time.monotonic() + (self._budget or 0) / 1000
        while self._queue and not self.cancelled and self._on_batch is not None:
            self._on_batch(self._queue.popleft())
            if time.monotonic() >= deadline:
                break
        if self._queue and not self.cancelled:
            self._drain_timer.start()  # the rest after the event loop has had its turn
        elif self._finish_pending:
            self._finish()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        if not self.cancelled and self._on_error is not None:
            self._on_error(error)

    @Slot()
    def _deliver_finished(self) -> None:
        if self._queue and not self.cancelled:
            self._finish_pending = True  # after the last queued batch
            return
        self._finish()

    def _finish(self) -> None:
        self._finish_pending = False
        self._queue.clear()
        self._done = True
        Task._in_flight.discard(self)
        callback, self._on_finished = self._on_finished, None
        self._on_result = self._on_batch = self._on_error = None
        if not self.cancelled and callback is not None:
            callback()


class _Runner(QRunnable):
    def __init__(self, task: Task, body: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._body = body

    def run(self) -> None:
        task = self._task
        try:
            if not task.cancelled:
                self._body()
        except Exception as error:  # a worker must never take the app down; the GUI side reports it
            traceback.print_exc()
            task.failed.emit(error)
        finally:
            task.finished.emit()


def run_task(
    pool: QThreadPool,
    work: Callable[[], Any],
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> Task:
    """Run ``work()`` on ``pool``; ``on_result(value)`` / ``on_error(exc)`` then ``on_finished()``
    run on the calling (GUI) thread."""
    task = Task(on_result=on_result, on_error=on_error, on_finished=on_finished)

    def body() -> None:
        value = work()
        if not task.cancelled:
            task.result_ready.emit(value)

    pool.start(_Runner(task, body))
    return task


def run_stream(
    pool: QThreadPool,
    work: Callable[[], Iterable[Any]],
    on_batch: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    *,
    budget_ms: int | None = None,
) -> Task:
    """Iterate ``work()`` on ``pool``, delivering each item with ``on_batch(item)`` on this thread.

    With ``budget_ms``, items are handed over for at most about that long per event-loop turn, and
    ``on_finished`` waits for the last one. Cancelling stops the iteration at the next item.
    """
    task = Task(on_batch=on_batch, on_error=on_error, on_finished=on_finished, budget_ms=budget_ms)

    def body() -> None:
        iterator = iter(work())
        try:
            for item in iterator:
                if task.cancelled:
                    break
                task.batch_ready.emit(item)
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    pool.start(_Runner(task, body))
    return task
