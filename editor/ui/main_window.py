"""The main window: layout and wiring of the article list, the form, the body, actions and status.

The open article lives in :class:`ArticleSession`; bulk changes in :mod:`editor.ui.bulk`; the list's
data in :class:`ArticleModel`. This module connects them and keeps the list selection, the open article
and the enabled actions in step.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor import APP_NAME
from editor.core import validate
from editor.core.index import ArticleSummary, scan
from editor.core.service import DocumentService
from editor.core.state import PublishState
from editor.ui import dialogs, links
from editor.ui.actions import MENUS, TOOLBAR, ActionId, ActionRegistry, WindowState, menu_title
from editor.ui.article_model import (
    STATE_ORDER,
    ArticleFilterProxy,
    ArticleModel,
    Column,
    Role,
    state_label,
)
from editor.ui.article_session import ArticleSession
from editor.ui.body_view import BodyView
from editor.ui.bulk import BulkRunner
from editor.ui.check_panel import CheckPanel
from editor.ui.conflict_bar import ConflictBar
from editor.ui.cover_preview import CoverPreviewDialog, ImageLoader
from editor.ui.folder_watcher import FolderWatcher, Rescan, list_folders
from editor.ui.metadata_form import MetadataForm
from editor.ui.settings import (
    COLUMN_WIDTHS,
    EDITOR_SPLITTER_STATE,
    SORT_COLUMN,
    SORT_ORDER,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from editor.ui.wording import counted, number
from editor.ui.workers import Task, run_stream, run_task

SCAN_BATCH = 200
COLUMN_DEFAULT_WIDTHS = {Column.STATE: 104, Column.TITLE: 310, Column.DATE: 128, Column.SOURCE: 170, Column.PATH: 260}


def desk_for(path: Path | str) -> tuple[Path, str | None]:
    """The folder to list for ``path``, and the article to select when ``path`` is one file.

    A Hugo site is listed from its content/ folder (its layouts and themes hold HTML templates, not
    articles); one file opens its site's content folder (or its own folder) with the file selected.
    """
    target = Path(path).expanduser().resolve()
    if target.is_file():
        site = validate.find_site_root(target)
        content = site / "content" if site else None
        root = content if content is not None and target.is_relative_to(content) else target.parent
        return root, target.relative_to(root).as_posix()
    if (target / "content").is_dir() and any((target / name).is_file() for name in validate.SITE_MARKERS):
        return target / "content", None
    return target, None


@dataclass(frozen=True, slots=True)
class _Folders:
    """The last item of a scan stream: the folders to watch."""

    folders: list[Path]


class MainWindow(QMainWindow):
    """The review desk."""

    folder_opened = Signal(str)
    """A folder was opened (its scan has started): the folder."""

    scan_finished = Signal()
    """The folder scan ended: every row is in the list."""

    article_opened = Signal(str)
    """An article is shown in the form: its relative path ("" when none)."""

    bulk_finished = Signal(object)
    """A publish / draft operation ended: the list of FileResults."""

    check_finished = Signal(object)
    """Check folder ended: the FolderCheck."""

    def __init__(
        self,
        settings: Settings,
        pool: QThreadPool | None = None,
        loader: ImageLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.pool = pool if pool is not None else QThreadPool(self)
        self.loader = loader if loader is not None else ImageLoader(None, self)
        self.service: DocumentService | None = None
        self.root: Path | None = None
        self._scan_task: Task | None = None
        self._check_task: Task | None = None
        self._scanned = 0
        self._select_after_scan: str | None = None
        self._guarding_selection = 0
        self._cover_dialog: CoverPreviewDialog | None = None

        self.undo_stack = QUndoStack(self)
        self.model = ArticleModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.actions = ActionRegistry(self)
        self._build_widgets()
        self.session = ArticleSession(self.form, self.body, self.conflict_bar, self.undo_stack, self.loader, self)
        self.bulk = BulkRunner(self)
        self.watcher = FolderWatcher(self.pool, self._known_rows, self)
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_counts()
        self.update_actions()

    # --- building ------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, path, source or summary (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Filter articles"))
        self.filter_edit.installEventFilter(self)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setAccessibleName(self.tr("Show articles in state"))
        self.state_filter.addItem("", None)
        for state in STATE_ORDER:
            self.state_filter.addItem(self.model.state_icon(state), "", state.value)
        self.state_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.list_view = QTableView(self)
        self.list_view.setObjectName("articleList")
        self.list_view.setAccessibleName(self.tr("Articles"))
        self.list_view.setModel(self.proxy)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setTabKeyNavigation(False)
        self.list_view.setShowGrid(False)
        self.list_view.setWordWrap(False)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setSortingEnabled(True)
        self.list_view.setCornerButtonEnabled(False)
        vertical = self.list_view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.list_view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(True)
        for column, width in COLUMN_DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.state_filter)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list_view, 1)

        self.form = MetadataForm(self.undo_stack, self)
        self.body = BodyView(self)
        self.conflict_bar = ConflictBar(self)
        self.editor_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.editor_splitter.setObjectName("editorSplitter")
        self.editor_splitter.setChildrenCollapsible(False)
        self.editor_splitter.addWidget(self.form)
        self.editor_splitter.addWidget(self.body)
        self.editor_splitter.setStretchFactor(0, 1)
        self.editor_splitter.setStretchFactor(1, 1)
        self.editor_panel = QWidget(self)
        right_layout = QVBoxLayout(self.editor_panel)
        right_layout.setContentsMargins(0, 6, 6, 0)
        right_layout.addWidget(self.conflict_bar)
        right_layout.addWidget(self.editor_splitter, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.setCentralWidget(self.splitter)

        self.check_panel = CheckPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_panel)
        self.check_panel.hide()

        self.scan_label = QLabel(self)
        self.scan_label.setObjectName("scanLabel")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.statusBar().addPermanentWidget(self.scan_label)
        self.statusBar().addPermanentWidget(self.count_label)

        QWidget.setTabOrder(self.filter_edit, self.state_filter)
        QWidget.setTabOrder(self.state_filter, self.list_view)
        QWidget.setTabOrder(self.list_view, self.form)
        QWidget.setTabOrder(self.form, self.body)
        self.list_view.setFocus()

    def _build_menus(self) -> None:
        for title, ids in MENUS:
            menu = self.menuBar().addMenu(menu_title(title))
            menu.setObjectName("menu" + title.replace("&", ""))
            for action_id in ids:
                if action_id is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[action_id])
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("menuRecentFolders")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.actions[ActionId.RECENT_FOLDERS].setMenu(self.recent_menu)
        toolbar = QToolBar(self.tr("Main Toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[action_id])
        # Short labels keep the toolbar on one line; the menus carry the full names.
        for action_id in (ActionId.OPEN_FOLDER, ActionId.UNDO, ActionId.REDO, ActionId.PREVIOUS, ActionId.NEXT,
                          ActionId.OPEN_SOURCE, ActionId.OPEN_COVER, ActionId.RELOAD, ActionId.CHECK_FOLDER, ActionId.REVERT):
            button = toolbar.widgetForAction(self.actions[action_id])
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _connect(self) -> None:
        act = self.actions
        act[ActionId.OPEN_FOLDER].triggered.connect(self.ask_open_folder)
        act[ActionId.SAVE].triggered.connect(self.save)
        act[ActionId.REVERT].triggered.connect(self.session.revert)
        act[ActionId.REVIEW_CHANGES].triggered.connect(self.session.review_changes)
        act[ActionId.UNDO].triggered.connect(self.undo_stack.undo)
        act[ActionId.REDO].triggered.connect(self.undo_stack.redo)
        act[ActionId.FIND].triggered.connect(self.focus_filter)
        act[ActionId.PUBLISH].triggered.connect(lambda: self.bulk.set_draft(False))
        act[ActionId.DRAFT].triggered.connect(lambda: self.bulk.set_draft(True))
        act[ActionId.TOGGLE_DRAFT].triggered.connect(lambda: self.bulk.set_draft(None))
        act[ActionId.PUBLISH_AND_NEXT].triggered.connect(self.bulk.publish_and_next)
        act[ActionId.OPEN_SOURCE].triggered.connect(self.open_source_link)
        act[ActionId.OPEN_COVER].triggered.connect(lambda: self.open_cover("enclosure"))
        act[ActionId.NEXT].triggered.connect(lambda: self.step(1))
        act[ActionId.PREVIOUS].triggered.connect(lambda: self.step(-1))
        act[ActionId.RELOAD].triggered.connect(self.reload_folder)
        act[ActionId.CHECK_FOLDER].triggered.connect(self.check_folder)
        act[ActionId.QUIT].triggered.connect(self.close)

        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self.state_filter.currentIndexChanged.connect(self._state_filter_changed)
        selection = self.list_view.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        selection.selectionChanged.connect(self._selection_changed)
        self.model.counts_changed.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._rows_shown_changed)
        self.proxy.rowsRemoved.connect(self._rows_shown_changed)
        self.proxy.modelReset.connect(self._rows_shown_changed)
        self.proxy.layoutChanged.connect(self._rows_shown_changed)

        self.session.article_changed.connect(self._article_changed)
        self.session.dirty_changed.connect(self._dirty_changed)
        self.session.row_changed.connect(self.update_rows)
        self.session.message.connect(self.show_message)
        self.undo_stack.canUndoChanged.connect(self.update_actions)
        self.undo_stack.canRedoChanged.connect(self.update_actions)
        self.form.open_link_requested.connect(lambda _key, url: links.open_external(url, self))
        self.form.preview_cover_requested.connect(self.open_cover)
        self.body.link_activated.connect(lambda url: links.open_external(url, self))
        self.watcher.changes_found.connect(self._outside_changes)
        self.watcher.open_file_changed.connect(self.session.check_disk)
        self.check_panel.problem_activated.connect(self.select_path)

    # --- folders and scanning ------------------------------------------------------------------------

    def open_folder(self, path: Path | str, select: str | None = None) -> bool:
        """List the articles of ``path`` (a folder, a Hugo site, or one file to select)."""
        root, selected = desk_for(path)
        if not root.is_dir():
            dialogs.report_error(self, self.tr("Cannot open folder"), self.tr("{0} is not a folder.").format(root))
            return False
        self.session.set_service(None, None)
        self.service = DocumentService(root)
        self.root = self.service.root
        self.session.set_service(self.service, validate.find_site_root(self.root))
        self.settings.add_recent_folder(self.root)
        self._select_after_scan = select or selected
        self._update_title()
        self.start_scan()
        self.folder_opened.emit(str(self.root))
        return True

    def ask_open_folder(self) -> None:
        if not self.resolve_unsaved():
            return
        folder = dialogs.ask_folder(self, self.root)
        if folder is not None:
            self.open_folder(folder)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        folders = self.settings.recent_folders()
        for folder in folders:
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self._open_recent(f))
        if not folders:
            self.recent_menu.addAction(self.tr("No recent folders")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self.settings.clear_recent_folders)

    def _open_recent(self, folder: str) -> None:
        if self.resolve_unsaved():
            self.open_folder(folder)

    def reload_folder(self) -> None:
        """Read the whole folder again; the open article (and its edits) stay."""
        if self.service is not None:
            self._select_after_scan = self.session.path
            self.start_scan()

    @property
    def scanning(self) -> bool:
        return self._scan_task is not None

    def start_scan(self) -> None:
        if self.service is None:
            return
        if self._scan_task is not None:
            self._scan_task.cancel()
        self.watcher.stop()
        with self._keeping_selection():
            self.model.clear()
        self._scanned = 0
        root = self.service.root

        def work() -> Iterator[object]:
            yield from scan(root, batch_size=SCAN_BATCH)
            yield _Folders(list_folders(root))

        self._scan_task = run_stream(self.pool, work, self._scan_batch, self._scan_failed, self._scan_done)
        self.scan_label.setText(self.tr("Scanning…"))
        self.scan_label.show()
        self.update_actions()

    def _scan_batch(self, item: object) -> None:
        if isinstance(item, _Folders):
            self._scan_folders = item.folders
            return
        batch: list[ArticleSummary] = item  # type: ignore[assignment]
        with self._keeping_selection():
            self.model.append(batch)
        self._scanned += len(batch)
        self.scan_label.setText(self.tr("Scanning… {0} files").format(number(self._scanned)))
        wanted = self._select_after_scan
        if wanted and self.model.row_of(wanted) is not None:
            self._select_after_scan = None
            if wanted != self.session.path:
                self.select_path(wanted)
            else:
                self._reselect_open_article()

    def _scan_failed(self, error: BaseException) -> None:
        self.show_message(self.tr("The folder could not be read: {0}").format(error))

    def _scan_done(self) -> None:
        self._scan_task = None
        self.scan_label.hide()
        folders = getattr(self, "_scan_folders", None) or ([self.root] if self.root else [])
        if self.root is not None:
            self.watcher.watch(self.root, folders)
        if self._select_after_scan:
            self.show_message(self.tr("{0} is not in the list").format(self._select_after_scan))
            self._select_after_scan = None
        self.update_actions()
        self.scan_finished.emit()

    def _known_rows(self) -> dict[str, ArticleSummary]:
        return {summary.path: summary for summary in self.model.summaries()}

    def _outside_changes(self, rescan: Rescan) -> None:
        open_path = self.session.path
        with self._keeping_selection():
            self.model.remove(rescan.removed)
            self.model.update(rescan.changed)
        # The open article speaks for itself (reloaded, or the conflict bar); count the others.
        changed = [row for row in rescan.changed if row.path != open_path]
        removed = [path for path in rescan.removed if path != open_path]
        parts = []
        if changed:
            parts.append(counted(len(changed), self.tr("1 file added or changed"), self.tr("{0} files added or changed")))
        if removed:
            parts.append(counted(len(removed), self.tr("1 file removed"), self.tr("{0} files removed")))
        if parts:
            self.show_message(self.tr("Outside changes: {0}").format(", ".join(parts)), 5000)
        if open_path and (len(changed) != len(rescan.changed) or len(removed) != len(rescan.removed)):
            self.session.check_disk()

    def update_rows(self, summaries: ArticleSummary | list[ArticleSummary]) -> None:
        """Show new summaries of files the app itself changed (no rescan)."""
        rows = summaries if isinstance(summaries, list) else [summaries]
        with self._keeping_selection():
            self.model.update(rows)

    # --- check folder --------------------------------------------------------------------------------

    def check_folder(self) -> None:
        if self.root is None or self._check_task is not None:
            return
        root = self.root
        self.check_panel.show_running()
        self._check_task = run_task(
            self.pool,
            lambda: validate.check_folder(root),
            self._check_done,
            lambda error: self.check_panel.show_failure(self.tr("The check failed: {0}").format(error)),
            self._check_finished,
        )

    def _check_done(self, result: validate.FolderCheck) -> None:
        self.check_panel.show_results(result.problems, result.files)
        self.show_message(counted(len(result.problems), self.tr("Check: 1 problem"), self.tr("Check: {0} problems")), 5000)
        self.check_finished.emit(result)

    def _check_finished(self) -> None:
        self._check_task = None
        self.update_actions()

    # --- selection and navigation --------------------------------------------------------------------

    @contextlib.contextmanager
    def _keeping_selection(self) -> Iterator[None]:
        """Model changes must not open another article: ignore selection moves they cause, then put
        the selection back on the open article."""
        self._guarding_selection += 1
        try:
            yield
        finally:
            self._guarding_selection -= 1
        if not self._guarding_selection:
            current = self.list_view.currentIndex()
            wanted = self.session.path or self.session.failed_path
            if wanted and (not current.isValid() or current.data(Role.PATH) != wanted):
                self._reselect_open_article()

    def _reselect_open_article(self) -> None:
        wanted = self.session.path or self.session.failed_path
        selection = self.list_view.selectionModel()
        self._guarding_selection += 1
        try:
            index = self.proxy.proxy_index_of(wanted) if wanted else QModelIndex()
            if index.isValid():
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                selection.setCurrentIndex(index, flags)
                self.list_view.scrollTo(index)
            else:
                selection.clear()
        finally:
            self._guarding_selection -= 1
        self.update_actions()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._guarding_selection or not current.isValid():
            return
        path = current.data(Role.PATH)
        if path in (self.session.path, self.session.failed_path):
            return
        if not self.resolve_unsaved():
            # Put the selection back once the view has finished handling the click or key.
            QTimer.singleShot(0, self._reselect_open_article)
            return
        self._open(path)

    def _open(self, path: str) -> None:
        summary = self.model.summary(path)
        if self.session.open(path):
            return
        if summary is not None and summary.error:
            self.show_message(self.tr("{0}: {1}").format(path, summary.error))

    def select_path(self, path: str) -> bool:
        """Select (and open) the article at ``path``, clearing the filters if they hide it."""
        index = self.proxy.proxy_index_of(path)
        if not index.isValid() and self.model.row_of(path) is not None:
            self.filter_edit.clear()
            self.state_filter.setCurrentIndex(0)
            index = self.proxy.proxy_index_of(path)
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.list_view.selectionModel().setCurrentIndex(index, flags)
        self.list_view.scrollTo(index)
        return self.session.path == path or self.session.failed_path == path

    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) article in the list as shown."""
        current = self.list_view.currentIndex()
        count = self.proxy.rowCount()
        if count == 0:
            return
        row = (0 if delta > 0 else count - 1) if not current.isValid() else current.row() + delta
        if 0 <= row < count:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            index = self.proxy.index(row, 0)
            self.list_view.selectionModel().setCurrentIndex(index, flags)
            self.list_view.scrollTo(index)

    def selected_summaries(self) -> list[ArticleSummary]:
        """The selected rows, in list order; the open article when nothing is selected."""
        rows = sorted(self.list_view.selectionModel().selectedRows(), key=lambda index: index.row())
        summaries = [index.data(Role.SUMMARY) for index in rows]
        if not summaries and self.session.path:
            summary = self.model.summary(self.session.path)
            summaries = [summary] if summary is not None else []
        return summaries

    def _selection_changed(self, *_args: object) -> None:
        self.update_actions()

    def resolve_unsaved(self) -> bool:
        """Before the open article goes away: ask Save / Discard / Cancel. True when it may go."""
        if not self.session.dirty:
            return True
        answer = dialogs.ask_unsaved_changes(self, self.session.title)
        if answer is dialogs.Answer.SAVE:
            return self.session.save()
        if answer is dialogs.Answer.DISCARD:
            self.session.discard()
            return True
        return False

    # --- filters -------------------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _filter_text_changed(self, text: str) -> None:
        with self._keeping_selection():
            self.proxy.set_text(text)

    def _state_filter_changed(self, index: int) -> None:
        value = self.state_filter.itemData(index)
        with self._keeping_selection():
            self.proxy.set_state(PublishState(value) if value else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the filter box goes to the list; Escape clears the filter first.
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                if not self.list_view.currentIndex().isValid() and self.proxy.rowCount():
                    self.step(1)
                return True
            if key == Qt.Key.Key_Escape:
                if self.filter_edit.text():
                    self.filter_edit.clear()
                else:
                    self.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _update_counts(self) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        self.state_filter.setItemText(0, self.tr("All states ({0})").format(number(total)))
        for offset, state in enumerate(STATE_ORDER, start=1):
            self.state_filter.setItemText(offset, f"{state_label(state)} ({number(counts[state])})")
        self._rows_shown_changed()

    def _rows_shown_changed(self, *_args: object) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = counted(total, self.tr("1 article"), self.tr("{0} articles"))
        else:
            text = self.tr("{0} of {1} articles shown").format(number(shown), number(total))
        self.count_label.setText(text)
        self.update_actions()

    # --- the open article ----------------------------------------------------------------------------

    def save(self) -> bool:
        return self.session.save()

    def _article_changed(self) -> None:
        article = self.session.article
        self.watcher.set_open_file(article.path if article else None)
        self._update_title()
        self.update_actions()
        self.article_opened.emit(article.relpath if article else "")

    def _dirty_changed(self, path: str, dirty: bool) -> None:
        self.model.set_dirty(path, dirty)
        self._update_title()
        self.update_actions()

    def _update_title(self) -> None:
        if self.session.article is not None:
            name = self.session.title
        elif self.root is not None:
            name = self.root.name
        else:
            name = ""
        self.setWindowTitle(f"{name}[*] — {APP_NAME}" if name else APP_NAME)
        self.setWindowModified(self.session.dirty)

    def open_source_link(self) -> None:
        if self.session.article is not None:
            link = self.session.article.value("source_link")
            links.open_external(link if isinstance(link, str) else "", self)

    def open_cover(self, key: str = "enclosure") -> None:
        article = self.session.article
        if article is None:
            return
        images = {name: value.strip() for name in ("enclosure", "qrcode")
                  if isinstance(value := article.value(name), str) and value.strip()}
        if not images:
            return
        if self._cover_dialog is None:
            self._cover_dialog = CoverPreviewDialog(self.loader, self)
            self._cover_dialog.setObjectName("coverPreview")
        self._cover_dialog.show_images(images, self.session.search_dirs())
        self._cover_dialog.show()
        self._cover_dialog.raise_()

    def show_message(self, text: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(text, timeout)

    # --- actions -------------------------------------------------------------------------------------

    def window_state(self) -> WindowState:
        article = self.session.article
        selected = [summary for summary in self.selected_summaries() if summary is not None]
        valid = [summary for summary in selected if summary.state is not PublishState.INVALID]
        current = self.list_view.currentIndex()
        count = self.proxy.rowCount()

        def has(key: str) -> bool:
            value = article.value(key) if article else None
            return isinstance(value, str) and bool(value.strip())

        return WindowState(
            has_folder=self.service is not None,
            busy=self.scanning or self.bulk.running,
            has_article=article is not None,
            dirty=self.session.dirty,
            selected=len(valid),
            selected_drafts=sum(summary.draft for summary in valid),
            article_is_draft=bool(article and self.model.summary(article.relpath) and self.model.summary(article.relpath).draft),
            has_source_link=has("source_link"),
            has_cover=has("enclosure") or has("qrcode"),
            has_next=count > 0 and (not current.isValid() or current.row() < count - 1),
            has_previous=current.isValid() and current.row() > 0,
            can_undo=self.undo_stack.canUndo(),
            can_redo=self.undo_stack.canRedo(),
        )

    def update_actions(self, *_args: object) -> None:
        if hasattr(self, "bulk"):
            self.actions.update(self.window_state())
            self.actions[ActionId.CHECK_FOLDER].setEnabled(
                self.actions[ActionId.CHECK_FOLDER].isEnabled() and self._check_task is None
            )

    # --- settings and closing ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.settings
        geometry = settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = settings.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = settings.get(SPLITTER_STATE)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([560, 880])
        editor_splitter = settings.get(EDITOR_SPLITTER_STATE)
        if editor_splitter.isEmpty() or not self.editor_splitter.restoreState(editor_splitter):
            self.editor_splitter.setSizes([440, 440])
        header = self.list_view.horizontalHeader()
        for column, width in enumerate(settings.get(COLUMN_WIDTHS)[: len(Column) - 1]):
            if width > 16:
                header.resizeSection(column, width)
        column = settings.get(SORT_COLUMN)
        order = Qt.SortOrder.AscendingOrder if settings.get(SORT_ORDER) == 0 else Qt.SortOrder.DescendingOrder
        if 0 <= column < len(Column):
            self.list_view.sortByColumn(column, order)

    def save_settings(self) -> None:
        settings = self.settings
        settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        settings.set(WINDOW_STATE, self.saveState())
        settings.set(SPLITTER_STATE, self.splitter.saveState())
        settings.set(EDITOR_SPLITTER_STATE, self.editor_splitter.saveState())
        header = self.list_view.horizontalHeader()
        settings.set(COLUMN_WIDTHS, [header.sectionSize(column) for column in range(len(Column))])
        settings.set(SORT_COLUMN, header.sortIndicatorSection())
        settings.set(SORT_ORDER, 0 if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder else 1)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bulk.running:
            self.show_message(self.tr("Wait until the change to the files has finished"))
            event.ignore()
            return
        if not self.resolve_unsaved():
            event.ignore()
            return
        self.save_settings()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop background work and watching (the window is going away)."""
        self.watcher.stop()
        for task in (self._scan_task, self._check_task):
            if task is not None:
                task.cancel()
        self._scan_task = self._check_task = None
