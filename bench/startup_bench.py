"""Start-up to first paint: the window on a small desk, beside a bare Qt window with an empty table.

Both are measured in fresh processes (Qt offscreen), from the moment the process is spawned to the
first paint event of the window, interleaved and repeated; the figure is the ratio of the medians.
The bare window is what any PySide6 program pays (the interpreter, Qt's libraries, a QMainWindow
with a QTableView); everything above it is Copydesk's own start-up.

    .venv/bin/python -m bench.startup_bench [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.0  # issue 9: at most twice the bare window


def run(repeat: int = 7) -> dict[str, float]:
    """Medians (seconds) of both start-ups and their ratio."""
    with tempfile.TemporaryDirectory(prefix="copydesk-startup-") as folder:
        desk = Path(folder) / "desk"
        from editor.bundled import bundled_samples

        shutil.copytree(bundled_samples(), desk)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "COPYDESK_CACHE_DIR": str(Path(folder) / "cache"),
            "XDG_CONFIG_HOME": str(Path(folder) / "config"),
            "XDG_DATA_HOME": str(Path(folder) / "data"),
            "XDG_CACHE_HOME": str(Path(folder) / "xdg-cache"),
            # An installed Copydesk has its bytecode compiled; so does the bench's (in the temp folder).
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _spawn(["bare"], env)  # warm-ups: bytecode written, files in the page cache
        _spawn(["app", str(desk)], env)
        bare: list[float] = []
        app: list[float] = []
        for _ in range(repeat):
            bare.append(_spawn(["bare"], env))
            app.append(_spawn(["app", str(desk)], env))
    bare_s, app_s = statistics.median(bare), statistics.median(app)
    return {
        "bare_s": bare_s,
        "app_s": app_s,
        "ratio": app_s / bare_s,
        "target": TARGET_RATIO,
        "bare_min_s": min(bare),
        "app_min_s": min(app),
    }


def _spawn(args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.startup_bench", "--probe", *args, repr(started)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"start-up probe {args[0]} failed: {out.stderr.strip()[-500:]}")
    return float(json.loads(out.stdout.strip().splitlines()[-1])["first_paint_s"])


def _first_paint(window: object, started: float) -> None:
    """Print the time from ``started`` to the window's first paint, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)
    seen: list[float] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painted = event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
            if not seen and painted and watched.window() is window:
                seen.append(time.time() - started)
                QTimer.singleShot(0, QApplication.quit)
            return False

    painted = Painted()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(painted)
    window.show()
    QTimer.singleShot(20_000, QApplication.quit)
    app.exec()
    print(json.dumps({"first_paint_s": seen[0] if seen else float("nan")}))


def _probe_bare(started: float) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 5, table))
    window.setCentralWidget(table)
    window.resize(1200, 800)
    _first_paint(window, started)
    del app


def _probe_app(desk: str, started: float) -> None:
    from editor.app import application, create_main_window

    app = application()
    window = create_main_window(desk)
    window.resize(1200, 800)
    _first_paint(window, started)
    window.close()
    del app


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup_bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        if args.probe[0] == "bare":
            _probe_bare(float(args.probe[1]))
        else:
            _probe_app(args.probe[1], float(args.probe[2]))
        return 0
    figures = run(args.repeat)
    print(
        f"start-up to first paint: bare {figures['bare_s'] * 1000:.0f} ms, Copydesk "
        f"{figures['app_s'] * 1000:.0f} ms = {figures['ratio']:.2f}× (at most {TARGET_RATIO}×)"
    )
    return 0 if figures["ratio"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
