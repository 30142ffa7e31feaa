"""The launch scan's child reads each batch's cached rows as the batch comes (IndexCache.rows_of),
holding none meanwhile: a file changed after the walk, or whose row changed or went from the cache
before its batch was read, gives the uncached listing's row (the read row's own key is checked
against the stat, as the in-process listing checks the rows it read at the start), and the rows of
the files gone are forgotten as there."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from editor.core import cached_scan
from editor.core.cache import IndexCache
from editor.core.index import ArticleSummary
from editor.core.listing import scan_searched
from tests.core.test_scan_child import as_listed, same_as_uncached, varied_desk


def child_listing(desk: Path) -> list[ArticleSummary]:
    """What the child hands out, made into summaries as the window makes them."""
    decoded: dict[str, Any] = {}
    made: list[ArticleSummary] = []
    for batch, _search in scan_searched(desk, batch_size=8, raw_kept=True):
        made += [
            cached_scan.kept_summary(row, decoded) if type(row) is tuple else row for row in batch
        ]
    return made


@pytest.fixture
def warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    desk = varied_desk(tmp_path)
    list(scan_searched(desk))
    database = next((tmp_path / "cache").glob("*.sqlite3"))
    return desk, database


def meddle_at_the_batch_read(monkeypatch: pytest.MonkeyPatch, database: Path, sql: str) -> None:
    """Run ``sql`` on the cache (as a second Copydesk would) just before the first batch's rows
    are read, after the walk and the count of the rows (IndexCache.row_count)."""
    real = IndexCache.rows_of
    done: list[bool] = []

    def meddling(self: IndexCache, *args: Any, **kwargs: Any) -> dict[str, tuple[Any, ...]]:
        if not done:
            done.append(True)
            with sqlite3.connect(database) as db:
                db.execute(sql)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(IndexCache, "rows_of", meddling)


def test_a_row_cached_anew_for_another_version_meanwhile_is_not_used(
    warm: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, database = warm
    meddle_at_the_batch_read(
        monkeypatch,
        database,
        "UPDATE files SET title = 'Stale', mtime_ns = mtime_ns + 1, size = size + 1",
    )
    rows = child_listing(desk)
    assert all(row.title != "Stale" for row in rows)
    same_as_uncached(rows, desk)


def test_a_row_gone_from_the_cache_meanwhile_is_parsed(
    warm: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, database = warm
    meddle_at_the_batch_read(monkeypatch, database, "DELETE FROM files")
    rows = child_listing(desk)
    same_as_uncached(rows, desk)


def test_a_file_changed_or_deleted_after_the_walk_gives_its_new_row(
    warm: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, _database = warm
    real = IndexCache.row_count
    monkeypatch.setattr(IndexCache, "row_count", lambda self: then_changed(self))

    def then_changed(self: IndexCache) -> tuple[int, int]:
        monkeypatch.setattr(IndexCache, "row_count", real)  # once
        found = real(self)
        (desk / "news" / "a.md").write_bytes(b'+++\ntitle = "Changed"\n+++\nNew\n')
        (desk / "yaml.md").unlink()
        return found

    rows = child_listing(desk)
    assert "Changed" in [row.title for row in rows]
    assert [row.error for row in rows if row.path == "yaml.md"] == ["The file no longer exists"]
    listed = [as_listed(row) for row in rows if row.path != "yaml.md"]
    again = child_listing(desk)  # from the cache now
    assert listed == [as_listed(row) for row in again]
    same_as_uncached(again, desk)


def test_the_child_listing_of_a_warm_desk_reads_every_row_from_the_cache(
    warm: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, _database = warm
    parsed: list[str] = []
    real = cached_scan.read_facts

    def counting(path: str, *args: Any) -> Any:
        parsed.append(path)
        return real(path, *args)

    monkeypatch.setattr(cached_scan, "read_facts", counting)
    rows = child_listing(desk)
    assert len(parsed) <= 1  # the file the clock re-judges may read its facts again
    same_as_uncached(rows, desk)


def test_the_rows_of_files_gone_are_forgotten_by_the_child_listing_too(
    warm: tuple[Path, Path],
) -> None:
    desk, database = warm
    (desk / "news" / "b.md").unlink()
    (desk / "many" / "s007.md").unlink()
    rows = child_listing(desk)
    same_as_uncached(rows, desk)
    with sqlite3.connect(database) as db:
        paths = {path for (path,) in db.execute("SELECT path FROM files")}
    assert "news/a.md" in paths
    assert not {"news/b.md", "many/s007.md"} & paths


def test_links_and_a_desk_without_a_cache_list_as_uncached_in_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child keeps the walk's files as WalkedFile (not os.DirEntry): a link inside the desk,
    one leading out of it and a listing with no usable cache (its folder is a file) still give
    the uncached listing's rows."""
    desk = varied_desk(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_bytes(b'+++\ntitle = "Outside"\n+++\n')
    (desk / "news" / "in-link.md").symlink_to(desk / "news" / "a.md")
    (desk / "news" / "out-link.md").symlink_to(outside)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    for _run in range(2):  # cold, then warm
        rows = child_listing(desk)
        assert {"news/in-link.md", "news/out-link.md"} <= {row.path for row in rows}
        same_as_uncached(rows, desk)
    (tmp_path / "not-a-folder").write_bytes(b"x")
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "not-a-folder"))
    same_as_uncached(child_listing(desk), desk)
