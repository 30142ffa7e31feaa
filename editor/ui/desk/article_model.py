"""The article list's table model: every article's row, kept as columns, and the list's sort order.

The rows live in lists, one per column (:mod:`editor.core.row_columns`), in the order they
arrived; their sort order is a list of row numbers, sorted with ``order.sort(key=keys.__getitem__)``
over a list of ``(key, path)`` tuples of the sort column, so that no comparison calls back into
Python. Display texts are made when a row is painted (only the rows on screen are), with a small
cache. The proxy in :mod:`editor.ui.desk.article_filter` shows the rows of that order that its filter
keeps; the model tells it with :attr:`ArticleModel.order_changed`.

The words, icons and tooltips of the states are in :mod:`editor.ui.desk.state_display`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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
from editor.core.row_columns import (
    KEYED_COLUMNS,
    NO_DATE,
    STATE_ORDER,
    RowBatch,
    file_name,
    prepare,
    shown_date,
)
from editor.core.state import PublishState
from editor.ui.desk.git_columns import GitCell, GitColumns, retimed
from editor.ui.desk.state_display import (
    date_tip,
    format_date,
    shows_offset,
    state_icon,
    state_label,
    state_tip,
)

__all__ = ["DIRTY_MARK", "STATE_ORDER", "ArticleModel", "Column", "ModelIndex", "Role"]

ModelIndex = QModelIndex | QPersistentModelIndex
DIRTY_MARK = "• "
TEXT_CACHE = 4096  # rows whose display texts are kept (a screenful is a few dozen)
FEW = 64  # up to this many rows are removed from the column lists one by one
_KEPT = (-1).__lt__  # for filter(): a row number that was not removed


class Column(IntEnum):
    STATE = 0
    TITLE = 1
    DATE = 2
    SOURCE = 3
    PATH = 4
    GIT = 5  # the git columns come last, so that the others keep their numbers (saved widths)
    LAST_CHANGE = 6
    LANGUAGE = 7  # shown only on a multilingual site (rows have a language only there)


class Role(IntEnum):
    """Custom data roles of the article model."""

    SUMMARY = Qt.ItemDataRole.UserRole + 1  # the ArticleSummary
    PATH = Qt.ItemDataRole.UserRole + 2  # relative path (the row's identity)
    STATE = Qt.ItemDataRole.UserRole + 3  # PublishState
    SORT = Qt.ItemDataRole.UserRole + 4  # the column's sort key
    DIRTY = Qt.ItemDataRole.UserRole + 5  # bool: unsaved edits in the window
    ERROR = Qt.ItemDataRole.UserRole + 6  # why the file cannot be read, or None


class ArticleModel(GitColumns, QAbstractTableModel):
    """One row per article file, keyed by its relative path; rows stay in the order they came.

    The model's own row numbers (``row_of``, ``summary_at``, ``index_of``) are those arrival
    positions; the order the list shows is :meth:`order`, which the proxy filters.
    """

    counts_changed = Signal()
    """The number of rows per state changed."""

    order_changed = Signal(object)
    """The sort order changed (rows sorted, added, changed or removed). The argument is None, or
    after a removal the list that gives each old row number its new one (-1: removed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._summaries: list[ArticleSummary] = []
        self._paths: list[str] = []
        self._search: list[str] = []
        self._heads: list[str] = []  # the search texts' heads (row_columns.split_search)
        self._keys: tuple[list[Any], ...] = tuple([] for _ in range(KEYED_COLUMNS))
        self._row_of: dict[str, int] = {}
        self._order: list[int] = []  # row numbers in sort order; never changed in place
        self._by_path: list[int] = []  # row numbers by path: what a sort starts from
        self._sort_keys: list[tuple[Any, str]] | None = None  # (key, path) of the sort column
        self._texts: dict[str, tuple[str, str]] = {}  # path -> (file name, date text)
        self._dirty: set[str] = set()
        self._counts: Counter[PublishState] = Counter()
        self._git_cells: dict[str, GitCell] = {}
        self._git_counts: Counter[str] = Counter()
        self._multilingual = False  # a row has a language (set once seen; see has_language)
        self._offsets = False  # a row's date shows its offset (set once seen; see has_offsets)
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._sorted = True  # the order is sorted by that column (false: the keys changed)
        self._headers = (
            self.tr("State"),
            self.tr("Title"),
            self.tr("Date"),
            self.tr("Source"),
            self.tr("Path"),
            self.tr("Git"),
            self.tr("Last change"),
            self.tr("Language"),
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
        return 0 if parent.isValid() else len(self._summaries)

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
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """What ``data()`` gives for this row (the model's number) and column (the proxy asks
        here directly, without making an index)."""
        if not 0 <= row < len(self._summaries):
            return None
        summary = self._summaries[row]
        if Column.GIT <= column <= Column.LAST_CHANGE and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.git_data(summary.path, column == Column.LAST_CHANGE, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.TITLE:
                title = summary.title or self._shown(summary)[0]  # an untitled file needs a handle
                return DIRTY_MARK + title if summary.path in self._dirty else title
            if column == Column.STATE:
                return self._state_words[summary.state]
            if column == Column.DATE:
                return self._shown(summary)[1]
            if column == Column.SOURCE:
                return summary.source
            if column == Column.LANGUAGE:
                return summary.language
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
            if column == Column.LANGUAGE:
                return summary.language
            if column >= Column.GIT:
                return self.git_sort_key(summary.path, column == Column.LAST_CHANGE)
            return self._keys[column][row] if 0 <= column < KEYED_COLUMNS else None
        if role == Role.SUMMARY:
            return summary
        if role == Role.DIRTY:
            return summary.path in self._dirty
        if role == Role.ERROR:
            return summary.error
        return None

    def _shown(self, summary: ArticleSummary) -> tuple[str, str]:
        texts = self._texts.get(summary.path)
        if texts is None:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            texts = self._texts[summary.path] = (
                file_name(summary.path),
                format_date(shown_date(summary)),
            )
        return texts

    # --- order -------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        if (column, order) == (self._sort_column, self._sort_order) and self._sorted:
            return  # QTableView.sortByColumn asks twice; merges keep the order sorted meanwhile
        self._sorted = True
        self._sort_column = Column(column)
        self._sort_order = order
        self._sort_keys = None
        # A stable sort of the rows in path order by the column's key alone: ties stay in path
        # order (reversed when descending), as with (key, path) tuples, at half the cost.
        reverse = self._descending()
        keys = self._column_keys(range(len(self._paths)))
        base = self._by_path[::-1] if reverse else self._by_path
        self._order = sorted(base, key=keys.__getitem__, reverse=reverse)
        self.order_changed.emit(None)

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    def order(self) -> list[int]:
        """Every row number, in the list's sort order (a new list after each change: keep it)."""
        return self._order

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _column_keys(self, rows: range | list[int]) -> list[Any]:
        column = self._sort_column
        if column < KEYED_COLUMNS:
            keys = self._keys[column]
            whole = isinstance(rows, range) and rows.start == 0 and len(rows) == len(keys)
            return keys if whole else [keys[row] for row in rows]
        if column == Column.LANGUAGE:
            summaries = self._summaries
            return [summaries[row].language for row in rows]
        last = column == Column.LAST_CHANGE
        return [self.git_sort_key(self._paths[row], last) for row in rows]

    def _ordering_keys(self) -> list[tuple[Any, str]]:
        """(sort key, path) per row: ties go by path, so the order never depends on arrival."""
        if self._sort_keys is None:
            rows = range(len(self._paths))
            self._sort_keys = list(zip(self._column_keys(rows), self._paths, strict=True))
        return self._sort_keys

    def _merge(self, rows: list[int], moved: set[int] | None = None) -> None:
        """Put ``rows`` (new, or ``moved``: changed and so maybe elsewhere) at their sorted places.
        Sorting the old order with the sorted newcomers appended merges two runs: linear."""
        keys = self._ordering_keys()
        reverse = self._descending()
        rest = self._order if not moved else [row for row in self._order if row not in moved]
        merged = rest + sorted(rows, key=keys.__getitem__, reverse=reverse)
        merged.sort(key=keys.__getitem__, reverse=reverse)
        self._order = merged

    def _merge_after(self, fresh: list[int]) -> None:
        """:meth:`_merge` of new rows (``fresh``, in path order) whose paths all come after every
        listed one, as a scan's do: ties then go by the sort column's key alone (newcomers after
        their equals ascending, before them descending: stable sorts), so the merge compares the
        column's own keys, not (key, path) tuples, and builds no tuple per row (a third of the
        cost of each streamed step at 100,000 rows)."""
        keys = self._keys[self._sort_column]
        if self._descending():
            merged = sorted(fresh[::-1], key=keys.__getitem__, reverse=True)
            merged += self._order
            merged.sort(key=keys.__getitem__, reverse=True)
        else:
            merged = self._order + sorted(fresh, key=keys.__getitem__)
            merged.sort(key=keys.__getitem__)
        self._order = merged

    # --- rows --------------------------------------------------------------------------------------

    def summaries(self) -> list[ArticleSummary]:
        return list(self._summaries)

    def summary_at(self, row: int) -> ArticleSummary:
        return self._summaries[row]

    def summary(self, path: str) -> ArticleSummary | None:
        row = self._row_of.get(path)
        return None if row is None else self._summaries[row]

    def row_of(self, path: str) -> int | None:
        return self._row_of.get(path)

    def index_of(self, path: str, column: int = 0) -> QModelIndex:
        row = self._row_of.get(path)
        return QModelIndex() if row is None else self.index(row, column)

    def path_at(self, row: int) -> str:
        return self._paths[row]

    def paths(self) -> list[str]:
        """The path of each row, by row number (the model's list: do not change it)."""
        return self._paths

    def search_texts(self) -> list[str]:
        """The casefolded text the filter searches but its head, by row number (the model's list;
        a word is in a row's text when it is in its head or in this)."""
        return self._search

    def search_heads(self) -> list[str]:
        """The head of each row's search text (its title key, or ""), by row number (the model's
        list: :func:`editor.core.row_columns.split_search`)."""
        return self._heads

    def state_ranks(self) -> list[int]:
        """Each row's state as its place in STATE_ORDER, by row number (the model's list)."""
        return self._keys[Column.STATE]

    def search_text(self, row: int) -> str:
        """The row's whole search text (its head and the rest)."""
        head = self._heads[row]
        return f"{head} {self._search[row]}" if head else self._search[row]

    def state_at(self, row: int) -> PublishState:
        return self._summaries[row].state

    def counts(self) -> Counter[PublishState]:
        return Counter(self._counts)

    def has_source(self) -> bool:
        """Whether any row names a source (an empty Source column gives its width away)."""
        return any(key for key in self._keys[Column.SOURCE])

    def has_date(self) -> bool:
        """Whether any row has a date (an empty Date column gives its width away)."""
        return any(key != NO_DATE for key in self._keys[Column.DATE])

    def has_offsets(self) -> bool:
        """Whether a row's date is shown with its offset (the Date column needs room for it)."""
        return self._offsets

    def has_language(self) -> bool:
        """Whether any row has a language: the site is multilingual (the Language column)."""
        return self._multilingual

    def clear(self) -> None:
        self.beginResetModel()
        self._summaries = []
        self._paths = []
        self._search = []
        self._heads = []
        self._keys = tuple([] for _ in range(KEYED_COLUMNS))
        self._row_of = {}
        self._order = []
        self._by_path = []
        self._sort_keys = None
        self._texts.clear()
        self._dirty.clear()
        self._counts.clear()
        self._multilingual = False
        self._offsets = False
        self.endResetModel()
        self.order_changed.emit(None)
        self.counts_changed.emit()

    def put_rows(self, rows: Iterable[ArticleSummary] | RowBatch) -> None:
        """Add rows at their sorted places; a file already listed has its row replaced. A
        :class:`RowBatch` comes prepared (from the scan's worker); plain summaries are prepared here."""
        batch = rows if isinstance(rows, RowBatch) else prepare(rows)
        if not len(batch):
            return
        known = self._row_of
        if len(set(batch.paths)) != len(batch.paths) or not known.keys().isdisjoint(batch.paths):
            fresh_at: dict[str, int] = {}  # the last of a path seen twice wins
            replaced_at: dict[str, int] = {}
            for number, path in enumerate(batch.paths):
                (replaced_at if path in known else fresh_at)[path] = number
            if replaced_at:
                self._replace(batch.pick(list(replaced_at.values())))
            if len(fresh_at) != len(batch):
                batch = batch.pick(list(fresh_at.values())) if fresh_at else None
        if batch is not None and len(batch):
            self._append(batch)
        self.counts_changed.emit()

    def _append(self, batch: RowBatch) -> None:
        start = len(self._summaries)
        end = start + len(batch)
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._summaries += batch.summaries
        self._paths += batch.paths
        if not self._multilingual:  # each batch looked at until one row has a language
            self._multilingual = any(summary.language for summary in batch.summaries)
        if not self._offsets:  # likewise until one date shows an offset
            self._offsets = any(shows_offset(shown_date(s)) for s in batch.summaries)
        self._search += batch.search
        self._heads += batch.heads
        for column, values in zip(self._keys, batch.keys, strict=True):
            column += values
        # One int object per row number, shared by the lookup, the path order and the sort order
        # (three ranges made three: 80 bytes a row at 100,000 rows).
        numbers = list(range(start, end))
        self._row_of.update(zip(batch.paths, numbers, strict=True))
        for rank, count in Counter(batch.keys[Column.STATE]).items():
            self._counts[STATE_ORDER[rank]] += count
        if self._sort_keys is not None:
            self._sort_keys += zip(self._column_keys(range(start, end)), batch.paths, strict=True)
        self.endInsertRows()
        paths = self._paths
        fresh = sorted(numbers, key=paths.__getitem__)
        after = not self._by_path or paths[self._by_path[-1]] < paths[fresh[0]]
        by_path = self._by_path + fresh
        if not after:
            by_path.sort(key=paths.__getitem__)  # two sorted runs: a merge (a scan comes in order)
        self._by_path = by_path
        if after and self._sort_column < KEYED_COLUMNS:
            self._merge_after(fresh)
        else:
            self._merge(numbers)
        self.order_changed.emit(None)

    def _replace(self, batch: RowBatch) -> None:
        rows = [self._row_of[path] for path in batch.paths]
        before = self._column_keys(rows)
        for number, row in enumerate(rows):
            self._counts[self._summaries[row].state] -= 1
            summary = self._summaries[row] = batch.summaries[number]
            self._counts[summary.state] += 1
            self._multilingual = self._multilingual or bool(summary.language)
            self._offsets = self._offsets or shows_offset(shown_date(summary))
            self._search[row] = batch.search[number]
            self._heads[row] = batch.heads[number]
            for column, values in zip(self._keys, batch.keys, strict=True):
                column[row] = values[number]
            self._texts.pop(summary.path, None)
        after = self._column_keys(rows)
        moved = [row for row, old, new in zip(rows, before, after, strict=True) if old != new]
        if self._sort_keys is not None:
            for row, key in zip(rows, after, strict=True):
                self._sort_keys[row] = (key, self._paths[row])
        last = len(Column) - 1
        if len(rows) <= FEW:
            for row in rows:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        else:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._summaries) - 1, last))
        # A changed sort key moves the row; the proxy keeps the selection on it. The order stays
        # the same list otherwise, but the filter may judge the rows differently now.
        if moved:
            self._merge(moved, set(moved))
        self.order_changed.emit(None)

    def remove(self, paths: Iterable[str]) -> None:
        """Remove the rows of these files (unknown paths are ignored)."""
        gone = sorted({self._row_of[path] for path in paths if path in self._row_of})
        if not gone:
            return
        count = len(self._summaries)
        paths_gone = [self._paths[row] for row in gone]
        for row in gone:
            summary = self._summaries[row]
            self._counts[summary.state] -= 1
            self._dirty.discard(summary.path)
            self._texts.pop(summary.path, None)
        # What each old row number becomes: the rows between two removed ones move up together.
        remap = [-1] * count
        start = 0
        for shift, row in enumerate([*gone, count]):
            remap[start:row] = range(start - shift, row - shift)
            start = row + 1
        self.beginResetModel()  # nothing shows this model's own rows: the proxy maps them
        columns = [self._summaries, self._paths, self._search, self._heads, *self._keys]
        if self._sort_keys is not None:
            columns.append(self._sort_keys)
        if len(gone) <= FEW:
            for column in columns:
                for row in reversed(gone):
                    del column[row]
        else:  # the runs between removed rows, copied slice by slice
            runs = list(zip([-1, *gone], [*gone, count], strict=True))
            for column in columns:
                kept: list[Any] = []
                for previous, row in runs:
                    kept += column[previous + 1 : row]
                column[:] = kept
        for path in paths_gone:
            del self._row_of[path]
        first = gone[0]  # the rows before it keep their numbers
        numbers = list(filter(_KEPT, remap[first:]))  # the new numbers, as the orders hold them
        self._row_of.update(zip(self._paths[first:], numbers, strict=True))
        self._order = list(filter(_KEPT, map(remap.__getitem__, self._order)))
        self._by_path = list(filter(_KEPT, map(remap.__getitem__, self._by_path)))
        self.endResetModel()
        self.order_changed.emit(remap)
        self.counts_changed.emit()

    def set_dirty(self, path: str, dirty: bool) -> None:
        """Mark a row as having unsaved edits (bold, with a dot before the title)."""
        if dirty == (path in self._dirty):
            return
        if dirty:
            self._dirty.add(path)
        else:
            self._dirty.discard(path)
        row = self._row_of.get(path)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def is_dirty(self, path: str) -> bool:
        return path in self._dirty

    def set_git_cells(self, cells: dict[str, GitCell], counts: Counter[str] | None = None) -> None:
        """Show a new git snapshot in the Git and Last change columns (one repaint for all rows)."""
        old, self._git_cells = self._git_cells, cells
        self._git_counts = counts if counts is not None else Counter()
        if self._summaries:
            self.dataChanged.emit(
                self.index(0, Column.GIT),
                self.index(len(self._summaries) - 1, Column.LAST_CHANGE),
            )
        if self._sort_column in (Column.GIT, Column.LAST_CHANGE) and _git_order_changed(old, cells):
            self._sorted = False
            self.sort(self._sort_column, self._sort_order)  # only if needed
        self.counts_changed.emit()

    def retime_git_cells(self, now: float) -> bool:
        """Make the Last change texts again for ``now`` (a timer's: "just now" ages into "5 min
        ago"); repaints that column only, and only when a text changed. The order stays (it is
        by time, which did not change)."""
        fresh = retimed(self._git_cells, now)
        if fresh is None:
            return False
        self._git_cells = fresh
        if self._summaries:
            self.dataChanged.emit(
                self.index(0, Column.LAST_CHANGE),
                self.index(len(self._summaries) - 1, Column.LAST_CHANGE),
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
