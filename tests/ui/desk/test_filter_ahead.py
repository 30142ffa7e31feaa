"""The filter's search in the typing pause (ArticleFilterProxy.search_ahead) finds exactly what
the filter finds without it: whole, in part, or with the rows changed meanwhile."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.index import ArticleSummary
from editor.core.row_columns import search_text
from editor.core.state import PublishState
from editor.ui.desk import article_filter
from editor.ui.desk.article_filter import ArticleFilterProxy
from editor.ui.desk.article_model import ArticleModel

PROPERTY = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
WORDS = [
    "Harbour",
    "harbor",
    "ÉCOLE",
    "école",
    "Straße",
    "STRASSE",
    "港口",
    "罢工",
    "rail",
    "a",
    "é",
]
TYPED = st.lists(st.sampled_from([*WORDS, "ar", "ss", "港", "ra", "x"]), min_size=1, max_size=3)


@st.composite
def desks(draw: Any) -> list[ArticleSummary]:
    count = draw(st.integers(0, 30))
    rows = []
    for number in range(count):
        title = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))
        summary = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4)))
        state = draw(st.sampled_from(list(PublishState)))
        source = draw(st.sampled_from(["", "Wire", "港口日报"]))
        name = f"{draw(st.sampled_from(['a', 'Rail', 'école']))}{number}.md"
        rows.append(ArticleSummary(name, title, None, False, state, source, "", "", summary))
    return rows


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_filter, "AHEAD_FROM", 0)  # search ahead on any desk
    monkeypatch.setattr(article_filter, "AHEAD_CHUNK", 3)  # in many chunks


def pair(rows: list[ArticleSummary]) -> tuple[ArticleModel, ArticleFilterProxy]:
    model = ArticleModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    model.put_rows(rows)
    return model, proxy


def shown(proxy: ArticleFilterProxy) -> list[str]:
    return [proxy.path_at(row) for row in range(proxy.rowCount())]


def brute(rows: list[ArticleSummary], words: list[str]) -> set[str]:
    return {
        row.path
        for row in rows
        if all(word.casefold() in search_text(row) for word in words)  # the row as scanned
    }


@PROPERTY
@given(rows=desks(), typed=TYPED, chunks=st.integers(0, 12), then=TYPED)
def test_a_search_in_the_pause_finds_what_the_filter_finds(
    qapp: Any, rows: list[ArticleSummary], typed: list[str], chunks: int, then: list[str]
) -> None:
    _model, proxy = pair(rows)
    _plain_model, plain = pair(rows)
    text = " ".join(typed)
    proxy.search_ahead(text)
    for _ in range(chunks):  # the pause searched this many chunks (or all of them)
        if proxy._ahead is not None:
            proxy._ahead.search(0.0)
    proxy.set_text(text)
    plain.set_text(text)
    assert set(shown(proxy)) == brute(rows, typed)
    assert shown(proxy) == shown(plain)
    # Body matches join them (from the marks of the search ahead).
    bodies = {row.path: "…" for row in rows[::3]}
    proxy.set_body_matches(bodies)
    plain.set_body_matches(bodies)
    assert set(shown(proxy)) == brute(rows, typed) | set(bodies)
    assert shown(proxy) == shown(plain)
    proxy.set_body_matches({})
    plain.set_body_matches({})
    # Typing on: the next words are searched ahead from the rows shown, or from all of them.
    more = " ".join([*typed, *then])
    proxy.search_ahead(more)
    if proxy._ahead is not None:
        proxy._ahead.search(None)
    proxy.set_text(more)
    plain.set_text(more)
    assert set(shown(proxy)) == brute(rows, [*typed, *then])
    assert shown(proxy) == shown(plain)


@PROPERTY
@given(rows=desks(), typed=TYPED, retitle=st.sampled_from(WORDS), drop=st.booleans())
def test_rows_changed_during_the_pause_are_searched_as_they_are_now(
    qapp: Any, rows: list[ArticleSummary], typed: list[str], retitle: str, drop: bool
) -> None:
    model, proxy = pair(rows)
    text = " ".join(typed)
    proxy.search_ahead(text)
    assert proxy._ahead is not None
    proxy._ahead.search(None)  # the pause searched every row ...
    now = list(rows)
    if rows:  # ... then one changed (or went): its row number and text are not what was searched
        if drop:
            model.remove([rows[0].path])
            now = rows[1:]
        else:
            now[0] = dataclasses.replace(rows[0], title=retitle, summary="")
            model.put_rows([now[0]])
    now.append(ArticleSummary("new.md", retitle, None, False, PublishState.DRAFT, "", "", ""))
    model.put_rows([now[-1]])
    proxy.set_text(text)
    assert set(shown(proxy)) == brute(now, typed)


def test_the_search_runs_in_slices_on_turns_of_the_event_loop(qtbot: Any) -> None:
    rows = [
        ArticleSummary(
            f"{n}.md", "Harbour" if n % 3 else "rail", None, False, PublishState.DRAFT, "", "", ""
        )
        for n in range(40)
    ]
    _model, proxy = pair(rows)
    proxy.search_ahead("HARB")
    ahead = proxy._ahead
    assert ahead is not None and ahead.done == 0  # nothing searched yet: the typing goes on
    qtbot.waitUntil(lambda: ahead.done == len(rows))
    assert not proxy._ahead_timer.isActive()
    proxy.set_text("harb")
    assert proxy._ahead is ahead  # what the pause found was used
    assert set(shown(proxy)) == {row.path for row in rows if row.title == "Harbour"}


def test_the_list_searches_ahead_while_the_typing_pauses(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.ui.desk import article_list

    monkeypatch.setattr(article_list, "FILTER_AT_ONCE", 0)  # a big desk: the list waits
    panel = article_list.ArticleListPanel(lambda: None)
    qtbot.addWidget(panel)
    rows = [
        ArticleSummary(f"{n}.md", f"Harbour {n}", None, False, PublishState.DRAFT, "", "", "")
        for n in range(10)
    ]
    panel.model.put_rows(
        [*rows, ArticleSummary("x.md", "Rail", None, False, PublishState.DRAFT, "", "", "")]
    )
    qtbot.keyClicks(panel.filter_edit, "harb 1")
    ahead = panel.proxy._ahead
    assert ahead is not None and ahead.words == ["harb", "1"]
    assert panel.proxy.rowCount() == len(rows) + 1  # not filtered before the pause
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    assert panel.proxy._ahead is ahead and ahead.done == len(rows) + 1
    assert [panel.proxy.path_at(0)] == ["1.md"]
