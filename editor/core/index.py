"""The folder index: one summary row per article file, streamed in batches.

Reading uses the fast parsers only (:mod:`editor.core.fast_parsers`); nothing here writes. A file that cannot be read
still gets a row, with state ``invalid`` and the reason in ``error``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError, read
from editor.core.state import (
    ALL_DATE_KEYS,
    PublishState,
    facts_of_lowered,
    lowered_keys,
    now_utc,
)
from editor.core.values import hugo_reads_date

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list."""

    path: str  # relative to the root, "/"-separated
    title: str
    date: dt.datetime | None
    draft: bool
    state: PublishState
    source: str
    source_link: str
    enclosure: str
    summary: str = ""
    error: str | None = None
    mtime_ns: int = 0
    size: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "draft": self.draft,
            "state": self.state.value,
            "source": self.source,
            "source_link": self.source_link,
            "enclosure": self.enclosure,
            "error": self.error,
        }


def is_article_name(name: str) -> bool:
    stem, dot, suffix = name.rpartition(".")
    return bool(dot and stem) and f".{suffix.lower()}" in ARTICLE_SUFFIXES and name[0] != "."


def article_paths(root: Path) -> Iterator[Path]:
    """Article files below ``root`` in a stable order, skipping hidden folders and node_modules."""
    return (Path(path) for path in _walk(str(root)))


def _walk(root: str) -> Iterator[str]:
    return (entry.path for entry in _walk_entries(root))


def _walk_entries(root: str) -> Iterator[os.DirEntry[str]]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                items = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            continue
        subfolders = []
        for entry in items:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith(".") and entry.name not in SKIPPED_FOLDERS:
                        subfolders.append(entry.path)
                elif is_article_name(entry.name) and entry.is_file():
                    yield entry
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


# The front matter keys whose values decide the state (state.py reads these and only these). The index
# cache keeps their values as the file has them, and the state is computed from them at read time, so
# the clock and the site's rules never come out of the cache. A key state.py starts to read must be
# added here (the cache version follows this tuple, so old caches are rebuilt).
STATE_KEYS: tuple[str, ...] = ("draft", *ALL_DATE_KEYS)


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What a file says, independent of the clock and of the site's rules: a row is built from it."""

    readable: bool
    title: str = ""
    source: str = ""
    source_link: str = ""
    enclosure: str = ""
    summary: str = ""
    error: str | None = None
    state_inputs: dict[str, Any] = field(
        default_factory=dict
    )  # STATE_KEYS' values, lower case keys


def facts_of_metadata(metadata: dict[str, Any]) -> RowFacts:
    """The facts of a readable file with this front matter; keys are read the way Hugo reads them."""
    lowered = lowered_keys(metadata)
    return RowFacts(
        readable=True,
        title=_text(lowered.get("title")),
        source=_text(lowered.get("source")),
        source_link=_text(lowered.get("source_link")),
        enclosure=_text(lowered.get("enclosure")),
        summary=_text(lowered.get("summary")),
        error=_unreadable_date(lowered),
        state_inputs={key: lowered[key] for key in STATE_KEYS if key in lowered},
    )


def summary_of_facts(
    relpath: str,
    facts: RowFacts,
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
) -> ArticleSummary:
    """The list row for a file with these facts at ``as_of``: the one place a row is made."""
    if not facts.readable:
        return ArticleSummary(
            relpath,
            "",
            None,
            False,
            PublishState.INVALID,
            "",
            "",
            "",
            error=facts.error,
            mtime_ns=mtime_ns,
            size=size,
        )
    draft, date, state = facts_of_lowered(facts.state_inputs, as_of)
    if facts.error is not None:
        state = PublishState.INVALID
    return ArticleSummary(
        path=relpath,
        title=facts.title,
        date=date,
        draft=draft,
        state=state,
        source=facts.source,
        source_link=facts.source_link,
        enclosure=facts.enclosure,
        summary=facts.summary,
        error=facts.error,
        mtime_ns=mtime_ns,
        size=size,
    )


def summarize_metadata(
    relpath: str,
    metadata: dict[str, Any],
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
) -> ArticleSummary:
    """The list row for a file with this front matter; keys are read the way Hugo reads them."""
    return summary_of_facts(
        relpath, facts_of_metadata(metadata), as_of, mtime_ns=mtime_ns, size=size
    )


def _unreadable_date(lowered: dict[str, Any]) -> str | None:
    """Why Hugo would stop the site's build on this file's dates, if it would."""
    for key in ALL_DATE_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip() and not hugo_reads_date(value):
            return f"{key} {value!r} is not a date Hugo can read (Hugo stops the build on it)"
    return None


def summarize(root: Path, path: Path, as_of: dt.datetime | None = None) -> ArticleSummary:
    """Read one file into a summary row; never raises."""
    return _summarize_inside(str(root), str(path), path.relative_to(root).as_posix(), as_of)


def _summarize(path: str, relpath: str, as_of: dt.datetime | None) -> ArticleSummary:
    facts, info, _ = read_facts(path)
    return summary_of_facts(
        relpath,
        facts,
        as_of,
        mtime_ns=info.st_mtime_ns if info else 0,
        size=info.st_size if info else 0,
    )


def read_facts(path: str) -> tuple[RowFacts, os.stat_result | None, bool]:
    """(facts, status of the file read, whether the facts may be cached); never raises.

    The status is the one of the bytes that were parsed. An unreadable file keeps its real
    modification time and size (when it has them), so a rescan sees that it is unchanged without
    reading it again; a file that vanished or could not be opened is never cached.
    """
    info: os.stat_result | None = None
    try:
        data, info = read_regular(path)
        _, metadata = read(data)
    except FrontMatterError as error:
        return RowFacts(readable=False, error=str(error)), info, info is not None
    except FileNotFoundError:
        return RowFacts(readable=False, error="The file no longer exists"), None, False
    except OSError as error:
        return (
            RowFacts(readable=False, error=error.strerror or str(error)),
            info or _stat(path),
            False,
        )
    return facts_of_metadata(metadata), info, True


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _invalid(relpath: str, reason: str) -> ArticleSummary:
    return summary_of_facts(relpath, RowFacts(readable=False, error=reason))


def _summarize_chunk(
    root: str, paths: list[str], as_of: dt.datetime | None
) -> list[ArticleSummary]:
    cut = len(root) + 1
    return [_summarize_inside(root, path, path[cut:].replace(os.sep, "/"), as_of) for path in paths]


def _summarize_inside(
    root: str, path: str, relpath: str, as_of: dt.datetime | None
) -> ArticleSummary:
    """A row for ``path``; a symbolic link to a file outside ``root`` is listed, never read."""
    if links_outside(root, path):
        return _invalid(relpath, OUTSIDE_LINK)
    return _summarize(path, relpath, as_of)


OUTSIDE_LINK = "This is a link to a file outside the folder; Copydesk does not open it"


def links_outside(root: str | Path, path: str | Path) -> bool:
    """Whether ``path`` is a symbolic link whose target lies outside ``root``."""
    if not os.path.islink(path):
        return False
    real_root = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), real_root]) != real_root


# Below this many files to parse a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 2000


def scan(
    root: Path | str,
    as_of: dt.datetime | None = None,
    batch_size: int = 256,
    workers: int | None = None,
    *,
    use_cache: bool = True,
    cache_dir: Path | None = None,
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
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    entries = list(_walk_entries(root_text))
    cache = None
    if use_cache and entries:
        from editor.core.cache import IndexCache

        cache = IndexCache.open_for(base, cache_dir)
    if cache is None:
        paths = [entry.path for entry in entries]
        chunks = [paths[start : start + batch_size] for start in range(0, len(paths), batch_size)]
        if count <= 1 or len(paths) < PARALLEL_THRESHOLD:
            for chunk in chunks:
                yield _summarize_chunk(root_text, chunk, as_of)
            return
        yield from _scan_parallel(root_text, chunks, as_of, count)
        return
    from editor.core.cached_scan import scan_with_cache

    with cache:
        yield from scan_with_cache(root_text, entries, as_of, batch_size, count, cache)


def _yield_cpu() -> None:
    """Run the readers at a lower priority: on a machine with few cores they would otherwise take
    every core from the window that shows their rows (measured: 120 ms event-loop stalls, 40 ms with)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)


def process_pool(workers: int) -> Any:
    """The readers' pool: "spawn" never copies a parent's threads or Qt state into the children."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_yield_cpu)


def _scan_parallel(
    root: str, chunks: list[list[str]], as_of: dt.datetime | None, workers: int
) -> Iterator[list[ArticleSummary]]:
    # The first batch is read here while the pool starts, so the first rows arrive as fast as with
    # one process.
    with process_pool(workers) as pool:
        futures = [pool.submit(_summarize_chunk, root, chunk, as_of) for chunk in chunks[1:]]
        try:
            yield _summarize_chunk(root, chunks[0], as_of)
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
