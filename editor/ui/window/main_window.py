"""The main window: layout and wiring of the article list, the form, the body, actions and status.

The open article lives in :class:`ArticleSession`; bulk changes (and the report of their undo) in
:mod:`editor.ui.window.bulk`; the list's data in :class:`ArticleModel`, fed by :class:`DeskFeed`
(the scan and outside changes); the forms, the body and their bars in :class:`EditorPanel`; the
status bar in :class:`StatusLine`; the cover preview in :class:`CoverOpener`; the enabled-actions
snapshot in :mod:`editor.ui.window.window_state`; the saved layout and the Tab order in
:mod:`editor.ui.window.window_layout`. This module connects them and keeps the list selection, the
open article and the enabled actions in step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from editor.core.article import Article
from editor.core.images import COVER_KEY
from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.service import DocumentService, FileResult
from editor.core.site import desk_for, find_site_root
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.unsaved import UnsavedEdits
from editor.ui.common import dialogs, links
from editor.ui.common.settings import Settings
from editor.ui.desk.article_list import ArticleListPanel
from editor.ui.desk.desk_feed import DeskFeed
from editor.ui.images.cover_opener import CoverOpener
from editor.ui.images.image_loader import ImageLoader
from editor.ui.window import help as help_windows
from editor.ui.window import status_line
from editor.ui.window.actions import ActionId, ActionRegistry
from editor.ui.window.bulk import BulkRunner
from editor.ui.window.check_panel import CheckPanel, result_text
from editor.ui.window.desk_vocabulary import DeskVocabulary
from editor.ui.window.editor_panel import EditorPanel
from editor.ui.window.git_wiring import GitWiring
from editor.ui.window.help import AppPlaces
from editor.ui.window.multi_selection import MultiSelection, written_articles
from editor.ui.window.recent_folders import RecentFoldersMenu
from editor.ui.window.unsaved_flow import UnsavedFlow
from editor.ui.window.window_layout import (
    LayoutParts,
    chain_tab_order,
    restore_layout,
    save_layout,
    side_by_side,
)
from editor.ui.window.window_state import window_state
from editor.ui.window.write_history import UndoRouter, WriteHistory

if TYPE_CHECKING:  # the checks load with the first check (or article opened)
    from editor.core import validate


class MainWindow(QMainWindow):
    """The review desk."""

    folder_opened = Signal(object)
    """A folder was opened (its scan has started): the folder."""

    scan_finished = Signal()
    """The folder scan ended: every row is in the list."""

    article_opened = Signal(object)
    """An article is shown in the form: its relative path ("" when none)."""

    bulk_finished = Signal(object)
    """A publish / draft operation ended: the list of FileResults."""

    check_finished = Signal(object)
    """Check folder ended: the FolderCheck (None when it failed)."""

    def __init__(
        self,
        settings: Settings,
        pool: QThreadPool | None = None,
        loader: ImageLoader | None = None,
        parent: QWidget | None = None,
        *,
        places: AppPlaces | None = None,
        journal_dir: Path | None = None,
    ) -> None:
        """``journal_dir``: where unsaved edits are journaled (the app's data folder); None keeps
        them in memory only."""
        super().__init__(parent)
        self.places = places or AppPlaces()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.pool = pool if pool is not None else QThreadPool(self)
        self.loader = loader if loader is not None else ImageLoader(None, self)
        self.service: DocumentService | None = None
        self.root: Path | None = None

        self.undo_stack = QUndoStack(self)
        self.write_history = WriteHistory(lambda: self.service, self)
        self.action_registry = ActionRegistry(self)
        self.undo_router = UndoRouter(
            self.undo_stack,
            self.write_history,
            self.action_registry[ActionId.UNDO],
            self.action_registry[ActionId.REDO],
            lambda: self.bulk.running,
            lambda: self.multi.active,
        )
        self._build_widgets()
        self.unsaved = UnsavedEdits(journal_dir, self)
        self.session = ArticleSession(
            self.form,
            self.body,
            self.conflict_bar,
            self.undo_stack,
            self.loader,
            self,
            self.unsaved,
        )
        self.bulk = BulkRunner(self, self)
        self.bulk.message.connect(self.show_message)
        self.bulk.busy_changed.connect(self.update_actions)
        self.bulk.finished.connect(self.bulk_finished)
        self.unsaved_flow = UnsavedFlow(self.session, self.unsaved, self)
        self.multi = MultiSelection(
            self.form_pages,
            self.form,
            self.multi_form,
            self.session,
            self.unsaved,
            self.list_panel.selected_summaries,
            self,
        )
        self.feed = DeskFeed(self.pool, self.list_panel, self.session, self)
        self.watcher = self.feed.watcher
        self.cover = CoverOpener(self.loader, self.session, self)
        self._build_menus()
        self._connect()
        self.git = GitWiring(self, self)  # before the layout: its History dock is restored with it
        self._layout = LayoutParts(
            self,
            self.list_view,
            self.splitter,
            self.editor_splitter,
            self.list_panel.preferred_width,
            self.list_panel.columns.widths,
        )
        restore_layout(self._layout, self.settings)
        self.check_panel.hide()  # empty until a check runs (a restored layout would show it empty)
        self._update_title()
        self._rows_shown_changed()

    # --- building ------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.list_panel = ArticleListPanel(
            lambda: self.session.path or self.session.failed_path, self
        )
        self.model = self.list_panel.model
        self.proxy = self.list_panel.proxy
        self.list_view = self.list_panel.view
        self.filter_edit = self.list_panel.filter_edit
        self.state_filter = self.list_panel.state_filter
        self.vocabulary = DeskVocabulary(self.model, self)  # what the forms offer and complete

        self.editor_panel = EditorPanel(self.undo_stack, self.vocabulary, self)
        self.form, self.multi_form = self.editor_panel.form, self.editor_panel.multi_form
        self.form_pages, self.body = self.editor_panel.form_pages, self.editor_panel.body
        self.conflict_bar = self.editor_panel.conflict_bar
        self.unreadable_bar = self.editor_panel.unreadable_bar
        self.editor_splitter = self.editor_panel.editor_splitter

        self.splitter = side_by_side(
            "mainSplitter", self.list_panel, self.editor_panel, (4, 6), self
        )
        self.setCentralWidget(self.splitter)

        self.check_panel = CheckPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_panel)
        self.check_panel.hide()

        self.status = status_line.StatusLine(self.statusBar(), self.pool, lambda: self.root)
        self.folder_label, self.scan_label = self.status.folder_label, self.status.scan_label
        self.count_label = self.status.count_label

        self.list_view.setFocus()

    def _build_menus(self) -> None:
        self.recent_menu = RecentFoldersMenu(self.settings, self)
        self.recent_menu.folder_chosen.connect(self._open_recent)
        self.action_registry[ActionId.RECENT_FOLDERS].setMenu(self.recent_menu)
        self.help = help_windows.HelpMenus(
            self, self.action_registry, self.places, self.list_panel.column_menu
        )
        self.columns_menu = self.help.columns_menu
        self.action_registry[ActionId.COLUMNS].setMenu(self.columns_menu)
        self.toolbar = self.action_registry.populate(self.menuBar(), self)
        self.addToolBar(self.toolbar)

    def _connect(self) -> None:
        act = self.action_registry
        act[ActionId.OPEN_FOLDER].triggered.connect(self.ask_open_folder)
        act[ActionId.SAVE].triggered.connect(self.save)
        act[ActionId.SAVE_ALL].triggered.connect(self.save_all)
        act[ActionId.REVERT].triggered.connect(self.revert)
        act[ActionId.REVIEW_CHANGES].triggered.connect(self.review_changes)
        act[ActionId.UNDO].triggered.connect(self.undo_router.undo)
        act[ActionId.REDO].triggered.connect(self.undo_router.redo)
        act[ActionId.FIND].triggered.connect(self.focus_filter)
        act[ActionId.PUBLISH].triggered.connect(lambda: self.bulk.set_draft(False))
        act[ActionId.DRAFT].triggered.connect(lambda: self.bulk.set_draft(True))
        act[ActionId.TOGGLE_DRAFT].triggered.connect(lambda: self.bulk.set_draft(None))
        act[ActionId.PUBLISH_AND_NEXT].triggered.connect(self.bulk.publish_and_next)
        act[ActionId.OPEN_SOURCE].triggered.connect(self.open_source_link)
        act[ActionId.OPEN_COVER].triggered.connect(lambda: self.cover.open(COVER_KEY))
        act[ActionId.NEXT].triggered.connect(lambda: self.step(1))
        act[ActionId.PREVIOUS].triggered.connect(lambda: self.step(-1))
        act[ActionId.RELOAD].triggered.connect(self.reload_folder)
        act[ActionId.CHECK_FOLDER].triggered.connect(self.check_folder)
        act[ActionId.QUIT].triggered.connect(self.close)
        self.check_panel.follow_action(act[ActionId.SHOW_PROBLEMS], self.isMinimized)
        act[ActionId.SHORTCUTS].triggered.connect(self.help.show_shortcuts)
        act[ActionId.GUIDE].triggered.connect(self.help.open_guide)
        act[ActionId.ABOUT].triggered.connect(self.help.show_about)

        self.list_panel.article_requested.connect(self._article_requested)
        self.list_panel.selection_changed.connect(self.update_actions)
        self.list_panel.selection_changed.connect(self.multi.selection_changed)
        self.multi.rows_changed.connect(self.feed.put_rows)
        self.unsaved_flow.rows_changed.connect(self.feed.put_rows)
        self.unsaved_flow.message.connect(self.show_message)
        self.unsaved_flow.dirty_marks.connect(self._mark_dirty)
        self.multi.message.connect(self.show_message)
        self.multi_form.changed.connect(self.update_actions)
        self.form_pages.currentChanged.connect(self.update_actions)
        self.form_pages.currentChanged.connect(self._update_title)
        self.multi.shown.connect(self._update_title)
        self.list_panel.shown_changed.connect(self._rows_shown_changed)

        self.session.article_changed.connect(self._article_changed)
        self.session.dirty_changed.connect(self._dirty_changed)
        self.session.unreadable_shown.connect(self.unreadable_bar.show_for)
        self.session.row_changed.connect(self.feed.put_rows)
        self.session.message.connect(
            lambda text: self.show_message(
                text, about=self.session.path or self.session.failed_path
            )
        )
        self.unsaved.changed.connect(self.update_actions)
        self.unsaved.journal_failed.connect(
            lambda reason: self.show_message(
                self.tr("Unsaved edits could not be kept on disk: {0}").format(reason)
            )
        )
        self.undo_stack.canUndoChanged.connect(self.update_actions)
        self.undo_stack.canRedoChanged.connect(self.update_actions)
        self.write_history.stack.indexChanged.connect(self.update_actions)
        self.write_history.restored.connect(self.bulk.report_restored)
        self.form.open_link_requested.connect(lambda _key, url: links.open_external(url, self))
        self.form.preview_cover_requested.connect(self.cover.open)
        self.body.link_activated.connect(lambda url: links.open_external(url, self))
        self.feed.scan_started.connect(self._scan_started)
        self.feed.scan_progress.connect(self.status.scan_progress)
        self.feed.scan_finished.connect(self._scan_done)
        self.feed.row_wanted.connect(self.select_path)
        self.feed.message.connect(self.show_message)
        self.watcher.open_file_changed.connect(self.session.check_disk)
        self.check_panel.problem_activated.connect(self.select_path)
        self.check_panel.check_finished.connect(self._check_finished)

    # --- folders and scanning ------------------------------------------------------------------------

    def open_folder(self, path: Path | str, select: str | None = None) -> bool:
        """List the articles of ``path`` (a folder, a Hugo site, or one file to select)."""
        root, selected = desk_for(path)
        if not root.is_dir():
            dialogs.report_error(
                self, self.tr("Cannot open folder"), self.tr("{0} is not a folder.").format(root)
            )
            return False
        self.session.set_service(None, None)
        self.write_history.clear()
        self.service = DocumentService(root)
        self.root = self.service.root
        restored = self.unsaved.open_desk(self.service)
        self.session.set_service(self.service, find_site_root(self.root))
        self.settings.add_recent_folder(self.root)
        self._update_title()
        self.start_scan(select or selected)
        self.status.held_sites.folder_opened(self.root)
        self.unsaved_flow.report_restored(restored)
        self.folder_opened.emit(str(self.root))
        return True

    def ask_open_folder(self) -> None:
        if not self.resolve_unsaved():
            return
        folder = dialogs.ask_folder(self, self.root)
        if folder is not None:
            self.open_folder(folder)

    def _open_recent(self, folder: str) -> None:
        if self.resolve_unsaved():
            self.open_folder(folder)

    def reload_folder(self) -> None:
        """Read the whole folder again; the open article (and its edits) stay."""
        if self.service is not None:
            self.start_scan(self.session.path)

    @property
    def scanning(self) -> bool:
        return self.feed.scanning

    def start_scan(self, select: str | None = None) -> None:
        """List the open desk anew, selecting ``select`` once its row arrives."""
        if self.service is not None:
            self.feed.scan(self.service.root, select, self.unsaved.paths())

    def _scan_started(self) -> None:
        self.status.scan_started()
        self.update_actions()

    def _scan_done(self) -> None:
        self.status.scan_done()
        self.update_actions()
        self.scan_finished.emit()

    # --- check folder --------------------------------------------------------------------------------

    def check_folder(self) -> None:
        if self.root is not None and self.check_panel.run(self.pool, self.root):
            self.update_actions()

    def _check_finished(self, result: validate.FolderCheck | None) -> None:
        if result is not None:
            self.show_message(result_text(result), 5000)
        self.update_actions()
        self.check_finished.emit(result)

    # --- selection and navigation ------------------------------------------------------------------

    def _article_requested(self, path: str) -> None:
        if path == self.session.failed_path:
            return
        # No question: the open article's edits wait in the unsaved store (the row stays marked).
        summary = self.model.summary(path)
        if not self.session.open(path) and summary is not None and summary.error:
            self.show_message(
                self.tr("{0}: {1}").format(shown_path(path), summary.error), about=path
            )

    def select_path(self, path: str) -> bool:
        """Select (and open) the article at ``path``, clearing the filters if they hide it."""
        if not self.list_panel.select_path(path):
            return False
        return path in (self.session.path, self.session.failed_path)

    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) article in the list as shown."""
        self.list_panel.step(delta)

    def select_only(self, path: str) -> None:
        """Make ``path`` the only selected row (and the open article)."""
        self.list_view.selectionModel().clearSelection()
        self.select_path(path)

    def next_draft(self) -> bool:
        """Open the next draft in the list's order; False when there is none."""
        return self.list_panel.next_draft()

    def current_message(self) -> str:
        return self.statusBar().currentMessage()

    def record_writes(
        self, name: str, results: list[FileResult], edited: Article | None = None
    ) -> str | None:
        """Keep an action's writes for Undo; the keys that undo them, or None when nothing to undo."""
        if self.write_history.record(name, results, edited):
            return self.undo_router.shortcut_text()
        return None

    def selected_summaries(self) -> list[ArticleSummary]:
        """The selected rows, in list order; the open article when nothing is selected."""
        summaries = self.list_panel.selected_summaries()
        if not summaries and self.session.path:
            summary = self.model.summary(self.session.path)
            summaries = [summary] if summary is not None else []
        return summaries

    def resolve_unsaved(self) -> bool:
        """Before the desk goes away: one question naming every unsaved article. True if it may go."""
        return self.unsaved_flow.resolve()

    def _mark_dirty(self, paths: list[str], dirty: bool) -> None:
        for path in paths:
            self.model.set_dirty(path, dirty)

    def save_all(self) -> bool:
        """Write every article with unsaved edits (Save All); True when all were saved."""
        saved = self.unsaved_flow.save_all()
        self.update_actions()
        return saved

    def focus_filter(self) -> None:
        self.list_panel.focus_filter()

    def _rows_shown_changed(self) -> None:
        self.count_label.setText(self.list_panel.shown_text())
        self.update_actions()

    # --- the open article ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the edits shown: the many-articles form's, or the open article's."""
        return self.multi.save_shown()

    def review_changes(self) -> None:
        self.multi.review_shown()

    def revert(self) -> None:
        """Drop the edits shown: the many-articles form's, or the open article's (back to disk)."""
        self.multi.revert_shown()

    def _article_changed(self) -> None:
        article = self.session.article
        self.watcher.set_open_file(article.path if article else None)
        chain_tab_order(self.list_view, self.form.focus_chain(), self.body)
        self.status.drop_stale((self.session.path, self.session.failed_path))
        self._update_title()
        self.cover.follow()
        self.update_actions()
        self.article_opened.emit(article.relpath if article else "")

    def _dirty_changed(self, path: str, dirty: bool) -> None:
        self.model.set_dirty(path, dirty)
        self._update_title()
        self.update_actions()

    def _update_title(self) -> None:
        text, tip = help_windows.folder_text(self.places, self.root)
        self.folder_label.setText(text)
        self.folder_label.setToolTip(tip)
        title = self.session.title if self.session.article is not None else None
        if self.multi.active:  # the form edits several: the title says how many, not one's
            title = self.tr("{0} articles").format(len(self.multi_form.paths))
        self.setWindowTitle(help_windows.window_title(title, self.root))
        self.setWindowModified(self.session.dirty)

    # --- writes by actions, and their undo -------------------------------------------------------

    def apply_results(self, results: list[FileResult]) -> None:
        """Show what an action wrote: the list rows, and the open article (its other edits kept)."""
        self.unsaved_flow.carry_written(results)
        if self.multi.active and not self.multi.dirty:
            # The form of several rows shows what the action wrote (not read again from disk).
            self.multi.refresh(written_articles(results))

    def open_source_link(self) -> None:
        if self.session.article is not None:
            link = self.session.article.value("source_link")
            links.open_external(link if isinstance(link, str) else "", self)

    def show_message(self, text: str, timeout: int = 0, *, about: str | None = None) -> None:
        """Say ``text`` in the status bar; a message ``about`` one article goes when another opens."""
        self.status.show(text, timeout, about=about)

    # --- actions -------------------------------------------------------------------------------------

    def update_actions(self, *_args: object) -> None:
        if hasattr(self, "bulk"):
            self.action_registry.update(window_state(self))
            self.undo_router.update_texts()

    # --- settings and closing ------------------------------------------------------------------------

    def save_settings(self) -> None:
        """Keep the window's layout for the next start."""
        save_layout(self._layout, self.settings)

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
        self.body.shutdown()
        self.watcher.stop()
        self.git.shutdown()
        self.check_panel.cancel()
        self.feed.stop()
