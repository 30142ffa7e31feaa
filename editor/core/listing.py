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
from typing import Any

from editor.core import pool
from editor.core.cache import IndexCache
from editor.core.cached_scan import JsonRow, scan_with_cache
from editor.core.index import (
    ArticleSummary,
    _desk_entries,
    _summarize_chunk,
    desk_judged_keys,
    desk_rules,
    summarize,
)
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
    return _scan(root, as_of, batch_size, workers, use_cache, cache_dir, rules, as_json=False)


def scan_json(
    root: Path | str,
    as_of: dt.datetime | None = None,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
) -> Iterator[list[ArticleSummary | JsonRow]]:
    """:func:`scan` for ``list --json``: a row whose verdict the cache kept comes as a
    :data:`~editor.core.cached_scan.JsonRow`, its JSON text ready, not as a summary."""
    return _scan(root, as_of, 256, None, use_cache, cache_dir, None, as_json=True)


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
) -> Iterator[list[Any]]:
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
        chunks = [paths[start : start + batch_size] for start in range(0, len(paths), batch_size)]
        if count <= 1 or len(paths) < pool.PARALLEL_THRESHOLD:
            for chunk in chunks:
                yield _summarize_chunk(root_text, chunk, as_of, rules)
            return
        yield from _scan_parallel(root_text, chunks, as_of, count, rules)
        return
    with cache:
        yield from scan_with_cache(
            root_text, entries, as_of, batch_size, count, cache, rules, as_json=as_json
        )


def _scan_parallel(
    root: str,
    chunks: list[list[str]],
    as_of: dt.datetime | None,
    workers: int,
    rules: SiteRules,
) -> Iterator[list[ArticleSummary]]:
    # The first batch is read here while the pool starts, so the first rows come as fast as with
    # one process.
    with process_pool(workers) as pool:
        futures = [pool.submit(_summarize_chunk, root, chunk, as_of, rules) for chunk in chunks[1:]]
        try:
            yield _summarize_chunk(root, chunks[0], as_of, rules)
            for future in futures:
                yield future.result()
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
