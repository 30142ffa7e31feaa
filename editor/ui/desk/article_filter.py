"""What the article list shows: the model's rows in its sort order, filtered by text, body match,
state and git state.

A QSortFilterProxyModel called a Python ``filterAcceptsRow`` once per row on every change (100,000
callbacks per keystroke at 100k articles). This model instead keeps the rows it shows as one list of
the article model's row numbers, made with list comprehensions over the model's precomputed columns
(casefolded search texts, state ranks), and moves to a new list with one layout change that keeps the
selection and the current row on the same articles (:meth:`ArticleFilterProxy.show_rows`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from itertools import compress
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)

from editor.core.index import ArticleSummary
from editor.core.row_columns import STATE_RANK
from editor.core.state import PublishState
from editor.ui.desk.article_model import ArticleModel, Column, ModelIndex

POSITIONS_BY_SEARCH = 32  # up to this many rows are found with list.index, beyond with a dict
AHEAD_FROM = 20_000  # from this many rows to search, the words typed are searched in the pause
AHEAD_CHUNK = 2048  # rows searched at a time while the typing pauses
AHEAD_SLICE_S = 0.004  # each turn of the event loop searches this long at most
# Rows move, columns stay: the selection model then keeps one persistent index per selected row,
# not one per cell, and the horizontal header keeps its sections.
_SORT_HINT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


class ArticleFilterProxy(QAbstractTableModel):
    """The rows of an :class:`ArticleModel` that pass the filters, in the model's sort order.

    Sorting is the model's (``sort`` forwards to it); row ``n`` here is the model's row
    ``rows()[n]``.
    """

    rows_dropped = Signal()
    """Rows that were selected or current went out of the list (filtered out or removed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: ArticleModel | None = None
        self._rows: list[int] = []  # the model's row numbers shown, in order; -1: a row going
        self._words: list[str] = []
        self._state: PublishState | None = None
        self._body: Mapping[str, str] = {}  # path -> excerpt of the body that matched the text
        self._git_state: str | None = None
        # The last text match: (words, the rows it searched, the rows whose text has the words),
        # so that body matches arriving for the same words do not search every text again.
        self._text_found: tuple[list[str], list[int], list[int]] | None = None
        self._ahead: _Ahead | None = None  # the words typed, searched while the typing pauses
        self._ahead_timer = QTimer(self, singleShot=False, interval=0)
        self._ahead_timer.timeout.connect(self._search_ahead)

    # --- the source ----------------------------------------------------------------------------------

    def setSourceModel(self, model: ArticleModel) -> None:
        if self._model is not None:
            self._model.order_changed.disconnect(self._order_changed)
            self._model.dataChanged.disconnect(self._source_data_changed)
        self._model = model
        model.order_changed.connect(self._order_changed)
        model.dataChanged.connect(self._source_data_changed)
        self.beginResetModel()
        self._rows = self._filtered(model.order())
        self.endResetModel()

    def sourceModel(self) -> ArticleModel:
        return self.source()

    def source(self) -> ArticleModel:
        assert self._model is not None, "no source model"
        return self._model

    def _order_changed(self, remap: list[int] | None) -> None:
        self._text_found = None  # the texts may have changed too
        self._drop_ahead()  # and the row numbers
        self.show_rows(self._filtered(self.source().order()), remap)

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int] | None = None
    ) -> None:
        if not self._rows:
            return
        first, last = top_left.row(), bottom_right.row()
        if first == last:
            try:
                row = self._rows.index(first)
            except ValueError:
                return  # not shown
            top, bottom = row, row
        else:
            top, bottom = 0, len(self._rows) - 1
        self.dataChanged.emit(
            self.index(top, top_left.column()),
            self.index(bottom, bottom_right.column()),
            roles or [],
        )

    # --- Qt model API ------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self.source().headerData(section, orientation, role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._model is None:
            return None
        row = self._rows[index.row()]
        if row < 0:
            return None
        value = self._model.cell(row, index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole and self._body:
            excerpt = self._body.get(self._model.path_at(row))
            if excerpt is not None:
                return f"{value}\n\n{excerpt}" if value else excerpt
        return value

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    # --- rows ----------------------------------------------------------------------------------------

    def rows(self) -> list[int]:
        """The model's row numbers shown, in order (the proxy's list: do not change it)."""
        return self._rows

    def mapToSource(self, index: ModelIndex) -> QModelIndex:
        if not index.isValid() or self._rows[index.row()] < 0:
            return QModelIndex()
        return self.source().index(self._rows[index.row()], index.column())

    def mapFromSource(self, index: ModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        try:
            return self.index(self._rows.index(index.row()), index.column())
        except ValueError:
            return QModelIndex()

    def path_at(self, row: int) -> str:
        return self.source().path_at(self._rows[row])

    def summary_at(self, row: int) -> ArticleSummary:
        return self.source().summary_at(self._rows[row])

    def proxy_index_of(self, path: str, column: int = 0) -> QModelIndex:
        row = self.source().row_of(path)
        if row is None:
            return QModelIndex()
        return self.mapFromSource(self.source().index(row, column))

    def next_in_state(self, start: int, state: PublishState) -> int | None:
        """The first row after ``start`` (wrapping round, ``start`` itself last) in ``state``."""
        ranks = self.source().state_ranks()
        rank = STATE_RANK[state]
        rows = self._rows
        count = len(rows)
        for begin, end in ((start + 1, count), (0, min(start + 1, count))):
            found = next((n for n in range(begin, end) if ranks[rows[n]] == rank), None)
            if found is not None:
                return found
        return None

    # --- filters -------------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return " ".join(self._words)

    @property
    def state(self) -> PublishState | None:
        return self._state

    @property
    def git_state(self) -> str | None:
        return self._git_state

    def set_text(self, text: str) -> None:
        """Keep rows whose title, path, source or summary contain every word of ``text``."""
        words = text.casefold().split()
        if words == self._words:
            return
        # Typing on narrows the filter (each old word is in a new one): only the rows shown now
        # can still pass, so only they are judged again.
        narrower = bool(self._words) and all(
            any(old in new for new in words) for old in self._words
        )
        self._words = words
        if narrower and self._model is not None:
            self.show_rows(self._matching(self._rows))
        else:
            self.refilter()

    def search_ahead(self, text: str) -> None:
        """Start finding the rows whose text has every word of ``text``, a slice at a time on
        turns of the event loop: the list waits for a pause in the typing before it filters a
        big desk (``set_text``), and the search, the most of a filter's time, runs in that pause.
        ``set_text`` with the same words uses what was found (and searches the rest, if any)."""
        words = text.casefold().split()
        if self._ahead is not None and self._ahead.words == words:
            return
        self._drop_ahead()
        if not words or self._model is None:
            return
        texts = self._model.search_texts()
        # Every row, even when typing on narrows the list: the body matches that follow filter
        # the whole list again, and find these words' rows here too.
        if len(texts) < AHEAD_FROM:
            return  # set_text searches these few rows quickly enough
        self._ahead = _Ahead(words, texts, self._model.search_heads())
        self._ahead_timer.start()

    def _search_ahead(self) -> None:
        ahead = self._ahead
        if ahead is None or ahead.search(time.perf_counter() + AHEAD_SLICE_S):
            self._ahead_timer.stop()

    def _drop_ahead(self) -> None:
        self._ahead = None
        self._ahead_timer.stop()

    def set_body_matches(self, matches: Mapping[str, str]) -> None:
        """Also keep the rows of these paths (bodies that match the text), with the excerpt that
        matched as their tooltip; an empty mapping drops them."""
        if matches or self._body:
            self._body = dict(matches)
            self.refilter()

    def body_excerpt(self, path: str) -> str | None:
        return self._body.get(path)

    def set_state(self, state: PublishState | None) -> None:
        """Keep only rows in ``state`` (None: every state)."""
        if state != self._state:
            self._state = state
            self.refilter()

    def set_git_state(self, name: str | None) -> None:
        """Keep only rows in this git state ("modified", "unpushed", …; None: any)."""
        if name != self._git_state:
            self._git_state = name
            self.refilter()

    def refilter(self) -> None:
        """Judge every row again (a filter, or what it looks at, changed)."""
        if self._model is not None:
            self.show_rows(self._filtered(self._model.order()))

    def _filtered(self, order: list[int]) -> list[int]:
        """The rows of ``order`` that pass the filters: comprehensions over the model's columns."""
        model = self.source()
        rows = order
        if self._state is not None:
            ranks, rank = model.state_ranks(), STATE_RANK[self._state]
            rows = [row for row in rows if ranks[row] == rank]
        if self._git_state is not None:
            paths, name, cells = model.paths(), self._git_state, model.git_cells()
            rows = [
                row
                for row in rows
                if (cell := cells.get(paths[row])) is not None and name in cell.states
            ]
        return self._matching(rows) if self._words else rows

    def _matching(self, rows: list[int]) -> list[int]:
        """The rows of ``rows`` whose text has every word, or whose body matched."""
        model = self.source()
        last = self._text_found
        ahead = self._ahead
        if ahead is not None and (
            ahead.words != self._words or ahead.texts is not model.search_texts()
        ):
            ahead = None  # for other words, or rows since changed
        if ahead is not None:
            ahead.search(None)  # what the pause left
        if last is not None and last[0] == self._words and last[1] is rows:
            found = last[2]
        elif ahead is not None:
            found = list(compress(rows, map(ahead.marks.__getitem__, rows)))
            self._text_found = (self._words, rows, found)
        else:
            found = _with_words(model.search_texts(), model.search_heads(), self._words, rows)
            self._text_found = (self._words, rows, found)
        body = {model.row_of(path) for path in self._body} - {None}
        if body and ahead is not None:  # the marks, with the body matches marked too
            marks = bytearray(ahead.marks)
            for row in body:
                marks[row] = 1
            found = list(compress(rows, map(marks.__getitem__, rows)))
        elif body:
            keep = body.union(found)
            found = [row for row in rows if row in keep]
        return found

    # --- moving to new rows --------------------------------------------------------------------------

    def show_rows(self, rows: list[int], remap: list[int] | None = None) -> None:
        """Show ``rows`` (the model's row numbers, in order) instead of the rows shown now.

        Rows come and go at the end (so nothing before them moves), and one layout change puts
        them in place, moving the persistent indexes (the selection, the current row) with their
        articles; those of rows that went become invalid. ``remap`` gives the new number of each
        old model row when the model's rows were renumbered (a removal)."""
        old = self._rows
        before, after = len(old), len(rows)
        if remap is None and (rows is old or rows == old):
            return
        if not before or not after:
            if before:
                self.beginRemoveRows(QModelIndex(), 0, before - 1)
                self._rows = rows
                self.endRemoveRows()
            elif after:
                self.beginInsertRows(QModelIndex(), 0, after - 1)
                self._rows = rows
                self.endInsertRows()
            else:
                self._rows = rows
            return
        if after > before:
            self.beginInsertRows(QModelIndex(), before, after - 1)
            self._rows = old + [-1] * (after - before)
            self.endInsertRows()
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _SORT_HINT)
        persistent = self.persistentIndexList()
        dropped = False
        if persistent:
            current = self._rows
            wanted = [current[index.row()] for index in persistent]
            if remap is not None:
                wanted = [remap[row] if row >= 0 else -1 for row in wanted]
            position = _positions(rows, wanted)
            targets = []
            for index, row in zip(persistent, wanted, strict=True):
                moved = position.get(row)
                if moved is None:
                    dropped = True
                    targets.append(QModelIndex())
                else:
                    targets.append(self.index(moved, index.column()))
            self._rows = rows + [-1] * (before - after) if after < before else rows
            self.changePersistentIndexList(persistent, targets)
        else:
            self._rows = rows + [-1] * (before - after) if after < before else rows
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _SORT_HINT)
        if after < before:
            self.beginRemoveRows(QModelIndex(), after, before - 1)
            self._rows = rows
            self.endRemoveRows()
        if dropped:
            self.rows_dropped.emit()


def _with_words(
    texts: list[str], heads: list[str], words: list[str], rows: list[int] | range
) -> list[int]:
    """The rows of ``rows`` whose text (``heads[row]`` and ``texts[row]``: a word has no space,
    so it is in one of the two) has every one of ``words``."""
    found = rows
    for word in sorted(words, key=len, reverse=True):  # the longest is the rarest
        found = [row for row in found if word in texts[row] or word in heads[row]]
    return found if isinstance(found, list) else list(found)


class _Ahead:
    """A text search of every row, made a chunk at a time: ``marks[row]`` is 1 when the row's
    text has every word (for the rows searched so far, ``done`` of them)."""

    def __init__(self, words: list[str], texts: list[str], heads: list[str]) -> None:
        self.words = words
        self.texts = texts  # the model's list: a change of the rows drops the search
        self.heads = heads
        self.marks = bytearray(len(texts))
        self.done = 0

    def search(self, deadline: float | None) -> bool:
        """Search chunks until ``deadline`` (a ``perf_counter`` time; None: to the end); whether
        every row is searched."""
        total = len(self.marks)
        while self.done < total:
            end = min(self.done + AHEAD_CHUNK, total)
            for row in _with_words(self.texts, self.heads, self.words, range(self.done, end)):
                self.marks[row] = 1
            self.done = end
            if deadline is not None and time.perf_counter() >= deadline:
                break
        return self.done >= total


def _positions(rows: list[int], wanted: list[int]) -> dict[int, int]:
    """Where each of ``wanted`` is in ``rows`` (absent: not in the dict)."""
    if len(wanted) > POSITIONS_BY_SEARCH:
        return dict(zip(rows, range(len(rows)), strict=True))
    found = {}
    for row in set(wanted):
        if row >= 0:
            with contextlib.suppress(ValueError):
                found[row] = rows.index(row)
    return found
