"""The window's entry points: no-display message, sample desk, identity, create_main_window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon

import editor
from editor import app
from editor.app import create_main_window, has_display, main, sample_desk
from editor.bundled import bundled_samples, icons_dir

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"DISPLAY": ""}, "freebsd14", False),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_has_display(env: dict[str, str], platform: str, expected: bool) -> None:
    assert has_display(env, platform) is expected


def test_main_without_a_display_explains_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(None) == 2
    message = capsys.readouterr().err
    assert "QT_QPA_PLATFORM=offscreen" in message
    assert "copydesk list" in message and "copydesk check" in message


def test_main_with_a_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(str(tmp_path / "nowhere")) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_sample_desk_is_copied_once_and_the_bundle_never_edited(tmp_path: Path) -> None:
    bundled = bundled_samples()
    bundled_article = bundled / "content" / "world" / "brennhorn-rail-tunnel-reopens.md"
    before = bundled_article.read_bytes()
    desk = sample_desk(tmp_path / "data")
    assert desk == tmp_path / "data" / "sample-desk"
    copy = desk / "content" / "world" / "brennhorn-rail-tunnel-reopens.md"
    assert copy.read_bytes() == before
    copy.write_bytes(b"edited by the user")
    assert sample_desk(tmp_path / "data") == desk  # not copied again: the user's edit stays
    assert copy.read_bytes() == b"edited by the user"
    assert bundled_article.read_bytes() == before
    assert [p.name for p in (tmp_path / "data").iterdir()] == [
        "sample-desk"
    ]  # no staging left behind


def test_icon_has_the_sizes_a_desktop_needs(qapp) -> None:
    icon = app.app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert (icons_dir() / f"{editor.APP_ID}.svg").is_file()


def test_the_window_shows_the_app_icon_with_or_without_the_applications(qtbot, qapp) -> None:
    sizes = sorted(size.width() for size in app.app_icon().availableSizes())
    before = qapp.windowIcon()
    try:
        for application_icon in (QIcon(), app.app_icon()):  # tests' QApplication; application()'s
            qapp.setWindowIcon(application_icon)
            window = create_main_window(None)
            qtbot.addWidget(window)
            assert sorted(size.width() for size in window.windowIcon().availableSizes()) == sizes
    finally:
        qapp.setWindowIcon(before)


def test_create_main_window_uses_a_throwaway_settings_file(qtbot) -> None:
    window = create_main_window(None)
    qtbot.addWidget(window)
    store = window.settings.store.fileName()
    assert store.startswith(window.temporary_settings.name)
    assert Path(store).is_relative_to(tempfile.gettempdir())
    assert window.model.rowCount() == 0
    assert window.windowTitle() == editor.APP_NAME


def test_copydesk_opens_the_window_on_the_sample_desk(tmp_path: Path) -> None:
    """`copydesk` with no path, run as a person would (in its own process, with a private home)."""
    script = textwrap.dedent(
        """
        import json, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        report = {}

        def look():
            windows = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
            if not windows or windows[0].scanning or windows[0].model.rowCount() == 0:
                QTimer.singleShot(50, look)
                return
            window = windows[0]
            report.update(
                root=str(window.root), rows=window.model.rowCount(), title=window.windowTitle(),
                desktop=app.desktopFileName(), name=app.applicationName(), icon=not app.windowIcon().isNull(),
                focus=window.list_view.hasFocus() or app.focusWidget() is window.list_view,
            )
            window.close()

        QTimer.singleShot(0, look)
        from editor.cli import main
        code = main([])
        print(json.dumps({**report, "code": code}))
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    assert report["rows"] == 17
    assert Path(report["root"]).is_relative_to(tmp_path / "data")
    assert report["root"].endswith("sample-desk/content")
    assert (
        report["desktop"] == editor.APP_ID and report["name"] == editor.APP_NAME and report["icon"]
    )
    assert report["focus"]  # the review starts in the list
    settings = next((tmp_path / "config").rglob("*.conf"))
    assert "sample-desk" in settings.read_text()  # the last folder is remembered for next time


def test_open_with_screenshot_saves_a_picture_of_the_loaded_list_and_quits(
    sample_desk: Path, tmp_path: Path
) -> None:
    """The option a built app's smoke test and the guide's pictures use: a real process, offscreen."""
    picture = tmp_path / "window.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "editor", "open", "--screenshot", str(picture), str(sample_desk)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert picture.stat().st_size > 10_000  # a real window's picture, not an empty one
