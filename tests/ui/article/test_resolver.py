"""The resolver dialog on three byte versions: rows, choices, edited results, and bad typing."""

from __future__ import annotations

import pytest

from editor.core.frontmatter import parse_front, split
from editor.core.merge import MergeError
from editor.ui.article.resolver import ResolverDialog

BASE = b'+++\ntitle = "Base"\ncount = 1\nslug = "base"\ndraft = true\n+++\nOne.\nTwo.\n'
MINE = b'+++\ntitle = "Mine"\ncount = 2\nslug = "mine"\ndraft = false\n+++\nOne, mine.\nTwo.\n'
THEIRS = b'+++\ntitle = "Theirs"\ncount = 3\ndraft = true\n+++\nOne, theirs.\nTwo.\n'


@pytest.fixture
def dialog(qtbot) -> ResolverDialog:
    made = ResolverDialog(BASE, MINE, THEIRS)
    qtbot.addWidget(made)
    return made


def test_one_row_per_conflicting_field_and_body_hunk(dialog: ResolverDialog) -> None:
    assert list(dialog.field_rows) == ["title", "count", "slug"]  # draft: only mine changed it
    assert len(dialog.hunk_rows) == 1
    assert dialog.field_rows["title"].result.toPlainText() == "Mine"  # mine until chosen


def test_default_keeps_mine_for_every_conflict(dialog: ResolverDialog) -> None:
    data = dialog.resolved_bytes()  # built on theirs (mine changed values only): slug comes back
    assert parse_front(split(data)) == parse_front(split(MINE))
    assert split(data).body == split(MINE).body


def test_choices_and_an_edited_result(dialog: ResolverDialog) -> None:
    dialog.choose("title", "theirs")
    dialog.choose("count", "base")
    dialog.choose("slug", "theirs")  # theirs removed it
    dialog.choose("body:1", "both")
    dialog.set_result("title", "Theirs, edited")
    data = dialog.resolved_bytes()
    meta = parse_front(split(data))
    assert meta == {"title": "Theirs, edited", "count": 1, "draft": False}
    assert split(data).body == "One, mine.\nOne, theirs.\nTwo.\n"


def test_a_typed_value_keeps_the_key_type_and_bad_typing_is_said(dialog: ResolverDialog) -> None:
    dialog.set_result("count", "42")
    assert parse_front(split(dialog.resolved_bytes()))["count"] == 42
    dialog.set_result("count", "many")
    dialog.accept()
    assert dialog.resolved is None  # not accepted
    assert "count" in dialog.error.text()


def test_labels_for_git_and_a_version_that_does_not_parse(qtbot) -> None:
    made = ResolverDialog(BASE, MINE, THEIRS, labels=("Ours", "Theirs", "Base"))
    qtbot.addWidget(made)
    assert made.labels == {"mine": "Ours", "theirs": "Theirs", "base": "Base"}
    with pytest.raises(MergeError, match="The other version"):
        ResolverDialog(BASE, MINE, b"+++\ntitle = \n+++\n")


def test_the_dialog_is_as_tall_as_its_rows_need(qtbot) -> None:
    """One conflicting title sat in a 620 px dialog, most of it empty."""
    from editor.ui.article.resolver import RESOLVER_HEIGHT

    one = ResolverDialog(BASE, BASE.replace(b"Base", b"Mine"), BASE.replace(b"Base", b"Theirs"))
    qtbot.addWidget(one)
    assert list(one.field_rows) == ["title"]
    assert one.height() < RESOLVER_HEIGHT * 0.7
    one.show()
    qtbot.waitExposed(one)
    row = one.field_rows["title"].result
    assert row.isVisible() and row.visibleRegion().boundingRect().height() == row.height()
    many_base = b"+++\n" + b"".join(b'k%d = "b"\n' % n for n in range(12)) + b"+++\n"
    many = ResolverDialog(
        many_base, many_base.replace(b'"b"', b'"m"'), many_base.replace(b'"b"', b'"t"')
    )
    qtbot.addWidget(many)
    assert len(many.field_rows) == 12 and many.height() == RESOLVER_HEIGHT
