"""The list's order and filter, checked against the plain definitions: rows streamed in batches,
replaced and removed end in the order a full sort gives; the filter keeps exactly the rows a
brute-force test keeps; the selection stays on its articles through filter changes and merges."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from editor.core.index import ArticleSummary
from editor.core.row_columns import STATE_ORDER, file_name, list_row, prepare, search_text
from editor.core.state import PublishState
from editor.ui.desk.article_filter import ArticleFilterProxy
from editor.ui.desk.article_model import ArticleModel, Column, Role

PROPERTY = settings(
    settings.get_profile(os.environ.get("COPYDESK_HYPOTHESIS", "quick")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
WORDS = ["harbor", "Harbour", "vote", "ÉCOLE", "école", "rail", "ab", "a", ""]
SOURCES = ["", "Wire", "wire", "Meridian"]
STATES = [state for state in PublishState]


@st.composite
def summaries(draw: Any, max_size: int = 40) -> list[ArticleSummary]:
    """Rows with many ties (titles, dates, sources repeat), unique paths."""
    count = draw(st.integers(0, max_size))
    names = draw(
        st.lists(
            st.sampled_from(["a", "B", "c", "é", "x/y", "Z"]).flatmap(
                lambda stem: st.integers(0, 99).map(lambda n: f"{stem}{n}.md")
            ),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    rows = []
    for name in names:
        title = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))
        day = draw(st.one_of(st.none(), st.integers(1, 4)))
        date = dt.datetime(2026, 1, day, tzinfo=dt.UTC) if day else None
        state = draw(st.sampled_from(STATES))
        rows.append(
            ArticleSummary(
                name,
                title,
                date,
                state is PublishState.DRAFT,
                state,
                draw(st.sampled_from(SOURCES)),
                "",
                "",
                draw(st.sampled_from(["", "rail strike", "School vote"])),
            )
        )
    return rows


def key(summary: ArticleSummary, column: Column) -> Any:
    """The sort key of a column, written out plainly (the model's definition)."""
    if column == Column.STATE:
        return STATE_ORDER.index(summary.state)
    if column == Column.TITLE:
        return (summary.title or file_name(summary.path)).casefold()
    if column == Column.DATE:
        moment = summary.publish_date or summary.date
        return moment.timestamp() if moment else float("-inf")
    if column == Column.SOURCE:
        return summary.source.casefold()
    return summary.path.casefold()


def full_sort(rows: list[ArticleSummary], column: Column, order: Qt.SortOrder) -> list[str]:
    ranked = sorted(
        rows,
        key=lambda row: (key(row, column), row.path),
        reverse=order == Qt.SortOrder.DescendingOrder,
    )
    return [row.path for row in ranked]


def shown(proxy: ArticleFilterProxy) -> list[str]:
    return [proxy.path_at(row) for row in range(proxy.rowCount())]


def pair(qapp: Any) -> tuple[ArticleModel, ArticleFilterProxy]:
    model = ArticleModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


sort_columns = st.sampled_from(
    [Column.STATE, Column.TITLE, Column.DATE, Column.SOURCE, Column.PATH]
)
sort_orders = st.sampled_from([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])


@PROPERTY
@given(
    rows=summaries(),
    cuts=st.lists(st.integers(0, 40), max_size=5),
    column=sort_columns,
    order=sort_orders,
    sort_first=st.booleans(),
)
def test_streamed_batches_end_in_the_order_of_a_full_sort(
    qapp: Any,
    rows: list[ArticleSummary],
    cuts: list[int],
    column: Column,
    order: Qt.SortOrder,
    sort_first: bool,
) -> None:
    model, proxy = pair(qapp)
    if sort_first:
        proxy.sort(column, order)
    bounds = [0, *sorted(cut for cut in cuts if cut < len(rows)), len(rows)]
    for start, end in itertools.pairwise(bounds):
        model.put_rows(prepare(rows[start:end]) if start % 2 else rows[start:end])
    if not sort_first:
        proxy.sort(column, order)
    assert shown(proxy) == full_sort(rows, column, order)
    assert sorted(model.paths()) == sorted(row.path for row in rows)


@PROPERTY
@given(
    rows=summaries(),
    data=st.data(),
    column=sort_columns,
    order=sort_orders,
)
def test_replaced_and_removed_rows_keep_the_order_and_the_numbers_straight(
    qapp: Any, rows: list[ArticleSummary], data: Any, column: Column, order: Qt.SortOrder
) -> None:
    model, proxy = pair(qapp)
    proxy.sort(column, order)
    model.put_rows(rows)
    paths = [row.path for row in rows]
    changed = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
    fresh = data.draw(summaries(max_size=len(changed))) if changed else []
    replacements = [
        ArticleSummary(path, new.title, new.date, new.draft, new.state, new.source, "", "")
        for path, new in zip(changed, fresh, strict=False)
    ]
    model.put_rows(replacements)
    current = {row.path: row for row in rows} | {row.path: row for row in replacements}
    gone = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
    model.remove([*gone, "not-listed.md"])
    for path in gone:
        del current[path]
    assert shown(proxy) == full_sort(list(current.values()), column, order)
    assert model.rowCount() == len(current)
    for path, summary in current.items():
        row = model.row_of(path)
        assert row is not None and model.path_at(row) == path
        assert model.summary_at(row) == list_row(summary)  # as the list keeps it
    assert all(model.row_of(path) is None for path in gone)
    expected = {state: 0 for state in PublishState}
    for summary in current.values():
        expected[summary.state] += 1
    assert {state: model.counts()[state] for state in PublishState} == expected


@PROPERTY
@given(
    rows=summaries(),
    text=st.lists(
        st.sampled_from(["harb", "vote", "école", "ECOLE", "a", "x/", "rail"]), max_size=3
    ),
    more=st.sampled_from(["", "o", "r", "b"]),
    state=st.one_of(st.none(), st.sampled_from(STATES)),
    body=st.lists(st.integers(0, 39), max_size=4),
)
def test_the_filter_keeps_exactly_what_a_brute_force_filter_keeps(
    qapp: Any,
    rows: list[ArticleSummary],
    text: list[str],
    more: str,
    state: PublishState | None,
    body: list[int],
) -> None:
    model, proxy = pair(qapp)
    model.put_rows(rows)
    bodies = {rows[n].path: f"…{n}…" for n in body if n < len(rows)}
    put = {row.path: row for row in rows}  # what was put (the list keeps rows without summaries)

    def brute(words: list[str]) -> list[str]:
        kept = []
        for path in full_sort(rows, Column.DATE, Qt.SortOrder.DescendingOrder):
            summary = put[path]
            if state is not None and summary.state != state:
                continue
            folded = search_text(summary)
            matched = all(word.casefold() in folded for word in words)
            if words and not matched and path not in bodies:
                continue
            kept.append(path)
        return kept

    proxy.set_state(state)
    proxy.set_body_matches(bodies)
    proxy.set_text(" ".join(text))
    assert shown(proxy) == brute(text)
    # Body matches arrive for the same words (the text matches are not searched again).
    bodies.clear()
    bodies.update({rows[n].path: "…" for n in body[:2] if n < len(rows)})
    proxy.set_body_matches(dict(bodies))
    assert shown(proxy) == brute(text)
    if rows:  # a changed row (its date stays): the texts are searched again
        changed = dataclasses.replace(rows[0], title="harbor vote école rail")
        put[changed.path] = changed
        model.put_rows([changed])
    assert shown(proxy) == brute(text)
    typed_on = [*text[:-1], text[-1] + more] if text else [more]
    proxy.set_text(" ".join(typed_on))  # typing on narrows from the rows shown
    assert shown(proxy) == brute(typed_on if " ".join(typed_on).strip() else [])
    proxy.set_text("")
    assert shown(proxy) == brute([])


def row(path: str, title: str, day: int = 1) -> ArticleSummary:
    date = dt.datetime(2026, 1, day, tzinfo=dt.UTC)
    return ArticleSummary(path, title, date, False, PublishState.PUBLISHED, "", "", "")


@pytest.fixture
def listed(qtbot: Any) -> tuple[ArticleModel, ArticleFilterProxy, QTableView]:
    model = ArticleModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.put_rows([row(f"{n:03d}.md", f"Title {n:03d}") for n in range(0, 200, 2)])
    return model, proxy, view


def selected(view: QTableView) -> list[str]:
    return sorted(index.data(Role.PATH) for index in view.selectionModel().selectedRows())


def test_the_selection_stays_on_its_articles_through_a_merge_and_a_filter(
    listed: tuple[ArticleModel, ArticleFilterProxy, QTableView],
) -> None:
    model, proxy, view = listed
    selection = view.selectionModel()
    selection.setCurrentIndex(proxy.proxy_index_of("040.md"), SELECT)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(proxy.proxy_index_of("100.md"), flags)
    # A batch lands everywhere in the order, before and between the selected rows.
    model.put_rows(prepare([row(f"{n:03d}.md", f"Title {n:03d}") for n in range(1, 200, 2)]))
    assert proxy.rowCount() == 200
    assert view.currentIndex().data(Role.PATH) == "040.md"
    assert view.currentIndex().row() == 40
    assert selected(view) == ["040.md", "100.md"]
    # A filter keeps the rows it shows selected, wherever they are now.
    proxy.set_text("title 04")  # 004, 040-049, 104, 140-149
    assert view.currentIndex().data(Role.PATH) == "040.md"
    assert selected(view) == ["040.md"]  # 100.md is filtered out
    proxy.set_text("title")
    assert selected(view) == ["040.md"]  # what went out stays unselected
    assert view.currentIndex().data(Role.PATH) == "040.md"


def test_a_row_filtered_out_leaves_the_selection_and_says_so(
    qtbot: Any, listed: tuple[ArticleModel, ArticleFilterProxy, QTableView]
) -> None:
    _model, proxy, view = listed
    view.selectionModel().setCurrentIndex(proxy.proxy_index_of("050.md"), SELECT)
    with qtbot.waitSignal(proxy.rows_dropped, timeout=1000):
        proxy.set_text("title 06")
    assert not view.currentIndex().isValid()
    assert selected(view) == []
    assert shown(proxy) == ["006.md", *(f"{n:03d}.md" for n in range(60, 70, 2)), "106.md"]


def test_removed_rows_leave_and_the_rest_keep_their_selection(
    listed: tuple[ArticleModel, ArticleFilterProxy, QTableView],
) -> None:
    model, proxy, view = listed
    view.selectionModel().setCurrentIndex(proxy.proxy_index_of("150.md"), SELECT)
    many = [f"{n:03d}.md" for n in range(0, 140, 2)]  # more than are removed one by one
    model.remove(many)
    assert shown(proxy) == [f"{n:03d}.md" for n in range(140, 200, 2)]
    assert view.currentIndex().data(Role.PATH) == "150.md"
    model.remove(["152.md", "150.md"])
    assert "150.md" not in shown(proxy) and len(shown(proxy)) == 28
    assert not view.currentIndex().isValid()
    assert model.row_of("154.md") is not None
    assert model.path_at(model.row_of("154.md")) == "154.md"


def test_a_row_whose_sort_key_stays_keeps_its_place_and_shows_its_new_texts(
    listed: tuple[ArticleModel, ArticleFilterProxy, QTableView],
) -> None:
    model, proxy, _view = listed
    before = shown(proxy)
    changed = ArticleSummary(
        "010.md", "Title 010", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), False,
        PublishState.PUBLISHED, "New source", "", "",
    )  # fmt: skip
    model.put_rows([changed])
    assert shown(proxy) == before
    assert proxy.index(before.index("010.md"), Column.SOURCE).data() == "New source"
    proxy.set_text("new source")
    assert shown(proxy) == ["010.md"]


@PROPERTY
@given(
    rows=summaries(),
    cuts=st.lists(st.integers(0, 40), max_size=5),
    column=sort_columns,
    order=sort_orders,
)
def test_batches_in_path_order_keep_a_full_sort_at_every_step(
    qapp: Any, rows: list[ArticleSummary], cuts: list[int], column: Column, order: Qt.SortOrder
) -> None:
    """A scan's batches come in path order (each path after every listed one): the model then
    merges by the column's key alone; after each batch the list is the full sort of the rows so
    far, ties by path, and the selection stays on its article."""
    rows = sorted(rows, key=lambda row: row.path)
    model, proxy = pair(qapp)
    view = QTableView()
    view.setModel(proxy)
    proxy.sort(column, order)
    bounds = [0, *sorted(cut for cut in cuts if cut < len(rows)), len(rows)]
    chosen: str | None = None
    for start, end in itertools.pairwise(bounds):
        model.put_rows(prepare(rows[start:end]))
        assert shown(proxy) == full_sort(rows[:end], column, order)
        if chosen is None and end:
            chosen = shown(proxy)[0]
            view.selectionModel().select(proxy.index(0, 0), SELECT)
        if chosen is not None:
            selected = view.selectionModel().selectedRows()
            assert [proxy.path_at(index.row()) for index in selected] == [chosen]
