"""The launch scan's worker steps aside while the GUI thread paints the list or merges rows into
it (desk_scan.GuiTurns): a paint makes ~900 calls into Python, each winning the interpreter lock
back from a worker making rows flat out, and one paint took 100-200 ms beside it. The window's
warm-up threads step aside too, before each module they import; and the launch child's rows wait
for the TLS warm-up, which holds the lock ~90 ms in one call while Qt reads the CA certificates."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from editor import app
from editor.app import create_main_window
from editor.core.index import desk_rules
from editor.core.scan_child import ScanChild
from editor.ui.common import gui_turns
from editor.ui.common.gui_turns import GuiTurns, ImportsStepAside
from editor.ui.common.settings import Settings
from editor.ui.desk import desk_feed
from editor.ui.desk.desk_scan import scan_desk
from tests.ui.conftest import wait_idle
from tests.ui.desk.test_launch_scan import build, fill, listed


def test_the_worker_makes_no_rows_while_the_gui_thread_is_busy(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk, 8)
    rules = desk_rules(desk)
    expected = [batch.paths for batch in scan_desk(desk, rules=rules)]
    turns = GuiTurns(max_pause_s=30.0)
    turns.busy()
    made: list[list[str]] = []
    worker = threading.Thread(
        target=lambda: made.extend(b.paths for b in scan_desk(desk, rules=rules, turns=turns))
    )
    worker.start()
    worker.join(0.5)
    assert worker.is_alive() and made == []  # waiting for the GUI thread's turn to end
    turns.free()
    worker.join(10)
    assert made == expected


def test_a_busy_turn_that_never_ends_holds_the_worker_back_briefly() -> None:
    assert gui_turns.MAX_PAUSE_S <= 0.1
    turns = GuiTurns(max_pause_s=0.05)
    turns.busy()
    began = time.monotonic()
    turns.wait()  # the window went away without saying its turn ended: the scan goes on
    assert 0.04 <= time.monotonic() - began < 5
    began = time.monotonic()
    for _import in range(20):  # a stale turn holds nobody (a GUI thread joining a warm-up)
        turns.wait()
    assert time.monotonic() - began < 0.04
    turns.free()
    began = time.monotonic()
    turns.wait()
    assert time.monotonic() - began < 0.04


def test_a_paint_of_the_list_or_a_merge_is_busy_until_the_next_turn(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk, 4)
    window = build(qtbot, settings, desk, None)
    wait_idle(qtbot, window)
    turns = window.feed._busy.turns
    assert not turns.is_busy
    window.list_view.viewport().repaint()
    assert turns.is_busy  # the worker waits until the event loop's next turn
    qtbot.waitUntil(lambda: not turns.is_busy, timeout=2_000)
    with qtbot.waitSignal(window.feed.scan_finished, timeout=10_000):
        window.start_scan()
        seen: list[bool] = []
        window.feed.scan_progress.connect(lambda _count: seen.append(turns.is_busy))
    assert seen and all(seen)  # each merge step is a busy turn
    qtbot.waitUntil(lambda: not turns.is_busy, timeout=2_000)


def test_the_warm_up_threads_wait_out_a_busy_turn_before_each_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("aside_one", "aside_two"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    turns = GuiTurns(max_pause_s=30.0)
    aside = ImportsStepAside(turns, ("copydesk-test-warm",))
    aside.install()
    try:
        turns.busy()
        other = threading.Thread(target=lambda: __import__("aside_two"), name="copydesk-other")
        other.start()
        other.join(10)
        assert not other.is_alive()  # only the warm-ups' threads step aside
        warm = threading.Thread(target=lambda: __import__("aside_one"), name="copydesk-test-warm-x")
        warm.start()
        warm.join(0.5)
        assert warm.is_alive() and "aside_one" not in sys.modules
        turns.free()
        warm.join(10)
        assert sys.modules["aside_one"].VALUE == 1
    finally:
        aside.remove()
        for name in ("aside_one", "aside_two"):
            sys.modules.pop(name, None)
    assert aside not in sys.meta_path


def test_a_warm_up_waiting_before_an_import_holds_no_import_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finder's find_spec runs under the interpreter's global import lock: a warm-up waiting
    there held every other thread's import, the GUI thread's too, until the busy turn ended or
    MAX_PAUSE_S (a review found a GUI-thread import taking 94 ms)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("held_one", "held_two"):
        (tmp_path / f"{name}.py").write_text("VALUE = 2\n", encoding="utf-8")
    waiting, waited = threading.Event(), threading.Event()

    class Turns(GuiTurns):
        def wait(self) -> None:
            waiting.set()
            super().wait()
            waited.set()

    turns = Turns(max_pause_s=5.0)
    aside = ImportsStepAside(turns, ("copydesk-test-warm",))
    aside.install()
    try:
        turns.busy()
        warm = threading.Thread(target=lambda: __import__("held_one"), name="copydesk-test-warm-y")
        warm.start()
        assert waiting.wait(10)
        __import__("held_two")  # this thread: the GUI's, in its busy turn
        assert not waited.is_set()  # the import did not wait for the warm-up's pause to end
        turns.free()
        warm.join(10)
        assert sys.modules["held_one"].VALUE == 2
    finally:
        turns.free()
        aside.remove()
        for name in ("held_one", "held_two"):
            sys.modules.pop(name, None)


def test_the_childs_rows_wait_for_the_tls_warm_up_after_the_first_paint(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Qt reading the CA certificates holds the interpreter lock ~90 ms in one call: the first
    rows and their paint wait for it (DeskFeed.hold_while) rather than meet it."""
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(desk_feed, "HOLD_MAX_MS", 30_000)
    fill(desk)
    own = build(qtbot, settings, desk, None)
    wait_idle(qtbot, own)
    expected = listed(own)
    child = ScanChild.start(desk)
    assert child is not None
    window = create_main_window(desk, settings, early_scan=child)
    qtbot.addWidget(window)
    assert window.feed.hold_while is app.tls_warming
    warming = [True]
    window.feed.hold_while = lambda: warming[0]
    window.show()
    qtbot.wait(400)  # painted, the child's rows come: held while the warm-up runs
    assert window.model.rowCount() == 0
    warming[0] = False
    wait_idle(qtbot, window)
    assert listed(window) == expected
