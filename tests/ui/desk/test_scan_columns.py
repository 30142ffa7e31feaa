"""The window's scan (``desk_scan.scan_desk``) makes the same list columns warm as cold.

A warm scan takes the filter's search texts from the index cache; the batches it hands the model
must be the ones made from an uncached listing's rows by ``row_columns.prepare``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from editor.core.listing import scan_all
from editor.core.row_columns import RowBatch, join, prepare
from editor.ui.desk.desk_scan import scan_desk

HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000


def put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))


def window_batch(root: Path) -> RowBatch:
    return join(list(scan_desk(root, batch_size=3)))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    return folder


def test_warm_columns_equal_the_uncached_ones(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "desk"
    for number in range(8):
        put(
            root / f"2024/{number:02}.md",
            f'+++\ntitle = "Café Title {number} Title"\nsource = "Wire"\n'
            f'summary = "Words and WORDS {number}"\n+++\nBody\n',
        )
    put(root / "bad.md", '+++\ntitle = "open\n+++\n')
    put(root / "plain.md", "no front matter\n")
    expected = prepare(scan_all(root, use_cache=False))
    cold = window_batch(root)
    warm = window_batch(root)
    assert list(cache_dir.iterdir())  # the cache was made and read
    for batch in (cold, warm):
        assert batch.summaries == expected.summaries
        assert batch.paths == expected.paths
        assert batch.search == expected.search
        assert batch.keys == expected.keys


def test_the_watchers_rows_are_the_models(tmp_path: Path) -> None:
    """What the folder watcher compares with: every listed row by path, read on its worker."""
    from editor.core.rescan import ListedRows

    put(tmp_path / "a.md", '+++\ntitle = "A"\n+++\n')
    put(tmp_path / "b/c.md", '+++\ntitle = "C"\n+++\n')
    rows = scan_all(tmp_path, use_cache=False)
    listed = ListedRows([row.path for row in rows], rows)
    expected = {row.path: row for row in rows}
    assert dict(listed) == expected
    assert len(listed) == 2 and "a.md" in listed and "x.md" not in listed
    assert listed.get("b/c.md") == expected["b/c.md"] and listed.get("x.md") is None
    assert listed["a.md"] == expected["a.md"] and "b/x.md" not in listed
    assert listed.folders() == {"": (["a.md"], [expected["a.md"]]), "b/": (["b/c.md"], [rows[1]])}
