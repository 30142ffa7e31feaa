"""German key names: "Strg+Eingabe", not Qt's "Strg+Return", wherever a shortcut is shown (issue 9).

Qt's own German translation keeps "Return"; Copydesk's translation, installed after it, names the
key as German keyboards and manuals do, for Qt's every use of it (menus, the shortcuts list)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QKeySequence

from editor import app as entry
from editor.ui.window import help as help_windows
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tools import qm

ROOT = Path(__file__).resolve().parents[3]
NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def german(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Qt's and Copydesk's German translations installed (the .ts compiled afresh), then removed."""
    folder = tmp_path / "translations"
    folder.mkdir()
    qm.compile_ts(ROOT / "resources" / "translations" / "copydesk_de.ts", folder / "copydesk_de.qm")
    monkeypatch.setattr(entry, "translations_dir", lambda: folder)
    installed = entry.install_translations(qapp, QLocale(QLocale.Language.German))
    assert len(installed) == 2  # Qt's own, and Copydesk's
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_return_is_eingabe_for_qt_and_in_the_shortcuts_list(german, window: MainWindow) -> None:
    assert QKeySequence("Ctrl+Return").toString(NATIVE) == "Strg+Eingabe"
    assert QKeySequence("Ctrl+Shift+P").toString(NATIVE) == "Strg+Umschalt+P"  # Qt's own still
    shortcut = window.action_registry[ActionId.PUBLISH_AND_NEXT].shortcut().toString(NATIVE)
    assert shortcut == "Strg+Eingabe"
    listed = help_windows.shortcuts_html(window.action_registry)
    assert "Strg+Eingabe" in listed and "Return" not in listed


def test_english_keeps_return(window: MainWindow) -> None:
    assert QKeySequence("Ctrl+Return").toString(NATIVE) == "Ctrl+Return"


def test_the_shortcuts_list_names_only_keys_a_keyboard_has(window: MainWindow) -> None:
    """Qt's standard Undo on X11 includes F14 (a Sun keyboard's Undo key): the list showed
    "Ctrl+Z, F14". A function key past F12 is not on an editor's keyboard."""
    undo = window.action_registry[ActionId.UNDO]
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence("F14"), QKeySequence("F5")])
    listed = help_windows.shortcuts_html(window.action_registry)
    assert "F14" not in listed
    assert "Ctrl+Z, F5" in listed
