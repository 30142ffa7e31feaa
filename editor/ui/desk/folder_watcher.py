"""Keeps the article list current when files change outside the app.

A QFileSystemWatcher watches every folder of the desk (adding, removing or renaming a file changes its
folder) and the open article's file (an in-place write changes only the file). Events are debounced, and
only the folders that changed are looked at again: each file's modification time and size are compared
with the rows the list has, and only files that differ are read (on a worker thread). A slow poll of
every folder also catches in-place writes to files that are not open, which folder watches do not see
on every platform.

A look at every folder (the first, right after the scan, and the polls) is paced
(:class:`editor.core.pacing.Pacer`): at 100,000 files it is about 0.5 s of Python that nobody waits
for, and run flat out it took the GIL from the window while the user typed in the filter. When
the watch starts (the scan is over) and after each look, the C heap's free memory goes back to the
system (:func:`editor.core.heap.give_back`): both leave megabytes freed behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from editor.core.heap import give_back
from editor.core.index import ArticleSummary
from editor.core.pacing import Pacer
from editor.core.rescan import Rescan, rescan_folders
from editor.core.site_rules import DeskRules
from editor.ui.common.quick_switching import QuickSwitching
from editor.ui.common.workers import Task, run_task


class FolderWatcher(QObject):
    """Watches a desk's folders and the open file; reports what changed."""

    changes_found = Signal(object)
    """Files were added, changed or removed: a Rescan."""

    open_file_changed = Signal()
    """The open article's file was written, replaced or removed by someone."""

    rescanned = Signal()
    """A look at changed folders is over (whether or not it found anything)."""

    def __init__(
        self,
        pool: QThreadPool,
        known: Callable[[], Mapping[str, ArticleSummary]],
        parent: QObject | None = None,
        *,
        debounce_ms: int = 300,
        poll_ms: int = 15_000,
        switching: QuickSwitching | None = None,
    ) -> None:
        super().__init__(parent)
        self._switching = switching  # held while a look runs: its worker holds the GIL meanwhile
        self._pool = pool
        self._known = known
        self._root: Path | None = None
        self._rules: DeskRules | None = None
        self._open_file: str | None = None
        self._pending: set[Path] = set()
        self._everything = False  # the pending look is at every folder (paced)
        self._pacer: Pacer | None = None  # the running look's, when it is paced
        self._task: Task | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._watcher.fileChanged.connect(self._file_changed)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._rescan)
        self._file_debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._file_debounce.timeout.connect(self._report_open_file)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.check_all)

    @property
    def root(self) -> Path | None:
        return self._root

    @property
    def busy(self) -> bool:
        return self._task is not None or self._debounce.isActive()

    def watched_folders(self) -> list[str]:
        return self._watcher.directories()

    def watch(
        self,
        root: Path,
        folders: Iterable[Path],
        *,
        rescan: bool = True,
        rules: DeskRules | None = None,
    ) -> None:
        """Watch ``folders`` below ``root`` (replacing what was watched); then look at them once, to
        catch what changed while the folder was being read. Changed files are judged by the desk's
        ``rules`` (the ones its scan used), which adopt new ones when an ``_index`` file changes."""
        self.stop()
        give_back()  # what the scan freed (about 10 MiB at 100,000 rows)
        self._root = root
        self._rules = rules
        self._add_folders(folders)
        if self._open_file:
            self._watcher.addPath(self._open_file)
        if rescan:
            self.check_all()
        if self._poll.interval() > 0:
            self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._debounce.stop()
        self._file_debounce.stop()
        self._pending.clear()
        self._everything = False
        if self._task is not None:
            self._task.cancel()  # a cancelled task delivers no _finished: its hold ends here
            self._task = None
            self._pacer = None
            if self._switching is not None:
                self._switching.release()
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)
        self._root = None

    def set_open_file(self, path: Path | None) -> None:
        """Watch this file too (the open article), so in-place writes to it are seen."""
        if self._open_file:
            self._watcher.removePath(self._open_file)
        self._open_file = str(path) if path else None
        if self._open_file and self._root is not None:
            self._watcher.addPath(self._open_file)

    def check_all(self) -> None:
        """Look at every watched folder again (and the root, in case it was empty)."""
        if self._root is None:
            return
        self._pending.update(Path(folder) for folder in self._watcher.directories())
        self._pending.add(self._root)
        self._everything = True
        self._debounce.stop()
        self._rescan()

    def _add_folders(self, folders: Iterable[Path]) -> None:
        watched = set(self._watcher.directories())
        paths = [str(folder) for folder in folders if str(folder) not in watched]
        if paths:
            self._watcher.addPaths(paths)

    def _folder_changed(self, path: str) -> None:
        self._pending.add(Path(path))
        self._hurry()
        self._debounce.start()

    def _hurry(self) -> None:
        """A change waits for the running look: it rests no more (the change's look follows it)."""
        if self._pacer is not None:
            self._pacer.hurry()

    def _file_changed(self, path: str) -> None:
        # A replaced file (an atomic save) loses its watch; watch the new file at that path.
        if path == self._open_file and os.path.exists(path) and path not in self._watcher.files():
            self._watcher.addPath(path)
        self._file_debounce.start()
        # An in-place write does not touch the folder; look at it anyway so the list row follows.
        self._pending.add(Path(path).parent)
        self._hurry()
        self._debounce.start()

    def _report_open_file(self) -> None:
        if self._open_file:
            self.open_file_changed.emit()

    def _rescan(self) -> None:
        if self._root is None or not self._pending:
            return
        if self._task is not None:
            return  # one at a time; _finished starts the next
        root, folders = self._root, list(self._pending)
        self._pending.clear()
        pace = self._pacer = Pacer() if self._everything else None
        self._everything = False
        known = self._known()
        watched = frozenset(Path(folder) for folder in self._watcher.directories())
        rules = self._rules.current() if self._rules is not None else None
        if self._switching is not None:
            self._switching.acquire()
        self._task = run_task(
            self._pool,
            lambda: rescan_folders(root, folders, known, watched, rules=rules, pace=pace),
            self._apply,
            on_finished=self._finished,
        )

    def _apply(self, result: Rescan) -> None:
        if self._root is None:
            return
        if result.rules is not None and self._rules is not None:
            self._rules.adopt(result.rules)
        gone = [folder for folder in self._watcher.directories() if not os.path.isdir(folder)]
        if gone:
            self._watcher.removePaths(gone)
        self._add_folders(result.folders)
        if result:
            self.changes_found.emit(result)

    def _finished(self) -> None:
        self._task = None
        self._pacer = None
        give_back()  # what the look (and the rows it changed) freed
        if self._switching is not None:
            self._switching.release()
        self.rescanned.emit()
        if self._pending:
            self._debounce.start()
