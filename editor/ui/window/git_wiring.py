"""The window's git wiring: the desk's git state into the list, the bar and the History panel, a
commit per review action, and Pull / Push / Sync with a progress indicator and timers.

Everything git does runs in :class:`GitDesk` on a worker; this module only connects signals and
turns results into what the window shows. Outside a git checkout it stays silent and hidden.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, SignalInstance
from PySide6.QtWidgets import (
    QDockWidget,
    QProgressBar,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from editor.core.field_changes import edited_beside
from editor.core.git import Checkout, GitError
from editor.core.git_status import last_change_folder
from editor.core.names import shown_path
from editor.core.service import DocumentService, FileResult, Outcome
from editor.core.state import hugo_key, is_draft
from editor.ui.article.article_session import ArticleSession, SavedEdit
from editor.ui.article.git_bar import GitBar
from editor.ui.article.history_panel import HistoryEntry, HistoryPanel, entries_of
from editor.ui.common import dialogs
from editor.ui.common.first_paint import after_first_paint
from editor.ui.common.settings import (
    GIT_COMMIT_PER_ACTION,
    GIT_FETCH_MINUTES,
    GIT_PULL_MINUTES,
    GIT_PULL_ON_START,
    Settings,
)
from editor.ui.common.workers import Task, run_task
from editor.ui.desk.article_list import ArticleListPanel
from editor.ui.desk.article_model import ArticleModel
from editor.ui.desk.folder_watcher import FolderWatcher
from editor.ui.desk.git_columns import relative_time
from editor.ui.desk.git_desk import GitDesk, GitSnapshot
from editor.ui.window.actions import ActionId, ActionRegistry
from editor.ui.window.write_history import WriteHistory

if TYPE_CHECKING:  # the merge, its dialog and git's sync commands load when a conflict is resolved
    from editor.core.git_sync import ConflictVersions

REMOTE_REFS_POLL_MS = 2_000  # how soon a `git fetch` made outside the app shows (a few stats)
LAST_CHANGE_CLOCK_MS = 60_000  # the Last change column's relative times are made again this often


class GitHost(Protocol):
    """What the git wiring needs of its window: the parts it shows git in, the events it follows
    (signals) and the service it writes through. The main window is one."""

    settings: Settings
    pool: QThreadPool
    service: DocumentService | None
    session: ArticleSession
    model: ArticleModel
    list_panel: ArticleListPanel
    watcher: FolderWatcher
    write_history: WriteHistory
    editor_panel: QWidget  # the git bar goes on top of it
    splitter: QSplitter  # list | editor, and form | body: History's room comes from them
    editor_splitter: QSplitter
    unreadable_bar: QWidget  # its "will not write it" is wrong for a conflicted file: hidden
    action_registry: ActionRegistry
    folder_opened: SignalInstance
    scan_finished: SignalInstance
    article_opened: SignalInstance
    bulk_finished: SignalInstance

    def show_message(self, text: str, timeout: int = 0, *, about: str | None = None) -> None: ...
    def update_actions(self, *_args: object) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def addDockWidget(self, area: Any, widget: QDockWidget) -> None: ...


class GitWiring(QObject):
    """Connects one window to its desk's git."""

    def __init__(self, window: GitHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = window.settings
        self.desk = GitDesk(
            window.pool,
            lambda: [s.path for s in window.model.summaries()],
            self,
            last_change_folder(),  # the command line's folder too: one map per checkout
        )
        self.bar = GitBar(window.editor_panel)
        layout = window.editor_panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.bar)
        self.history = HistoryPanel(parent)
        self._sizes_before: tuple[list[int], list[int]] | None = None  # with History shown
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.hide()
        self.progress = QProgressBar(parent)
        self.progress.setObjectName("gitProgress")
        self.progress.setRange(0, 0)  # busy: git does not say how far it is
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.hide()
        window.statusBar().addPermanentWidget(self.progress)
        self.fetch_timer = QTimer(self)
        self.pull_timer = QTimer(self)
        # "just now" must age while the window stays open: the texts are made again, no git runs.
        self.clock = QTimer(self)
        self.clock.setInterval(LAST_CHANGE_CLOCK_MS)
        self.refs_timer = QTimer(self)
        self.refs_timer.setInterval(REMOTE_REFS_POLL_MS)
        self._start_pull_pending = False
        self._history_task: Task | None = None
        self._history_path: str | None = None
        # The first git calls wait until the window is on screen (each is a process to spawn on
        # a worker, competing with the first paint for the CPU); the folder opened before it waits.
        self._painted = False
        self._waiting_root: Path | None = None
        after_first_paint(parent, self._first_painted)
        self._connect()

    # --- wiring --------------------------------------------------------------------------------

    def _connect(self) -> None:
        self.window.session.pull_author = self.desk.pull_author
        window, desk, act = self.window, self.desk, self.window.action_registry
        window.folder_opened.connect(self._folder_opened)
        window.scan_finished.connect(desk.refresh)
        window.watcher.changes_found.connect(lambda _rescan: desk.refresh())
        window.session.article_saved.connect(self._article_saved)
        window.bulk_finished.connect(self._bulk_finished)
        # Undoing (or redoing) a publish writes the files back: committed the same way.
        window.write_history.restored.connect(lambda _text, results: self._bulk_finished(results))
        window.article_opened.connect(lambda _path: self._article_shown())
        window.list_panel.article_requested.connect(lambda _path: self._article_shown())
        desk.checkout_found.connect(self._checkout_found)
        desk.snapshot_changed.connect(self._snapshot_changed)
        desk.busy_changed.connect(self._busy_changed)
        desk.message.connect(lambda text: window.show_message(text, 8000))
        desk.failed.connect(self._failed)
        desk.resolved.connect(self._resolved)
        self.bar.pull_requested.connect(desk.pull)
        self.bar.keep_mine_requested.connect(lambda: self._resolve(mine=True))
        self.bar.take_theirs_requested.connect(lambda: self._resolve(mine=False))
        self.bar.resolve_requested.connect(self._open_resolver)
        self.bar.continue_requested.connect(desk.continue_operation)
        self.bar.abort_requested.connect(desk.abort_operation)
        self.history.restore_requested.connect(self._restore)
        self.history.visibilityChanged.connect(self._history_shown)
        act[ActionId.GIT_PULL].triggered.connect(desk.pull)
        act[ActionId.GIT_PUSH].triggered.connect(desk.push)
        act[ActionId.GIT_SYNC].triggered.connect(desk.sync)
        act[ActionId.GIT_CONTINUE].triggered.connect(desk.continue_operation)
        act[ActionId.GIT_ABORT].triggered.connect(desk.abort_operation)
        act[ActionId.HISTORY].triggered.connect(self.toggle_history)
        commit_each = act[ActionId.GIT_COMMIT_EACH]
        commit_each.setCheckable(True)
        commit_each.setChecked(self.settings.get(GIT_COMMIT_PER_ACTION))
        commit_each.toggled.connect(lambda on: self.settings.set(GIT_COMMIT_PER_ACTION, on))
        self.fetch_timer.timeout.connect(desk.fetch)  # skipped by the desk without an upstream
        self.pull_timer.timeout.connect(self._timed_pull)
        self.clock.timeout.connect(lambda: window.model.retime_git_cells(time.time()))
        self.refs_timer.timeout.connect(desk.check_remote_refs)

    @property
    def operation(self) -> str | None:
        snapshot = self.desk.snapshot
        return snapshot.operation if snapshot is not None else None

    @property
    def commit_each(self) -> bool:
        return (
            self.desk.active and self.window.action_registry[ActionId.GIT_COMMIT_EACH].isChecked()
        )

    # --- the desk and its snapshot ----------------------------------------------------------------

    def _folder_opened(self, root: str) -> None:
        self.window.model.set_git_cells({})
        self.bar.clear()
        self._start_pull_pending = self.settings.get(GIT_PULL_ON_START)
        if self._painted:
            self.desk.open(Path(root))
        else:
            self._waiting_root = Path(root)

    def _first_painted(self) -> None:
        self._painted = True
        root, self._waiting_root = self._waiting_root, None
        if root is not None:
            self.desk.open(root)

    def _checkout_found(self, checkout: Checkout | None) -> None:
        self.window.list_panel.set_git_shown(checkout is not None)
        for timer, option in (
            (self.fetch_timer, GIT_FETCH_MINUTES),
            (self.pull_timer, GIT_PULL_MINUTES),
        ):
            minutes = self.settings.get(option)
            if checkout is not None and minutes > 0:
                timer.start(minutes * 60_000)
            else:
                timer.stop()
        for timer in (self.clock, self.refs_timer):
            if checkout is not None:
                timer.start()
            else:
                timer.stop()
        self.window.update_actions()

    def _snapshot_changed(self, snapshot: GitSnapshot) -> None:
        window = self.window
        window.list_panel.show_git(snapshot.cells, snapshot.counts)
        if self._start_pull_pending and snapshot.status.upstream:
            self._start_pull_pending = False
            self.desk.pull(automatic=True)
        self._article_shown()
        window.update_actions()

    def _busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.window.update_actions()

    def _timed_pull(self) -> None:
        # With unsaved edits open, the pull waits for the next tick rather than racing the editor.
        if not self.window.session.dirty and not self.desk.busy:
            self.desk.pull(automatic=True)

    def _failed(self, what: str, error: GitError) -> None:
        text = error.message + (f"\n\n{error.next_step}" if error.next_step else "")
        dialogs.report_error(self.window, self.tr("{0} failed").format(what), text, error.detail)

    # --- the open article: incoming and conflicted ------------------------------------------------

    def _open_path(self) -> str | None:
        session = self.window.session
        return session.path or session.failed_path

    def _article_shown(self) -> None:
        path = self._open_path()
        snapshot = self.desk.snapshot
        cell = snapshot.cells.get(path) if snapshot and path else None
        if cell is not None and "conflicted" in cell.states:
            operation = snapshot.operation or "merge"  # type: ignore[union-attr]
            self.bar.show_conflicted(operation, True)
            if path == self.window.session.failed_path:  # the markers broke the front matter
                self.window.session.form.show_conflicted(path, self.bar.operation_word(operation))
                self.window.unreadable_bar.hide()
        elif snapshot is not None and snapshot.operation is not None and path is not None:
            # Until the merge or rebase is concluded, Continue and Abort stay (a pull would fail).
            self.bar.show_in_progress(snapshot.operation, snapshot.counts.get("conflicted", 0))
        elif cell is not None and cell.incoming is not None:
            upstream = snapshot.status.upstream or "origin"  # type: ignore[union-attr]
            self.bar.show_incoming(
                upstream.split("/", 1)[0],
                cell.incoming.author,
                relative_time(cell.incoming.time, time.time()),
            )
        else:
            self.bar.clear()
        if self.history.isVisible() and path != self._history_path:
            self._load_history()

    def _resolve(self, *, mine: bool) -> None:
        path = self._open_path()
        if path is not None and self.window.service is not None:
            self.desk.resolve(self.window.service, path, mine)

    def _resolved(self, path: str) -> None:
        if path == self._open_path():
            self.window.session.open(path)

    def _open_resolver(self) -> None:
        """The merge issue's field-by-field merge over git's three stages: clean merges are written
        at once, fields both sides changed go to its resolver dialog."""
        path = self._open_path()
        if path is not None:
            self.desk.versions(path, lambda versions: self._resolve_versions(path, versions))

    def _resolve_versions(self, path: str, versions: ConflictVersions) -> None:
        from editor.core.merge import MergeError, merge
        from editor.ui.article import resolver

        window = self.window
        mine, theirs = versions.mine, versions.incoming
        if mine is None or theirs is None or window.service is None:
            window.show_message(
                self.tr("One side deleted {0}: keep your version or take theirs").format(
                    shown_path(path)
                ),
                about=path,
            )
            return
        try:
            result = merge(versions.base, mine, theirs)
        except MergeError as error:
            window.show_message(
                self.tr("{0} cannot be merged field by field: {1}").format(shown_path(path), error),
                about=path,
            )
            return
        if result.clean and result.data is not None:
            data: bytes | None = result.data
            window.show_message(
                self.tr("Merged field by field: {0}").format(result.summary("your", "their")),
                about=path,
            )
        else:
            note = self.tr(
                "Both sides changed these. Pick a version for each, or edit the result. Use These "
                "writes the result to the file and stages it for the {0}; then Continue finishes "
                "the {0} (or Abort goes back to before the pull)."
            ).format(self.bar.operation_word(versions.operation or "merge"))
            labels = (self.tr("Yours"), self.tr("Incoming"), self.tr("Common version"))
            data = resolver.resolve_conflicts(
                window, versions.base, mine, theirs, result, labels=labels, note=note
            )
        if data is not None:
            self.desk.write_resolution(window.service, path, data)

    # --- a commit per review action ----------------------------------------------------------------

    def _article_saved(self, saved: SavedEdit) -> None:
        if not self.commit_each:
            self.desk.refresh()  # the file is now modified (the watcher ignores our own saves)
            return
        keys = [*saved.keys, *(["body"] if saved.body else [])]
        self.desk.commit("Edit", [saved.relpath], [saved.title], keys)

    def _bulk_finished(self, results: list[FileResult]) -> None:
        if not self.commit_each:
            self.desk.refresh()
            return
        by_action: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for result in results:
            article = result.article
            if result.outcome is not Outcome.CHANGED or article is None:
                continue
            action = "Back to draft" if is_draft(article.metadata) else "Publish"
            key = hugo_key(article.metadata, "title")
            title = str(article.metadata.get(key, "")) if key else article.relpath
            # Only the open article can carry the form's unsaved edits into the write (one parse
            # of its old bytes, not one per file of a bulk action on the GUI thread).
            before = result.before if article.relpath == self.window.session.path else None
            flag = hugo_key(article.metadata, "draft") or "draft"
            edited = (
                edited_beside(before, article.metadata, article.body, flag.lower())
                if before
                else ()
            )
            if edited:  # the form's unsaved edits went with the flag: its own commit says so
                self.desk.commit(f"{action}, edit", [article.relpath], [title], edited)
                continue
            paths, titles = by_action[action]
            paths.append(article.relpath)
            titles.append(title)
        for action, (paths, titles) in by_action.items():
            self.desk.commit(action, paths, titles)

    # --- history -------------------------------------------------------------------------------------

    def _history_shown(self, shown: bool) -> None:
        if shown:
            self._load_history()
        # The dock's width comes out of the central widget, whose splitters gave most of it from
        # the body (to ~120 px, headings broken mid-word): while it shows, the list and then the
        # form give it (their stretch), and the widths come back when it goes.
        window = self.window
        if shown and not self.history.isFloating():
            self._keep_body()  # (shown some other way than by the action: from now on)
        elif not shown and self._sizes_before is not None:
            main, editor = self._sizes_before
            self._sizes_before = None
            window.splitter.removeEventFilter(self)
            QTimer.singleShot(0, lambda: _restore_sizes(window, main, editor))

    def _keep_body(self) -> None:
        if self._sizes_before is None:
            window = self.window
            self._sizes_before = (window.splitter.sizes(), window.editor_splitter.sizes())
            window.splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Each resize of the central widget while History is docked (its own coming, the
        # window's) is taken from the form and the list, the body kept as wide as before.
        if event.type() == QEvent.Type.Resize and self._sizes_before is not None:
            window, body = self.window, self._sizes_before[1][1]
            QTimer.singleShot(0, lambda: keep_body_width(window, body))  # after the splitters'
        return False

    def toggle_history(self) -> None:
        if not self.history.isVisible() and not self.history.isFloating():
            self._keep_body()  # before the dock takes its room
        self.history.setVisible(not self.history.isVisible())

    def _load_history(self) -> None:
        path = self.window.session.path
        checkout = self.desk.checkout
        self._history_path = path
        if self._history_task is not None:
            self._history_task.cancel()
        if path is None or checkout is None:
            self.history.show_error(self.tr("Open an article in a git checkout to see its history"))
            return
        self.history.show_loading(path)

        def work() -> list[HistoryEntry] | GitError:
            from editor.core.git_history import file_history  # with the first history shown

            try:
                return entries_of(file_history(checkout, path))
            except GitError as error:
                return error

        def done(value: list[HistoryEntry] | GitError) -> None:
            if self._history_path != path:
                return
            if isinstance(value, GitError):
                self.history.show_error(str(value))
            else:
                self.history.show_entries(path, value)

        self._history_task = run_task(self.window.pool, work, done)

    def _restore(self, data: bytes) -> None:
        session = self.window.session
        about = session.path  # these notes are about the open article: they go when it does
        try:
            missing = session.stage_version(data)
        except ValueError as error:  # FrontMatterError: that version cannot be read
            self.window.show_message(
                self.tr("That version cannot be read: {0}").format(error), about=about
            )
            return
        note = self.tr("The older version is staged: review it, then save")
        if missing:
            note += self.tr(" (kept, not in that version: {0})").format(", ".join(missing))
        self.window.show_message(note, 10_000, about=about)

    def shutdown(self) -> None:
        self.fetch_timer.stop()
        self.pull_timer.stop()
        self.clock.stop()
        self.refs_timer.stop()
        if self._history_task is not None:
            self._history_task.cancel()
        self._waiting_root = None
        self.desk.shutdown()


FORM_MIN_PX = 260  # the form and the list give room to the History panel down to these widths
LIST_MIN_PX = 300


def keep_body_width(window: GitHost, body: int) -> None:
    """Give the rendered body back up to ``body`` pixels, from the form first, then the list."""
    main, editor = window.splitter, window.editor_splitter
    (list_w, right_w), (form_w, body_w) = main.sizes(), editor.sizes()
    need = body - body_w
    if need <= 0:
        return
    from_form = min(need, max(0, form_w - _least(editor.widget(0), FORM_MIN_PX)))
    from_list = min(need - from_form, max(0, list_w - _least(main.widget(0), LIST_MIN_PX)))
    if from_list:
        main.setSizes([list_w - from_list, right_w + from_list])
    editor.setSizes([form_w - from_form, body_w + from_form + from_list])


def _least(widget: QWidget, floor: int) -> int:
    return max(floor, widget.minimumSizeHint().width(), widget.minimumWidth())


def _restore_sizes(window: GitHost, main: list[int], editor: list[int]) -> None:
    window.splitter.setSizes(main)
    window.editor_splitter.setSizes(editor)
