"""The article list's rows kept as columns: one list per column of what the model needs per article.

At 100,000 articles a Python object per row (with its display texts made up front) cost 6 µs a row
on the GUI thread and most of the window's memory. Here a batch of summaries becomes a
:class:`RowBatch`, a handful of lists (the sort key of each column, the casefolded text the filter
searches), made by :func:`prepare` in the worker thread that scans, so that the GUI thread only
extends lists. Sorting is ``order.sort(key=keys.__getitem__)`` over such a list and filtering a list
comprehension over the search texts; display texts are made when a row is painted.

A row's search text mostly begins with its title key and a space (the title's words, casefolded,
each once): then the list keeps only the rest, and the title key, which the Title column's sort
keeps anyway, is searched as the row's *head* (:func:`split_search`). At 100,000 rows the titles
were 7.6 MiB of the search texts, twice kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.row_search import search_words
from editor.core.state import PublishState

STATE_ORDER = (
    PublishState.DRAFT,
    PublishState.SCHEDULED,
    PublishState.PUBLISHED,
    PublishState.EXPIRED,
    PublishState.UNLISTED,
    PublishState.INVALID,
)
STATE_RANK = {state: rank for rank, state in enumerate(STATE_ORDER)}
KEYED_COLUMNS = 5  # state, title, date, source, path: the columns whose keys come with the rows
NO_DATE = float("-inf")  # sorts first ascending, so last when newest first


def shown_date(summary: ArticleSummary) -> dt.datetime | None:
    """The date the Date column shows: the one Hugo publishes on (publishDate, else date)."""
    return summary.publish_date or summary.date


def file_name(path: str) -> str:
    """What the Title column shows for a file without a title: its name, printable."""
    return shown_path(path.rsplit("/", 1)[-1])


def search_text(summary: ArticleSummary) -> str:
    """What the filter box searches in a row (:func:`editor.core.row_search.search_words`)."""
    return search_words(summary.title, summary.path, summary.source, summary.summary)


def split_search(text: str, title_key: str) -> tuple[str, str]:
    """``(head, rest)`` of a row's search text: ``(title_key, what follows it)`` where the text is
    the title key, a space and more, else ``("", text)``. A filter word has no space in it, so it
    is in the text exactly when it is in the head or in the rest."""
    if (
        title_key
        and text.startswith(title_key)
        and text[len(title_key) : len(title_key) + 1] == " "
    ):
        return title_key, text[len(title_key) + 1 :]
    return "", text


def list_row(summary: ArticleSummary) -> ArticleSummary:
    """The row the list keeps: ``summary`` without the texts the window never shows from its list
    (the summary, whose words are in the :func:`search_text`; the source link and the cover
    link, which the form reads from the open article). At 100,000 rows they were 55 MiB."""
    if not (summary.summary or summary.source_link or summary.enclosure):
        return summary
    return ArticleSummary(
        summary.path,
        summary.title,
        summary.date,
        summary.draft,
        summary.state,
        summary.source,
        "",
        "",
        "",
        summary.error,
        summary.mtime_ns,
        summary.size,
        summary.readable,
        summary.reason,
        summary.language,
        summary.publish_date,
        summary.date_key,
        summary.fields,
        summary.lists,
    )


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Summaries (as the list keeps them: :func:`list_row`) with their columns, in the same order
    (see :func:`prepare`)."""

    summaries: list[ArticleSummary]
    paths: list[str]
    search: list[str]  # what the filter searches, but the head (split_search)
    heads: list[str]  # the title key where the search text began with it, else ""
    keys: tuple[list[Any], ...]  # one list per keyed column (state, title, date, source, path)

    def __len__(self) -> int:
        return len(self.summaries)

    def pick(self, numbers: Sequence[int]) -> RowBatch:
        """The rows at these positions, as a batch of their own."""
        return RowBatch(
            [self.summaries[n] for n in numbers],
            [self.paths[n] for n in numbers],
            [self.search[n] for n in numbers],
            [self.heads[n] for n in numbers],
            tuple([column[n] for n in numbers] for column in self.keys),
        )


def prepare(
    summaries: Iterable[ArticleSummary], search: Sequence[str | None] | None = None
) -> RowBatch:
    """The columns of these rows (pure data: runs in a worker thread). ``search``: the rows'
    search texts where the index cache kept them (None: made here), in the same order."""
    rows = list(summaries)
    sources: dict[str, str] = {}  # a desk has few sources: one key string for each
    ranks, titles, dates, source_keys, path_keys = [], [], [], [], []
    for summary in rows:
        path = summary.path
        ranks.append(STATE_RANK[summary.state])
        titles.append((summary.title or file_name(path)).casefold())
        moment = shown_date(summary)
        dates.append(moment.timestamp() if moment else NO_DATE)
        source = summary.source
        key = sources.get(source)
        if key is None:
            key = sources[source] = source.casefold()
        source_keys.append(key)
        folded = path.casefold()
        path_keys.append(path if folded == path else folded)
    texts = (
        [search_text(summary) for summary in rows]
        if search is None
        else [
            text if text is not None else search_text(summary)
            for summary, text in zip(rows, search, strict=True)
        ]
    )
    heads, rests = [], []
    for text, title_key in zip(texts, titles, strict=True):
        head, rest = split_search(text, title_key)
        heads.append(head)
        rests.append(rest)
    return RowBatch(
        [list_row(summary) for summary in rows],
        [summary.path for summary in rows],
        rests,
        heads,
        (ranks, titles, dates, source_keys, path_keys),
    )


def join(batches: Sequence[RowBatch]) -> RowBatch:
    """One batch of several (the GUI merges streamed batches into the list in big steps)."""
    if len(batches) == 1:
        return batches[0]
    summaries: list[ArticleSummary] = []
    paths: list[str] = []
    search: list[str] = []
    heads: list[str] = []
    keys: tuple[list[Any], ...] = tuple([] for _ in range(KEYED_COLUMNS))
    for batch in batches:
        summaries += batch.summaries
        paths += batch.paths
        search += batch.search
        heads += batch.heads
        for column, values in zip(keys, batch.keys, strict=True):
            column += values
    return RowBatch(summaries, paths, search, heads, keys)
