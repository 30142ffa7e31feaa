"""The line-wise three-way merge of bodies (git merge-file's rules) and its markers."""

from __future__ import annotations

import pytest

from editor.core.line_merge import merge_lines, split_lines, unmark

BASE = "one\ntwo\nthree\nfour\nfive\n"


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        ("one\nTWO\nthree\nfour\nfive\n", BASE, "one\nTWO\nthree\nfour\nfive\n"),
        (BASE, "one\ntwo\nthree\nfour\nFIVE\n", "one\ntwo\nthree\nfour\nFIVE\n"),
        (
            "ONE\ntwo\nthree\nfour\nfive\n",
            "one\ntwo\nthree\nfour\nFIVE\n",
            "ONE\ntwo\nthree\nfour\nFIVE\n",
        ),
        (
            "one\nTWO\nthree\nfour\nfive\n",
            "one\nTWO\nthree\nfour\nfive\n",
            "one\nTWO\nthree\nfour\nfive\n",
        ),
        ("zero\n" + BASE, BASE + "six\n", "zero\n" + BASE + "six\n"),
        ("one\nthree\nfour\nfive\n", "one\ntwo\nthree\nfour\n", "one\nthree\nfour\n"),
        ("a\r\nb\r\n", "a\r\nb\r\nc\r\n", None),
    ],
)
def test_clean_merges(mine: str, theirs: str, expected: str | None) -> None:
    base = BASE if expected is not None else "a\r\nb\r\n"
    result = merge_lines(base, mine, theirs)
    assert result.clean
    assert result.text() == (expected if expected is not None else "a\r\nb\r\nc\r\n")


def test_changes_to_touching_lines_conflict_as_in_git() -> None:
    result = merge_lines(BASE, "one\nTWO\nthree\nfour\nfive\n", "one\ntwo\nTHREE\nfour\nfive\n")
    (hunk,) = result.conflicts
    assert (hunk.base, hunk.mine, hunk.theirs) == (
        ("two\n", "three\n"),
        ("TWO\n", "three\n"),
        ("two\n", "THREE\n"),
    )
    assert hunk.mine_start == 1
    assert result.text("theirs") == "one\ntwo\nTHREE\nfour\nfive\n"
    assert result.text(resolved=["both\n"]) == "one\nboth\nfour\nfive\n"


def test_markers_round_trip() -> None:
    mine, theirs = "one\nmine\nthree\n", "one\ntheirs\nthree\n"
    marked = merge_lines("one\ntwo\nthree\n", mine, theirs).marked()
    assert marked == (
        "one\n<<<<<<< ours\nmine\n||||||| base\ntwo\n=======\ntheirs\n>>>>>>> theirs\nthree\n"
    )
    assert unmark(marked) == (mine, "one\ntwo\nthree\n", theirs)
    assert unmark("no markers\n") is None
    assert unmark("<<<<<<< ours\nonly half\n") is None


def test_split_lines_keeps_every_character() -> None:
    for text in ["", "a", "a\n", "a\r\nb", "\n\n", "a\rb\n"]:
        assert "".join(split_lines(text)) == text
    assert split_lines("a\rb\nc") == ["a\rb\n", "c"]
