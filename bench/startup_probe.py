"""One side of the start-up bench, run in a fresh process: ``python bench/startup_probe.py bare|app``.

It imports nothing but ``sys``, ``time`` and ``json`` before the side it measures, so neither side
gets modules for free that the other pays for (the bench's own ``argparse``, ``subprocess``,
``tempfile``… were imported by both probes when they ran as ``-m bench.startup_bench``). It is run
as a script, not with ``-m``, so the ``bench`` package is not imported either. Prints
``{"first_paint_s": …}``: from ``started`` (when the parent spawned it) to the window's first paint.
"""

from __future__ import annotations

import json
import sys
import time


def first_paint(window: object, started: float) -> None:
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
    first_paint(window, started)
    del app


def probe_app(desk: str, started: float) -> None:
    """Copydesk as ``editor.app.main`` starts it (the application, then the window on ``desk``)."""
    from editor.app import application, create_main_window

    app = application()
    window = create_main_window(desk)
    window.resize(1200, 800)
    first_paint(window, started)
    window.close()
    del app


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        probe_bare(float(sys.argv[2]))
    else:
        probe_app(sys.argv[2], float(sys.argv[3]))
