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

from editor.core import pool as readers
from editor.core.cache import IndexCache, decode_inputs, decode_profile, file_key
from editor.core.index import (
    ArticleSummary,
    RowFacts,
    desk_judged_keys,
    links_outside,
    outside_link_reason,
    read_facts,
    summary_of_facts,
)
from editor.core.pool import process_pool
from editor.core.site_rules import SiteRules

_STORE_EVERY = 2000  # rows kept per transaction while a big desk is parsed

# (facts, file key or None, cacheable) for a file that had to be parsed
Parsed = tuple[RowFacts, tuple[int, int, int, int] | None, bool]


def parse_files(root: str, paths: list[tuple[str, bool]], keys: frozenset[str]) -> list[Parsed]:
    """Facts of ``(path, is_link)`` files; a link is read only when it stays inside ``root``, and
    never cached (its target can change under an unchanged link). ``keys``: ``index.desk_judged_keys``."""
    results: list[Parsed] = []
    for path, is_link in paths:
        if is_link and links_outside(root, path):
            reason = outside_link_reason(path)
            results.append((RowFacts(readable=False, error=reason), None, False))
            continue
        facts, info, cacheable = read_facts(path, keys)
        key = file_key(info) if info is not None else None
        results.append((facts, key, cacheable and not is_link and key is not None))
    return results


def _facts_of_row(row: tuple[Any, ...]) -> RowFacts:
    readable, title, source, link, enclosure, summary, error, inputs, shape = row[4:]
    return RowFacts(
        bool(readable),
        title,
        source,
        link,
        enclosure,
        summary,
        error,
        decode_inputs(inputs),
        decode_profile(shape),  # shared tuples, as vocabulary.profile shares them
    )


def _summary(
    path: str,
    relpath: str,
    facts: RowFacts,
    key: tuple[int, int, int, int] | None,
    as_of: dt.datetime | None,
    rules: SiteRules,
) -> ArticleSummary:
    """The row, by the page's rules now (the rules and the clock never come from the cache)."""
    mtime_ns, size = (key[1], key[0]) if key else (0, 0)
    if not facts.readable:
        return summary_of_facts(relpath, facts, mtime_ns=mtime_ns, size=size)
    page_rules, language = rules.page_rules(path)  # absolute: the walk starts at a resolved root
    return summary_of_facts(
        relpath,
        facts,
        as_of,
        mtime_ns=mtime_ns,
        size=size,
        rules=page_rules,
        language=language,
    )


def scan_with_cache(
    root: str,
    entries: list[os.DirEntry[str]],
    as_of: dt.datetime | None,
    batch_size: int,
    workers: int,
    cache: IndexCache,
    rules: SiteRules,
) -> Iterator[list[ArticleSummary]]:
    """Batches of rows in path order; unchanged files from ``cache``, the rest parsed (and cached)."""
    started_ns = time.time_ns()
    keys = desk_judged_keys(rules)
    cached = cache.rows()
    cut = len(root) + 1
    # First only sort the files into unchanged ones (their cached row) and ones to parse; the rows
    # are made batch by batch as they are handed out, so a listing never holds them all at once.
    batches: list[list[tuple[str, str, tuple[Any, ...]] | None]] = []
    misses: list[list[tuple[int, str, str, bool]]] = []  # per batch: (slot, relpath, path, is_link)
    listed: set[str] = set()
    for start in range(0, len(entries), batch_size):
        rows: list[tuple[str, str, tuple[Any, ...]] | None] = []
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
                rows.append((path, relpath, row))
        batches.append(rows)
        misses.append(todo)
    gone = [relpath for relpath in cached if relpath not in listed]
    keep = set(relpath for todo in misses for _slot, relpath, _path, _link in todo)
    cached = {relpath: cached[relpath] for relpath in keep if relpath in cached}  # the rest is held
    total = sum(len(todo) for todo in misses)
    pending: list[tuple[str, tuple[int, int, int, int], RowFacts]] = []
    uncacheable: list[str] = []
    try:
        parsed_batches = _parsed_batches(root, misses, workers, total, keys)
        for number, (todo, parsed) in enumerate(zip(misses, parsed_batches, strict=True)):
            hits = batches[number]
            batches[number] = []  # handed out: let it go
            made: list[ArticleSummary | None] = [
                None
                if hit is None
                else _summary(hit[0], hit[1], _facts_of_row(hit[2]), hit[2][:4], as_of, rules)
                for hit in hits
            ]
            for (slot, relpath, path, _link), (facts, key, cacheable) in zip(
                todo, parsed, strict=True
            ):
                made[slot] = _summary(path, relpath, facts, key, as_of, rules)
                if cacheable and key is not None:
                    pending.append((relpath, key, facts))
                elif relpath in cached:
                    uncacheable.append(relpath)
            if len(pending) >= _STORE_EVERY:
                cache.store(pending, started_ns)
                pending = []
            yield made  # type: ignore[misc]  # every slot is filled by now
    finally:
        cache.store(pending, started_ns)
        cache.forget(gone + uncacheable)


def _parsed_batches(
    root: str,
    misses: list[list[tuple[int, str, str, bool]]],
    workers: int,
    total: int,
    keys: frozenset[str],
) -> Iterator[list[Parsed]]:
    """The parse results of each batch's misses, in order; by a process pool when there are many."""
    jobs = [[(path, link) for _slot, _rel, path, link in todo] for todo in misses]
    if workers <= 1 or total < readers.PARALLEL_THRESHOLD:
        for job in jobs:
            yield parse_files(root, job, keys) if job else []
        return
    with process_pool(workers) as pool:
        futures = {
            number: pool.submit(parse_files, root, job, keys)
            for number, job in enumerate(jobs)
            if job and number > 0
        }
        try:
            # The first batch is parsed here while the pool starts.
            yield parse_files(root, jobs[0], keys) if jobs and jobs[0] else []
            for number in range(1, len(jobs)):
                future = futures.get(number)
                yield future.result() if future is not None else []
        finally:
            for future in futures.values():
                future.cancel()
