"""``frontmatter.read_values`` (a listing's read, which never cuts out the body) gives exactly
what ``read(data)[1]`` gives, and raises exactly what it raises: message, line and column.

Checked on generated files built from the pieces that decide how a file is cut (delimiters in
every place, CR, BOM, blank space, invalid UTF-8, zero bytes, conflict markers, broken TOML) and on
every file the sample desk and the Hugo agreement tests hold, with the TOML edge cases wrapped as
front matter.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_parsers import TOML_EDGE_CASES
from test_hugo_agreement import held_files

from editor.core.frontmatter import FrontMatterError, read, read_values


def _outcome(call: Any, data: bytes) -> tuple[str, Any]:
    try:
        value = call(data)
    except FrontMatterError as error:
        return "error", (error.message, error.line, error.column, str(error))
    return "values", repr(value)  # repr: the types (int or bool, the datetimes' zones) count too


def assert_same(data: bytes) -> None:
    assert _outcome(read_values, data) == _outcome(lambda raw: read(raw)[1], data), data


PIECES = st.sampled_from(
    [
        b"+++",
        b"+++\n",
        b"+++ \n",
        b"+++\r\n",
        b"---\n",
        b"\n",
        b"\r\n",
        b"\r",
        b" ",
        b"\t",
        b'title = "T"\n',
        b"draft = true\n",
        b"date = 2024-03-23T02:26:14Z\n",
        b"publishDate = 2031-01-01\n",
        b"a = \n",
        b'a = """x\r\ny"""\n',
        b"[params]\n",
        b"x = [1, 2]\n",
        b"{",
        b'{"title": "J"}',
        b"title: Y\n",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\x00",
        b"<<<<<<< HEAD\n",
        b"=======\n",
        b">>>>>>> x\n",
        b"body text\n",
        "é😀".encode(),
        b"+++body",
        b"\n+++ trailing\n",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=12).map(b"".join))
def test_read_values_is_what_read_gives(data: bytes) -> None:
    assert_same(data)


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=10).map(b"".join))
def test_read_values_of_a_file_opened_with_the_toml_line(data: bytes) -> None:
    assert_same(b"+++\n" + data)  # the fast path's own case, whatever follows


def test_the_files_the_tests_hold_read_the_same() -> None:
    files = held_files()
    assert len(files) > 40
    for data in files:
        assert_same(data)


@pytest.mark.parametrize("text", TOML_EDGE_CASES)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_toml_edge_cases_as_front_matter_read_the_same(text: str, newline: str) -> None:
    for data in (
        f"+++\n{text}\n+++\nbody\n",
        f"+++\n{text}{newline}+++",
        f"+++{newline}{text}{newline}+++{newline}",
        f"+++\n\n{text}\n+++ x\n",
        f"+++\n{text}\n",  # never closed
    ):
        assert_same(data.encode("utf-8", "surrogatepass"))
