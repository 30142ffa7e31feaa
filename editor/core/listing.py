"""Listing a desk: every article's row, in batches, from the index cache where nothing changed, by
a pool of processes where much must be parsed.

The rows themselves are :mod:`editor.core.index`'s (how one file becomes a row); this module only
decides where the work happens, so the index never imports the cache or the pool (no import cycle).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core import pool
from editor.core.index import (
    ArticleSummary,
    _summarize_chunk,
    desk_judged_keys,
    desk_rules,
    summarize,
)
from editor.core.packed_rows import (
    adopt_rules,
    from_reader,
    json_rows,
    json_with_adopted,
    summarize_with_adopted,
    unpack,
)
from editor.core.pool import ctrl_c_held, process_pool, usable_cores
from editor.core.site_rules import SiteRules
from editor.core.state import now_utc
from editor.core.walk import _desk_entries, _iter_desk_entries, regular_flags

if TYPE_CHECKING:  # the process pool (and multiprocessing) load with the first big listing
    from concurrent.futures import Future, ProcessPoolExecutor

    from editor.core.forked_pool import Answer, ForkedReaders

    Readers = ProcessPoolExecutor | ForkedReaders

    from editor.core.cached_scan import JsonRow  # (and the cache with the first listing by it)


def scan(
    root: Path | str,
    as_of: dt.datetime | None = None,
    batch_size: int = 256,
    workers: int | None = None,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    rules: SiteRules | None = None,
) -> Iterator[list[ArticleSummary]]:
    """Summaries of every article below ``root``, in batches (in path order) so a UI can show progress.

    With the index cache (:mod:`editor.core.cache`; ``use_cache=False`` for none, ``cache_dir`` to
    put it elsewhere than the user cache folder), a file that did not change since the last listing
    costs a ``stat``; only the others are parsed. Many files to parse are read by a pool of processes
    (``workers``, default: one per core, at most 4): parsing is CPU-bound, so threads would not help.
    """
    return _scan(root, as_of, batch_size, workers, use_cache, cache_dir, rules, as_json=False)


def scan_searched(
    root: Path | str,
    as_of: dt.datetime | None = None,
    batch_size: int = 256,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    rules: SiteRules | None = None,
    raw_kept: bool = False,
) -> Iterator[tuple[list[Any], list[str | None]]]:
    """:func:`scan` for the window: each batch with its rows' search texts
    (:func:`editor.core.row_search.search_words`) where the index cache kept them, None where a
    file was parsed now, so a warm launch does not make 100,000 of them again. A row the cache
    kept comes without its summary, source link and cover link (the list shows none of them; the
    summary's words are in the search text). ``raw_kept`` (the launch scan's child process,
    :mod:`editor.core.scan_child`): such a row comes as the cache's tuple, for
    :func:`~editor.core.cached_scan.kept_summary` to make into the same summary elsewhere."""
    for batch in _scan(
        root,
        as_of,
        batch_size,
        None,
        use_cache,
        cache_dir,
        rules,
        as_json=False,
        searched=True,
        raw_kept=raw_kept,
    ):
        yield batch if type(batch) is tuple else (batch, [None] * len(batch))


def scan_json(
    root: Path | str,
    as_of: dt.datetime | None = None,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    rules: SiteRules | None = None,
    started: Callable[[], None] | None = None,
) -> Iterator[list[ArticleSummary | JsonRow]]:
    """:func:`scan` for ``list --json``: a row whose verdict the cache kept comes as a
    :data:`~editor.core.cached_scan.JsonRow`, its JSON text ready, not as a summary. ``rules``:
    the desk's, when the caller read them already. ``started``: called once a scan without the
    cache has forked its readers, or is about to read its first file without them (what the
    caller starts then, git's processes, does not delay the readers' start)."""
    return _scan(root, as_of, 256, None, use_cache, cache_dir, rules, as_json=True, started=started)


def _scan(
    root: Path | str,
    as_of: dt.datetime | None,
    batch_size: int,
    workers: int | None,
    use_cache: bool,
    cache_dir: Path | None,
    rules: SiteRules | None,
    *,
    as_json: bool,
    searched: bool = False,
    raw_kept: bool = False,
    started: Callable[[], None] | None = None,
) -> Iterator[Any]:
    base = Path(root).resolve()
    if base.is_file():
        yield [summarize(base.parent, base, as_of)]
        return
    if as_of is None:  # one moment for the whole listing (and one clock read, not one per row)
        as_of = now_utc()
    root_text = str(base)
    if rules is None or rules.desk_root != base:  # the desk's own (DeskRules), else read now
        rules = desk_rules(base)
    count = workers if workers is not None else min(usable_cores(), 4)
    if not use_cache:  # parsed as the walk goes: a big desk's readers start before it ends
        yield from _scan_walking(
            root_text,
            _iter_desk_entries(base, rules.site),
            as_of,
            batch_size,
            count,
            rules,
            as_json,
            started,
        )
        return
    # Only a listing through the cache needs it (sqlite3 and the cache's modules: ~4 ms).
    from editor.core.cache import IndexCache
    from editor.core.cached_scan import scan_with_cache, walked_files

    entries: list[Any] = (
        walked_files(_iter_desk_entries(base, rules.site))  # the child: its peak is the walk's
        if raw_kept
        else _desk_entries(base, rules.site)
    )
    cache = None
    if entries:
        cache = IndexCache.open_for(base, cache_dir, tuple(sorted(desk_judged_keys(rules))))
    if cache is None:
        yield from _scan_walking(
            root_text, iter(entries), as_of, batch_size, count, rules, as_json, started
        )
        return
    with cache:
        yield from scan_with_cache(
            root_text,
            entries,
            as_of,
            batch_size,
            count,
            cache,
            rules,
            as_json=as_json,
            searched=searched,
            raw_kept=raw_kept,
        )


Chunk = tuple[list[str], list[bool]]  # paths, and whether the walk saw each as a regular file


def _scan_walking(
    root: str,
    walk: Iterator[os.DirEntry[str]],
    as_of: dt.datetime | None,
    batch_size: int,
    workers: int,
    rules: SiteRules,
    as_json: bool = False,
    started: Callable[[], None] | None = None,
) -> Iterator[list[Any]]:
    """Every file of ``walk`` parsed, without the cache: here when they are fewer than
    ``pool.PARALLEL_THRESHOLD``, else by a pool of readers started as soon as the walk has found
    that many, each batch handed to them as the walk fills it (measured: the walk of 100,000 files
    takes 0.3 s, a spawned reader 0.15 s to start). ``as_json`` (``list --json``, no window to
    yield to): the readers are forked where they can be, run at the listing's priority and their
    rows come as
    :data:`~editor.core.packed_rows.JsonRow` where they can (:func:`packed_rows.json_rows`).
    ``started``: see :func:`scan_json`."""
    chunks: list[Chunk] = []
    batch: list[os.DirEntry[str]] = []
    readers: Readers | None = None
    futures: list[Future[list[Any]] | Answer] = []
    task = json_with_adopted if as_json else summarize_with_adopted
    threshold = _pool_threshold(workers, as_json)
    try:
        for entry in walk:
            batch.append(entry)
            if len(batch) < batch_size:
                continue
            chunks.append(_chunk(batch))
            batch = []
            if readers is None and threshold is not None and len(chunks) * batch_size >= threshold:
                readers = process_pool(
                    workers, adopt_rules, rules, polite=not as_json, forked=as_json
                )
                futures = [_submit(readers, task, root, chunk, as_of) for chunk in chunks[1:]]
                if started is not None:
                    started()
            elif readers is not None:
                futures.append(_submit(readers, task, root, chunks[-1], as_of))
        if batch:
            chunks.append(_chunk(batch))
            if readers is not None:
                futures.append(_submit(readers, task, root, chunks[-1], as_of))
        total = (len(chunks) - 1) * batch_size + len(chunks[-1][0]) if chunks else 0
        if readers is None and threshold is not None and total >= threshold:
            readers = process_pool(workers, adopt_rules, rules, polite=not as_json, forked=as_json)
            futures = [_submit(readers, task, root, chunk, as_of) for chunk in chunks[1:]]
            if started is not None:
                started()
        received = from_reader if as_json else unpack
        if readers is None:
            if started is not None:
                started()
            for paths, flags in chunks:
                yield _here(root, paths, as_of, rules, flags, as_json)
            return
        # The first batch is read here while the readers start, so the first rows come as fast
        # as with one process. The readers send their rows back as tuples (packed_rows).
        yield _here(root, chunks[0][0], as_of, rules, chunks[0][1], as_json)
        del chunks[:]
        for future in futures:
            yield [received(packed) for packed in future.result()]
    except BaseException:
        if readers is not None:
            pool.stop(readers)  # a listing stopped: its readers too, now (see there)
            readers = None
        raise
    finally:
        if readers is not None:
            readers.shutdown(wait=True)


def _here(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    rules: SiteRules,
    flags: list[bool],
    as_json: bool,
) -> list[Any]:
    """The rows of a batch read in this process: for ``list --json`` as a reader makes them (the
    usual article's JSON text in one call, :mod:`editor.core.plain_rows`), else summaries."""
    if as_json:
        return [from_reader(row) for row in json_rows(root, paths, as_of, rules, flags)]
    return _summarize_chunk(root, paths, as_of, rules, flags)


def _pool_threshold(workers: int, as_json: bool) -> int | None:
    """How many files to parse make the readers start (None: one process, however many).
    ``list --json``'s readers are forked where they can be (:func:`pool.can_fork`): they cost a
    few milliseconds to start, not a new interpreter, so they pay from fewer files."""
    if workers <= 1:
        return None
    if as_json and pool.can_fork():
        return min(pool.PARALLEL_THRESHOLD, pool.FORKED_THRESHOLD)
    return pool.PARALLEL_THRESHOLD


def _chunk(entries: list[os.DirEntry[str]]) -> Chunk:
    return [entry.path for entry in entries], regular_flags(entries)


def _submit(
    readers: Readers,
    task: Callable[..., list[Any]],
    root: str,
    chunk: Chunk,
    as_of: dt.datetime | None,
) -> Future[list[Any]] | Answer:
    with ctrl_c_held():  # a spawned pool starts its readers as it is handed tasks (see there)
        return readers.submit(task, root, chunk[0], as_of, chunk[1])


def scan_all(
    root: Path | str,
    as_of: dt.datetime | None = None,
    workers: int | None = None,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
) -> list[ArticleSummary]:
    return [
        row
        for batch in scan(root, as_of, workers=workers, use_cache=use_cache, cache_dir=cache_dir)
        for row in batch
    ]
