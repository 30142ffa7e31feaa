"""One wording of a commit's history (core/history_text): the structure and the sentences, for each
kind of change, from real file bytes."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.git_history import Version
from editor.core.git_status import Change
from editor.core.history_text import ENGLISH, Note, Wording, story_lines, story_of, value_text

CHANGE = Change("c0ffee" * 6 + "abcd", "Alice", "alice@desk.example", 1_795_000_000, "Edit")

BASE = b"""+++
title = "Harbour reopens"
draft = true
date = 2026-11-20T09:00:00Z
tags = ["harbour", "storm"]
source = "Wire"
+++

The harbour reopened on Friday.
The quay is open.
"""


def version(
    data: bytes | None,
    parent: bytes | None,
    *,
    status: str = "M",
    old: str | None = None,
    merge: bool = False,
) -> Version:
    return Version(CHANGE, "content/a.md", status, data, old, parent, merge)


def edited(*pairs: tuple[bytes, bytes]) -> bytes:
    data = BASE
    for old, new in pairs:
        assert data.count(old) == 1
        data = data.replace(old, new)
    return data


@pytest.mark.parametrize(
    ("made", "lines"),
    [
        (version(edited((b"Harbour reopens", b"Harbour open")), BASE),
         ['title: "Harbour reopens" \u2192 "Harbour open"']),
        (version(edited((b"draft = true", b"draft = false")), BASE), ["draft: true \u2192 false"]),
        (version(edited((b"09:00:00Z", b"10:30:00Z")), BASE),
         ["date: 2026-11-20T09:00:00+00:00 \u2192 2026-11-20T10:30:00+00:00"]),
        (version(edited((b'"storm"]', b'"storm", "quay"]')), BASE),
         ['tags: ["harbour", "storm"] \u2192 ["harbour", "storm", "quay"]']),
        (version(edited((b'source = "Wire"\n', b'source = "Wire"\nweight = 3\n')), BASE),
         ["weight: (new) 3"]),
        (version(edited((b'source = "Wire"\n', b"")), BASE), ['source: removed (was "Wire")']),
        (version(edited((b"title =", b"Title =")), BASE), ["Title: key renamed from title"]),
        (version(edited((b"Friday", b"Monday")), BASE), ["body: 2 lines changed"]),
        (version(edited((b"The quay is open.\n", b"")), BASE), ["body: 1 line changed"]),
        (version(edited((b"draft = true", b"draft  =  true")), BASE),
         ["no change to the front matter or the body"]),
        (version(BASE, None, status="A"), ["created in this commit"]),
        (version(None, BASE, status="D"), ["deleted in this commit"]),
        (version(edited((b"Friday", b"Monday")), BASE, status="R", old="content/old.md"),
         ["renamed from content/old.md", "body: 2 lines changed"]),
        (version(edited((b"draft = true", b"draft = false")), BASE, merge=True),
         ["merge: what it brought in, against its first parent", "draft: true \u2192 false"]),
    ],
)  # fmt: skip
def test_each_kind_of_change_in_one_wording(made: Version, lines: list[str]) -> None:
    assert story_lines(story_of(made)) == lines


def test_a_version_that_cannot_be_read_is_said_so_not_raised() -> None:
    story = story_of(version(b'+++\ntitle = "open\n+++\n', BASE))
    assert [note for note, _ in story.notes] == [Note.UNREADABLE]
    (line,) = story_lines(story)
    assert line.startswith("front matter not readable here: ") and "line" in line


def test_the_words_are_the_callers_the_structure_is_core() -> None:
    words = Wording(changed="{0} war {1}, ist {2}", merge="Merge", body_many="Text: {0} Zeilen")
    made = version(edited((b"draft = true", b"draft = false"), (b"Friday", b"Monday")), BASE)
    merged = Version(CHANGE, "content/a.md", "M", made.data, None, BASE, True)
    assert story_lines(story_of(merged), words) == [
        "Merge",
        "draft war true, ist false",
        "Text: 2 Zeilen",
    ]
    assert story_lines(story_of(merged)) == [
        ENGLISH.merge,
        "draft: true \u2192 false",
        "body: 2 lines changed",
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Wire", '"Wire"'),
        ("2026-11-20", '"2026-11-20"'),  # a string that looks like a date stays a string
        (dt.date(2026, 11, 20), "2026-11-20"),
        (dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), "2026-11-20T09:00:00+00:00"),
        (True, "true"),
        (None, "null"),
        (["Zürich", dt.date(2026, 1, 2)], '["Zürich", "2026-01-02"]'),
        ({"alt": "Quay"}, '{"alt": "Quay"}'),
        ({dt.date(2026, 1, 2): 1}, "{datetime.date(2026, 1, 2): 1}"),  # YAML's date keys: as Python
    ],
)
def test_values_on_one_line(value: object, text: str) -> None:
    assert value_text(value) == text
