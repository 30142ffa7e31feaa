"""Field-by-field changes between two versions, keys folded the way Hugo reads them."""

from __future__ import annotations

import pytest

from editor.core.field_changes import (
    MISSING,
    ChangeKind,
    align_keys,
    describe_keys,
    edited_beside,
    field_changes,
    version_changes,
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"title": "A"}, {"title": "A"}, []),
        ({"title": "A"}, {"title": "B"}, [("title", "A", "B", ChangeKind.CHANGED)]),
        ({}, {"slug": "x"}, [("slug", MISSING, "x", ChangeKind.ADDED)]),
        ({"slug": "x"}, {}, [("slug", "x", MISSING, ChangeKind.REMOVED)]),
        ({"Title": "A"}, {"title": "A"}, [("title", "A", "A", ChangeKind.RENAMED)]),
        ({"Title": "A"}, {"title": "B"}, [("title", "A", "B", ChangeKind.CHANGED)]),
        ({"n": 1}, {"n": True}, [("n", 1, True, ChangeKind.CHANGED)]),  # 1 is not true
        ({"p": {"a": 1}}, {"p": {"a": 2}}, [("p", {"a": 1}, {"a": 2}, ChangeKind.CHANGED)]),
    ],
)
def test_field_changes(old: dict, new: dict, expected: list) -> None:
    got = [(c.key, c.old, c.new, c.kind) for c in field_changes(old, new)]
    assert got == expected


def test_keys_that_fold_together_in_one_version_are_compared_by_spelling() -> None:
    old = {"Title": "Shown", "title": "Hidden"}
    new = {"Title": "Shown", "title": "Changed"}
    (change,) = field_changes(old, new)
    assert (change.key, change.old, change.new) == ("title", "Hidden", "Changed")
    assert align_keys(old, new) == [("Title", ("Title", "Title")), ("title", ("title", "title"))]


def test_version_changes_reads_bytes_and_sees_the_body() -> None:
    old = b'+++\ntitle = "A"\n+++\nBody\n'
    changes = version_changes(old, b'+++\ntitle = "B"\n+++\nBody!\n')
    assert changes.keys() == ["title"] and changes.body_changed and changes.changed
    assert not version_changes(old, old).changed


def test_describe_keys() -> None:
    assert describe_keys([]) == ""
    assert describe_keys(["title"]) == "title"
    assert describe_keys(["title", "date", "source"]) == "title, date and source"


def test_edited_beside_names_what_an_action_wrote_besides_its_flag() -> None:
    before = b"+++\ntitle = 'Old'\nDraft = true\n+++\nBody\n"
    assert edited_beside(before, {"title": "New", "Draft": False}, "Body\n") == ("title",)
    assert edited_beside(before, {"title": "Old", "Draft": False}, "Body\n") == ()
    assert edited_beside(before, {"title": "Old", "Draft": False}, "New body\n") == ("body",)
    assert edited_beside(b"+++\ntitle = \n+++\n", {"title": "New"}, "") == ()  # unreadable: none
