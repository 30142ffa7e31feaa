"""The article list model and its filter proxy, on summaries made in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from editor.core.index import ArticleSummary
from editor.core.state import PublishState
from editor.ui.desk.article_filter import ArticleFilterProxy
from editor.ui.desk.article_model import DIRTY_MARK, ArticleModel, Column, Role

UTC = dt.UTC


def row(
    path: str,
    title: str = "",
    day: int | None = 1,
    state: PublishState = PublishState.PUBLISHED,
    **more: object,
) -> ArticleSummary:
    date = dt.datetime(2026, 1, day, 9, 0, tzinfo=UTC) if day else None
    values = {"source": "", "source_link": "", "enclosure": "", "summary": ""}
    values.update(more)
    return ArticleSummary(path, title, date, state is PublishState.DRAFT, state, **values)  # type: ignore[arg-type]


@pytest.fixture
def model(qapp) -> ArticleModel:
    return ArticleModel()


@pytest.fixture
def proxy(model: ArticleModel) -> ArticleFilterProxy:
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def paths(proxy: ArticleFilterProxy) -> list[str]:
    return [proxy.index(number, 0).data(Role.PATH) for number in range(proxy.rowCount())]


def test_batches_land_in_sort_order(model: ArticleModel, proxy: ArticleFilterProxy) -> None:
    model.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    model.put_rows([row("a.md", "A", 5), row("b.md", "B", 9)])
    model.put_rows([row("c.md", "C", 7), row("d.md", "D", 1), row("e.md", "E", 12)])
    assert paths(proxy) == ["e.md", "b.md", "c.md", "a.md", "d.md"]
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert paths(proxy) == ["a.md", "b.md", "c.md", "d.md", "e.md"]
    model.put_rows([row("0.md", "0 first", 3)])
    assert paths(proxy)[0] == "0.md"


def test_rows_without_a_date_sort_last_when_newest_first(
    model: ArticleModel, proxy: ArticleFilterProxy
) -> None:
    model.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    model.put_rows([row("none.md", "N", None), row("a.md", "A", 2), row("b.md", "B", 3)])
    assert paths(proxy) == ["b.md", "a.md", "none.md"]


def test_title_sort_ignores_case(model: ArticleModel, proxy: ArticleFilterProxy) -> None:
    model.put_rows([row("1.md", "banana"), row("2.md", "Apple"), row("3.md", "cherry")])
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(n, Column.TITLE).data() for n in range(3)] == ["Apple", "banana", "cherry"]


def test_display_text_per_column(model: ArticleModel) -> None:
    model.put_rows([row("x/a.md", "Title", 3, source="Wire")])
    index = model.index_of("x/a.md")
    texts = [model.index(index.row(), column).data() for column in Column]
    # The git columns are empty until a git snapshot arrives; the language, on a one-language site.
    assert texts == ["Published", "Title", "2026-01-03 09:00", "Wire", "x/a.md", None, None, ""]


def test_counts_follow_appends_updates_and_removals(qapp, model: ArticleModel) -> None:
    seen = []
    model.counts_changed.connect(lambda: seen.append(dict(model.counts())))
    model.put_rows(
        [row("a.md", state=PublishState.DRAFT), row("b.md", state=PublishState.DRAFT), row("c.md")]
    )
    assert model.counts()[PublishState.DRAFT] == 2 and model.counts()[PublishState.PUBLISHED] == 1
    model.put_rows([row("a.md", state=PublishState.PUBLISHED)])
    assert model.counts()[PublishState.DRAFT] == 1 and model.counts()[PublishState.PUBLISHED] == 2
    model.remove(["b.md", "not-there.md"])
    assert model.counts()[PublishState.DRAFT] == 0 and model.rowCount() == 2
    assert len(seen) == 3


def test_update_moves_the_row_and_keeps_it_selected(
    qtbot, model: ArticleModel, proxy: ArticleFilterProxy
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.put_rows([row(f"{letter}.md", letter.upper()) for letter in "abcdef"])
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    view.selectionModel().setCurrentIndex(proxy.proxy_index_of("b.md"), flags)
    model.put_rows([row("b.md", "Zulu")])
    assert paths(proxy) == ["a.md", "c.md", "d.md", "e.md", "f.md", "b.md"]
    assert view.currentIndex().data(Role.PATH) == "b.md"
    assert [index.data(Role.PATH) for index in view.selectionModel().selectedRows()] == ["b.md"]


def test_remove_several_runs(model: ArticleModel, proxy: ArticleFilterProxy) -> None:
    model.put_rows([row(f"{n:02d}.md", f"T{n:02d}", n + 1) for n in range(10)])
    model.remove(["00.md", "01.md", "05.md", "09.md"])
    assert sorted(paths(proxy)) == [f"{n:02d}.md" for n in (2, 3, 4, 6, 7, 8)]
    assert model.row_of("05.md") is None and model.row_of("06.md") is not None


def test_a_path_seen_twice_is_one_row(model: ArticleModel) -> None:
    model.put_rows([row("a.md", "Old"), row("a.md", "New")])
    model.put_rows([row("a.md", "Newer")])
    assert model.rowCount() == 1
    assert model.summary("a.md").title == "Newer"


def test_dirty_rows_are_marked(model: ArticleModel) -> None:
    model.put_rows([row("a.md", "Title")])
    index = model.index_of("a.md", Column.TITLE)
    assert index.data() == "Title" and index.data(Qt.ItemDataRole.FontRole) is None
    model.set_dirty("a.md", True)
    assert index.data() == DIRTY_MARK + "Title"
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert index.data(Role.DIRTY) is True
    model.set_dirty("a.md", False)
    assert index.data() == "Title"


def test_invalid_and_untitled_rows(model: ArticleModel) -> None:
    broken = dataclasses.replace(
        row("x/broken.md", "", None, PublishState.INVALID),
        error="Malformed TOML front matter (line 2)",
    )
    model.put_rows([broken, row("x/untitled.md", "", 2)])
    bad = model.index_of("x/broken.md", Column.TITLE)
    assert bad.data() == "broken.md"
    assert bad.data(Qt.ItemDataRole.ToolTipRole) == "Malformed TOML front matter (line 2)"
    assert model.index_of("x/broken.md", Column.STATE).data() == "Invalid"
    untitled = model.index_of("x/untitled.md", Column.TITLE)
    assert untitled.data() == "untitled.md"
    assert untitled.data(Qt.ItemDataRole.FontRole).italic()


def test_text_filter_matches_every_word_in_title_path_source_or_summary(
    model: ArticleModel, proxy: ArticleFilterProxy
) -> None:
    model.put_rows(
        [
            row(
                "world/ferry.md", "Ferry strike", source="Harbor Wire", summary="Commuters stranded"
            ),
            row("business/bank.md", "Merger talks", source="Meridian", summary="Two lenders"),
            row("world/water.md", "Rationing", source="Atlas", summary="Reservoirs low"),
        ]
    )
    proxy.set_text("world")
    assert sorted(paths(proxy)) == ["world/ferry.md", "world/water.md"]
    proxy.set_text("HARBOR")
    assert paths(proxy) == ["world/ferry.md"]
    proxy.set_text("reservoirs")
    assert paths(proxy) == ["world/water.md"]
    proxy.set_text("world stranded")
    assert paths(proxy) == ["world/ferry.md"]
    proxy.set_text("world merger")
    assert paths(proxy) == []
    proxy.set_text("  ")
    assert len(paths(proxy)) == 3


def test_state_filter(model: ArticleModel, proxy: ArticleFilterProxy) -> None:
    model.put_rows(
        [
            row("a.md", state=PublishState.DRAFT),
            row("b.md"),
            row("c.md", state=PublishState.SCHEDULED),
        ]
    )
    proxy.set_state(PublishState.DRAFT)
    assert paths(proxy) == ["a.md"]
    model.put_rows(
        [row("b.md", state=PublishState.DRAFT)]
    )  # rows follow state changes while filtered
    assert sorted(paths(proxy)) == ["a.md", "b.md"]
    model.put_rows([row("a.md", state=PublishState.PUBLISHED)])
    assert paths(proxy) == ["b.md"]
    proxy.set_state(None)
    assert len(paths(proxy)) == 3


def test_the_state_column_says_why_by_hugos_rules(model: ArticleModel) -> None:
    """The tooltip names the key that decided the state, its value and the cascade that set it."""
    from editor.core.state import SITE_CONFIG, StateReason

    scheduled = row(
        "news/a.md",
        "A",
        state=PublishState.SCHEDULED,
        reason=StateReason("publishDate", "2031-02-10T09:00:00+00:00", "news/_index.md"),
    )
    drafted = row(
        "b.md", "B", state=PublishState.DRAFT, reason=StateReason("draft", None, SITE_CONFIG)
    )
    plain = row("c.md", "C")
    model.put_rows([scheduled, drafted, plain])
    tips = {
        model.index(number, Column.STATE).data(Role.PATH): model.index(number, Column.STATE).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for number in range(model.rowCount())
    }
    assert tips == {
        "news/a.md": "Scheduled: publishDate 2031-02-10T09:00:00+00:00, via cascade from news/_index.md",
        "b.md": "Draft: draft, via cascade from the site config",
        "c.md": "Published",
    }
