"""The short GIL switch interval is held while any Python worker runs beside the GUI thread, and
the interpreter's own is back once none does (a scan and the watcher's look may overlap)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from editor.ui.common.quick_switching import QUICK_SWITCH_INTERVAL_S, QuickSwitching
from editor.ui.desk import folder_watcher

QUICK = pytest.approx(QUICK_SWITCH_INTERVAL_S)  # the interpreter keeps it in microseconds


def test_held_by_several_jobs_and_given_back_by_the_last() -> None:
    default = sys.getswitchinterval()
    switching = QuickSwitching()
    switching.acquire()
    switching.acquire()
    assert sys.getswitchinterval() == QUICK
    switching.release()
    assert switching.held and sys.getswitchinterval() == QUICK
    switching.release()
    switching.release()  # one too many: ignored
    assert not switching.held and sys.getswitchinterval() == default


def test_the_watcher_s_look_holds_it_while_it_runs(qtbot, monkeypatch, tmp_path: Path) -> None:
    # The first look over a 100k desk held the GIL ~0.5 s at the default 5 ms interval: a filter
    # keystroke meanwhile stalled the window 80 ms.
    from PySide6.QtCore import QThreadPool

    default = sys.getswitchinterval()
    seen: list[float] = []
    real = folder_watcher.rescan_folders

    def looking(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(sys.getswitchinterval())
        return real(*args, **kwargs)

    monkeypatch.setattr(folder_watcher, "rescan_folders", looking)
    (tmp_path / "a.md").write_text("+++\ntitle = 'A'\n+++\n")
    switching = QuickSwitching()
    watcher = folder_watcher.FolderWatcher(QThreadPool(), dict, switching=switching)
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        watcher.watch(tmp_path, [tmp_path])
    assert seen == [QUICK]
    assert not switching.held and sys.getswitchinterval() == default
    watcher.watch(tmp_path, [tmp_path])  # a look under way, then stopped: its hold ends too
    watcher.stop()
    assert not switching.held and sys.getswitchinterval() == default


def test_a_look_at_every_folder_is_paced_and_a_look_at_changed_ones_is_not(
    qtbot, monkeypatch, tmp_path: Path
) -> None:
    # The first look (after the scan) and the polls go over every file, and nobody waits for
    # them: they rest between files so the window keeps the GIL (issue 9's filter stalls).
    from PySide6.QtCore import QThreadPool

    paces: list[object] = []
    real = folder_watcher.rescan_folders

    def looking(*args, **kwargs):  # type: ignore[no-untyped-def]
        paces.append(kwargs.get("pace"))
        return real(*args, **kwargs)

    monkeypatch.setattr(folder_watcher, "rescan_folders", looking)
    (tmp_path / "a.md").write_text("+++\ntitle = 'A'\n+++\n")
    watcher = folder_watcher.FolderWatcher(QThreadPool(), dict, debounce_ms=10)
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        watcher.watch(tmp_path, [tmp_path])
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        watcher._folder_changed(str(tmp_path))
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        watcher.check_all()
    watcher.stop()
    assert [type(pace).__name__ for pace in paces] == ["Pacer", "NoneType", "Pacer"]


def test_the_heap_is_given_back_when_the_watch_starts_and_after_each_look(
    qtbot, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QThreadPool

    given: list[str] = []
    monkeypatch.setattr(folder_watcher, "give_back", lambda: given.append("back") or True)
    (tmp_path / "a.md").write_text("+++\ntitle = 'A'\n+++\n")
    watcher = folder_watcher.FolderWatcher(QThreadPool(), dict)
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        watcher.watch(tmp_path, [tmp_path])
    assert given == ["back", "back"]  # the scan's leftovers, then the first look's
    watcher.stop()


def test_a_change_during_a_paced_look_hurries_it(qtbot, monkeypatch, tmp_path: Path) -> None:
    # The change's own look waits for the running one: a poll's rests would delay it seconds.
    import threading

    from PySide6.QtCore import QThreadPool

    paces: list[Any] = []
    go_on = threading.Event()
    real = folder_watcher.rescan_folders

    def looking(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("pace") is not None:
            paces.append(kwargs["pace"])
            go_on.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(folder_watcher, "rescan_folders", looking)
    (tmp_path / "a.md").write_text("+++\ntitle = 'A'\n+++\n")
    watcher = folder_watcher.FolderWatcher(QThreadPool(), dict, debounce_ms=10)
    watcher.watch(tmp_path, [tmp_path])
    qtbot.waitUntil(lambda: bool(paces), timeout=10_000)
    assert paces[0]._rest > 0
    watcher._folder_changed(str(tmp_path))  # a save comes in meanwhile
    assert paces[0]._rest == 0
    with qtbot.waitSignal(watcher.rescanned, timeout=10_000):
        go_on.set()
    watcher.stop()
