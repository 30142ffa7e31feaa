"""The article list's table model over ArticleSummary rows.

Display strings, sort keys and the filter text of a row are computed once, when the row arrives, so
``data()`` only looks things up; with tens of thousands of rows the views call it constantly. The
words, icons and tooltips of the states are in :mod:`editor.ui.desk.state_display`; the proxy that
filters the rows in :mod:`editor.ui.desk.article_filter`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.state import PublishState
from editor.ui.desk.git_columns import GitCell, GitColumns, retimed
from editor.ui.desk.state_display import (
    date_tip,
    format_date,
    shown_date,
    state_icon,
    state_label,
    state_tip,
)

ModelIndex = QModelIndex | QPersistentModelIndex
DIRTY_MARK = "• "
STATE_ORDER = (
    PublishState.DRAFT,
    PublishState.SCHEDULED,
    PublishState.PUBLISHED,
    PublishState.EXPIRED,
    PublishState.UNLISTED,
    PublishState.INVALID,
)


class Column(IntEnum):
    STATE = 0
    TITLE = 1
    DATE = 2
    SOURCE = 3
    PATH = 4
    GIT = 5  # the git columns come last, so that the others keep their numbers (saved widths)
    LAST_CHANGE = 6


class Role(IntEnum):
    """Custom data roles of the article model."""

    SUMMARY = Qt.ItemDataRole.UserRole + 1  # the ArticleSummary
    PATH = Qt.ItemDataRole.UserRole + 2  # relative path (the row's identity)
    STATE = Qt.ItemDataRole.UserRole + 3  # PublishState
    SORT = Qt.ItemDataRole.UserRole + 4  # the column's sort key
    DIRTY = Qt.ItemDataRole.UserRole + 5  # bool: unsaved edits in the window
    ERROR = Qt.ItemDataRole.UserRole + 6  # why the file cannot be read, or None


@dataclass(slots=True)
class _Row:
    """A summary with everything the views ask for, computed once."""

    summary: ArticleSummary
    file_name: str
    date_text: str
    search_text: str
    sort_keys: tuple[Any, ...]

    @classmethod
    def of(cls, summary: ArticleSummary) -> _Row:
        file_name = shown_path(summary.path.rsplit("/", 1)[-1])
        date_text = format_date(shown_date(summary))
        search = "\n".join(
            (summary.title, summary.path, summary.source, summary.summary)
        ).casefold()
        sort_keys = (
            STATE_ORDER.index(summary.state),
            (summary.title or file_name).casefold(),
            shown_date(summary).timestamp() if shown_date(summary) else float("-inf"),
            summary.source.casefold(),
            summary.path.casefold(),
        )
        return cls(summary, file_name, date_text, search, sort_keys)


class _Descending:
    """Wraps a sort key so that it compares the other way round."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return other.key < self.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and other.key == self.key

    __hash__ = None  # type: ignore[assignment]


class ArticleModel(GitColumns, QAbstractTableModel):
    """One row per article file, keyed by its relative path, kept in sort order.

    The model sorts itself (a Python sort with precomputed keys takes milliseconds for 10,000 rows, where
    a proxy calling back into Python for every comparison takes seconds) and inserts streamed rows at
    their sorted place; the proxy only filters.
    """

    counts_changed = Signal()
    """The number of rows per state changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._row_of: dict[str, int] | None = {}  # rebuilt lazily: inserts shift row numbers
        self._paths: set[str] = set()
        self._dirty: set[str] = set()
        self._counts: Counter[PublishState] = Counter()
        self._git_cells: dict[str, GitCell] = {}
        self._git_counts: Counter[str] = Counter()
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._headers = (
            self.tr("State"),
            self.tr("Title"),
            self.tr("Date"),
            self.tr("Source"),
            self.tr("Path"),
            self.tr("Git"),
            self.tr("Last change"),
        )
        self._state_words = {state: state_label(state) for state in PublishState}
        self._state_icons = {state: state_icon(state) for state in PublishState}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold_italic = QFont(self._bold)
        self._bold_italic.setItalic(True)
        self._invalid_colour = QColor("#c62828")
        self._muted_colour = QColor("#6b6b6b")
        self._untitled_tip = self.tr("This file has no title; its file name is shown")

    # --- Qt model API ------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        summary = row.summary
        column = index.column()
        if column >= Column.GIT and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.git_data(summary.path, column == Column.LAST_CHANGE, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.TITLE:
                title = summary.title or row.file_name  # an untitled file still needs a handle
                return DIRTY_MARK + title if summary.path in self._dirty else title
            if column == Column.STATE:
                return self._state_words[summary.state]
            if column == Column.DATE:
                return row.date_text
            if column == Column.SOURCE:
                return summary.source
            return shown_path(summary.path)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._state_icons[summary.state] if column == Column.STATE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if summary.error:
                return summary.error
            if column == Column.TITLE:
                return summary.title or self._untitled_tip
            if column == Column.DATE:
                return date_tip(summary)
            if column == Column.STATE:
                return state_tip(summary)
            return shown_path(summary.path) if column == Column.PATH else None
        if role == Qt.ItemDataRole.FontRole:
            if column == Column.TITLE and not summary.title:
                return self._bold_italic if summary.path in self._dirty else self._italic
            return self._bold if summary.path in self._dirty else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if summary.error and column == Column.STATE:
                return self._invalid_colour
            return self._muted_colour if column == Column.TITLE and not summary.title else None
        if role == Role.PATH:
            return summary.path
        if role == Role.STATE:
            return summary.state
        if role == Role.SORT:
            return self._sort_key(row, column)
        if role == Role.SUMMARY:
            return summary
        if role == Role.DIRTY:
            return summary.path in self._dirty
        if role == Role.ERROR:
            return summary.error
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        old_rows = {row.summary.path: number for number, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self._rows.sort(key=self._key)
        self._row_of = None
        new_rows = self._rows_by_path()
        by_old_row = {number: path for path, number in old_rows.items()}
        self.changePersistentIndexList(
            persistent,
            [self.index(new_rows[by_old_row[index.row()]], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    def _sort_key(self, row: _Row, column: int) -> Any:
        if column >= Column.GIT:
            return self.git_sort_key(row.summary.path, column == Column.LAST_CHANGE)
        return row.sort_keys[column]

    def _key(self, row: _Row) -> Any:
        key = (self._sort_key(row, self._sort_column), row.summary.path)
        return _Descending(key) if self._sort_order == Qt.SortOrder.DescendingOrder else key

    # --- rows --------------------------------------------------------------------------------------

    def _rows_by_path(self) -> dict[str, int]:
        if self._row_of is None:
            self._row_of = {row.summary.path: number for number, row in enumerate(self._rows)}
        return self._row_of

    def summaries(self) -> list[ArticleSummary]:
        return [row.summary for row in self._rows]

    def summary_at(self, row: int) -> ArticleSummary:
        return self._rows[row].summary

    def summary(self, path: str) -> ArticleSummary | None:
        row = self._rows_by_path().get(path)
        return None if row is None else self._rows[row].summary

    def row_of(self, path: str) -> int | None:
        return self._rows_by_path().get(path)

    def index_of(self, path: str, column: int = 0) -> QModelIndex:
        row = self._rows_by_path().get(path)
        return QModelIndex() if row is None else self.index(row, column)

    def search_text(self, row: int) -> str:
        return self._rows[row].search_text

    def state_at(self, row: int) -> PublishState:
        return self._rows[row].summary.state

    def counts(self) -> Counter[PublishState]:
        return Counter(self._counts)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._row_of = {}
        self._paths.clear()
        self._dirty.clear()
        self._counts.clear()
        self.endResetModel()
        self.counts_changed.emit()

    def put_rows(self, summaries: Iterable[ArticleSummary]) -> None:
        """Add a batch of rows at their sorted places; a file already listed has its row replaced."""
        fresh: dict[str, _Row] = {}
        for summary in summaries:
            if summary.path in self._paths:
                self._replace(summary)
            else:
                fresh[summary.path] = _Row.of(summary)
        if fresh:
            self._insert_sorted(sorted(fresh.values(), key=self._key))
        self.counts_changed.emit()

    def _insert_sorted(self, new_rows: list[_Row]) -> None:
        # Walk the sorted batch once; rows that land next to each other go in with one insert.
        position = 0
        index = 0
        while index < len(new_rows):
            position = bisect.bisect_right(
                self._rows, self._key(new_rows[index]), lo=position, key=self._key
            )
            run_end = index + 1
            limit = self._key(self._rows[position]) if position < len(self._rows) else None
            while run_end < len(new_rows) and (
                limit is None or not limit < self._key(new_rows[run_end])
            ):
                run_end += 1
            run = new_rows[index:run_end]
            self.beginInsertRows(QModelIndex(), position, position + len(run) - 1)
            self._rows[position:position] = run
            self._row_of = None
            for row in run:
                self._counts[row.summary.state] += 1
                self._paths.add(row.summary.path)
            self.endInsertRows()
            position += len(run)
            index = run_end

    def _replace(self, summary: ArticleSummary) -> None:
        row = self._rows_by_path()[summary.path]
        old = self._rows[row].summary
        self._counts[old.state] -= 1
        self._counts[summary.state] += 1
        new = _Row.of(summary)
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        # A changed sort key moves the row; beginMoveRows keeps the selection on it.
        del self._rows[row]
        target = bisect.bisect_right(self._rows, self._key(new), key=self._key)
        self._rows.insert(row, new)
        if target != row:
            destination = target + 1 if target > row else target
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            del self._rows[row]
            self._rows.insert(target, new)
            self._row_of = None
            self.endMoveRows()

    def remove(self, paths: Iterable[str]) -> None:
        """Remove the rows of these files (unknown paths are ignored)."""
        known = self._rows_by_path()
        rows = sorted({known[path] for path in paths if path in known}, reverse=True)
        if not rows:
            return
        # Contiguous runs from the bottom up, so earlier row numbers stay valid.
        runs: list[tuple[int, int]] = []
        start = end = rows[0]
        for row in rows[1:]:
            if row == start - 1:
                start = row
            else:
                runs.append((start, end))
                start = end = row
        runs.append((start, end))
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                self._counts[row.summary.state] -= 1
                self._dirty.discard(row.summary.path)
                self._paths.discard(row.summary.path)
            del self._rows[first : last + 1]
            self._row_of = None
            self.endRemoveRows()
        self.counts_changed.emit()

    def set_dirty(self, path: str, dirty: bool) -> None:
        """Mark a row as having unsaved edits (bold, with a dot before the title)."""
        if dirty == (path in self._dirty):
            return
        if dirty:
            self._dirty.add(path)
        else:
            self._dirty.discard(path)
        row = self._rows_by_path().get(path)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def is_dirty(self, path: str) -> bool:
        return path in self._dirty

    def set_git_cells(self, cells: dict[str, GitCell], counts: Counter[str] | None = None) -> None:
        """Show a new git snapshot in the Git and Last change columns (one repaint for all rows)."""
        old, self._git_cells = self._git_cells, cells
        self._git_counts = counts if counts is not None else Counter()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.GIT), self.index(len(self._rows) - 1, Column.LAST_CHANGE)
            )
        if self._sort_column >= Column.GIT and _git_order_changed(old, cells):
            self.sort(self._sort_column, self._sort_order)  # 0.2 s for 50,000 rows: only if needed
        self.counts_changed.emit()

    def retime_git_cells(self, now: float) -> bool:
        """Make the Last change texts again for ``now`` (a timer's: "just now" ages into "5 min
        ago"); repaints that column only, and only when a text changed. The order stays (it is
        by time, which did not change)."""
        fresh = retimed(self._git_cells, now)
        if fresh is None:
            return False
        self._git_cells = fresh
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.LAST_CHANGE),
                self.index(len(self._rows) - 1, Column.LAST_CHANGE),
                [Qt.ItemDataRole.DisplayRole],
            )
        return True

    def state_icon(self, state: PublishState) -> QIcon:
        return self._state_icons[state]


def _git_order_changed(old: dict[str, GitCell], new: dict[str, GitCell]) -> bool:
    if old.keys() != new.keys():
        return True
    return any(
        (cell.state_sort, cell.last_sort) != (old[path].state_sort, old[path].last_sort)
        for path, cell in new.items()
    )
