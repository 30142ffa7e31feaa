"""The window takes its first list from the scan started in a child process before it was built
(editor.core.scan_child): the same rows in the same order, its errors shown as the scan's own,
and the child never left running once the window is gone."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from editor.app import create_main_window
from editor.core.scan_child import ScanChild
from editor.ui.common.settings import Settings
from editor.ui.desk.article_model import Role
from editor.ui.window.main_window import MainWindow
from tests.core.test_cache import age, article, put
from tests.ui.conftest import wait_idle


def fill(desk: Path, count: int = 40) -> None:
    for number in range(count):
        put(desk / f"s{number % 4}" / f"story-{number:03d}.md", article(f"Story {number}"))
    put(desk / "draft.md", article("A draft", draft="true"))
    put(desk / "bad.md", b"+++\ntitle = \n+++\n")
    age(desk)


def listed(window: MainWindow) -> list[tuple[str, object]]:
    proxy = window.proxy
    return [
        (proxy.index(n, 0).data(Role.PATH), proxy.index(n, 0).data(Role.SUMMARY))
        for n in range(proxy.rowCount())
    ]


def build(qtbot, settings: Settings, desk: Path, child: ScanChild | None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = create_main_window(desk, settings, early_scan=child)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_list_from_the_child_equals_the_windows_own_scan(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk)
    own = build(qtbot, settings, desk, None)  # fills the cache; the window's own scan
    wait_idle(qtbot, own)
    expected = listed(own)
    for _warm in range(
        3
    ):  # the first parses nothing new; then all from the cache; then kept frames
        child = ScanChild.start(desk)
        assert child is not None
        window = build(qtbot, settings, desk, child)
        wait_idle(qtbot, window)
        assert listed(window) == expected
        assert child.process.wait(timeout=10) == 0  # it ended, and was waited for
        # The window's own scans after the launch's work as before.
        with qtbot.waitSignal(window.feed.scan_finished, timeout=10_000):
            window.start_scan()
        assert listed(window) == expected


def test_the_childs_error_is_shown_as_the_scans_error(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk, 4)
    failing = (
        "import editor.core.listing as listing, editor.core.scan_child as child\n"
        "def refused(*args, **kwargs):\n"
        "    raise PermissionError(13, 'Permission denied', 'content')\n"
        "listing.scan_searched = refused\n"
        f"child.main([{str(desk)!r}])\n"
    )
    child = ScanChild.start(desk, [sys.executable, "-c", failing])
    window = build(qtbot, settings, desk, child)
    messages: list[str] = []
    window.feed.message.connect(lambda text, _ms: messages.append(text))
    qtbot.waitUntil(lambda: not window.scanning, timeout=10_000)
    assert messages and messages[0].startswith("The folder could not be read: ")
    assert "ermission" in messages[0]
    assert child is not None and child.process.returncode is not None


def test_a_child_that_dies_before_its_rows_is_replaced_by_the_windows_scan(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk, 6)
    child = ScanChild.start(desk, [sys.executable, "-c", "raise SystemExit(9)"])
    window = build(qtbot, settings, desk, child)
    wait_idle(qtbot, window)
    assert window.proxy.rowCount() == 8


def test_closing_the_window_ends_a_running_child(qtbot, settings: Settings, desk: Path) -> None:  # type: ignore[no-untyped-def]
    fill(desk, 2)
    sleeping = [
        sys.executable,
        "-c",
        "import time\nfrom editor.core.scan_child import watch_parent\nwatch_parent()\n"
        "time.sleep(120)\n",
    ]
    child = ScanChild.start(desk, sleeping)
    assert child is not None
    window = build(qtbot, settings, desk, child)
    qtbot.wait(200)
    assert child.process.poll() is None and window.scanning
    window.close()
    qtbot.waitUntil(lambda: child.process.returncode is not None, timeout=5_000)


def test_a_child_the_window_stopped_gives_no_rows_and_no_scan_in_its_place(desk: Path) -> None:
    from editor.core.index import desk_rules
    from editor.ui.desk.desk_scan import scan_desk

    fill(desk, 3)
    rules = desk_rules(desk)
    died = ScanChild.start(desk, [sys.executable, "-c", "raise SystemExit(9)"])
    assert sum(len(batch) for batch in scan_desk(desk, rules=rules, child=died)) == 5
    stopped = ScanChild.start(desk, [sys.executable, "-c", "import time; time.sleep(60)"])
    assert stopped is not None
    stopped.stop()  # the scan was cancelled
    assert list(scan_desk(desk, rules=rules, child=stopped)) == []


def test_the_childs_rows_wait_for_the_lists_first_paint(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The child has its first rows before the window is on screen; taken then, they made the
    window's first show one turn with the scan's first step (a 150 ms stall at 100k)."""
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk)
    own = build(qtbot, settings, desk, None)
    wait_idle(qtbot, own)
    expected = listed(own)
    child = ScanChild.start(desk)
    assert child is not None
    window = create_main_window(desk, settings, early_scan=child)  # not shown yet
    qtbot.addWidget(window)
    qtbot.wait(300)  # the child's rows have come by now; none is taken while nothing is painted
    assert window.model.rowCount() == 0
    window.show()
    wait_idle(qtbot, window)
    assert listed(window) == expected


def test_the_warm_ups_wait_for_the_list_the_child_fills(
    qtbot, settings: Settings, desk: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The icon fonts are warmed once the launch's list is full (their import would take the
    interpreter lock from the rows coming in); the TLS and renderer warm-ups still come first. A
    window scanning in its own process warms everything at its first paint, as before."""
    from editor import app

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    fill(desk)
    wait_idle(qtbot, build(qtbot, settings, desk, None))  # fills the cache
    seen: list[tuple[str, bool]] = []
    windows: list[MainWindow] = []

    def noted(name: str) -> Any:
        return lambda *_args: seen.append((name, windows[-1].feed.scanning))

    for name in ("warm_up", "warm_tls_later", "warm_renderer_later", "load_icon_fonts_later"):
        monkeypatch.setattr(app, name, noted(name))
    monkeypatch.setattr(app, "renderer_warm", lambda: True)
    child = ScanChild.start(desk)
    assert child is not None
    windows.append(build(qtbot, settings, desk, child))
    wait_idle(qtbot, windows[0])
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5_000)
    assert seen == [
        ("warm_tls_later", True),
        ("warm_renderer_later", True),
        ("load_icon_fonts_later", False),
    ]
    windows.append(build(qtbot, settings, desk, None))
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5_000)
    assert seen[3][0] == "warm_up"
    wait_idle(qtbot, windows[1])
