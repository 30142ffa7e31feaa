"""The list keeps lighter rows than the scan gives (row_columns.list_row) without changing what
it shows or finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from editor.core.index import ArticleSummary, StateReason
from editor.core.state import PublishState
from editor.ui.desk.article_model import ArticleModel, Column, Role
from editor.ui.desk.row_columns import list_row, prepare, search_text

TEXTS = st.sampled_from(["", "Rail strike", "École du port", "港口 罢工", "https://x.test/a"])
ROWS = st.builds(
    ArticleSummary,
    path=st.sampled_from(["a.md", "posts/b.md", "c/index.md"]),
    title=TEXTS,
    date=st.one_of(st.none(), st.just(dt.datetime(2026, 1, 2, tzinfo=dt.UTC))),
    draft=st.booleans(),
    state=st.sampled_from(list(PublishState)),
    source=TEXTS,
    source_link=TEXTS,
    enclosure=TEXTS,
    summary=TEXTS,
    error=st.one_of(st.none(), st.just("bad date")),
    mtime_ns=st.integers(0, 2**62),
    size=st.integers(0, 2**40),
    readable=st.booleans(),
    reason=st.builds(StateReason, st.just("draft"), st.just("true"), st.none()),
    language=st.sampled_from(["", "fr"]),
    publish_date=st.one_of(st.none(), st.just(dt.datetime(2026, 3, 4, tzinfo=dt.UTC))),
    date_key=st.sampled_from(["", "date", "publishdate"]),
    fields=st.just((("title", "text"),)),
    lists=st.just((("tags", ("a", "b")),)),
)


@given(ROWS)
def test_the_kept_row_is_the_row_without_its_unshown_texts(row: ArticleSummary) -> None:
    kept = list_row(row)
    # Every other field is the row's own (a field added to ArticleSummary and not copied fails).
    assert kept == dataclasses.replace(row, summary="", source_link="", enclosure="")
    if not (row.summary or row.source_link or row.enclosure):
        assert kept is row  # nothing to drop: no copy


@given(st.lists(ROWS, max_size=3, unique_by=lambda row: row.path))
def test_the_cells_do_not_depend_on_the_texts_left_out(qapp: Any, rows: list[Any]) -> None:
    batch = prepare(rows)
    assert batch.summaries == [list_row(row) for row in rows]
    # The summary's words stay searchable though the row no longer keeps them.
    assert batch.search == [search_text(row) for row in rows]
    model = ArticleModel()
    model.put_rows(rows)
    other = ArticleModel()
    other.put_rows(
        [
            dataclasses.replace(row, summary="x", source_link="y", enclosure="z")
            for row in reversed(rows)
        ]
    )
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Role.SORT,
        Role.PATH,
        Role.STATE,
        Role.ERROR,
    ]
    for row in rows:
        number, twin = model.row_of(row.path), other.row_of(row.path)
        assert number is not None and twin is not None
        for column in Column:
            for role in roles:
                assert model.cell(number, column, role) == other.cell(twin, column, role)
