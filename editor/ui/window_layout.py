"""How the main window is laid out: the layout kept between starts (size, splitters, columns, sort)
and the Tab order through the list, the form's fields and the body.

The window calls these with itself; they only arrange its widgets and never change what it shows.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from editor.ui.article_model import Column
from editor.ui.settings import (
    COLUMN_WIDTHS,
    EDITOR_SPLITTER_STATE,
    SORT_COLUMN,
    SORT_ORDER,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow


def restore_layout(window: MainWindow, settings: Settings) -> None:
    """Put back the layout saved by :func:`save_layout`; first-run defaults where there is none."""
    geometry = settings.get(WINDOW_GEOMETRY)
    if geometry.isEmpty() or not window.restoreGeometry(geometry):
        window.resize(1440, 900)
    state = settings.get(WINDOW_STATE)
    if not state.isEmpty():
        window.restoreState(state)
    splitter = settings.get(SPLITTER_STATE)
    if splitter.isEmpty() or not window.splitter.restoreState(splitter):
        window.splitter.setSizes([560, 880])
    editor_splitter = settings.get(EDITOR_SPLITTER_STATE)
    if editor_splitter.isEmpty() or not window.editor_splitter.restoreState(editor_splitter):
        window.editor_splitter.setSizes([440, 440])
    header = window.list_view.horizontalHeader()
    for column, width in enumerate(settings.get(COLUMN_WIDTHS)[: len(Column) - 1]):
        if width > 16:
            header.resizeSection(column, width)
    column = settings.get(SORT_COLUMN)
    order = Qt.SortOrder.AscendingOrder if settings.get(SORT_ORDER) == 0 else Qt.SortOrder.DescendingOrder
    if 0 <= column < len(Column):
        window.list_view.sortByColumn(column, order)


def save_layout(window: MainWindow, settings: Settings) -> None:
    settings.set(WINDOW_GEOMETRY, window.saveGeometry())
    settings.set(WINDOW_STATE, window.saveState())
    settings.set(SPLITTER_STATE, window.splitter.saveState())
    settings.set(EDITOR_SPLITTER_STATE, window.editor_splitter.saveState())
    header = window.list_view.horizontalHeader()
    settings.set(COLUMN_WIDTHS, [header.sectionSize(column) for column in range(len(Column))])
    settings.set(SORT_COLUMN, header.sortIndicatorSection())
    settings.set(SORT_ORDER, 0 if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder else 1)
    settings.sync()


def chain_tab_order(window: MainWindow) -> None:
    """Tab goes list → the form's fields (in the form's own order) → the body."""
    article = window.session.article
    form = window.form
    editor = form.editor(next(iter(article.current_metadata()), "")) if article else None
    chain: list[QWidget] = [window.list_view]
    widget = editor.focus_chain()[0] if editor is not None and editor.focus_chain() else None
    # The form chains its fields when it builds them; new fields sit at the end of the window's
    # chain, so splice the whole run in after the list.
    tab = Qt.FocusPolicy.TabFocus
    while widget is not None and form.isAncestorOf(widget) and widget not in chain:
        if widget.focusPolicy() & tab and widget.focusProxy() is None:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    chain.append(window.body)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
