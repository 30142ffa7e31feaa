"""The folder index: one summary row per article file, streamed in batches.

Reading uses the fast parsers only (stdlib ``tomllib``); nothing here writes. A file that cannot be read
still gets a row, with state ``invalid`` and the reason in ``error``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError, read
from editor.core.state import ALL_DATE_KEYS, PublishState, facts_of_lowered, lowered_keys
from editor.core.values import hugo_reads_date
from editor.core.vocabulary import profile

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
    # The file's keys with the kind of each value, and its lists of strings (vocabulary.profile):
    # what the form offers when adding a field or completing a tag.
    fields: tuple[tuple[str, str], ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()

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
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES and not name.startswith(".")


def article_paths(root: Path) -> Iterator[Path]:
    """Article files below ``root`` in a stable order, skipping hidden folders and node_modules."""
    return (Path(path) for path in _walk(str(root)))


def _walk(root: str) -> Iterator[str]:
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
                    yield entry.path
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def summarize_metadata(
    relpath: str,
    metadata: dict[str, Any],
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
) -> ArticleSummary:
    """The list row for a file with this front matter; keys are read the way Hugo reads them."""
    lowered = lowered_keys(metadata)
    draft, date, state = facts_of_lowered(lowered, as_of)
    error = _unreadable_date(lowered)
    if error is not None:
        state = PublishState.INVALID
    fields, lists = profile(metadata)
    return ArticleSummary(
        path=relpath,
        title=_text(lowered.get("title")),
        date=date,
        draft=draft,
        state=state,
        source=_text(lowered.get("source")),
        source_link=_text(lowered.get("source_link")),
        enclosure=_text(lowered.get("enclosure")),
        summary=_text(lowered.get("summary")),
        error=error,
        mtime_ns=mtime_ns,
        size=size,
        fields=fields,
        lists=lists,
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
    info: os.stat_result | None = None
    try:
        data, info = read_regular(path)
        _, metadata = read(data)
    except FrontMatterError as error:
        return _invalid(relpath, str(error), info)
    except FileNotFoundError:
        return _invalid(relpath, "The file no longer exists")
    except OSError as error:
        return _invalid(relpath, error.strerror or str(error), info or _stat(path))
    return summarize_metadata(
        relpath, metadata, as_of, mtime_ns=info.st_mtime_ns, size=info.st_size
    )


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _invalid(relpath: str, reason: str, info: os.stat_result | None = None) -> ArticleSummary:
    # The file's real modification time and size (when it has them) let a rescan see that an
    # unreadable file is unchanged, without reading it again.
    return ArticleSummary(
        relpath,
        "",
        None,
        False,
        PublishState.INVALID,
        "",
        "",
        "",
        error=reason,
        mtime_ns=info.st_mtime_ns if info else 0,
        size=info.st_size if info else 0,
    )


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


# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 2000


def scan(
    root: Path | str,
    as_of: dt.datetime | None = None,
    batch_size: int = 256,
    workers: int | None = None,
) -> Iterator[list[ArticleSummary]]:
    """Summaries of every article below ``root``, in batches (in path order) so a UI can show progress.

    Big desks are read by a pool of processes (``workers``, default: one per core, at most 4): parsing
    is CPU-bound, so threads would not help. The first batch is read here while the pool starts, so
    the first rows arrive as fast as with one process.
    """
    base = Path(root).resolve()
    if base.is_file():
        yield [summarize(base.parent, base, as_of)]
        return
    root_text = str(base)
    paths = list(_walk(root_text))
    chunks = [paths[start : start + batch_size] for start in range(0, len(paths), batch_size)]
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if count <= 1 or len(paths) < PARALLEL_THRESHOLD:
        for chunk in chunks:
            yield _summarize_chunk(root_text, chunk, as_of)
        return
    yield from _scan_parallel(root_text, chunks, as_of, count)


def _yield_cpu() -> None:
    """Run the readers at a lower priority: on a machine with few cores they would otherwise take
    every core from the window that shows their rows (measured: 120 ms event-loop stalls, 40 ms with)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)


def _scan_parallel(
    root: str, chunks: list[list[str]], as_of: dt.datetime | None, workers: int
) -> Iterator[list[ArticleSummary]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn" never copies a parent's threads or Qt state into the children (fork would).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_yield_cpu) as pool:
        futures = [pool.submit(_summarize_chunk, root, chunk, as_of) for chunk in chunks[1:]]
        try:
            yield _summarize_chunk(root, chunks[0], as_of)
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def scan_all(
    root: Path | str, as_of: dt.datetime | None = None, workers: int | None = None
) -> list[ArticleSummary]:
    return [row for batch in scan(root, as_of, workers=workers) for row in batch]
