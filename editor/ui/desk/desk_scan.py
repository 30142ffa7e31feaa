"""The folder scan that fills the list from a worker thread (what to list for a path is
``editor.core.site.desk_for``)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from editor.core.listing import scan_searched
from editor.core.row_columns import RowBatch, join, prepare
from editor.core.scan_child import PAUSE_EVERY, ScanChild, ScanChildError
from editor.core.site_rules import SiteRules
from editor.ui.common.gui_turns import GuiTurns

SCAN_BATCH = (
    512  # the GUI merges what arrived in big steps (desk_feed), so batches need not be small
)


def _prepared(summaries: Sequence[Any], search: Sequence[str | None], turns: GuiTurns) -> RowBatch:
    """:func:`prepare` of a batch in slices of PAUSE_EVERY rows, stepping aside between them
    while the GUI thread is busy (:class:`GuiTurns`)."""
    if len(summaries) <= PAUSE_EVERY:
        turns.wait()
        return prepare(summaries, search)
    parts = []
    for start in range(0, len(summaries), PAUSE_EVERY):
        turns.wait()
        end = start + PAUSE_EVERY
        parts.append(prepare(summaries[start:end], search[start:end]))
    return join(parts)


def scan_desk(
    root: Path,
    batch_size: int = SCAN_BATCH,
    rules: SiteRules | None = None,
    child: ScanChild | None = None,
    turns: GuiTurns | None = None,
) -> Iterator[RowBatch]:
    """The rows of every article below ``root`` in batches, with their columns made here (search
    texts, sort keys: :func:`row_columns.prepare`) rather than on the GUI thread (a worker runs
    this), judged by the desk's ``rules`` (the window's :class:`DeskRules`, so the rows of files
    it saves later say the same). Big desks are parsed in other processes by ``index.scan``, which keeps
    this thread, and so the GIL the GUI thread needs for every row it paints, mostly idle.

    ``child``: the launch's scan, started in a process of its own before the window
    (:mod:`editor.core.scan_child`); its rows are taken when it lists ``root`` by the same
    rules, else it is stopped and the scan is made here. It is stopped when this ends, however
    it ends. A child that ends before its first rows (killed, or it could not start Python) is
    replaced by the scan made here, unless the window stopped it (the scan was cancelled); its
    errors are the scan's.

    ``turns``: the GUI thread's busy turns, which the rows' making here steps aside for."""
    turns = turns if turns is not None else GuiTurns()
    base = Path(root).resolve()
    if child is not None:
        delivered = 0
        try:
            if rules is not None and child.matches(base, rules.site):
                for item in child.batches(turns.wait):
                    # a kept launch's rows come ready (scan_child.unpack_ready)
                    yield item if type(item) is RowBatch else _prepared(*item, turns)
                    delivered += 1
                    time.sleep(0)
                return
            if child.stopped:
                return  # the window stopped it meanwhile: this scan was cancelled
        except ScanChildError:
            if delivered or child.stopped:
                raise
        finally:
            child.stop()
    for batch, search in scan_searched(base, batch_size=batch_size, rules=rules):
        turns.wait()
        yield prepare(batch, search)  # the search texts the index cache kept are not made again
        time.sleep(0)  # let the GUI thread take the GIL between batches
