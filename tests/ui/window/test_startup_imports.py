"""What the window does not load before its first paint (each costs start-up time and is loaded when
first used): checked in a fresh interpreter started as `copydesk DESK` is, at the window's first
paint event."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from editor.bundled import bundled_samples

NOT_BEFORE_THE_FIRST_PAINT = [
    "multiprocessing",  # the process pool: with the first big listing
    "concurrent.futures.process",
    "PySide6.QtNetwork",  # web images and the TLS warm-up
    "qtawesome",  # the icon fonts: after the first paint
    "qtpy",
    "markdown",  # the body renderer: on first use
    "editor.core.merge",  # the three-way merge and its dialog: with the first merge
    "editor.core.line_merge",
    "editor.ui.article.resolver",
    "editor.core.history_text",  # the History panel's wording: with the first history shown
    "editor.core.git_history",  # a file's history: with the first history shown
    "editor.core.git_sync",  # pull, push, fetch: with the first git job, after the first paint
    "editor.core.shortcodes",  # rendering a body (and nh3, its sanitiser): with the first body
    "nh3",
    "editor.core.render_process",  # the render process's side: with the first big body
    "subprocess",  # git runs only after the first paint
    "difflib",  # line diffs: with the first diff or history shown
    "idna",  # international host names: with the first web address checked
    "http",  # the phrase of a failed web image
    "ctypes",  # renameat2, for exchanging two files: with the first exchange
    "importlib.resources",  # the bundled files are found by their package's spec
    "zoneinfo",  # time zones: with the first site or cached date that names one
    "html",  # its 2,000 entities: with the first body rendered or help shown
    "hashlib",  # OpenSSL: with the first git desk (paths hash with CPython's own SHA-256)
    "editor.ui.window.guide_window",  # the guide: when it is first opened
    "editor.core.draft_plan",  # publish and draft: with the first of them
    "editor.core.publish_check",
    "editor.ui.images.cover_preview",  # the cover preview: when it is first asked for
    "editor.core.multi",  # the fields several articles share: when several are selected
    "editor.core.validate",  # the checks: with the first article opened or folder checked
    "editor.core.json_members",
    "editor.cli",  # the command line: `copydesk FOLDER` opens the window without it
    "editor.cli_git",
    "editor.merge_driver",
]

PROBE = textwrap.dedent(
    """
    import builtins, json, sys
    from editor import entry  # the copydesk command, on one folder
    import editor.app
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    seen = []
    kept = []
    opened = editor.app.open_window

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if not seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                seen.append({"modules": sorted(sys.modules), "hook": builtins.__import__.__name__})
                QTimer.singleShot(0, QApplication.quit)
            return False

    def open_and_watch(target, *rest):
        window, problem = opened(target, *rest)
        kept.append(Painted(QApplication.instance()))
        QApplication.instance().installEventFilter(kept[0])
        QTimer.singleShot(20_000, QApplication.quit)
        return window, problem

    editor.app.open_window = open_and_watch
    code = entry.main([sys.argv[1]])
    print(json.dumps(seen[0] if seen else None))
    sys.exit(code)
    """
)


def _probe(folder: Path, code: str, within: str = "", *args: str) -> Any:
    """What ``code`` prints last (JSON), run as a fresh `copydesk` on a copy of the sample desk in
    ``folder`` (its own settings and caches, offscreen), given the desk (or its folder ``within``)
    and ``args``."""
    desk = folder / "desk"
    shutil.copytree(bundled_samples(), desk)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COPYDESK_CACHE_DIR": str(folder / "copydesk-cache"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code, str(desk / within), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def at_first_paint(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    seen = _probe(tmp_path_factory.mktemp("startup"), PROBE)
    assert seen, "the window never painted"
    return dict(seen)


@pytest.fixture(scope="module")
def loaded_at_first_paint(at_first_paint: dict[str, object]) -> set[str]:
    modules = at_first_paint["modules"]
    assert isinstance(modules, list)
    return set(modules)


@pytest.mark.parametrize("module", NOT_BEFORE_THE_FIRST_PAINT)
def test_not_loaded_before_the_first_paint(loaded_at_first_paint: set[str], module: str) -> None:
    assert module not in loaded_at_first_paint


def test_the_window_s_own_modules_are_loaded(loaded_at_first_paint: set[str]) -> None:
    assert "editor.ui.window.main_window" in loaded_at_first_paint  # the probe did measure


def test_the_import_hook_is_back_by_the_first_paint(at_first_paint: dict[str, object]) -> None:
    """The window's modules are imported without PySide6's import hook (editor.entry); anything
    imported once the window is up has it again (``from __feature__ import`` works there).

    PySide6's hook, under either of its names: shiboken 6.11 puts its lazy-import hook in place
    when a PySide6 module is first imported while Python's own is (a warm-up thread's import of
    QtNetwork, say, on a busy machine: it failed so in 1 of 5 full runs); both are PySide6's."""
    assert at_first_paint["hook"] in {"__feature_import__", "__lazy_import__"}


FIRST_OPEN = textwrap.dedent(
    """
    import json, sys, threading, time
    from editor import entry
    import editor.app
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    result = {}
    opened = editor.app.open_window

    def open_later(target, *rest):
        window, problem = opened(target, *rest)

        def first_open():
            # The warm-ups of the first paint are done (threads named copydesk-warm-*).
            for thread in threading.enumerate():
                if thread.name.startswith("copydesk-warm"):
                    thread.join(30)
            before = set(sys.modules)
            window.select_path(sys.argv[2])
            result["new"] = sorted(set(sys.modules) - before)
            result["open"] = window.session.path
            QApplication.quit()

        QTimer.singleShot(1500, first_open)
        QTimer.singleShot(30_000, QApplication.quit)
        return window, problem

    editor.app.open_window = open_later
    code = entry.main([sys.argv[1]])
    print(json.dumps(result))
    sys.exit(code)
    """
)


def test_the_first_article_opened_imports_nothing_the_warm_ups_could_load(tmp_path: Path) -> None:
    """The checks (validate, idna) loaded with the first article opened: 32 ms where the next
    ones take 9. The warm-ups after the first paint load them, and the renderer."""
    article = "business/brightwell-foods-third-quarter.md"
    result = _probe(tmp_path, FIRST_OPEN, "content", article)
    assert result["open"] == article
    assert result["new"] == []


def test_the_tls_warm_up_loads_qt_network_on_its_own_thread() -> None:
    """Importing QtNetwork and loading Qt's TLS backend took 120 ms on the GUI thread, in the
    window's first turn after its first paint (a stall of the launch scan at 100k)."""
    code = (
        "import sys, threading\n"
        "started = []\n"
        "class Held(threading.Thread):\n"
        "    def start(self):\n"
        "        started.append(self)\n"
        "threading.Thread = Held\n"
        "import editor.app as app\n"
        "app.warm_tls_later()\n"
        "print(len(started), 'PySide6.QtNetwork' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "False"]
