"""The article list: a table model over ArticleSummary rows, and the proxy that filters and sorts it.

Display strings, sort keys and the filter text of a row are computed once, when the row arrives, so
``data()`` only looks things up; with tens of thousands of rows the views call it constantly.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import qtawesome
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.state import SITE_CONFIG, PublishState
from editor.ui.desk.git_columns import GitCell, GitColumns, retimed

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


def state_label(state: PublishState) -> str:
    """The translated word for a state."""
    words = {
        PublishState.DRAFT: QCoreApplication.translate("ArticleModel", "Draft"),
        PublishState.SCHEDULED: QCoreApplication.translate("ArticleModel", "Scheduled"),
        PublishState.PUBLISHED: QCoreApplication.translate("ArticleModel", "Published"),
        PublishState.EXPIRED: QCoreApplication.translate("ArticleModel", "Expired"),
        PublishState.UNLISTED: QCoreApplication.translate("ArticleModel", "Unlisted"),
        PublishState.INVALID: QCoreApplication.translate("ArticleModel", "Invalid"),
    }
    return words[state]


# One shape and one colour per state, so states differ even for colour-blind readers and in grey.
_STATE_ICONS = {
    PublishState.DRAFT: ("fa6s.pen", "#8a6d00"),
    PublishState.SCHEDULED: ("fa6s.clock", "#1f6fb2"),
    PublishState.PUBLISHED: ("fa6s.circle-check", "#2e7d32"),
    PublishState.EXPIRED: ("fa6s.hourglass-end", "#6d6d6d"),
    PublishState.UNLISTED: ("fa6s.eye-slash", "#6a4c93"),
    PublishState.INVALID: ("fa6s.triangle-exclamation", "#c62828"),
}


def state_icon(state: PublishState) -> QIcon:
    # Rendered to pixmaps once: a font icon repaints its glyph on every paint of every row.
    name, colour = _STATE_ICONS[state]
    glyph = qtawesome.icon(name, color=colour)
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = glyph.pixmap(QSize(size, size))
        icon.addPixmap(pixmap)
        # Without its own Selected pixmap Qt tints the icon with the highlight colour: on the
        # selected row the state icon disappeared into the highlight.
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


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
        date_text = _format_date(_shown_date(summary))
        search = "\n".join(
            (summary.title, summary.path, summary.source, summary.summary)
        ).casefold()
        sort_keys = (
            STATE_ORDER.index(summary.state),
            (summary.title or file_name).casefold(),
            _shown_date(summary).timestamp() if _shown_date(summary) else float("-inf"),
            summary.source.casefold(),
            summary.path.casefold(),
        )
        return cls(summary, file_name, date_text, search, sort_keys)


def _shown_date(summary: ArticleSummary) -> dt.datetime | None:
    """The date the Date column shows: the one Hugo publishes on (publishDate, else date)."""
    return summary.publish_date or summary.date


_KEY_NAMES = {"publishdate": "publishDate", "pubdate": "pubDate"}


def date_tip(summary: ArticleSummary) -> str | None:
    """Which key the Date column's date came from, and why that one (Hugo's fallback order)."""
    if _shown_date(summary) is None:
        return None
    key = _KEY_NAMES.get(summary.date_key, summary.date_key)
    moment = _shown_date(summary).isoformat()  # type: ignore[union-attr]
    if summary.date_key == "date":
        return QCoreApplication.translate(
            "ArticleModel", "{0} from date (no publishDate: Hugo publishes on date)"
        ).format(moment)
    return QCoreApplication.translate(
        "ArticleModel", "{0} from {1}, the date Hugo publishes on"
    ).format(moment, key)


def state_tip(summary: ArticleSummary) -> str:
    """Why the row has its state, by Hugo's rules: "Scheduled: publishDate 2031-02-10T09:00:00+00:00,
    via cascade from news/_index.md" (the key as written, its value, and the cascade that set it)."""
    word = state_label(summary.state)
    reason = summary.reason
    if not reason.key:
        return word
    text = (
        QCoreApplication.translate("ArticleModel", "{0}: {1} {2}").format(
            word, reason.key, reason.value
        )
        if reason.value is not None
        else QCoreApplication.translate("ArticleModel", "{0}: {1}").format(word, reason.key)
    )
    if reason.via == SITE_CONFIG:
        text += QCoreApplication.translate("ArticleModel", ", via cascade from the site config")
    elif reason.via:
        text += QCoreApplication.translate("ArticleModel", ", via cascade from {0}").format(
            reason.via
        )
    return text


def _format_date(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M %z")


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

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

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


class ArticleFilterProxy(QSortFilterProxyModel):
    """Filters rows by text (title, path, source, summary) and by state.

    Sorting is forwarded to the source model, which keeps its rows in order; the proxy keeps the
    source order (its own sort column stays -1).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._state: PublishState | None = None
        self._body: Mapping[str, str] = {}  # path -> excerpt of the body that matched the text
        self._git_state: str | None = None
        self.setDynamicSortFilter(True)

    def source(self) -> ArticleModel:
        model = self.sourceModel()
        assert isinstance(model, ArticleModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    @property
    def text(self) -> str:
        return " ".join(self._words)

    @property
    def state(self) -> PublishState | None:
        return self._state

    def set_text(self, text: str) -> None:
        """Keep rows whose title, path, source or summary contain every word of ``text``."""
        words = text.casefold().split()
        if words != self._words:
            self._change_filter(lambda: setattr(self, "_words", words))

    def set_body_matches(self, matches: Mapping[str, str]) -> None:
        """Also keep the rows of these paths (bodies that match the text), with the excerpt that
        matched as their tooltip; an empty mapping drops them."""
        if matches or self._body:
            self._change_filter(lambda: setattr(self, "_body", dict(matches)))

    def body_excerpt(self, path: str) -> str | None:
        return self._body.get(path)

    def set_state(self, state: PublishState | None) -> None:
        """Keep only rows in ``state`` (None: every state)."""
        if state != self._state:
            self._change_filter(lambda: setattr(self, "_state", state))

    @property
    def git_state(self) -> str | None:
        return self._git_state

    def set_git_state(self, name: str | None) -> None:
        """Keep only rows in this git state ("modified", "unpushed", …; None: any)."""
        if name != self._git_state:
            self._change_filter(lambda: setattr(self, "_git_state", name))

    def refilter(self) -> None:
        """The git states changed under a git filter: judge every row again."""
        if self._git_state is not None:
            self._change_filter(lambda: None)

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.source()
        if self._state is not None and model.state_at(source_row) != self._state:
            return False
        if self._git_state is not None and self._git_state not in model.git_states(
            model.summary_at(source_row).path
        ):
            return False
        if self._words:
            text = model.search_text(source_row)
            if all(word in text for word in self._words):
                return True
            return bool(self._body) and model.summary_at(source_row).path in self._body
        return True

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and self._body and index.isValid():
            excerpt = self._body.get(self.path_at(index.row()))
            if excerpt is not None:
                tip = super().data(index, role)
                return f"{tip}\n\n{excerpt}" if tip else excerpt
        return super().data(index, role)

    def path_at(self, row: int) -> str:
        return self.index(row, 0).data(Role.PATH)

    def proxy_index_of(self, path: str, column: int = 0) -> QModelIndex:
        return self.mapFromSource(self.source().index_of(path, column))
