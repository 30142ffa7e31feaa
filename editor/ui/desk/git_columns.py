"""The list's Git and Last change columns: cells computed once per git refresh, joined to rows by path.

The desk's git state arrives as one snapshot (from :mod:`editor.ui.desk.git_desk`, computed on a
worker); :func:`cells_of` turns it into one :class:`GitCell` per path, and :class:`GitColumns`, mixed
into the article model, answers ``data()`` for the two columns from that dict, so a repaint never
runs git or formats a date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt

from editor.core.git_status import Change, DeskStatus, FileState

GIT_FILTERS = ("conflicted", "incoming", "modified", "new", "untracked", "unpushed")


def git_filter_label(name: str) -> str:
    words = {
        "conflicted": QCoreApplication.translate("GitColumns", "Conflicted"),
        "incoming": QCoreApplication.translate("GitColumns", "Changed on the remote"),
        "modified": QCoreApplication.translate("GitColumns", "Modified"),
        "new": QCoreApplication.translate("GitColumns", "New (staged)"),
        "untracked": QCoreApplication.translate("GitColumns", "Untracked"),
        "unpushed": QCoreApplication.translate("GitColumns", "Committed, not pushed"),
        "deleted": QCoreApplication.translate("GitColumns", "Deleted"),
        "clean": "",
    }
    return words.get(name, name)


def relative_time(moment: int, now: float) -> str:
    """ "just now", "5 min ago", "3 h ago", "2 days ago", then the date."""
    seconds = max(0, int(now - moment))
    if seconds < 60:
        return QCoreApplication.translate("GitColumns", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("GitColumns", "{0} min ago").format(seconds // 60)
    if seconds < 86400:
        return QCoreApplication.translate("GitColumns", "{0} h ago").format(seconds // 3600)
    if seconds < 86400 * 30:
        days = seconds // 86400
        return (
            QCoreApplication.translate("GitColumns", "1 day ago")
            if days == 1
            else QCoreApplication.translate("GitColumns", "{0} days ago").format(days)
        )
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%d")


class GitCell(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What the two columns show for one path, and what the filter matches."""

    state_text: str
    states: frozenset[str]  # the filter names that match (e.g. {"modified", "unpushed"})
    last_text: str
    last_tip: str
    state_sort: int
    last_sort: int  # the change's time; 0 when never committed
    incoming: Change | None = None
    last_author: str = ""  # who made the last change: its text is made again as time passes


_STATE_SORT = {name: number for number, name in enumerate(GIT_FILTERS)}


def cells_of(
    status: DeskStatus,
    changes: dict[str, Change],
    incoming: dict[str, Change],
    paths: Iterable[str],
    now: float,
) -> dict[str, GitCell]:
    """One cell per path (run on a worker: pure data, no widgets). Texts are made once per commit
    and once per combination of states: 50,000 rows share a few thousand of each."""
    labels = {name: git_filter_label(name) for name in (*GIT_FILTERS, "deleted")}
    by_commit: dict[str, tuple[str, str]] = {}
    by_states: dict[tuple[FileState, bool, bool], tuple[str, frozenset[str], int]] = {}
    cells = {}
    for path in paths:
        state = status.state_of(path)
        coming = incoming.get(path)
        combination = (state, path in status.unpushed, coming is not None)
        shown = by_states.get(combination)
        if shown is None:
            names = {state.value} if state is not FileState.CLEAN else set()
            if combination[1]:
                names.add("unpushed")
            if combination[2]:
                names.add("incoming")
            words = [labels[name] for name in GIT_FILTERS if name in names]
            if state is FileState.DELETED:
                words.insert(0, labels["deleted"])
            order = min((_STATE_SORT.get(name, 99) for name in names), default=99)
            shown = by_states[combination] = (", ".join(words), frozenset(names), order)
        change = changes.get(path)
        last_text = last_tip = ""
        if change is not None:
            texts = by_commit.get(change.commit)
            if texts is None:
                when = dt.datetime.fromtimestamp(change.time, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
                texts = by_commit[change.commit] = (
                    last_change_text(change.author, change.time, now),
                    f"{change.author} <{change.email}>, {when}\n{change.subject}",
                )
            last_text, last_tip = texts
        cells[path] = GitCell(
            shown[0],
            shown[1],
            last_text,
            last_tip,
            shown[2],
            change.time if change else 0,
            coming,
            change.author if change else "",
        )
    return cells


def last_change_text(author: str, moment: int, now: float) -> str:
    """The Last change cell: "Alice, 5 min ago"."""
    return f"{author}, {relative_time(moment, now)}"


def retimed(cells: dict[str, GitCell], now: float) -> dict[str, GitCell] | None:
    """The cells with their Last change text made again for ``now`` ("just now" becomes "5 min
    ago" while the window stays open); None when no text changed. No git: the time is in the cell.
    One text per distinct author and time, as in :func:`cells_of`."""
    texts: dict[tuple[str, int], str] = {}
    fresh: dict[str, GitCell] | None = None
    for path, cell in cells.items():
        if not cell.last_sort or not cell.last_author:
            continue
        key = (cell.last_author, cell.last_sort)
        text = texts.get(key)
        if text is None:
            text = texts[key] = last_change_text(cell.last_author, cell.last_sort, now)
        if text != cell.last_text:
            if fresh is None:
                fresh = dict(cells)
            fresh[path] = cell._replace(last_text=text)
    return fresh


def git_counts(cells: dict[str, GitCell]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for cell in cells.values():
        counts.update(cell.states)
    return counts


class GitColumns:
    """Mixed into the article model: the two git columns' data from a dict of cells by path."""

    _git_cells: dict[str, GitCell]
    _git_counts: Counter[str]

    def git_cells(self) -> dict[str, GitCell]:
        return self._git_cells

    def git_counts(self) -> Counter[str]:
        """How many rows match each git filter (counted on the worker with the cells)."""
        return self._git_counts

    def git_cell(self, path: str) -> GitCell | None:
        return self._git_cells.get(path)

    def git_data(self, path: str, last_change_column: bool, role: int) -> Any:
        cell = self._git_cells.get(path)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.last_text if last_change_column else cell.state_text
        if role == Qt.ItemDataRole.ToolTipRole:
            if last_change_column:
                return cell.last_tip or None
            if cell.incoming is not None:
                return QCoreApplication.translate(
                    "GitColumns", "Changed on the remote by {0}: pull first"
                ).format(cell.incoming.author)
            return cell.state_text or None
        return None

    def git_sort_key(self, path: str, last_change_column: bool) -> Any:
        cell = self._git_cells.get(path)
        if cell is None:
            return 0 if last_change_column else 99
        return cell.last_sort if last_change_column else cell.state_sort

    def git_states(self, path: str) -> frozenset[str]:
        cell = self._git_cells.get(path)
        return cell.states if cell is not None else frozenset()
