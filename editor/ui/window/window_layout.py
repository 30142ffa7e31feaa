"""How the main window is laid out: its two side-by-side splitters, the layout kept between starts
(size, splitters, columns, sort) and the Tab order through the list, the form's fields and the body.

The window hands over the widgets concerned (:class:`LayoutParts`); these functions only arrange
them and never change what they show.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QWidget

from editor.ui.common.settings import (
    COLUMN_WIDTHS,
    EDITOR_SPLITTER_STATE,
    SORT_COLUMN,
    SORT_ORDER,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from editor.ui.desk.article_model import Column
from editor.ui.desk.column_fit import AUTO_WIDTH

# Shown by the desk (inside a git checkout: GitWiring → ArticleList.set_git_shown; the language on
# a multilingual site), never by a layout saved on another desk: their width is kept, their
# visibility is the desk's.
DESK_COLUMNS = (Column.GIT, Column.LAST_CHANGE, Column.LANGUAGE)
FIRST_RUN_SCREEN_SHARE = 0.85  # of the screen's available area, on a first start
LIST_SHARE = (0.35, 0.55)  # the list's share of the window on a first start: at least, at most
FORM_SHARE = (
    0.55  # of what the list leaves: the form's fields need a little more than the body's text
)
# On a narrow first window (1170 px: the body got 230 px, a few words a line) the list gives way
# first, down to its least share, so that the form and the rendered body keep these many pixels.
FORM_ROOM = 320
BODY_ROOM = 320


class LayoutParts(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """The widgets whose arrangement is kept between starts."""

    window: QMainWindow
    list_view: QTableView
    splitter: QSplitter  # list | editor
    editor_splitter: QSplitter  # form | body
    list_width: Callable[[], int]  # the width the list's columns want
    column_widths: Callable[[], list[int]]  # as the person set them (not narrowed to fit)


def side_by_side(
    name: str, first: QWidget, second: QWidget, stretch: tuple[int, int], parent: QWidget
) -> QSplitter:
    """Two panes side by side (list | editor, form | body) that the person can resize but never
    collapse to nothing; ``stretch``: how they share a change of the window's width."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    return splitter


def restore_layout(parts: LayoutParts, settings: Settings) -> None:
    """Put back the layout saved by :func:`save_layout`; first-run defaults where there is none.

    Column widths are saved as a list with 0 for a hidden column and AUTO_WIDTH for one whose
    width the person never set; the title's width is not used (it stretches)."""
    window = parts.window
    geometry = settings.get(WINDOW_GEOMETRY)
    if geometry.isEmpty() or not window.restoreGeometry(geometry):
        _first_run_geometry(window)
    state = settings.get(WINDOW_STATE)
    if not state.isEmpty():
        window.restoreState(state)
    header = parts.list_view.horizontalHeader()
    for column, width in enumerate(settings.get(COLUMN_WIDTHS)[: len(Column)]):
        if column == Column.TITLE:
            continue  # it takes what the others leave
        if width == 0:  # saved while hidden
            header.hideSection(column)
        elif width == AUTO_WIDTH:  # shown, at the width its content asks for
            if column not in DESK_COLUMNS:
                header.showSection(column)
        elif width > 16:
            hidden = header.isSectionHidden(column)
            header.showSection(column)
            header.resizeSection(column, width)  # shown, so that the list keeps it as preferred
            if hidden and column in DESK_COLUMNS:
                header.hideSection(column)
    main_sizes, editor_sizes = first_run_splitter_sizes(parts.list_width(), window.width())
    splitter = settings.get(SPLITTER_STATE)
    if splitter.isEmpty() or not parts.splitter.restoreState(splitter):
        parts.splitter.setSizes(main_sizes)
    editor_splitter = settings.get(EDITOR_SPLITTER_STATE)
    if editor_splitter.isEmpty() or not parts.editor_splitter.restoreState(editor_splitter):
        parts.editor_splitter.setSizes(editor_sizes)
    column = settings.get(SORT_COLUMN)
    order = (
        Qt.SortOrder.AscendingOrder
        if settings.get(SORT_ORDER) == 0
        else Qt.SortOrder.DescendingOrder
    )
    if 0 <= column < len(Column):
        parts.list_view.sortByColumn(column, order)


def first_run_splitter_sizes(wanted_list_width: int, width: int) -> tuple[list[int], list[int]]:
    """Pixel sizes for list | editor and form | body in a window ``width`` wide: the list gets what
    its columns want (within LIST_SHARE, and leaving FORM_ROOM + BODY_ROOM where it can); the form
    and the body share the rest, the body keeping BODY_ROOM.

    In pixels, not proportions: before the window is shown the splitters have no sizes to scale."""
    low, high = (round(width * share) for share in LIST_SHARE)
    list_width = min(max(wanted_list_width, low), high)
    room = width - FORM_ROOM - BODY_ROOM  # what the list can have with the editor's room kept
    if room >= low:
        list_width = min(list_width, room)
    rest = width - list_width
    form = round(rest * FORM_SHARE)
    if rest - form < BODY_ROOM <= rest - FORM_ROOM:
        form = rest - BODY_ROOM
    return [list_width, rest], [form, rest - form]


def _first_run_geometry(window: QMainWindow) -> None:
    """Most of the screen, centred: room for the list's columns, the form and the body side by side."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 800)
        return
    area = screen.availableGeometry()
    size = QSize(
        round(area.width() * FIRST_RUN_SCREEN_SHARE), round(area.height() * FIRST_RUN_SCREEN_SHARE)
    )
    window.resize(size)
    frame = QRect(QPoint(), size)
    frame.moveCenter(area.center())
    window.move(frame.topLeft())


def save_layout(parts: LayoutParts, settings: Settings) -> None:
    settings.set(WINDOW_GEOMETRY, parts.window.saveGeometry())
    settings.set(WINDOW_STATE, parts.window.saveState())
    settings.set(SPLITTER_STATE, parts.splitter.saveState())
    settings.set(EDITOR_SPLITTER_STATE, parts.editor_splitter.saveState())
    header = parts.list_view.horizontalHeader()
    settings.set(COLUMN_WIDTHS, parts.column_widths())  # the person's widths, not the narrowed ones
    settings.set(SORT_COLUMN, header.sortIndicatorSection())
    settings.set(SORT_ORDER, 0 if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder else 1)
    settings.sync()


def chain_tab_order(list_view: QWidget, fields: Iterable[QWidget], body: QWidget) -> None:
    """Tab goes list → the form's fields (in the form's own order) → the body."""
    # New fields sit at the end of the window's chain: the whole run is spliced in after the list.
    # The form's own list, not a walk of the focus chain: linear, however many keys an article has.
    chain: list[QWidget] = [list_view, *fields, body]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
