"""The filter box finds words in the bodies too (the index cache's full-text search), with the excerpt
that matched as the row's tooltip; the search runs off the GUI thread."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.core.body_search import body_matches
from editor.core.index import ArticleSummary
from editor.core.state import PublishState
from editor.ui.desk.article_filter import ArticleFilterProxy
from editor.ui.desk.article_model import ArticleModel, Column, Role
from editor.ui.window.main_window import MainWindow

CALDER = "business/calder-bay-container-volumes.md"  # the window lists the content folder


def row(path: str, title: str) -> ArticleSummary:
    date = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return ArticleSummary(path, title, date, False, PublishState.PUBLISHED, "", "", "")


def shown(proxy: ArticleFilterProxy) -> list[str]:
    return [proxy.index(number, 0).data(Role.PATH) for number in range(proxy.rowCount())]


def test_the_proxy_keeps_rows_whose_body_matched(qapp) -> None:
    model = ArticleModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    model.put_rows([row("a.md", "Copper prices"), row("b.md", "Harbour news"), row("c.md", "Rail")])
    proxy.set_text("copper")
    assert shown(proxy) == ["a.md"]
    proxy.set_body_matches({"b.md": "…the [copper] cargo…"})
    assert sorted(shown(proxy)) == ["a.md", "b.md"]
    tip = proxy.index(shown(proxy).index("b.md"), Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("…the [copper] cargo…") and "Harbour news" in tip
    assert proxy.body_excerpt("b.md") == "…the [copper] cargo…"
    proxy.set_body_matches({})
    assert shown(proxy) == ["a.md"]


@pytest.fixture
def aged_desk(sample_desk: Path) -> Path:
    """The sample desk with files dated an hour back, so the index cache keeps them."""
    past = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000
    for path in sample_desk.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))
    return sample_desk


def test_the_filter_finds_a_word_only_a_body_has(
    qtbot, make_window: Callable[..., MainWindow], aged_desk: Path
) -> None:
    window = make_window(aged_desk)
    # After the scan the window indexes the bodies on a worker.
    qtbot.waitUntil(lambda: bool(body_matches(window.root, "hauliers")), timeout=10_000)
    proxy = window.proxy
    qtbot.keyClicks(window.filter_edit, "haulier")  # a prefix, as typed
    qtbot.waitUntil(lambda: shown(proxy) == [CALDER], timeout=5_000)
    tip = proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "[hauliers]" in tip
    window.filter_edit.clear()
    qtbot.waitUntil(lambda: len(shown(proxy)) == 17, timeout=5_000)
    assert proxy.body_excerpt(CALDER) is None


def test_a_file_written_just_before_the_scan_is_found_soon_after(
    qtbot, make_window: Callable[..., MainWindow], aged_desk: Path
) -> None:
    """The cache's racy-file guard kept it out of the index until the next scan (issue 9); now it
    is taken in once it is older than the guard, with no rescan asked for."""
    fresh = aged_desk / "content" / "world" / "just-filed.md"
    fresh.write_text('+++\ntitle = "Just filed"\n+++\nThe zeppelins landed at noon.\n')
    window = make_window(aged_desk)
    qtbot.waitUntil(lambda: bool(body_matches(window.root, "hauliers")), timeout=10_000)
    qtbot.waitUntil(lambda: bool(body_matches(window.root, "zeppelins")), timeout=10_000)
    qtbot.keyClicks(window.filter_edit, "zeppelin")
    qtbot.waitUntil(lambda: shown(window.proxy) == ["world/just-filed.md"], timeout=5_000)


def test_closing_the_window_stops_the_body_indexing_it_started(
    qtbot, make_window: Callable[..., MainWindow], tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The bodies are indexed after a scan by a job nobody waits for (paced to 30% of the time):
    at 100,000 articles after the cache was rebuilt, that is minutes, and the process waited for
    it after its window had closed (holding the cache, so the next Copydesk listed without it).
    Closing the window stops it; what was indexed stays, the rest is indexed next time."""
    import time

    from editor.core import body_search, pacing

    desk = tmp_path / "desk"
    past = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000
    for number in range(400):
        path = desk / f"s{number % 8}" / f"story-{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'+++\ntitle = "Story {number}"\n+++\nBody words {number}.\n')
        os.utime(path, ns=(past, past))
    # a job that would take long: it rests a second after each 2 ms of work
    monkeypatch.setattr(pacing.Pacer.__init__, "__defaults__", (0.002, pacing.SLICE_S))
    monkeypatch.setattr(pacing, "LONGEST_REST_S", 1.0)
    indexing: list[float] = []
    index = body_search.index_bodies

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        indexing.append(time.monotonic())
        return index(*args, **kwargs)

    monkeypatch.setattr(body_search, "index_bodies", noted)
    window = make_window(str(desk))
    qtbot.waitUntil(lambda: bool(indexing), timeout=10_000)
    qtbot.wait(200)  # it is under way
    window.close()
    started = time.monotonic()
    assert window.pool.waitForDone(10_000)
    assert time.monotonic() - started < 1.0
