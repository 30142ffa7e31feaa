"""Fixtures for the window tests: a window on a private sample desk, and answered dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QUndoStack

from editor.app import create_main_window
from editor.ui.common import dialogs, links
from editor.ui.common.settings import Settings
from editor.ui.form.metadata_form import MetadataForm
from editor.ui.window.main_window import MainWindow

DIALOG_FUNCTIONS = (
    "ask_unsaved_changes",
    "ask_unsaved_articles",
    "confirm_bulk",
    "confirm_local_address",
    "ask_publish_with_problems",
    "report_error",
    "report_failures",
    "ask_folder",
)


class Asked:
    """Records every question the window asks; a question with no answer set fails the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.answers: dict[str, Any] = {}
        self.opened: list[str] = []
        for name in DIALOG_FUNCTIONS:
            monkeypatch.setattr(dialogs, name, self._asker(name))
        monkeypatch.setattr(links, "launch", self._launch)

    def _asker(self, name: str) -> Callable[..., Any]:
        def ask(_parent: object, *args: Any) -> Any:
            self.calls.append((name, args))
            if name not in self.answers:
                raise AssertionError(f"unexpected dialog {name}{args}")
            return self.answers[name]

        return ask

    def _launch(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return True

    def answer(self, name: str, value: Any) -> None:
        assert name in DIALOG_FUNCTIONS
        self.answers[name] = value

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args in self.calls if called == name]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    return Asked(monkeypatch)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "settings" / "copydesk.ini")


@pytest.fixture
def make_window(qtbot, settings: Settings, asked: Asked) -> Iterator[Callable[..., MainWindow]]:
    """Build windows on a path; each waits until its folder is listed and watched."""
    windows: list[MainWindow] = []

    def before_close(window: MainWindow) -> None:
        # A test may leave edits behind; closing must not ask about them.
        if window.session.dirty:
            window.session.discard()
        window.unsaved.forget_all()

    def make(
        path: Path | str | None,
        window_settings: Settings | None = None,
        journal_dir: Path | None = None,
    ) -> MainWindow:
        window = create_main_window(path, window_settings or settings, journal_dir=journal_dir)
        windows.append(window)
        qtbot.addWidget(window, before_close_func=before_close)
        window.show()
        qtbot.waitExposed(window)
        if path is not None:
            wait_idle(qtbot, window)
        return window

    yield make
    for window in windows:
        window.shutdown()
        window.pool.waitForDone(5000)


def wait_idle(qtbot, window: MainWindow) -> None:
    """Until the scan is over and the watcher's first look at the folders is done."""
    qtbot.waitUntil(lambda: not window.scanning and window.watcher.root is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not window.watcher.busy, timeout=10_000)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], sample_desk: Path) -> MainWindow:
    """A window on a private copy of the sample desk, fully listed."""
    return make_window(sample_desk)


# --- the metadata form (test_metadata_form.py, test_field_editors.py) ---


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def form(qtbot, stack: QUndoStack) -> MetadataForm:
    widget = MetadataForm(stack)
    qtbot.addWidget(widget)
    widget.resize(600, 900)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)  # focus changes (which end an undo step) need an active window
    return widget
