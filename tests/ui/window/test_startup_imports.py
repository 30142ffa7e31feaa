"""What the window does not load before its first paint (each costs start-up time and is loaded when
first used): checked in a fresh interpreter, at the first paint event of a window on the sample
desk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

NOT_BEFORE_THE_FIRST_PAINT = [
    "multiprocessing",  # the process pool: with the first big listing
    "concurrent.futures.process",
    "PySide6.QtNetwork",  # web images and the TLS warm-up
    "qtawesome",  # the icon fonts: after the first paint
    "qtpy",
    "markdown",  # the body renderer: on first use
]

PROBE = textwrap.dedent(
    """
    import json, sys
    from editor.app import application, create_main_window
    from editor.bundled import bundled_samples
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = application()
    window = create_main_window(bundled_samples())
    seen = []

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if not seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                seen.append(sorted(sys.modules))
                QTimer.singleShot(0, QApplication.quit)
            return False

    painted = Painted()
    app.installEventFilter(painted)
    window.show()
    QTimer.singleShot(20_000, QApplication.quit)
    app.exec()
    window.shutdown()
    print(json.dumps(seen[0] if seen else None))
    """
)


@pytest.fixture(scope="module")
def loaded_at_first_paint(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    folder = tmp_path_factory.mktemp("startup")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COPYDESK_CACHE_DIR": str(folder / "copydesk-cache"),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert modules, "the window never painted"
    return set(modules)


@pytest.mark.parametrize("module", NOT_BEFORE_THE_FIRST_PAINT)
def test_not_loaded_before_the_first_paint(loaded_at_first_paint: set[str], module: str) -> None:
    assert module not in loaded_at_first_paint


def test_the_window_s_own_modules_are_loaded(loaded_at_first_paint: set[str]) -> None:
    assert "editor.ui.window.main_window" in loaded_at_first_paint  # the probe did measure
