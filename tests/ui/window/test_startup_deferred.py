"""What waits until the window's first paint still happens once it is on screen: the git desk's
first calls (each a process on a worker, competing with the first paint for the CPU)."""

from __future__ import annotations

import gc
from pathlib import Path

from editor.app import HeldWrites, collect_after_first_paint, create_main_window
from editor.ui.common.first_paint import after_first_paint
from editor.ui.common.settings import GIT_PULL_ON_START, Settings
from editor.ui.window.actions import ActionId
from tests.ui.conftest import wait_idle


def test_git_waits_for_the_first_paint_then_reads_the_checkout(
    qtbot, settings: Settings, repo: Path
) -> None:
    settings.set(GIT_PULL_ON_START, False)
    window = create_main_window(repo, settings)
    qtbot.addWidget(window)
    desk = window.git.desk
    assert desk.idle and desk.checkout is None  # no git job before the window is painted
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: desk.idle and desk.snapshot is not None, timeout=15_000)
    assert desk.checkout is not None and desk.active
    wait_idle(qtbot, window)
    window.shutdown()
    window.pool.waitForDone(5000)


def test_a_folder_opened_after_the_first_paint_reads_git_at_once(
    qtbot, make_window, settings: Settings, repo: Path, sample_desk: Path
) -> None:
    settings.set(GIT_PULL_ON_START, False)
    window = make_window(sample_desk)
    qtbot.waitUntil(lambda: window.git.desk.idle, timeout=15_000)
    assert window.git.desk.checkout is None
    window.open_folder(repo)
    assert not window.git.desk.idle  # the find job is queued straight away
    qtbot.waitUntil(
        lambda: window.git.desk.idle and window.git.desk.snapshot is not None, timeout=15_000
    )
    wait_idle(qtbot, window)


def test_the_collector_is_back_on_once_the_window_has_painted(
    qtbot, settings: Settings, sample_desk: Path
) -> None:
    window = create_main_window(sample_desk, settings)
    qtbot.addWidget(window)
    gc.disable()  # as editor.entry starts the window
    try:
        collect_after_first_paint(window)
        assert not gc.isenabled()
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(gc.isenabled, timeout=5_000)
    finally:
        gc.enable()
    wait_idle(qtbot, window)
    window.shutdown()
    window.pool.waitForDone(5000)


def test_the_settings_file_is_written_after_the_first_paint(
    qtbot, tmp_path: Path, sample_desk: Path
) -> None:
    path = tmp_path / "settings" / "copydesk.ini"
    settings = Settings.in_file(path)
    held = HeldWrites(settings.store)  # as open_window starts the window
    window = create_main_window(sample_desk, settings)  # records its folder in the settings
    qtbot.addWidget(window)
    after_first_paint(window, held.release)
    assert settings.last_folder() is not None  # what is held is read as ever
    qtbot.wait(100)  # turns of the event loop: a store not held writes its file in the first
    assert b"lastFolder" not in (path.read_bytes() if path.exists() else b"")
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: path.exists() and b"lastFolder" in path.read_bytes(), timeout=5_000)
    wait_idle(qtbot, window)
    window.shutdown()
    window.pool.waitForDone(5000)


def test_held_settings_are_written_once_even_if_released_twice(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = Settings.in_file(path)
    held = HeldWrites(settings.store)
    settings.store.setValue("desk/lastFolder", "/somewhere")
    qtbot.wait(50)
    assert b"somewhere" not in (path.read_bytes() if path.exists() else b"")
    held.release()
    assert b"somewhere" in path.read_bytes()
    held.release()  # the first paint and the timer both release: the second does nothing
    settings.store.setValue("desk/lastFolder", "/elsewhere")
    qtbot.waitUntil(lambda: b"elsewhere" in path.read_bytes(), timeout=5_000)  # on its own again


def test_the_problems_panel_makes_its_table_when_first_shown(
    qtbot, make_window, sample_desk: Path
) -> None:
    window = make_window(sample_desk)
    panel = window.check_panel
    assert panel.widget() is None  # hidden until a check runs: nothing built at start-up
    window.action_registry[ActionId.SHOW_PROBLEMS].trigger()  # shown empty from the View menu
    assert panel.isVisible() and panel.widget() is not None
    assert panel.view.model() is panel.model and panel.model.rowCount() == 0


def test_a_check_fills_the_problems_panel_built_on_first_use(
    qtbot, make_window, sample_desk: Path
) -> None:
    window = make_window(sample_desk)
    assert window.check_panel.widget() is None
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    panel = window.check_panel
    assert panel.isVisible() and panel.model.rowCount() == len(panel.model.problems()) > 0
    assert "checked" in panel.summary.text()
    wait_idle(qtbot, window)
