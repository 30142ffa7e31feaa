"""``copydesk list --json``: the rows streamed as a JSON array, 256 at a time, the kept JSON text of
a cached or reader-made row written as it is, with the git fields spliced in inside a checkout."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor import desk_git
from editor.cli_rows import RowTexts, write_json_rows, write_kept, write_texts
from editor.core.index import desk_judged_keys, desk_rules
from editor.core.kept_listing import ROW_END
from editor.core.state import now_utc
from editor.core.verdicts import as_of_micros

if TYPE_CHECKING:  # the scan's modules only when it runs: a kept listing's answer needs none
    from editor.core.cached_scan import JsonRow
    from editor.core.index import ArticleSummary
    from editor.core.tree_look import Looked


def list_json(
    root: Path,
    as_of: dt.datetime | None,
    state: str | None,
    use_cache: bool,
    looked: Looked | None = None,
) -> int:
    """``list --json``: rows whose verdict the index cache kept, and rows a reader process made,
    come with their JSON text, which is written as it is (with the git fields spliced in, inside
    a checkout); only ``path``, the state and the text (a row's first, last but one and last
    items) are read from such a row. With the cache, a desk whose tree ``find`` prints as the
    last listing kept it is written from that listing's answer (:mod:`editor.core.warm_snapshot`).
    git is asked first (:class:`desk_git.EarlyGit`, processes of its own) and answers meanwhile:
    while the look waits for ``find``, or while the scan reads the files; without the cache, as
    soon as the scan's readers are forked (or before its first file is read, without them)."""
    begun_ns = time.time_ns()  # before the site's config is read (warm_snapshot.start)
    git = desk_git.EarlyGit(root, now=use_cache)  # without the cache: once the readers are forked
    base = root.resolve()
    moment = as_of if as_of is not None else now_utc()  # one moment for the whole listing
    rules = desk_rules(base) if base.is_dir() else None
    probe = None
    if use_cache and rules is not None:
        from editor.core import warm_snapshot

        keys = tuple(sorted(desk_judged_keys(rules)))
        probe = warm_snapshot.start(
            base, rules, keys, as_of_micros(moment), begun_ns=begun_ns, looked=looked
        )
    try:
        desk = None
        asked = False
        if probe is not None:
            kept = probe.hit()
            desk, asked = git.result(), True
            if kept is not None and write_kept(kept, state, desk):
                return 0
        rows: list[ArticleSummary | JsonRow] = []
        # Without a kept listing to make (no cache), each batch's text is made as it comes,
        # while the readers read the next ones; it is written at the end, as before.
        texts: list[bytes] | None = None if probe is not None else []
        made = RowTexts()
        with _collector_paused(rows):
            for batch in scan_json(
                root, moment, use_cache=use_cache, rules=rules, started=git.start
            ):
                shown = (
                    batch if state is None else [row for row in batch if _state_of(row) == state]
                )
                if texts is None:
                    rows.extend(shown)
                    continue
                if not asked:  # git, started before the first batch, has answered by now
                    desk, asked = git.result(), True
                fields = desk.fields(_paths(shown)) if desk is not None else None
                texts.extend(made.each(shown, fields))
            if texts is not None:
                if not asked:  # no batch: an empty desk
                    desk = git.result()
                write_texts(texts)
                texts.clear()  # (as the rows are: while the collector is off)
                return 0
            if probe is not None and state is None:
                probe.scanned()
            if not asked:
                desk = git.result()
            in_git = desk.fields(_paths(rows)) if desk is not None else None
            write_json_rows(rows, in_git)
            if probe is not None and state is None:
                sys.stdout.flush()  # the answer is out before the next listing's is kept
                probe.keep(rows, desk_git.shared_tail(desk) or ROW_END)
            in_git = None
    finally:
        git.close()
        if probe is not None:
            probe.close()
    return 0


def scan_json(*args: Any, **kwargs: Any) -> Iterator[list[ArticleSummary | JsonRow]]:
    """:func:`listing.scan_json`, imported only when a listing is made: the answer a kept
    listing gives (:func:`cli_rows.write_kept`) needs none of the scan's modules (2-5 ms of a 0.11 s
    warm listing)."""
    from editor.core.listing import scan_json as scan

    return scan(*args, **kwargs)


@contextlib.contextmanager
def _collector_paused(held: list[Any]) -> Iterator[None]:
    """Python's cycle collector off while a listing holds every row: each full collection walks
    all the rows kept so far (0.3 s of a 100,000-row listing's main process), and the rows hold
    no cycles to collect; what the listing frees goes by reference counting as before.

    ``held`` (the rows) is let go before the collector is back on, however the listing ends:
    its first collection would walk every row still held, for nothing (0.05 s at 100,000 rows).
    So is what an exception's frames hold until the command line has answered it (Ctrl-C in a
    cold cached 100k listing: the scan's batches and files still to parse, besides the rows;
    the collector's pass over them was 0.3 s of its end)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException as error:
        import traceback

        traceback.clear_frames(error.__traceback__)  # (a frame still running keeps its own)
        raise
    finally:
        held.clear()
        if collecting:
            gc.enable()


def _state_of(row: ArticleSummary | JsonRow) -> str:
    return row[-2] if isinstance(row, tuple) else row.state


def _paths(rows: Iterable[ArticleSummary | JsonRow]) -> Iterator[str]:
    return (row[0] if type(row) is tuple else row.path for row in rows)  # type: ignore[union-attr]
