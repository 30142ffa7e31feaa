"""One side of the start-up bench, run in a fresh process: ``python bench/startup_probe.py bare|app``.

It imports nothing but ``sys``, ``time`` and ``json`` before the side it measures, so neither side
gets modules for free that the other pays for (the bench's own ``argparse``, ``subprocess``,
``tempfile``… were imported by both probes when they ran as ``-m bench.startup_bench``). It is run
as a script, not with ``-m``, so the ``bench`` package is not imported either. The app side
starts as the ``copydesk DESK`` command does (``editor.entry.main``, then ``editor.app.main``),
with the user's settings, journal and caches in the bench's temporary XDG folders. Prints
``{"first_paint_s": …}``: from ``started`` (when the parent spawned it) to the window's first paint.
"""

from __future__ import annotations

import json
import sys
import time


def watch_first_paint(window: object, started: float, seen: list[float]) -> None:
    """Note in ``seen`` the time from ``started`` to ``window``'s first paint, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painted = event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
            if not seen and painted and watched.window() is window:
                seen.extend([time.time() - started, time.process_time()])
                QTimer.singleShot(0, QApplication.quit)
            return False

    app = QApplication.instance()
    assert app is not None
    _kept.append(Painted(app))
    app.installEventFilter(_kept[-1])
    QTimer.singleShot(20_000, QApplication.quit)


_kept: list[object] = []


def report(seen: list[float]) -> None:
    nan = float("nan")
    # process_time: the CPU of all the process's threads until the paint (steadier on a busy machine)
    print(
        json.dumps({"first_paint_s": seen[0] if seen else nan, "cpu_s": seen[1] if seen else nan})
    )


def probe_bare(started: float) -> None:
    """What any PySide6 program pays: the interpreter, Qt, a QMainWindow with an empty table."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 5, table))
    window.setCentralWidget(table)
    window.resize(1200, 800)
    seen: list[float] = []
    watch_first_paint(window, started, seen)
    window.show()
    app.exec()
    report(seen)


def probe_app(desk: str, started: float) -> None:
    """Copydesk as the ``copydesk DESK`` command starts it (``editor.entry.main``, then
    ``editor.app.main``): the user's settings (here in the bench's
    temporary XDG folders), the pool, the image loader, the journal, the window on ``desk``."""
    import importlib

    from editor import entry  # what the console script imports first

    # entry imports editor.app anyway; imported here (after it) to see the window main() shows.
    app_module = importlib.import_module("editor.app")
    opened = app_module.open_window
    seen: list[float] = []

    def open_and_watch(target: object, *rest: object) -> object:
        window, problem = opened(target, *rest)  # type: ignore[arg-type]
        window.resize(1200, 800)  # the bare window's size (a first start picks the screen's)
        watch_first_paint(window, started, seen)
        return window, problem

    app_module.open_window = open_and_watch
    code = entry.main([desk])
    if code != 0:
        raise SystemExit(f"copydesk {desk} ended with {code}")
    report(seen)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        probe_bare(float(sys.argv[2]))
    else:
        probe_app(sys.argv[2], float(sys.argv[3]))
