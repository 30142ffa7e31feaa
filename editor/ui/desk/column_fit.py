"""Room for the title: the list's other columns keep the width their content needs, and give up
width when the list is narrow.

The title column stretches into whatever the others leave. :class:`ColumnFitter` gives each other
column a preferred width: the one the person dragged it to (kept between starts), else what its
content needs (:meth:`ColumnFitter.set_content`: the state words, the git texts the rows show), else
its default. When the title would get less than :data:`TITLE_SHARE` of the list, it narrows the
squeezable columns in order down to their floors, then (still short) past their headers down to
:data:`HARD_FLOOR`; a column with no text in any row sits at its empty floor (its header).

At 1000 px the state column was cut to "Pu…", the git one to "Con…", and a Date column with no
date in any row kept 130 px: the state's floor now fits its longest word, the git column's its
longest word, and an empty column gives its width to the title. When even the hard floors leave
the title less than its room, the title keeps it and the list scrolls sideways (a stretched title
was squeezed to a few letters). The widths themselves are measured in
:mod:`editor.ui.desk.list_columns`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

TITLE_SHARE = 0.2  # of the list's width, at least, for the title
TITLE_FLOOR = 130  # px, whatever the share
# px: a column narrowed past its header (a second pass, when the first was not enough)
HARD_FLOOR = 36
AUTO_WIDTH = 1  # saved for a shown column whose width the person never set (see widths())


class ColumnFitter(QObject):
    """Narrows ``squeezable`` columns of ``view`` (first one first) to leave the title its share."""

    def __init__(
        self,
        view: QTableView,
        title: int,
        squeezable: tuple[int, ...],
        floors: dict[int, int],
        empty_floors: dict[int, int] | None = None,
        kept: tuple[int, ...] = (),
    ) -> None:
        super().__init__(view)
        self._view = view
        self._title = title
        self._squeezable = squeezable
        self._floors = dict(floors)
        self._empty_floors = {**floors, **(empty_floors or {})}
        self._kept = kept  # never narrowed below their floor while they have content
        header = view.horizontalHeader()
        self._default = {column: header.sectionSize(column) for column in squeezable}
        self._applied = dict(self._default)  # what the fitter (or the defaults) last set
        self._user: dict[int, int] = {}  # widths the person (or a restored layout) chose
        self._content: dict[int, int] = {}
        self._empty: set[int] = set()
        self._fitting = False
        header.sectionResized.connect(self._resized)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def set_empty(self, columns: set[int]) -> None:
        """Columns with no text in any row (they need no more than their empty floor)."""
        if columns != self._empty:
            self._empty = set(columns)
            self.fit()

    def set_content(self, column: int, width: int | None, floor: int | None = None) -> None:
        """What ``column``'s content needs (None: its default): its width unless the person set
        one; ``floor``, if given, is the least it is narrowed to (it cannot exceed the content)."""
        changed = False
        if width is None:
            changed = self._content.pop(column, None) is not None
        elif self._content.get(column) != width:
            self._content[column] = width
            changed = True
        if floor is not None and self._floors.get(column) != floor:
            self._floors[column] = floor
            changed = True
        if changed:
            self.fit()

    def widths(self) -> list[int]:
        """Each column's width to keep for the next start: the person's where they set one,
        :data:`AUTO_WIDTH` where the column follows its content, 0 for a hidden column."""
        header = self._view.horizontalHeader()
        return [
            0
            if header.isSectionHidden(column)
            else self._user.get(column, AUTO_WIDTH)
            if column in self._default
            else header.sectionSize(column)
            for column in range(header.count())
        ]

    def preferred(self, column: int) -> int:
        """The width ``column`` gets when there is room."""
        if column not in self._default:
            return self._view.horizontalHeader().sectionSize(column)
        if column in self._empty:
            return min(
                self._empty_floors[column], self._user.get(column, self._empty_floors[column])
            )
        return self._user.get(column) or self._content.get(column) or self._default[column]

    def floor(self, column: int) -> int:
        """The least width ``column`` is narrowed to (its preferred, if that is less)."""
        floor = self._empty_floors[column] if column in self._empty else self._floors[column]
        return min(floor, self.preferred(column))

    def hard_floor(self, column: int) -> int:
        """The least width of the second pass: :data:`HARD_FLOOR`, or the floor of a kept column
        with content (a state word, a date: cut, they say nothing)."""
        if column in self._kept and column not in self._empty:
            return self.floor(column)
        return min(HARD_FLOOR, self.floor(column))

    def _resized(self, column: int, _old: int, new: int) -> None:
        # A width the fitter did not set is the person's (a drag, or a restored layout). Showing
        # a hidden column puts back the width it had: not a choice.
        chosen = not self._fitting and column in self._default and new > 0
        if chosen and new != self._applied.get(column):
            self._user[column] = new
            self._applied[column] = new

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
        widths = {c: self.preferred(c) for c in visible}
        fixed = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._title and c not in self._squeezable and not header.isSectionHidden(c)
        )
        room = max(int(available * TITLE_SHARE), TITLE_FLOOR)
        excess = fixed + sum(widths.values()) + room - available
        # First down to the floors (what the header or the content needs), then, if the title has
        # still not its room, past the headers down to the hard floors.
        for floor in (self.floor, self.hard_floor):
            for column in visible:
                if excess <= 0:
                    break
                cut = min(excess, max(widths[column] - floor(column), 0))
                widths[column] -= cut
                excess -= cut
        self._fitting = True
        try:
            for column, width in widths.items():
                self._applied[column] = width
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
            # Still short: the title keeps its room and the list scrolls sideways (stretched, it
            # was squeezed to a few letters).
            mode = (
                QHeaderView.ResizeMode.Interactive if excess > 0 else QHeaderView.ResizeMode.Stretch
            )
            if header.sectionResizeMode(self._title) != mode:
                header.setSectionResizeMode(self._title, mode)
            if excess > 0 and header.sectionSize(self._title) != room:
                header.resizeSection(self._title, room)
        finally:
            self._fitting = False
