"""What fills the article list: the scan of a desk, streamed in batches, and the outside changes the
folder watcher finds afterwards.

:class:`DeskFeed` is given the list panel it feeds (its model and selection) and the open article
(through :class:`OpenArticle`); it owns the :class:`FolderWatcher` that starts when a scan ends,
and tells the window what happened with signals (progress, a row to select, status messages).
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from editor.core.body_search import (
    LATE_RETRY_S,
    body_matches,
    has_late_files,
    index_desk_bodies,
    index_late_bodies,
)
from editor.core.errors import describe_error
from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.rescan import ListedRows, Rescan, list_folders
from editor.core.row_columns import RowBatch, join
from editor.core.scan_child import ScanChild
from editor.ui.common.first_paint import after_first_paint
from editor.ui.common.gui_turns import GuiTurns
from editor.ui.common.quick_switching import QuickSwitching
from editor.ui.common.wording import counted
from editor.ui.common.workers import Task, run_stream, run_task
from editor.ui.desk.article_list import ArticleListPanel
from editor.ui.desk.desk_scan import scan_desk
from editor.ui.desk.folder_watcher import FolderWatcher

SCAN_BUDGET_MS = (
    12  # GUI time per event-loop turn for taking batches, so input and paints keep flowing
)
# Streamed batches wait this long and go into the list together: each merge into the sorted list
# costs about one pass over it, so a few big steps, not one per batch, keep the scan linear. The
# wait grows with that cost (STEP_SHARE times the last step's), so that merging takes at most
# about an eighth of the GUI thread (and of the GIL the scanning worker needs too).
SCAN_STEP_MS = 150
# The longest the launch child's first rows wait for the list's first paint (offer_early).
HOLD_MAX_MS = 1000
HOLD_POLL_MS = 10  # how often held rows look again whether ``hold_while`` still holds them
STEP_SHARE = 8
# But a step merges at most this many rows (at 100k listed, ~15 ms for the pass over the list and
# ~2.5 µs a row: ~30 ms): a fast warm scan that delivers 50,000 rows between two steps held the window
# 160-300 ms in one merge. With more waiting, the next step comes after BACKLOG_SHARE times the cost.
STEP_MAX_ROWS = 6000
BACKLOG_SHARE = 2


class OpenArticle(Protocol):
    """The open article, as the feed needs it (the article session has these parts)."""

    @property
    def path(self) -> str | None: ...

    @property
    def rules(self) -> Any: ...  # the desk's SiteRules, or None

    def fresh_rules(self) -> Any: ...

    def check_disk(self) -> None: ...


class _BusyTurns(QObject):
    """Marks the GUI thread busy (:class:`GuiTurns`) from a paint of the watched widget, or a
    merge (:meth:`mark`), until the event loop's next turn: the scanning worker steps aside
    meanwhile, so the paint's calls into Python need not win the interpreter lock back from it
    one by one (editor.ui.common.gui_turns says why)."""

    def __init__(self, turns: GuiTurns, widget: QWidget) -> None:
        super().__init__(widget)
        self.turns = turns
        self._free = QTimer(self, singleShot=True, interval=0)
        self._free.timeout.connect(turns.free)
        widget.installEventFilter(self)

    def mark(self) -> None:
        self.turns.busy()
        self._free.start()  # the next turn: after this one's paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.mark()
        return False


class DeskFeed(QObject):
    """Scans a desk into the list and keeps the list in step with the folder afterwards."""

    scan_started = Signal()
    """A scan began: the list was emptied and fills from now on."""
    scan_progress = Signal(int)
    """How many files the running scan has listed so far."""
    scan_finished = Signal()
    """The scan ended (done, failed or cancelled); the folder is watched from now on."""
    row_wanted = Signal(object)
    """The row asked for when the scan started is in the list and is not the open article."""
    message = Signal(str, int)
    """A status message and how long to show it (ms; 0 until the next one)."""

    def __init__(
        self,
        pool: QThreadPool,
        list_panel: ArticleListPanel,
        article: OpenArticle,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pool = pool
        self.list_panel = list_panel
        self.model = list_panel.model
        self.article = article
        self.root: Path | None = None
        self._scan_task: Task | None = None
        self._scanned = 0
        self._scan_rules: Any = None  # the rules the scan judged by: the retry's too
        self._scans = 0  # scans begun (or stopped): a late answer for an older one is dropped
        self._select_after_scan: str | None = None
        # The row asked for, once selected: the rows of later steps may sort above it, so the
        # list scrolls back to it after each step until the scan ends (or another row is open).
        self._follow: str | None = None
        self._arrived: list[RowBatch] = []
        self._finishing = False  # the worker is done; the last rows are still being merged
        self._step = QTimer(self, singleShot=True, interval=SCAN_STEP_MS)
        self._step.timeout.connect(self._take_arrived)
        # The GUI thread gets the GIL back sooner while the scan or the watcher's look runs.
        self._switching = QuickSwitching()
        self._scan_switching = False
        # Set once the window is going away: the jobs nobody waits for (the bodies' indexing)
        # end at their next step, rather than hold the closing process for minutes.
        self._gone = threading.Event()
        self._early: ScanChild | None = None  # the launch's scan, already running (offer_early)
        self._child: ScanChild | None = None  # the child the running scan takes its rows from
        self._held = False  # rows wait for the list's first paint (offer_early says why)
        # And, once it painted, while this says so (app.py: the TLS warm-up's 100 ms).
        self.hold_while: Callable[[], bool] | None = None
        self._busy = _BusyTurns(GuiTurns(), list_panel.view.viewport())
        self.watcher = FolderWatcher(pool, self._known_rows, self, switching=self._switching)
        self.watcher.changes_found.connect(self._outside_changes)

    @property
    def turns(self) -> GuiTurns:
        """The GUI thread's busy turns (paints of the list, merges), which the scan's worker
        steps aside for; other threads may too (app.warm_up_beside_scan)."""
        return self._busy.turns

    @property
    def scanning(self) -> bool:
        return self._scan_task is not None

    def offer_early(self, child: ScanChild | None) -> None:
        """The launch's scan, started in a process of its own before the window was built
        (:func:`editor.core.scan_child.start_launch_scan`): the first scan takes its rows if it
        lists the same folder by the same rules (``desk_scan.scan_desk``); it is stopped if not.

        Its rows wait for the list's first paint (or HOLD_MAX_MS): the child has the first ones
        before the window is on screen, and rows taken then made the window's first show, about
        150 ms of Qt's own, one turn with the scan's first step (the launch bench's scan stall).
        """
        self._stop_child(self._early)
        self._early = child
        if child is not None and not self._held:
            self._held = True
            after_first_paint(self.list_panel.view.viewport(), self._release_rows)
            QTimer.singleShot(HOLD_MAX_MS, self, lambda: self._release_rows(at_latest=True))

    def _release_rows(self, at_latest: bool = False) -> None:
        if self._held:
            if not at_latest and self.hold_while is not None and self.hold_while():
                QTimer.singleShot(HOLD_POLL_MS, self, self._release_rows)
                return
            self._held = False
            if (self._arrived or self._finishing) and not self._step.isActive():
                self._step.setInterval(0)
                self._step.start()

    @staticmethod
    def _stop_child(child: ScanChild | None) -> None:
        if child is not None:
            child.stop()

    def scan(self, root: Path, select: str | None, unsaved: Iterable[str]) -> None:
        """List ``root`` anew; select the row ``select`` once it arrives; mark ``unsaved`` rows."""
        self.root = root
        child, self._early = self._early, None  # only the first scan can take the launch's
        self._select_after_scan = select
        self._follow = None
        if self._scan_task is not None:
            self._scan_task.cancel()
        self._stop_child(self._child)
        self._child = child
        self._drop_arrived()
        self.watcher.stop()
        with self._keeping_selection():
            self.model.clear()
        for path in unsaved:  # the marks of unsaved rows outlive the reset
            self.model.set_dirty(path, True)
        self._scanned = 0
        self._scans += 1
        self._quick_switching(True)
        rules = self.article.fresh_rules()
        self._scan_rules = rules
        # The filter finds body words through the index cache's full-text index (once it is built).
        self.list_panel.set_body_search(lambda text: body_matches(root, text), self.pool)
        turns = self.turns
        self._scan_task = run_stream(
            self.pool,
            lambda: scan_desk(root, rules=rules, child=child, turns=turns),
            self._scan_batch,
            self._scan_failed,
            self._scan_done,
            budget_ms=SCAN_BUDGET_MS,
        )
        self.scan_started.emit()

    def stop(self) -> None:
        """Cancel a running scan, and stop the bodies' indexing (the window is going away)."""
        self._gone.set()
        self._scans += 1
        if self._scan_task is not None:
            self._scan_task.cancel()
            self._scan_task = None
        self._stop_child(self._early)
        self._stop_child(self._child)
        self._early = self._child = None
        self._drop_arrived()
        self._quick_switching(False)

    def _quick_switching(self, on: bool) -> None:
        """Give the GIL back to the GUI thread sooner while a scan runs (ui.common.quick_switching)."""
        if on != self._scan_switching:
            self._scan_switching = on
            (self._switching.acquire if on else self._switching.release)()

    def put_rows(self, summaries: ArticleSummary | list[ArticleSummary]) -> None:
        """Show new summaries of files the app itself changed (no rescan)."""
        rows = summaries if isinstance(summaries, list) else [summaries]
        with self._keeping_selection():
            self.model.put_rows(rows)

    def _keeping_selection(self) -> contextlib.AbstractContextManager[None]:
        return self.list_panel.keeping_selection()

    def _scan_batch(self, item: object) -> None:
        assert isinstance(item, RowBatch)
        self._arrived.append(item)
        if self._held:
            return  # taken once the list is on screen (offer_early)
        if not self.model.rowCount():
            self._take_arrived()  # the first rows show at once
        elif not self._step.isActive():
            self._step.start()

    def _drop_arrived(self) -> None:
        self._step.stop()
        self._step.setInterval(SCAN_STEP_MS)
        self._arrived = []
        self._finishing = False

    def _take_arrived(self) -> None:
        """Merge the batches that arrived since the last step into the list, in one step of at most
        STEP_MAX_ROWS rows; what is left waits for the next step (sooner: there is a backlog)."""
        self._step.stop()
        if not self._arrived:
            if self._finishing:
                self._finish_scan()
            return
        taken = 0
        count = 0
        for batch in self._arrived:
            if taken and taken + len(batch.paths) > STEP_MAX_ROWS:
                break
            taken += len(batch.paths)
            count += 1
        self._busy.mark()  # the worker waits until the merge and its paint are done
        batch = join(self._arrived[:count])
        del self._arrived[:count]
        began = time.perf_counter()
        with self._keeping_selection():
            self.model.put_rows(batch)
        # The rows stay as long as the list: tell the cyclic garbage collector to stop walking
        # them (and what the scan keeps). Otherwise its full passes over the millions of objects
        # of a 100k list hold the GIL 150-450 ms at a time, on whichever thread triggers them.
        gc.freeze()
        cost_ms = (time.perf_counter() - began) * 1000
        self._scanned += len(batch.paths)
        self.scan_progress.emit(self._scanned)
        wanted = self._select_after_scan
        if wanted and self.model.row_of(wanted) is not None:
            self._select_after_scan = None
            self._follow = wanted
            if wanted != self.article.path:
                self.row_wanted.emit(wanted)
            else:
                self.list_panel.reselect()
        elif self._follow is not None:
            if self._follow == self.article.path:
                # The view lays the new rows out later; scrolling before that would stop short.
                self.list_panel.view.doItemsLayout()
                self.list_panel.reselect()
            else:
                self._follow = None
        if self._arrived and (self._finishing or self._backlog() >= STEP_MAX_ROWS):
            self._step.setInterval(max(1, round(BACKLOG_SHARE * cost_ms)))
            self._step.start()
            return
        self._step.setInterval(max(SCAN_STEP_MS, round(STEP_SHARE * cost_ms)))
        if self._arrived:
            self._step.start()
        elif self._finishing:
            # Its own turn of the event loop: the watcher's start and the signals' slots come after
            # the paint of the last rows, not in the same held turn.
            self._step.setInterval(0)
            self._step.start()

    def _backlog(self) -> int:
        return sum(len(batch.paths) for batch in self._arrived)

    def _scan_failed(self, error: BaseException) -> None:
        self.message.emit(
            self.tr("The folder could not be read: {0}").format(describe_error(error)), 0
        )

    def _scan_done(self) -> None:
        """The worker is done; the scan is, once the rows still waiting are in the list."""
        self._finishing = True
        if not self._held:  # else once the list is on screen (_release_rows)
            self._take_arrived()

    def _finish_scan(self) -> None:
        self._finishing = False
        self._follow = None
        self._scan_task = None
        self._child = None  # ended with its rows (desk_scan stopped it)
        self._quick_switching(False)
        if self._select_after_scan:
            self.message.emit(
                self.tr("{0} is not in the list").format(shown_path(self._select_after_scan)), 0
            )
            self._select_after_scan = None
        self.scan_finished.emit()
        if self.root is not None:
            # The list is full. The folders to watch are listed on a worker, and the watch starts
            # on a turn of its own when they come (adding hundreds of folders to the watcher and
            # its first look cost 20-40 ms at 100k): listing them in the scan, and one held turn
            # for the last rows and the watch, made the launch longer and its longest stall. The
            # watch's first look catches what changed meanwhile.
            root, number = self.root, self._scans
            run_task(
                self.pool,
                lambda: list_folders(Path(root).resolve()),
                lambda folders: self._start_watching(root, number, folders),
            )

    def _start_watching(self, root: Path, number: int, folders: list[Path]) -> None:
        if number != self._scans or self.scanning or self.root != root:
            return  # another scan began meanwhile (or the window stopped): it watches then
        self.watcher.watch(root, folders or [root], rules=self.article.rules)
        # Bodies new or changed since the last time go into the full-text index, off the GUI
        # thread; the filter finds them from then on.
        listed, rules = self.model.rowCount(), self._scan_rules

        def index() -> bool:
            index_desk_bodies(root, stop=self._gone.is_set)
            return not self._gone.is_set() and has_late_files(root, listed)

        run_task(self.pool, index, lambda late: self._index_late(root, rules) if late else None)

    def _index_late(self, root: Path, rules: Any) -> None:
        """Files written just before the scan were kept out of the cache (and the search) by its
        racy-file guard: once they are older than it, list again (warm) and index them, once."""

        def retry() -> None:
            if self.root == root and not self.scanning and not self._gone.is_set():
                stop = self._gone.is_set
                run_task(self.pool, lambda: index_late_bodies(root, rules, stop=stop))

        QTimer.singleShot(round(LATE_RETRY_S * 1000), self, retry)

    def _known_rows(self) -> Mapping[str, ArticleSummary]:
        """The listed rows by path, for the watcher's look on a worker: copies of the model's two
        lists (a millisecond at 100k), grouped by folder there, not on the GUI thread (20 ms)."""
        return ListedRows(list(self.model.paths()), self.model.summaries())

    def _outside_changes(self, rescan: Rescan) -> None:
        open_path = self.article.path
        with self._keeping_selection():
            self.model.remove(rescan.removed)
            self.model.put_rows(rescan.changed)
        # The open article speaks for itself (reloaded, or the conflict bar); count the others.
        changed = [row for row in rescan.changed if row.path != open_path]
        removed = [path for path in rescan.removed if path != open_path]
        parts = []
        if changed:
            parts.append(
                counted(
                    len(changed),
                    self.tr("1 file added or changed"),
                    self.tr("{0} files added or changed"),
                )
            )
        if removed:
            parts.append(
                counted(len(removed), self.tr("1 file removed"), self.tr("{0} files removed"))
            )
        if parts:
            self.message.emit(self.tr("Outside changes: {0}").format(", ".join(parts)), 5000)
        if open_path and (
            len(changed) != len(rescan.changed) or len(removed) != len(rescan.removed)
        ):
            self.article.check_disk()
