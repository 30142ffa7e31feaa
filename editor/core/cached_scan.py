"""The desk scan through the index cache: stat every file, parse only the ones that changed.

Split from :mod:`editor.core.index` (which owns what a row is) so that each stays small. The rows are
made by ``index.summary_of_facts`` whether the facts come from the cache or from a parse, so a cached
row cannot differ from a parsed one, and the state is always computed now, from the raw values.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from typing import Any

from editor.core.cache import IndexCache, decode_inputs, file_key
from editor.core.index import (
    OUTSIDE_LINK,
    PARALLEL_THRESHOLD,
    ArticleSummary,
    RowFacts,
    links_outside,
    process_pool,
    read_facts,
    summary_of_facts,
)

_STORE_EVERY = 2000  # rows kept per transaction while a big desk is parsed

# (facts, file key or None, cacheable) for a file that had to be parsed
Parsed = tuple[RowFacts, tuple[int, int, int, int] | None, bool]


def parse_files(root: str, paths: list[tuple[str, bool]]) -> list[Parsed]:
    """Facts of ``(path, is_link)`` files; a link is read only when it stays inside ``root``, and
    never cached (its target can change under an unchanged link)."""
    results: list[Parsed] = []
    for path, is_link in paths:
        if is_link and links_outside(root, path):
            results.append((RowFacts(readable=False, error=OUTSIDE_LINK), None, False))
            continue
        facts, info, cacheable = read_facts(path)
        key = file_key(info) if info is not None else None
        results.append((facts, key, cacheable and not is_link and key is not None))
    return results


def _row_summary(relpath: str, row: tuple[Any, ...], as_of: dt.datetime | None) -> ArticleSummary:
    (
        size,
        mtime_ns,
        _ino,
        _ctime,
        readable,
        title,
        source,
        link,
        enclosure,
        summary,
        error,
        inputs,
    ) = row
    facts = RowFacts(
        bool(readable), title, source, link, enclosure, summary, error, decode_inputs(inputs)
    )
    return summary_of_facts(relpath, facts, as_of, mtime_ns=mtime_ns, size=size)


def scan_with_cache(
    root: str,
    entries: list[os.DirEntry[str]],
    as_of: dt.datetime | None,
    batch_size: int,
    workers: int,
    cache: IndexCache,
) -> Iterator[list[ArticleSummary]]:
    """Batches of rows in path order; unchanged files from ``cache``, the rest parsed (and cached)."""
    started_ns = time.time_ns()
    cached = cache.rows()
    cut = len(root) + 1
    batches: list[list[ArticleSummary | None]] = []
    misses: list[list[tuple[int, str, str, bool]]] = []  # per batch: (slot, relpath, path, is_link)
    listed: set[str] = set()
    for start in range(0, len(entries), batch_size):
        rows: list[ArticleSummary | None] = []
        todo: list[tuple[int, str, str, bool]] = []
        for slot, entry in enumerate(entries[start : start + batch_size]):
            path = entry.path
            relpath = path[cut:].replace(os.sep, "/")
            listed.add(relpath)
            row = None if entry.is_symlink() else cached.get(relpath)
            if row is not None:
                try:
                    info = entry.stat()
                except OSError:
                    row = None
                else:
                    if row[:4] != (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns):
                        row = None
            if row is None:
                rows.append(None)
                todo.append((slot, relpath, path, entry.is_symlink()))
            else:
                rows.append(_row_summary(relpath, row, as_of))
        batches.append(rows)
        misses.append(todo)
    gone = [relpath for relpath in cached if relpath not in listed]
    total = sum(len(todo) for todo in misses)
    pending: list[tuple[str, tuple[int, int, int, int], RowFacts]] = []
    uncacheable: list[str] = []
    try:
        for rows, todo, parsed in zip(
            batches, misses, _parsed_batches(root, misses, workers, total), strict=True
        ):
            for (slot, relpath, _path, _link), (facts, key, cacheable) in zip(
                todo, parsed, strict=True
            ):
                rows[slot] = summary_of_facts(
                    relpath,
                    facts,
                    as_of,
                    mtime_ns=key[1] if key else 0,
                    size=key[0] if key else 0,
                )
                if cacheable and key is not None:
                    pending.append((relpath, key, facts))
                elif relpath in cached:
                    uncacheable.append(relpath)
            if len(pending) >= _STORE_EVERY:
                cache.store(pending, started_ns)
                pending = []
            yield rows  # type: ignore[misc]  # every slot is filled by now
    finally:
        cache.store(pending, started_ns)
        cache.forget(gone + uncacheable)


def _parsed_batches(
    root: str, misses: list[list[tuple[int, str, str, bool]]], workers: int, total: int
) -> Iterator[list[Parsed]]:
    """The parse results of each batch's misses, in order; by a process pool when there are many."""
    jobs = [[(path, link) for _slot, _rel, path, link in todo] for todo in misses]
    if workers <= 1 or total < PARALLEL_THRESHOLD:
        for job in jobs:
            yield parse_files(root, job) if job else []
        return
    with process_pool(workers) as pool:
        futures = {
            index: pool.submit(parse_files, root, job)
            for index, job in enumerate(jobs)
            if job and index > 0
        }
        try:
            # The first batch is parsed here while the pool starts.
            yield parse_files(root, jobs[0]) if jobs and jobs[0] else []
            for index in range(1, len(jobs)):
                future = futures.get(index)
                yield future.result() if future is not None else []
        finally:
            for future in futures.values():
                future.cancel()
