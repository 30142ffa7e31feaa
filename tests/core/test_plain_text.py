from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.plain_text import _raw_offset, fold_line_breaks, merge_edit


def test_an_edit_in_a_crlf_body_keeps_every_other_line_ending() -> None:
    original = "<p>one</p>\r\n<p>two\u00a0000 euros</p>\r\n<p>three</p>\r\n"
    edited = fold_line_breaks(original).replace("three", "three!")
    assert (
        merge_edit(original, edited)
        == "<p>one</p>\r\n<p>two\u00a0000 euros</p>\r\n<p>three!</p>\r\n"
    )


def test_a_new_line_takes_the_file_line_ending() -> None:
    original = "a\r\nb\r\n"
    assert merge_edit(original, "a\nnew\nb\n") == "a\r\nnew\r\nb\r\n"
    assert merge_edit("a\nb\n", "a\nnew\nb\n") == "a\nnew\nb\n"


def test_unusual_line_breaks_outside_the_edit_survive() -> None:
    original = "x\u2028y\rz\u2029end"
    assert merge_edit(original, "x\ny\nz\nEND") == "x\u2028y\rz\u2029END"


def test_no_edit_gives_the_original_back() -> None:
    original = "a\r\nb\rc"
    assert merge_edit(original, fold_line_breaks(original)) == original


def test_deleting_everything() -> None:
    assert merge_edit("a\r\nb", "") == ""


_text = st.text(alphabet=st.sampled_from(list("ab \u00a0\n\r\u2028\u2029<>")), max_size=40)


@given(
    original=_text,
    start=st.integers(0, 40),
    stop=st.integers(0, 40),
    insert=st.text(alphabet="xy\n", max_size=5),
)
def test_an_edit_changes_only_its_region(original: str, start: int, stop: int, insert: str) -> None:
    shown = fold_line_breaks(original)
    start, stop = sorted((min(start, len(shown)), min(stop, len(shown))))
    edited = shown[:start] + insert + shown[stop:]
    merged = merge_edit(original, edited)
    assert fold_line_breaks(merged) == edited
    if "\r" not in original.replace(
        "\r\n", ""
    ):  # no lone CR: what lies before the edit is kept exactly
        before = original[: _raw_offset(original, max(0, start - 1))]
        assert merged.startswith(before)
