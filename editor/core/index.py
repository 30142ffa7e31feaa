"""The folder index: one summary row per article file, streamed in batches.

Reading uses the fast parsers only (stdlib ``tomllib``); nothing here writes. A file that cannot be read
still gets a row, with state ``invalid`` and the reason in ``error``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.frontmatter import FrontMatterError, read
from editor.core.state import DATE_KEYS, PublishState, first_date, is_draft, state_of

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
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES and not name.startswith(".")


def article_paths(root: Path) -> Iterator[Path]:
    """Article files below ``root`` in a stable order, skipping hidden folders and node_modules."""
    stack = [str(root)]
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
                    yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def summarize_metadata(relpath: str, metadata: dict[str, Any], as_of: dt.datetime | None = None, *, mtime_ns: int = 0, size: int = 0) -> ArticleSummary:
    return ArticleSummary(
        path=relpath,
        title=_text(metadata.get("title")),
        date=first_date(metadata, DATE_KEYS),
        draft=is_draft(metadata),
        state=state_of(metadata, as_of),
        source=_text(metadata.get("source")),
        source_link=_text(metadata.get("source_link")),
        enclosure=_text(metadata.get("enclosure")),
        summary=_text(metadata.get("summary")),
        mtime_ns=mtime_ns,
        size=size,
    )


def summarize(root: Path, path: Path, as_of: dt.datetime | None = None) -> ArticleSummary:
    """Read one file into a summary row; never raises."""
    relpath = path.relative_to(root).as_posix()
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
        _, metadata = read(data)
    except FrontMatterError as error:
        return _invalid(relpath, str(error))
    except FileNotFoundError:
        return _invalid(relpath, "The file no longer exists")
    except OSError as error:
        return _invalid(relpath, error.strerror or str(error))
    return summarize_metadata(relpath, metadata, as_of, mtime_ns=info.st_mtime_ns, size=info.st_size)


def _invalid(relpath: str, reason: str) -> ArticleSummary:
    return ArticleSummary(relpath, "", None, False, PublishState.INVALID, "", "", "", error=reason)


def scan(root: Path | str, as_of: dt.datetime | None = None, batch_size: int = 256) -> Iterator[list[ArticleSummary]]:
    """Summaries of every article below ``root``, in batches so a UI can show progress."""
    base = Path(root).resolve()
    if base.is_file():
        yield [summarize(base.parent, base, as_of)]
        return
    batch: list[ArticleSummary] = []
    for path in article_paths(base):
        batch.append(summarize(base, path, as_of))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def scan_all(root: Path | str, as_of: dt.datetime | None = None) -> list[ArticleSummary]:
    return [row for batch in scan(root, as_of) for row in batch]
