"""Listing a desk: every article's row, in batches, from the index cache where nothing changed, by
a pool of processes where much must be parsed.

The rows themselves are :mod:`editor.core.index`'s (how one file becomes a row); this module only
decides where the work happens, so the index never imports the cache or the pool (no import cycle).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from editor.core import pool
from editor.core.cache import IndexCache
from editor.core.cached_scan import scan_with_cache
from editor.core.index import (
    ArticleSummary,
    _desk_entries,
    _summarize_chunk,
    desk_judged_keys,
    desk_rules,
    regular_flags,
    summarize,
)
from editor.core.packed_rows import summarize_packed, unpack
from editor.core.pool import process_pool
from editor.core.site_rules import SiteRules
from editor.core.state import now_utc


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
    base = Path(root).resolve()
    if base.is_file():
        yield [summarize(base.parent, base, as_of)]
        return
    if as_of is None:  # one moment for the whole listing (and one clock read, not one per row)
        as_of = now_utc()
    root_text = str(base)
    if rules is None or rules.desk_root != base:  # the desk's own (DeskRules), else read now
        rules = desk_rules(base)
    entries = _desk_entries(base, rules.site)
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    cache = None
    if use_cache and entries:
        cache = IndexCache.open_for(base, cache_dir, tuple(sorted(desk_judged_keys(rules))))
    if cache is None:
        paths = [entry.path for entry in entries]
        regular = regular_flags(entries)
        starts = range(0, len(paths), batch_size)
        chunks = [
            (paths[start : start + batch_size], regular[start : start + batch_size])
            for start in starts
        ]
        if count <= 1 or len(paths) < pool.PARALLEL_THRESHOLD:
            for chunk, flags in chunks:
                yield _summarize_chunk(root_text, chunk, as_of, rules, flags)
            return
        yield from _scan_parallel(root_text, chunks, as_of, count, rules)
        return
    with cache:
        yield from scan_with_cache(root_text, entries, as_of, batch_size, count, cache, rules)


def _scan_parallel(
    root: str,
    chunks: list[tuple[list[str], list[bool]]],
    as_of: dt.datetime | None,
    workers: int,
    rules: SiteRules,
) -> Iterator[list[ArticleSummary]]:
    # The first batch is read here while the pool starts, so the first rows come as fast as with
    # one process. The readers send their rows back as tuples (packed_rows: cheaper to pickle).
    with process_pool(workers) as pool:
        futures = [
            pool.submit(summarize_packed, root, chunk, as_of, rules, flags)
            for chunk, flags in chunks[1:]
        ]
        try:
            yield _summarize_chunk(root, chunks[0][0], as_of, rules, chunks[0][1])
            for future in futures:
                yield [unpack(packed) for packed in future.result()]
        finally:
            for future in futures:
                future.cancel()


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
