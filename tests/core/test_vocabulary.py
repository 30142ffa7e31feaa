"""The desk's vocabulary: keys by frequency, each key's usual kind, the strings its lists use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.listing import scan
from editor.core.vocabulary import (
    BOOL,
    DATE,
    DATETIME,
    FLOAT,
    INT,
    LIST,
    TABLE,
    TEXT,
    Vocabulary,
    default_value,
    profile,
    value_kind,
)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("plain", TEXT),
        ("2025-10-01", DATE),
        ("2025-10-01T08:00:00+02:00", DATETIME),
        (dt.datetime(2025, 1, 1), DATETIME),
        (dt.date(2025, 1, 1), DATE),
        (True, BOOL),
        (3, INT),
        (1.5, FLOAT),
        (["a"], LIST),
        ({"a": 1}, TABLE),
    ],
)
def test_value_kind(value: object, kind: str) -> None:
    assert value_kind(value) == kind


def test_profile_keeps_string_lists_only() -> None:
    kinds, lists = profile({"tags": ["a", "b"], "ids": [1, 2], "title": "T", "empty": []})
    assert kinds == (("tags", LIST), ("ids", LIST), ("title", TEXT), ("empty", LIST))
    assert lists == (("tags", ("a", "b")),)


def test_keys_by_frequency_usual_kind_and_items(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "+++\ntitle = 'A'\nauthor = 'X'\ntags = ['rail', 'strike']\n"
        "reviewed = 2025-01-01T00:00:00Z\n+++\n"
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: B\ntags: [rail]\nreviewed: '2025-02-01'\nrating: 3\n---\n"
    )
    (tmp_path / "c.md").write_text('{"title": "C", "reviewed": "soon", "tags": ["ports"]}\n')
    rows = [row for batch in scan(tmp_path) for row in batch]
    vocabulary = Vocabulary.of((row.fields, row.lists) for row in rows)
    assert vocabulary.keys(exclude=["TITLE"]) == [
        ("reviewed", 3),
        ("tags", 3),
        ("author", 1),
        ("rating", 1),
    ]
    assert vocabulary.usual_kind("reviewed") == DATETIME  # one datetime, one date, one text: a tie
    assert vocabulary.usual_kind("tags") == LIST
    assert vocabulary.usual_kind("rating") == INT
    assert vocabulary.usual_kind("unknown") is None
    assert vocabulary.items("tags") == ["rail", "ports", "strike"]


def test_mostly_dates_win_over_a_stray_text() -> None:
    vocabulary = Vocabulary.of(
        [((("due", DATE),), ()), ((("due", DATE),), ()), ((("due", TEXT),), ())]
    )
    assert vocabulary.usual_kind("due") == DATE


def test_default_values() -> None:
    now = dt.datetime(2025, 1, 2, 3, 4, 5, 678, tzinfo=dt.UTC)
    assert default_value(BOOL, now) is False
    assert default_value(DATETIME, now) == now.replace(microsecond=0)
    assert default_value(DATE, now) == dt.date(2025, 1, 2)
    assert default_value(LIST, now) == []
    assert default_value(TEXT, now) is None and default_value(None, now) is None


def test_files_of_one_shape_share_one_profile_tuple() -> None:
    first, _ = profile({"title": "A", "draft": True})
    second, _ = profile({"title": "B", "draft": False})
    assert first is second
