"""The GUI thread's busy turns, for other Python threads to step aside meanwhile.

The interpreter has one lock. A paint of the article list makes ~900 calls into Python (``data()``
of each cell and role), and each takes the lock back from the threads that want it, at a switch
interval (or an OS wake-up on two busy cores) each: beside a worker making rows flat out (the
launch scan's child sends them faster than the window's old scan made them) and the warm-up threads
importing modules, one paint took 100-230 ms, the launch scan's stall at 100,000 articles. A thread
that waits in :meth:`GuiTurns.wait` wants no lock during such a turn.

:class:`GuiTurns` is told when a turn begins (``desk_feed`` marks each paint of the list and each
merge of rows, freed on the event loop's next turn); the scan's worker waits between slices of its
rows, and the warm-up threads before each module they import (:class:`ImportsStepAside`). No Qt.
"""

from __future__ import annotations

import _imp
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType

# The longest a busy turn holds the others back, from its start: a turn that never says it ended
# (the event loop gone, or the GUI thread blocked joining one of them) holds nobody after this.
MAX_PAUSE_S = 0.1


class GuiTurns:
    """Whether the GUI thread is in a busy turn (:meth:`busy` .. :meth:`free`). Thread-safe."""

    def __init__(self, max_pause_s: float = MAX_PAUSE_S) -> None:
        self._free = threading.Event()
        self._free.set()
        self._since = 0.0  # when the busy turn began (time.monotonic)
        self._max_pause_s = max_pause_s

    def busy(self) -> None:
        """The GUI thread begins a busy turn (its end: :meth:`free`)."""
        self._since = time.monotonic()
        self._free.clear()

    def free(self) -> None:
        self._free.set()

    @property
    def is_busy(self) -> bool:
        return not self._free.is_set()

    def wait(self) -> None:
        """Return once the GUI thread's busy turn has ended, or MAX_PAUSE_S after it began."""
        if not self._free.is_set():
            left = self._since + self._max_pause_s - time.monotonic()
            if left > 0:
                self._free.wait(left)


class ImportsStepAside:
    """An import hook, first in ``sys.meta_path`` while installed, that makes the threads whose
    names begin with one of ``prefixes`` wait out the GUI thread's busy turn before each module
    they import (it finds nothing itself: the import goes on as before). The warm-ups after the
    first paint import qtawesome and the renderer's modules for half a second; a module is
    1-30 ms of work, so a paint waits for at most one. (A finder by its ``find_spec``:
    ``importlib.abc`` would load ``importlib.resources`` before the first paint.)"""

    def __init__(self, turns: GuiTurns, prefixes: Sequence[str]) -> None:
        self.turns = turns
        self.prefixes = tuple(prefixes)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if self.turns.is_busy and threading.current_thread().name.startswith(self.prefixes):
            # A finder runs under the interpreter's global import lock (importlib's
            # _find_spec): waiting with it held kept every other thread's import, the GUI
            # thread's too, waiting for this pause. Let it go meanwhile; the module's own lock
            # (this import's) stays held, as it must.
            released = _release_import_lock()
            try:
                self.turns.wait()
            finally:
                if released:
                    _imp.acquire_lock()
        return None

    def install(self) -> None:
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def remove(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)


def _release_import_lock() -> bool:
    """Let the global import lock go if this thread holds it (False: it did not)."""
    try:
        _imp.release_lock()
    except RuntimeError:
        return False
    return True
