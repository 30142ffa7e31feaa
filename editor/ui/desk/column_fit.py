"""Room for the title: the list's other columns give up width when the list is narrow.

The title column stretches into whatever the others leave; at 1024 px the others (state, date, a
wide and often empty source) left it about 100 px. :class:`ColumnFitter` keeps each other column's
preferred width (its default, or what the person dragged it to) and, when the title would get less
than :data:`TITLE_SHARE` of the list, narrows the squeezable columns in order down to a floor; a
column with no text in any row sits at its floor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

TITLE_SHARE = 0.2  # of the list's width, at least, for the title
TITLE_FLOOR = 130  # px, whatever the share


class ColumnFitter(QObject):
    """Narrows ``squeezable`` columns of ``view`` (first one first) to leave the title its share."""

    def __init__(
        self,
        view: QTableView,
        title: int,
        squeezable: tuple[int, ...],
        floors: dict[int, int],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._title = title
        self._squeezable = squeezable
        self._floors = floors
        header = view.horizontalHeader()
        self._preferred = {column: header.sectionSize(column) for column in squeezable}
        self._empty: set[int] = set()
        self._fitting = False
        header.sectionResized.connect(self._resized)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def set_empty(self, columns: set[int]) -> None:
        """Columns with no text in any row (they need no more than their floor)."""
        if columns != self._empty:
            self._empty = set(columns)
            self.fit()

    def widths(self) -> list[int]:
        """Each column's width to keep for the next start: the preferred one where it was narrowed
        (0 for a hidden column)."""
        header = self._view.horizontalHeader()
        return [
            0
            if header.isSectionHidden(column)
            else self._preferred.get(column, header.sectionSize(column))
            for column in range(header.count())
        ]

    def preferred(self, column: int) -> int:
        return self._preferred.get(column, self._view.horizontalHeader().sectionSize(column))

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column in self._preferred and new > 0:
            self._preferred[column] = new  # the person's (or a restored layout's) choice

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        available = self._viewport.width()
        if available <= 0:
            return
        visible = [c for c in self._squeezable if not header.isSectionHidden(c)]
        widths = {c: self._floors[c] if c in self._empty else self._preferred[c] for c in visible}
        fixed = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._title and c not in self._squeezable and not header.isSectionHidden(c)
        )
        room = max(int(available * TITLE_SHARE), TITLE_FLOOR)
        excess = fixed + sum(widths.values()) + room - available
        for column in visible:
            if excess <= 0:
                break
            cut = min(excess, max(widths[column] - self._floors[column], 0))
            widths[column] -= cut
            excess -= cut
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
