"""A short GIL switch interval while Python workers run flat out beside the GUI thread.

The GUI thread needs the GIL back for every call Qt makes into Python (each ``data()`` of a paint,
each keystroke's slot): with the interpreter's default 5 ms switch interval each such call could
wait 5 ms behind a worker, and a paint of one screen stalled 150-450 ms while a scan ran, 80 ms
while the folder watcher's first look went over 100,000 files. Every such worker holds one
:class:`QuickSwitching` while it runs (counted: a scan and a look may overlap); the default
interval is back once none does.
"""

from __future__ import annotations

import sys

QUICK_SWITCH_INTERVAL_S = 0.0002


class QuickSwitching:
    """The short switch interval, held by any number of running jobs at once."""

    def __init__(self, interval: float = QUICK_SWITCH_INTERVAL_S) -> None:
        self._interval = interval
        self._holders = 0
        self._saved: float | None = None  # the interpreter's interval, while held

    @property
    def held(self) -> bool:
        return self._holders > 0

    def acquire(self) -> None:
        if self._holders == 0:
            self._saved = sys.getswitchinterval()
            sys.setswitchinterval(self._interval)
        self._holders += 1

    def release(self) -> None:
        """One holder done (more releases than acquires are ignored)."""
        if self._holders == 0:
            return
        self._holders -= 1
        if self._holders == 0 and self._saved is not None:
            sys.setswitchinterval(self._saved)
            self._saved = None
