"""The proxy in front of the article model: filters rows by text, body match, state and git state.

Sorting is the model's own (:mod:`editor.ui.desk.article_model`); the proxy keeps its order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt

from editor.core.state import PublishState
from editor.ui.desk.article_model import ArticleModel, ModelIndex, Role


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
