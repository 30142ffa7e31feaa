"""Full-text search of article bodies, in the FTS5 table of the index cache.

The listing never waits for this: bodies are indexed on request (the window does it on a worker after
each scan), from the files the cache already knows and only while they are unchanged. A query is the
filter text as typed, each word quoted (no input is FTS syntax) and the last one a prefix while it is
being typed; results are ranked by bm25 and come with an excerpt.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor.core.cache import RACY_NS, IndexCache, file_key
from editor.core.listing import scan
from editor.core.pacing import Pacer
from editor.core.site_rules import SiteRules

# Ranking costs a bm25 per matching body, and the first letters of a common word match nearly all of
# them: the best results are chosen among the first RANKED_CANDIDATES matches, so an answer stays
# within the 100 ms a filter-as-you-type allows at 100,000 articles (440 ms when all were ranked).
RANKED_CANDIDATES = 2000
_BATCH = 500

_MARKUP = re.compile(r"<[^>]*>|\{\{[<%].*?[%>]\}\}|&[#\w]+;|[*_`#>\[\]()!|~]+", re.DOTALL)
_WORD = re.compile(r"\w+")


# Above this, a body's marks are found one match at a time (see plain_body).
_WHOLE_SUB_CHARS = 256 * 1024


def plain_body(body: str) -> str:
    """The words of a body for the index: HTML tags, shortcodes, entities and Markdown marks become
    spaces (cheaply; the tokenizer ignores the rest of the punctuation).

    One ``re.sub`` over a 5 MB body held the interpreter lock for 80-115 ms, on the indexer's
    thread, and the window's event loop waited as long (the 5 MB bench's stalls, the idle window's
    too). A big body's matches are taken one at a time instead, the same ones ``sub`` replaces,
    so the lock changes hands between them."""
    if len(body) <= _WHOLE_SUB_CHARS:
        return _MARKUP.sub(" ", body)
    parts: list[str] = []
    start = 0
    for match in _MARKUP.finditer(body):
        parts.append(body[start : match.start()])
        parts.append(" ")
        start = match.end()
    parts.append(body[start:])
    return "".join(parts)


def fts_query(text: str) -> str:
    """An FTS5 expression for text as typed: every word must appear; the last is a prefix while it
    is being typed (nothing after it). Each word is quoted, so no input is FTS syntax; the words of
    one typed word ("1.0.0", "e-mail") are a phrase, in that order: as separate words, "1.0.0"
    matched every body with a 1 and a 0 in it."""
    parts = []
    for chunk in text.split():
        words = _WORD.findall(chunk)
        if words:
            parts.append('"' + " ".join(words) + '"')
    if parts and _WORD.match(text[-1:]):  # still typing that word
        parts[-1] += "*"
    return " ".join(parts)


def index_bodies(
    cache: IndexCache,
    root: Path | str,
    limit: int | None = None,
    pace: Callable[[], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> int:
    """Put the bodies of cached files not yet indexed into the search index; returns how many.

    A file that changed since it was cached is left for the next listing to refresh. ``pace``
    (:class:`editor.core.pacing.Pacer`) is called between files: nobody waits for this job.
    ``stop``: asked between files; once it says so, what was read so far is stored and the job
    ends (the window is going away: the rest is indexed the next time).
    """
    from editor.core.files import read_regular
    from editor.core.frontmatter import FrontMatterError, split

    query = (
        "SELECT id, path, size, mtime_ns, ino, ctime_ns FROM files "
        "WHERE body_indexed = 0 AND readable = 1" + (f" LIMIT {int(limit)}" if limit else "")
    )
    pending: list[Any] = cache.run(lambda db: db.execute(query).fetchall(), [])
    done = 0
    batch: list[tuple[int, str]] = []
    for row_id, relpath, *key in pending:
        if stop is not None and stop():
            break
        if pace is not None:
            pace()
        try:
            data, info = read_regular(os.path.join(root, relpath))
            if list(file_key(info)) != key:
                continue
            body = plain_body(split(data).body)
        except (OSError, FrontMatterError):
            continue
        batch.append((row_id, body))
        if len(batch) >= _BATCH:
            done += _store_batch(cache, batch)
            batch = []
    if batch:
        done += _store_batch(cache, batch)
    return done


def _store_batch(cache: IndexCache, batch: list[tuple[int, str]]) -> int:
    return cache.run(lambda db: _store(db, batch), 0)


def _store(db: sqlite3.Connection, batch: list[tuple[int, str]]) -> int:
    with db:
        ids = [(row_id,) for row_id, _ in batch]
        db.executemany("DELETE FROM bodies WHERE rowid = ?", ids)
        db.executemany("INSERT INTO bodies (rowid, body) VALUES (?, ?)", batch)
        db.executemany("UPDATE files SET body_indexed = 1 WHERE id = ?", ids)
    return len(batch)


def search(cache: IndexCache, query: str, limit: int = 50) -> list[tuple[str, float, str]]:
    """Bodies matching ``query`` as typed: (relpath, rank, excerpt), best first (bm25: lower is
    better), the best among the first RANKED_CANDIDATES matches. A lone letter finds nothing (it
    would match every body)."""
    expression = fts_query(query)
    if not expression or len(query.strip()) < 2:
        return []

    def run(db: sqlite3.Connection) -> list[tuple[str, float, str]]:
        # FTS5 narrows its own scan by a rowid range (not by IN): the first candidates end here.
        (last,) = db.execute(
            "SELECT max(rowid) FROM (SELECT rowid FROM bodies WHERE bodies MATCH ? LIMIT ?)",
            (expression, RANKED_CANDIDATES),
        ).fetchone()
        if last is None:
            return []
        return list(
            db.execute(
                "SELECT files.path, bodies.rank, snippet(bodies, 0, '[', ']', '…', 12) "
                "FROM bodies JOIN files ON files.id = bodies.rowid "
                "WHERE bodies MATCH ? AND bodies.rowid <= ? ORDER BY bodies.rank LIMIT ?",
                (expression, last, limit),
            )
        )

    return cache.run(run, [], keep_open=True)


def body_matches(
    root: Path | str, query: str, limit: int = 200, cache_dir: Path | None = None
) -> dict[str, str]:
    """path -> excerpt of the bodies of the desk at ``root`` that match ``query``, best first; empty
    when the desk has no cache yet. Opens its own connection: safe from any thread."""
    with IndexCache.open_existing(root, cache_dir) as cache:
        return {path: excerpt for path, _rank, excerpt in search(cache, query, limit)}


def index_desk_bodies(
    root: Path | str, cache_dir: Path | None = None, stop: Callable[[], bool] | None = None
) -> int:
    """:func:`index_bodies` for the desk at ``root`` (a worker's job, paced: it ran beside the
    watcher's first look and the user's first keystrokes); 0 without a cache. ``stop``: as
    there."""
    with IndexCache.open_existing(root, cache_dir) as cache:
        return index_bodies(cache, root, pace=Pacer(), stop=stop)


# After a scan, the files it could not cache can be once they are older than the guard.
LATE_RETRY_S = RACY_NS / 1e9 + 0.2


def has_late_files(root: Path | str, listed: int, cache_dir: Path | None = None) -> bool:
    """Whether a listing of ``listed`` files left some out of the cache, so out of the search.

    The cache keeps no file written in the two seconds before a listing (``cache.RACY_NS``, git's
    racy-clean guard): such a file, new or just rewritten, was found by the filter only after the
    next scan. The guard stays; :func:`index_late_bodies` takes them in once they are older. (A file
    that can never be cached, a link, counts too: one warm listing too many per scan, no more.)"""
    with IndexCache.open_existing(root, cache_dir) as cache:
        if not cache.usable:
            return False  # no cache: nothing to catch up on, and a listing would parse everything
        count = cache.run(lambda db: db.execute("SELECT count(*) FROM files").fetchone()[0], None)
        return count is not None and count < listed


def index_late_bodies(
    root: Path | str,
    rules: SiteRules | None = None,
    cache_dir: Path | None = None,
    stop: Callable[[], bool] | None = None,
) -> int:
    """List the desk again through the cache, by the first listing's ``rules`` (the cache's
    version depends on them): a stat per file and a parse of only the files it lacks, which are
    now older than the guard and kept; then index their bodies. Returns how many were indexed.
    ``stop``: as :func:`index_bodies`'s."""
    for _batch in scan(root, rules=rules, cache_dir=cache_dir):
        if stop is not None and stop():
            return 0
    return index_desk_bodies(root, cache_dir, stop)
