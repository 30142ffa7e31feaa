"""The window on a big desk, measured in a fresh process with Qt offscreen.

Figures: launch (process start) to the first rows in the list and to the full list, the longest stall
of the event loop while the scan runs (a 5 ms timer that notes how late it fires), the time to open
an article (selection to the form and body filled), and the process's peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

TICK_MS = 5


def run(root: Path, repeat: int = 3) -> dict[str, str]:
    """Run the probe ``repeat`` times; report the median of each figure."""
    runs = []
    for _ in range(repeat):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "bench.ui_bench", str(root), repr(started)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
        )
        if out.returncode != 0:
            return {
                "error": out.stderr.strip().splitlines()[-1]
                if out.stderr.strip()
                else f"exit {out.returncode}"
            }
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))

    def median(key: str) -> float:
        values = sorted(run[key] for run in runs)
        return values[len(values) // 2]

    return {
        "launch → first rows": f"{median('first_rows_s'):.3f} s",
        "launch → full list": f"{median('full_list_s'):.3f} s ({runs[0]['rows']} rows)",
        "longest event-loop stall (scan)": f"{median('max_stall_ms'):.0f} ms",
        "open the first article": f"{median('first_open_ms'):.1f} ms",
        "open an article (next ones)": f"{median('open_ms'):.1f} ms",
        "peak memory (RSS), window process": f"{median('peak_rss_mb'):.0f} MiB",
        "peak memory (RSS), largest reader": f"{median('pool_rss_mb'):.0f} MiB",
        "runs": str(len(runs)),
    }


def probe(root: Path, started: float) -> dict[str, float]:
    import resource

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from editor.app import create_main_window

    app = QApplication([sys.argv[0]])
    figures: dict[str, float] = {}
    window = create_main_window(str(root))
    window.show()
    table = window.findChild(QTableView, "articleList")
    proxy = table.model()

    def first_rows() -> None:
        if "first_rows_s" not in figures:
            figures["first_rows_s"] = time.time() - started

    proxy.rowsInserted.connect(first_rows)
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    worst = [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0] - TICK_MS)
        last[0] = now

    ticker = QTimer(interval=TICK_MS, timeout=tick)
    ticker.start()

    def scanned() -> None:
        figures["full_list_s"] = time.time() - started
        figures["rows"] = proxy.rowCount()
        ticker.stop()
        figures["max_stall_ms"] = max(0, worst[0])
        QTimer.singleShot(50, open_one)

    # The first open also loads the renderer's modules; the next ones are what an editor feels.
    rows = iter([proxy.rowCount() // 2, proxy.rowCount() // 2 + 1, proxy.rowCount() // 3])
    opened_at = [0.0]
    times: list[float] = []

    def open_one() -> None:
        row = next(rows, None)
        if row is None:
            figures["first_open_ms"] = times[0]
            figures["open_ms"] = sum(times[1:]) / len(times[1:])
            QTimer.singleShot(0, app.quit)
            return
        opened_at[0] = time.perf_counter()
        table.setCurrentIndex(proxy.index(row, 0))

    def opened(_path: str) -> None:
        times.append((time.perf_counter() - opened_at[0]) * 1000)
        QTimer.singleShot(20, open_one)

    window.article_opened.connect(opened)

    window.scan_finished.connect(scanned)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["pool_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    window.close()
    return figures


if __name__ == "__main__":
    print(json.dumps(probe(Path(sys.argv[1]), float(sys.argv[2]))))
