"""The search texts the index cache keeps for the window are the texts made from the rows.

A warm window launch takes each row's filter text from the cache (``listing.scan_searched``) instead
of making it again; each test compares those texts with the ones made from an uncached listing's
rows, after the changes that could leave a stale one behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from editor.core.index import ArticleSummary
from editor.core.listing import scan_all, scan_searched
from editor.core.row_search import search_words

HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000


def put(path: Path, data: bytes, offset_ns: int = 0) -> None:
    """Write a file dated an hour back (one changed in the last two seconds is never cached)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(HOUR_AGO_NS + offset_ns, HOUR_AGO_NS + offset_ns))


def made(row: ArticleSummary) -> str:
    return search_words(row.title, row.path, row.source, row.summary)


def searched(root: Path, cache_dir: Path) -> tuple[list[ArticleSummary], list[str | None]]:
    rows: list[ArticleSummary] = []
    texts: list[str | None] = []
    for batch, search in scan_searched(root, batch_size=2, cache_dir=cache_dir):
        assert len(batch) == len(search)
        rows += batch
        texts += search
    return rows, texts


def listed(row: ArticleSummary) -> ArticleSummary:
    """A row as the window's list keeps it: without the texts it shows nowhere (a kept row comes
    so from the cache; their words are in its search text)."""
    return dataclasses.replace(row, summary="", source_link="", enclosure="")


def check(root: Path, cache_dir: Path) -> list[str | None]:
    """The searched listing equals an uncached one (as the list keeps rows), and every kept text
    the one made now from the whole row."""
    rows, texts = searched(root, cache_dir)
    full = scan_all(root, use_cache=False)
    assert [listed(row) for row in rows] == [listed(row) for row in full]
    for row, text in zip(full, texts, strict=True):
        assert text is None or text == made(row), row.path
    return texts


def desk(root: Path) -> Path:
    content = root / "content"
    put(content / "a.md", '+++\ntitle = "Straße Straße news"\n+++\nBody.\n'.encode())
    put(content / "b.md", b'---\ntitle: B\nsource: Wire Desk\nsummary: "One two one"\n---\nx\n')
    put(content / "sub" / "c.md", b"+++\ntitle = 'C'\n+++\n")
    put(content / "broken.md", b'+++\ntitle = "never closed\n+++\n')
    put(content / "d.md", b"no front matter at all\n")
    return content


def test_a_warm_listing_hands_out_the_kept_texts(tmp_path: Path) -> None:
    content, cache_dir = desk(tmp_path), tmp_path / "cache"
    assert check(content, cache_dir) == [None] * 5  # cold: every file parsed, no text kept
    texts = check(content, cache_dir)
    assert None not in texts  # warm: every text from the cache


def test_an_edit_a_rename_and_a_same_size_replacement(tmp_path: Path) -> None:
    content, cache_dir = desk(tmp_path), tmp_path / "cache"
    check(content, cache_dir)
    check(content, cache_dir)
    put(content / "a.md", b'+++\ntitle = "Other words here"\n+++\nBody.\n')
    (content / "sub" / "c.md").rename(content / "sub" / "renamed.md")
    # the same size and time stamp, another inode and title
    replaced = content / "b.md"
    data = replaced.read_bytes().replace(b"title: B", b"title: Q")
    replaced.unlink()
    put(replaced, data)
    texts = check(content, cache_dir)
    assert texts.count(None) >= 3
    assert None not in check(content, cache_dir)


def test_a_listing_without_the_cache_has_no_kept_texts(tmp_path: Path) -> None:
    content = desk(tmp_path)
    rows = [row for batch, search in scan_searched(content, use_cache=False) for row in batch]
    texts = [text for _batch, search in scan_searched(content, use_cache=False) for text in search]
    assert rows == scan_all(content, use_cache=False)
    assert texts == [None] * len(rows)


def test_a_clock_past_a_publish_date_keeps_the_text(tmp_path: Path) -> None:
    """A row judged again from its cached facts (the clock crossed its date) keeps its text."""
    content, cache_dir = desk(tmp_path), tmp_path / "cache"
    put(content / "later.md", b'+++\ntitle = "Later"\npublishDate = 2030-01-01T00:00:00Z\n+++\n')
    check(content, cache_dir)
    after = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)
    rows, texts = [], []
    for batch, search in scan_searched(content, after, batch_size=2, cache_dir=cache_dir):
        rows += batch
        texts += search
    full = scan_all(content, after, use_cache=False)
    assert [listed(row) for row in rows] == [listed(row) for row in full]
    assert None not in texts
    assert texts == [made(row) for row in full]
