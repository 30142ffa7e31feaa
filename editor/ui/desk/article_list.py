"""The left side of the window: the filter box, the state filter and the article table.

The panel owns the model, the proxy and the selection, and reports when the person moves to another
article; it never opens one itself. Moves caused by the data (rows filtered out, removed, re-sorted) are
kept away from the window with :meth:`ArticleListPanel.keeping_selection`, which puts the selection
back on the open article afterwards.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.index import ArticleSummary
from editor.core.state import PublishState
from editor.ui.common.wording import counted, number
from editor.ui.common.workers import Task, run_task
from editor.ui.desk.article_filter import ArticleFilterProxy
from editor.ui.desk.article_model import STATE_ORDER, ArticleModel, Column
from editor.ui.desk.git_columns import GIT_FILTERS, GitCell, git_filter_label
from editor.ui.desk.list_columns import bold_metrics, date_width, git_widths, list_fitter
from editor.ui.desk.state_display import state_label

FILTER_AT_ONCE = 20_000  # rows up to which the filter follows every keystroke (a few ms)
FILTER_PAUSE_MS = 150
STATE_FILTER_CHARS = 12  # the state filter's width, in characters ("All states (6…")
TITLE_ROOM = 300  # what the title column gets at least in the window's first layout
# Shown on request (the header's context menu); the form's header names the open file.
# The git ones: outside a checkout; the language: on a site of one language.
HIDDEN_AT_FIRST = (Column.PATH, Column.GIT, Column.LAST_CHANGE, Column.LANGUAGE)
SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class _ElideMiddle(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ArticleListPanel(QWidget):
    """Filter box, state filter and the table of articles."""

    article_requested = Signal(object)
    """The person moved the current row to another article: its path (the window decides)."""

    selection_changed = Signal()
    """The selected rows changed."""

    shown_changed = Signal()
    """The rows shown (or the counts per state) changed."""

    def __init__(self, open_path: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_path = open_path
        self._body_search: Callable[[str], Mapping[str, str]] | None = None
        self._body_pool: QThreadPool | None = None
        self._body_task: Task | None = None
        self._guard = 0
        self.model = ArticleModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # Selected rows that a filter or a removal took out of the list: the selection changed.
        self.proxy.rows_dropped.connect(self.selection_changed)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(
            self.tr("Filter by title, path, source, summary or body words (Ctrl+F)")
        )
        self.filter_edit.setAccessibleName(self.tr("Filter articles"))
        self.filter_edit.installEventFilter(self)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setAccessibleName(self.tr("Show articles in state"))
        self.state_filter.addItem("", None)
        for state in STATE_ORDER:
            self.state_filter.addItem(self.model.state_icon(state), "", state.value)
        self._git_shown = False
        # As wide as a dozen characters, not as its longest entry: with the History panel open
        # the filter box was cut to a word beside a box as wide as "Git: Committed, not pushed".
        # Its list opens as wide as its entries (_update_counts).
        self.state_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.state_filter.setMinimumContentsLength(STATE_FILTER_CHARS)
        self.view = self._build_view()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.state_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        QWidget.setTabOrder(self.filter_edit, self.state_filter)
        QWidget.setTabOrder(self.state_filter, self.view)

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self._apply_filter_text)
        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self.state_filter.currentIndexChanged.connect(self._state_filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.counts_changed.connect(self._update_counts)
        self._source_seen = False
        self._date_seen = False
        self._offsets_seen = True  # until the rows say otherwise: the default width has room
        self._git_texts: frozenset[str] = frozenset()
        self._language_shown = False  # shown once a row has a language: a multilingual site
        self.model.counts_changed.connect(self._update_empty_columns)
        self._update_counts()

    def preferred_width(self) -> int:
        """The width that shows the visible columns at their widths, with room for the title."""
        header = self.view.horizontalHeader()
        others = sum(
            header.sectionSize(column) for column in Column if column != Column.TITLE
        )  # hidden: 0
        chrome = self.view.frameWidth() * 2 + self.view.verticalScrollBar().sizeHint().width()
        margins = self.layout().contentsMargins()
        return others + TITLE_ROOM + chrome + margins.left() + margins.right()

    def column_menu(self) -> QMenu:
        """Show or hide each column but the title."""
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        for column in Column:
            if column != Column.TITLE:
                action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
                action.setCheckable(True)
                action.setChecked(not header.isSectionHidden(column))
                action.toggled.connect(
                    lambda shown, c=column: header.setSectionHidden(c, not shown)
                )
        return menu

    def _show_column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def _build_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("articleList")
        view.setAccessibleName(self.tr("Articles"))
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setSortingEnabled(True)
        view.setCornerButtonEnabled(False)
        vertical = view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row height measuring
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        # A header narrowed past its word ends in "…" (it was cut at both ends: "ngua", "t char").
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionsMovable(False)
        # The title takes the slack; the other columns keep widths that fit what they usually hold.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        view.setItemDelegateForColumn(
            Column.PATH, _ElideMiddle(view)
        )  # keep the folder and the name
        self.columns = list_fitter(
            view, lambda column: str(self.model.headerData(column, Qt.Orientation.Horizontal))
        )
        for column in HIDDEN_AT_FIRST:
            header.hideSection(column)
        # Between the title and the date, as `copydesk list` puts it by the title.
        header.moveSection(header.visualIndex(Column.LANGUAGE), header.visualIndex(Column.DATE))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        return view

    # --- selection -----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def keeping_selection(self) -> Iterator[None]:
        """Changes to the rows must not open another article: selection moves they cause are ignored,
        and the selection is put back on the open article afterwards."""
        self._guard += 1
        try:
            yield
        finally:
            self._guard -= 1
        if not self._guard:
            wanted = self._open_path()
            current = self.view.currentIndex()
            if wanted and (not current.isValid() or self.proxy.path_at(current.row()) != wanted):
                self.reselect()

    def reselect(self) -> None:
        """Select the open article's row (or nothing, when it is filtered out)."""
        wanted = self._open_path()
        self._guard += 1
        try:
            index = self.proxy.proxy_index_of(wanted) if wanted else QModelIndex()
            if index.isValid():
                self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
                self.view.scrollTo(index)
            else:
                self.view.selectionModel().clear()
        finally:
            self._guard -= 1
        self.selection_changed.emit()

    def _selection_changed(self) -> None:
        # Clicking the row that is already current (Qt made it so on focus) selects it without a
        # change of current row: that pick opens it too.
        self._current_row_changed(self.view.currentIndex(), QModelIndex())
        self.selection_changed.emit()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Only a row the person picked (clicked, or moved to: the current row is then selected)
        # opens. Qt makes the first row current without selecting it when the table first gets the
        # focus; that must not open an article by itself (when it happened depended on timing).
        selected = self.view.selectionModel().isSelected(current)
        if not self._guard and current.isValid() and selected:
            # The path as Python holds it: through Qt (data()) a name that is not UTF-8 lost
            # its lone surrogate, and "caf.md" could not be opened.
            path = self.proxy.path_at(current.row())
            if path != self._open_path():
                self.article_requested.emit(path)

    def select_path(self, path: str) -> bool:
        """Make ``path`` the current row (clearing the filters if they hide it); False if unknown."""
        index = self.proxy.proxy_index_of(path)
        if not index.isValid() and self.model.row_of(path) is not None:
            self.filter_edit.clear()
            self._apply_filter_text()
            self.state_filter.setCurrentIndex(0)
            index = self.proxy.proxy_index_of(path)
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
        self.view.scrollTo(index)
        return True

    def step(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) row as shown."""
        current = self.view.currentIndex()
        count = self.proxy.rowCount()
        if count == 0:
            return
        row = (0 if delta > 0 else count - 1) if not current.isValid() else current.row() + delta
        if 0 <= row < count:
            index = self.proxy.index(row, 0)
            self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
            self.view.scrollTo(index)

    def next_draft(self) -> bool:
        """Move to the next draft below the current row in the list's order (the review queue),
        wrapping round to the top; False when no other draft is shown."""
        current = self.view.currentIndex()
        start = current.row() if current.isValid() else -1
        row = self.proxy.next_in_state(start, PublishState.DRAFT)
        if row is None or row == start:
            return False
        index = self.proxy.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
        self.view.scrollTo(index)
        return True

    def has_step(self, delta: int) -> bool:
        current = self.view.currentIndex()
        count = self.proxy.rowCount()
        if not current.isValid():
            return delta > 0 and count > 0
        return 0 <= current.row() + delta < count

    def selected_summaries(self) -> list[ArticleSummary]:
        """The selected rows, in list order."""
        # Ranges, not selectedRows(): a select-all of 10,000 rows must stay cheap on every change.
        rows: set[int] = set()
        for selected in self.view.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return [self.proxy.summary_at(row) for row in sorted(rows)]

    # --- filters -------------------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _filter_text_changed(self, _text: str) -> None:
        # On a big desk each keystroke would refilter every row; wait for a pause in the typing.
        if self.model.rowCount() > FILTER_AT_ONCE:
            self._filter_timer.start()
            self.proxy.search_ahead(self.filter_edit.text())  # in the pause: see set_text
        else:
            self._apply_filter_text()

    def _apply_filter_text(self) -> None:
        self._filter_timer.stop()
        text = self.filter_edit.text()
        with self.keeping_selection():
            self.proxy.set_text(text)
            if not text.strip():
                self.proxy.set_body_matches({})
        self.shown_changed.emit()
        self._search_bodies(text)

    def set_body_search(
        self, search: Callable[[str], Mapping[str, str]] | None, pool: QThreadPool | None = None
    ) -> None:
        """Let the filter also find words in the bodies: ``search(text)`` gives path -> excerpt,
        and runs on ``pool`` (a full-text index query; never on the GUI thread)."""
        self._body_search, self._body_pool = search, pool
        if search is None:
            self.proxy.set_body_matches({})

    def _search_bodies(self, text: str) -> None:
        if self._body_task is not None:
            self._body_task.cancel()
            self._body_task = None
        search, pool = self._body_search, self._body_pool
        if search is None or pool is None or not text.strip():
            return

        def found(matches: Mapping[str, str]) -> None:
            if self.filter_edit.text() == text:  # the person typed on meanwhile: a newer one comes
                with self.keeping_selection():
                    self.proxy.set_body_matches(matches)
                self.shown_changed.emit()

        def done() -> None:
            self._body_task = None

        self._body_task = run_task(pool, lambda: search(text), found, None, done)

    def _state_filter_changed(self, index: int) -> None:
        value = self.state_filter.itemData(index)
        git_state = value.removeprefix("git:") if value and value.startswith("git:") else None
        with self.keeping_selection():
            self.proxy.set_state(PublishState(value) if value and not git_state else None)
            self.proxy.set_git_state(git_state)
        self.shown_changed.emit()

    def set_git_shown(self, shown: bool) -> None:
        """Inside a git checkout: the Git and Last change columns and the git filter entries."""
        if shown == self._git_shown:
            return
        self._git_shown = shown
        header = self.view.horizontalHeader()
        for column in (Column.GIT, Column.LAST_CHANGE):
            header.setSectionHidden(column, not shown)
        self.columns.fit()
        first = len(STATE_ORDER) + 1
        if shown:
            self.state_filter.insertSeparator(first)
            for offset, name in enumerate(GIT_FILTERS, start=first + 1):
                self.state_filter.insertItem(offset, "", f"git:{name}")
        else:
            if self.proxy.git_state is not None:
                self.state_filter.setCurrentIndex(0)
            while self.state_filter.count() > first:
                self.state_filter.removeItem(first)
        self._update_counts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the filter box goes to the list; Escape clears the filter first.
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._filter_timer.isActive():
                    self._apply_filter_text()
                self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                current = (
                    self.view.currentIndex()
                )  # the focus may have made one current, unselected
                if current.isValid() and not self.view.selectionModel().isSelected(current):
                    self.view.selectionModel().setCurrentIndex(current, SELECT_ROW)
                elif not current.isValid():
                    self.step(1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                if self.filter_edit.text():
                    self.filter_edit.clear()
                else:
                    self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _update_counts(self) -> None:
        counts = self.model.counts()
        self.state_filter.setItemText(
            0, self.tr("All states ({0})").format(number(sum(counts.values())))
        )
        for offset, state in enumerate(STATE_ORDER, start=1):
            self.state_filter.setItemText(offset, f"{state_label(state)} ({number(counts[state])})")
        if self._git_shown:
            git = self.model.git_counts()
            for offset, name in enumerate(GIT_FILTERS, start=len(STATE_ORDER) + 2):
                label = self.tr("Git: {0} ({1})").format(git_filter_label(name), number(git[name]))
                self.state_filter.setItemText(offset, label)
        combo = self.state_filter
        metrics = combo.fontMetrics()
        widest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        combo.view().setMinimumWidth(widest + combo.iconSize().width() + 40)  # margins, scroll bar
        self.shown_changed.emit()

    def show_git(self, cells: dict[str, GitCell], counts: Counter[str]) -> None:
        """A new git snapshot for the rows; only the git filter judges the rows again."""
        with self.keeping_selection():
            self.model.set_git_cells(cells, counts)
            if self.proxy.git_state is not None:
                self.proxy.refilter()
        self._set_empty_columns()
        self.shown_changed.emit()

    def _update_empty_columns(self) -> None:
        """An empty Source or Date column keeps no width it does not use (they stayed wide)."""
        if self.model.rowCount() == 0:
            self._source_seen = self._date_seen = False
        if not self._source_seen:
            self._source_seen = self.model.has_source()
        if not self._date_seen:
            self._date_seen = self.model.has_date()
        if self.model.has_offsets() != self._offsets_seen:  # a date with an offset needs room
            self._offsets_seen = self.model.has_offsets()
            width = None if self._offsets_seen else date_width(bold_metrics(self.view.font()))
            self.columns.set_content(Column.DATE, width)
        if self.model.has_language() != self._language_shown:  # a new desk decides it again
            self._language_shown = self.model.has_language()
            self.view.horizontalHeader().setSectionHidden(Column.LANGUAGE, not self._language_shown)
            self.columns.fit()
        self._set_empty_columns()

    def _set_empty_columns(self) -> None:
        empty = set() if self._source_seen else {Column.SOURCE}
        if not self._date_seen:
            empty.add(Column.DATE)
        cells = self.model.git_cells()
        texts = frozenset(cell.state_text for cell in cells.values())
        if texts != self._git_texts:
            self._git_texts = texts
            self._fit_git_column(texts)
        if not any(texts):
            empty.add(Column.GIT)
        if not any(cell.last_text for cell in cells.values()):
            empty.add(Column.LAST_CHANGE)
        self.columns.set_empty(empty)

    def _fit_git_column(self, texts: frozenset[str]) -> None:
        """The Git column as wide as its longest text, and never narrower than its longest word."""
        widths = git_widths(bold_metrics(self.view.font()), texts)
        if widths is None:
            self.columns.set_content(Column.GIT, None)
        else:
            self.columns.set_content(Column.GIT, *widths)

    def shown_text(self) -> str:
        """ "17 articles", or "3 of 17 articles shown" while filtered."""
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            return counted(total, self.tr("1 article"), self.tr("{0} articles"))
        return self.tr("{0} of {1} articles shown").format(number(shown), number(total))
