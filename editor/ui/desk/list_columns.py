"""The article list's column widths: what each column needs for its usual content, its floors when
the list is narrow, and the Git column's width from the texts its rows show.

:class:`editor.ui.desk.column_fit.ColumnFitter` applies them; this module only measures, in the
list's font and the UI language (a translated state word is as long as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from editor.core.state import PublishState
from editor.ui.desk.article_model import Column
from editor.ui.desk.column_fit import ColumnFitter
from editor.ui.desk.git_columns import GIT_FILTERS, git_filter_label
from editor.ui.desk.state_display import state_label

CELL_MARGINS = 8  # a cell's text margins (Qt's delegate asks 6), with a little air
ICON_ROOM = 22  # a row's 16 px icon and the gap after it
HEADER_PADDING = 28  # a header's margins and its sort arrow
# The order in which the columns give up width: the git columns give way first.
SQUEEZE_ORDER = (
    Column.SOURCE,
    Column.LANGUAGE,
    Column.LAST_CHANGE,
    Column.GIT,
    Column.PATH,
    Column.DATE,
    Column.STATE,
)


def bold_metrics(font: QFont) -> QFontMetrics:
    """The metrics of ``font`` in bold: a row with unsaved edits is bold, and its words must fit
    too (the state column sized for the regular weight read "Publish…" on such a row)."""
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


def default_column_widths(
    metrics: QFontMetrics, header_text: Callable[[Column], str], cells: QFontMetrics | None = None
) -> dict[Column, int]:
    """Widths that fit each column's usual content (the title, which stretches, is not among them);
    ``cells``: the metrics the content-sized columns are measured with (bold rows)."""
    padding = HEADER_PADDING
    cells = cells or metrics
    longest_state = max(cells.horizontalAdvance(state_label(state)) for state in PublishState)
    return {
        # The icon and the longest state word, no more (or the header): content-sized.
        Column.STATE: max(
            ICON_ROOM + longest_state + CELL_MARGINS,
            metrics.horizontalAdvance(header_text(Column.STATE)) + padding,
        ),
        # Wide enough for a date with an offset (it cut "2026-03-02 08:00 +0200" off).
        Column.DATE: metrics.horizontalAdvance("2026-12-31 23:59 +0000") + padding,
        Column.SOURCE: metrics.horizontalAdvance("Meridian Business Desk") + padding // 2,
        Column.PATH: metrics.horizontalAdvance("world/story-name.md") + padding // 2,
        Column.GIT: metrics.horizontalAdvance("Modified, Committed, not pushed") + padding // 2,
        Column.LAST_CHANGE: metrics.horizontalAdvance("Chidi Okafor, 12 days ago") + padding // 2,
        Column.LANGUAGE: metrics.horizontalAdvance("Language") + padding,
    }


def list_fitter(view: QTableView, header_text: Callable[[Column], str]) -> ColumnFitter:
    """Size ``view``'s columns to their defaults and fit them to the list from now on.

    Built before the hidden columns are hidden, so that it keeps their widths (a hidden section
    measures 0). The state keeps its icon and its longest word ("Pu…" said nothing), the date
    its date; an empty column goes down to its header, then past it."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    bold = bold_metrics(view.font())  # an edited row is bold: its words must fit too
    widths = default_column_widths(metrics, header_text, bold)
    for column, width in widths.items():
        header.resizeSection(column, width)

    def header_width(column: Column) -> int:
        return metrics.horizontalAdvance(header_text(column)) + HEADER_PADDING

    return ColumnFitter(
        view,
        Column.TITLE,
        SQUEEZE_ORDER,
        {
            Column.STATE: widths[Column.STATE],
            Column.SOURCE: header_width(Column.SOURCE),
            Column.LANGUAGE: metrics.horizontalAdvance("zh-hant") + 16,  # a code, not the header
            Column.LAST_CHANGE: header_width(Column.LAST_CHANGE),
            Column.GIT: header_width(Column.GIT),
            Column.PATH: metrics.horizontalAdvance("world/…") + 28,
            Column.DATE: date_width(bold),
        },
        {Column.DATE: header_width(Column.DATE)},
        kept=(Column.STATE, Column.DATE, Column.GIT),
    )


def date_width(metrics: QFontMetrics) -> int:
    """A date without an offset (the Date column's floor, and its width when no row's date shows
    an offset: it kept room for "+0200" on desks of UTC dates)."""
    return metrics.horizontalAdvance("2026-12-31 23:59") + CELL_MARGINS


def git_widths(metrics: QFontMetrics, texts: Iterable[str]) -> tuple[int, int] | None:
    """The Git column's content width (its longest text) and floor (the longest word of any git
    state, or the content if less: "Con…" said nothing); None when no row has a text. Measured
    with ``metrics``: :func:`bold_metrics` of the list's font, for the rows with unsaved edits."""
    shown = [text for text in texts if text]
    if not shown:
        return None
    content = max(metrics.horizontalAdvance(text) for text in shown) + CELL_MARGINS
    words = {word for name in GIT_FILTERS for word in git_filter_label(name).split()}
    # With room for the "…" after it: "Committed, not pushed" cut to its first word read
    # "Committe…" in a column as wide as "Committed,".
    longest_word = max(metrics.horizontalAdvance(word) for word in words)
    floor = longest_word + metrics.horizontalAdvance("…") + CELL_MARGINS
    return content, min(content, floor)
