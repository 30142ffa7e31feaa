"""The longest stall of the event loop: a 5 ms timer that notes how late it fires (the window
benches' one meter: ``bench.ui_bench`` and ``bench.open_bench``). Qt is imported by the caller."""

from __future__ import annotations

from typing import Any

TICK_MS = 5


class StallMeter:
    """Runs while started; :meth:`take` gives the worst lateness since the last take (ms)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self._clock = QElapsedTimer()
        self._clock.start()
        self._last = self._clock.elapsed()
        self._worst = 0
        self._ticker: Any = QTimer(interval=TICK_MS, timeout=self._tick)

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self._worst = max(self._worst, now - self._last - TICK_MS)
        self._last = now

    def start(self) -> None:
        self.take()
        self._ticker.start()

    def stop(self) -> None:
        self._ticker.stop()

    def take(self) -> int:
        """The longest stall since the last take (or start), and a fresh count from now."""
        value = max(0, self._worst)
        self._worst = 0
        self._last = self._clock.elapsed()
        return value
