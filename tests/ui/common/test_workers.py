"""Background work: results arrive on the GUI thread; a cancelled stream stops and delivers nothing."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QThreadPool

from editor.ui.common.workers import run_stream, run_task


@pytest.fixture
def pool(qapp):
    pool = QThreadPool()
    yield pool
    pool.waitForDone(5000)


def test_result_arrives_on_the_gui_thread(qtbot, pool: QThreadPool) -> None:
    worker_threads: list[int] = []
    seen: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    task = run_task(
        pool, work, lambda value: seen.append((value, QThread.currentThread() is qtbot_thread()))
    )
    qtbot.waitUntil(lambda: task.done)
    assert seen == [(42, True)]
    assert worker_threads and worker_threads[0] != threading.get_ident()


def qtbot_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_errors_are_delivered_not_raised(qtbot, pool: QThreadPool) -> None:
    errors: list[BaseException] = []
    finished: list[bool] = []

    def work() -> None:
        raise OSError(13, "Permission denied")

    task = run_task(
        pool,
        work,
        lambda _value: pytest.fail("no result expected"),
        errors.append,
        lambda: finished.append(True),
    )
    qtbot.waitUntil(lambda: task.done)
    assert isinstance(errors[0], OSError) and finished == [True]


def test_stream_delivers_batches_in_order(qtbot, pool: QThreadPool) -> None:
    batches: list[list[int]] = []
    task = run_stream(pool, lambda: ([n, n + 1] for n in range(0, 10, 2)), batches.append)
    qtbot.waitUntil(lambda: task.done)
    assert batches == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]


def test_cancelled_stream_stops_and_delivers_nothing_more(qtbot, pool: QThreadPool) -> None:
    release = threading.Event()
    produced: list[int] = []
    delivered: list[int] = []

    def work():
        for n in range(1000):
            produced.append(n)
            yield n
            if n == 0:
                release.wait(5)

    task = run_stream(pool, work, delivered.append)
    qtbot.waitUntil(lambda: delivered == [0])
    task.cancel()
    release.set()
    assert pool.waitForDone(5000)
    qtbot.wait(20)  # let any queued delivery run; there must be none
    assert delivered == [0]
    assert len(produced) <= 2
