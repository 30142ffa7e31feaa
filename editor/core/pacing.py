"""A background job of Python code that leaves the GIL to the window most of the time.

The window's GUI thread needs the GIL for every call Qt makes into Python. A worker that runs Python
flat out beside it (the folder watcher's look over every file after a scan, the body indexer) takes
its share of the GIL, however short the switch interval: with two such workers the GUI thread got
about a third of it, and a filter keystroke's 20 ms of work stalled the window 60-80 ms (measured at
100,000 articles, ``bench.ui_bench`` with a per-thread sampler). Jobs nobody waits for call a
:class:`Pacer` between their steps: after each slice of work it sleeps (releasing the GIL) so that
the job takes at most ``share`` of the time. Qt-free, so the core's loops take it as a plain
callable.
"""

from __future__ import annotations

import time
from collections.abc import Callable

BACKGROUND_SHARE = 0.3  # of the time, at most, for a job nobody waits for
SLICE_S = 0.002  # work this long between two rests
LONGEST_REST_S = 0.05


class Pacer:
    """Call it between the steps of a job: it rests now and then so the job takes at most
    ``share`` of the time (a share of 1 never rests)."""

    def __init__(
        self,
        share: float = BACKGROUND_SHARE,
        slice_s: float = SLICE_S,
        *,
        clock: Callable[[], float] = time.perf_counter,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 0 < share <= 1:
            raise ValueError(f"share must be in (0, 1], not {share}")
        self._slice = slice_s
        self._rest = slice_s * (1 - share) / share
        self._clock = clock
        self._sleep = sleep
        self._since = clock()
        self.rested = 0.0  # seconds slept so far (for tests and probes)

    def hurry(self) -> None:
        """Rest no more from now on: someone waits for the job after all (another thread may
        call this)."""
        self._rest = 0.0

    def __call__(self) -> None:
        if self._rest <= 0:
            return
        now = self._clock()
        # The slice's own length decides the rest, so a slice stretched by other threads holding
        # the GIL (or a slow step) is paid back in proportion, not with a fixed nap.
        worked = now - self._since
        if worked >= self._slice:
            rest = min(worked * self._rest / self._slice, LONGEST_REST_S)
            self._sleep(rest)
            self.rested += rest
            self._since = self._clock()
