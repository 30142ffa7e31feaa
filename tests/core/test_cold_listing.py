"""The per-file pipeline of a cold listing, made faster, gives what the plain code gave.

Each fast piece is checked against the plain version it replaced (kept here as the reference):
the closing delimiter found with ``str.find`` (was a multi-line regex), the shape limits walked
without a stack for plain values, the UTF-8 checks skipped for files with no zero byte, the kinds
of values by type, the rows sent back from a reader process as tuples, and the pool started while
the walk is still going.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.cli import main
from editor.core import frontmatter, limits, listing, pool, vocabulary
from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError
from editor.core.index import ArticleSummary, _values_inside, desk_rules
from editor.core.packed_rows import from_reader, json_rows, pack, unpack
from editor.core.site_rules import _is_plain_absolute
from editor.core.verdicts import document_text, row_bytes

AS_OF = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)

# --- the closing delimiter -----------------------------------------------------------------------

_PLAIN_CLOSING = {
    delimiter: re.compile(rf"^{re.escape(delimiter)}(?:[ \t]*\r?(?:\n|$))?", re.MULTILINE)
    for delimiter in ("+++", "---")
}
PIECES = st.sampled_from(["+", "-", "\n", "\r", " ", "\t", "a", "+++", "---", "\r\n", "\n+++"])


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(PIECES, max_size=14).map("".join), delimiter=st.sampled_from(["+++", "---"]))
def test_the_closing_line_is_found_where_the_multiline_regex_finds_it(
    text: str, delimiter: str
) -> None:
    # The search starts at a line start (after the opening line's line break), as split does.
    for start in [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]:
        match = _PLAIN_CLOSING[delimiter].search(text, start)
        expected = None if match is None else (match.start(), match.end())
        assert frontmatter._closing_line(text, delimiter, start) == expected


# --- the shape limits ----------------------------------------------------------------------------


def _plain_shape_problem(value: Any) -> str | None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > limits.MAX_VALUES:
            return limits._too_many()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple | set):
            children = item
        else:
            continue
        if depth > limits.MAX_DEPTH:
            return (
                f"The front matter is nested more than {limits.MAX_DEPTH} levels deep; "
                "Copydesk does not read it"
            )
        stack.extend((child, depth + 1) for child in children)
    return None


NESTED = st.recursive(
    st.one_of(st.integers(0, 3), st.text(max_size=2), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=2), inner, max_size=4)
    ),
    max_leaves=40,
)


@contextlib.contextmanager
def _limits(max_values: int, max_depth: int) -> Iterator[None]:
    saved = limits.MAX_VALUES, limits.MAX_DEPTH
    limits.MAX_VALUES, limits.MAX_DEPTH = max_values, max_depth
    try:
        yield
    finally:
        limits.MAX_VALUES, limits.MAX_DEPTH = saved


@settings(max_examples=800, deadline=None)
@given(value=NESTED, max_values=st.integers(1, 30), max_depth=st.integers(1, 5))
def test_the_shape_limits_say_what_the_plain_walk_says(
    value: Any, max_values: int, max_depth: int
) -> None:
    with _limits(max_values, max_depth):  # small limits, so both are passed, in either order
        assert limits.shape_problem(value) == _plain_shape_problem(value)


# --- decoding ------------------------------------------------------------------------------------


def _plain_decode_problem(data: bytes) -> str | None:
    if not data:
        return "The file is empty"
    wide = frontmatter._wide_encoding(data)
    if wide is not None:
        return f"This file is {wide} text; Hugo reads only UTF-8, so save it as UTF-8 to use it"
    if b"\x00" in data[: frontmatter._BINARY_SNIFF]:
        return "This looks like a binary file, not a text article"
    return None


BYTES = st.lists(
    st.sampled_from([b"\x00", b"\xff", b"\xfe", b"\xff\xfe", b"\xfe\xff", b"a", b"+++\n", b"\n"]),
    max_size=40,
).map(b"".join)


@settings(max_examples=1500, deadline=None)
@given(data=BYTES, padding=st.sampled_from([0, 8180, 8200]))
def test_wide_and_binary_files_are_told_apart_as_before(data: bytes, padding: int) -> None:
    data = b"a" * padding + data if padding and data else data
    expected = _plain_decode_problem(data)
    try:
        frontmatter.decode(data)
    except FrontMatterError as error:
        problem: str | None = error.message
    else:
        problem = None
    if expected is None and problem is not None:
        assert "not valid UTF-8" in problem  # the decoding itself, after both checks
    else:
        assert problem == expected


# --- the kinds of values -------------------------------------------------------------------------


class Level(enum.IntEnum):
    LOW = 1


class Stamp(dt.datetime):
    pass


class Name(str):
    pass


class Items(list[str]):
    pass


def _plain_kind(value: Any) -> str:
    if isinstance(value, bool):
        return vocabulary.BOOL
    if isinstance(value, int):
        return vocabulary.INT
    if isinstance(value, float):
        return vocabulary.FLOAT
    if isinstance(value, dt.datetime):
        return vocabulary.DATETIME
    if isinstance(value, dt.date):
        return vocabulary.DATE
    if isinstance(value, str):
        return vocabulary.value_kind(value)
    if isinstance(value, list):
        return vocabulary.LIST
    if isinstance(value, dict):
        return vocabulary.TABLE
    return vocabulary.OTHER


VALUES = [True, 0, Level.LOW, 1.5, AS_OF, Stamp(2024, 1, 1), dt.date(2024, 1, 1), dt.time(1, 2)]
VALUES += ["text", "2024-03-23", "2024-03-23T10:00:00Z", [], ["a"], {}, None, (1,), b"x"]
VALUES += [" 2024-03-23 ", "Mon, 02 Jan 2006", "Monday", "2024-13-45", "", Name("2024-03-23")]
VALUES += [Items(["a", "b"]), ["a", 1], [" ", "x" * 81, "b"]]


@pytest.mark.parametrize("value", VALUES)
def test_a_value_has_the_kind_the_isinstance_chain_gives(value: Any) -> None:
    assert vocabulary.value_kind(value) == _plain_kind(value)
    kinds, lists = vocabulary.profile({"key": value})
    assert kinds == (("key", _plain_kind(value)),)
    strings = isinstance(value, list) and value and all(isinstance(item, str) for item in value)
    items = [item for item in value[:50] if item.strip() and len(item) <= 80] if strings else []
    assert lists == ((("key", tuple(items)),) if strings else ())


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 4095, 4096, 4097, 70_000])
def test_a_file_is_read_whole_in_one_read_or_more(tmp_path: Path, size: int) -> None:
    path = tmp_path / "a.md"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    assert read_regular(path)[0] == data
    assert read_regular(path, regular=True)[0] == data
    assert read_regular(path, regular=True)[1].st_size == size


def test_a_folder_said_to_be_a_file_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="folder"):
        read_regular(tmp_path, regular=True)  # the status after the open decides


# --- rows from the readers, and the pool started during the walk ---------------------------------


def _desk(root: Path, count: int) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    shapes = [
        '+++\ntitle = "T{n}"\ndate = "2024-03-23T02:26:14Z"\ndraft = {draft}\ntags = ["a", "b"]\n+++\nbody\n',
        '+++\ntitle = "S{n}"\npublishDate = 2031-01-01T00:00:00Z\n+++\n',
        "---\ntitle: Y{n}\nexpiryDate: 2020-01-01\n---\n",
        '+++\ntitle = "bad {n}"\ndate = "someday"\n+++\n',
        "+++\ntitle = \n+++\n",
        "",
    ]
    for number in range(count):
        text = shapes[number % len(shapes)].format(n=number, draft=str(number % 4 == 0).lower())
        folder = root / "content" / f"s{number % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{number:03d}.md").write_text(text)
    os.symlink("/etc/hostname", root / "content" / "s0" / "outside.md")
    os.symlink(root / "content" / "s1" / "a001.md", root / "content" / "s0" / "inside.md")
    return root


def test_a_packed_row_unpacks_to_the_same_row(tmp_path: Path) -> None:
    root = _desk(tmp_path / "desk", 12).resolve()
    rules = desk_rules(root)
    paths = sorted(str(path) for path in (root / "content").rglob("*.md"))
    for path in paths:
        values = _values_inside(str(root), path, path, AS_OF, rules, False)
        assert unpack(pack(values)) == ArticleSummary(*values)


@pytest.mark.parametrize(
    ("count", "threshold", "batch"),
    [
        (40, 10, 4),  # reached in the middle of the walk
        (21, 21, 4),  # reached only by the last, partial batch
        (21, 22, 4),  # never reached: one process
        (5, 1, 256),  # fewer files than one batch
    ],
)
def test_the_pool_started_during_the_walk_gives_the_rows_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, threshold: int, batch: int
) -> None:
    root = _desk(tmp_path / "desk", count)
    alone = [
        row for part in listing.scan(root, AS_OF, batch, workers=1, use_cache=False) for row in part
    ]
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", threshold)
    pooled = [
        row for part in listing.scan(root, AS_OF, batch, workers=2, use_cache=False) for row in part
    ]
    assert pooled == alone
    assert len(alone) == count + 2
    assert {row.state.value for row in alone} >= {"draft", "scheduled", "expired", "invalid"}


# --- list --json: the readers send each row's JSON text ----------------------------------------


def _json_desk(root: Path, count: int) -> Path:
    _desk(root, count)
    (root / "content" / "s2" / "lone.md").write_text('{"title": "\\ud800 lone"}\n', "utf-8")
    (root / "content" / "s2" / "wide.md").write_text('+++\ntitle = "é 😀 \\u0007"\n+++\n', "utf-8")
    return root


def test_a_readers_json_row_is_the_text_the_row_would_be_written_as(tmp_path: Path) -> None:
    root = _json_desk(tmp_path / "desk", 12).resolve()
    rules = desk_rules(root)
    paths = sorted(str(path) for path in (root / "content").rglob("*.md"))
    sent = json_rows(str(root), paths, AS_OF, rules, [False] * len(paths))
    packed = 0
    for path, item in zip(paths, sent, strict=True):
        relpath = path[len(str(root)) + 1 :]
        row = ArticleSummary(*_values_inside(str(root), path, relpath, AS_OF, rules, False))
        received = from_reader(item)
        if isinstance(received, ArticleSummary):  # what orjson refuses comes as the row itself
            packed += 1
            assert received == dataclasses.replace(row, fields=(), lists=())  # no profile
            assert received.to_json() == row.to_json()
            assert row_bytes(row) is None
        else:
            assert received == (row.path, row.state.value, document_text(row.to_json()).encode())
    assert packed == 1  # the lone surrogate


def test_list_json_from_the_readers_writes_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _json_desk(tmp_path / "desk", 300)  # two batches: the first is read here
    command = ["list", "--json", "--no-cache", "--as-of", "2026-12-01T12:00:00Z", str(root)]
    assert main(command) == 0
    alone = capsys.readouterr().out
    assert main([*command, "--state", "draft"]) == 0
    drafts = capsys.readouterr().out
    received: list[Any] = []

    def kept(row: Any) -> Any:
        received.append(row)
        return from_reader(row)

    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(listing, "from_reader", kept)
    assert main(command) == 0
    assert capsys.readouterr().out == alone
    assert main([*command, "--state", "draft"]) == 0
    assert capsys.readouterr().out == drafts
    assert 0 < len(json.loads(drafts)) < len(json.loads(alone)) == 300 + 4
    assert "\\ud800 lone" in alone
    # The readers' rows came as JSON text, the one orjson refuses packed.
    assert sum(len(row) == 3 for row in received) >= 30
    assert any(len(row) > 3 for row in received)


# --- a walk's path taken as it is ----------------------------------------------------------------

PATH_PARTS = st.sampled_from(["/", "a", ".", "..", ".b", "b.", "..c", "c..", "...", " "])


@settings(max_examples=400, deadline=None)
@given(st.lists(PATH_PARTS, max_size=8))
def test_a_path_taken_as_absolute_is_what_abspath_gives(parts: list[str]) -> None:
    path = "/" + "".join(parts)
    if _is_plain_absolute(path):
        assert os.path.abspath(path) == path


def test_a_desk_below_a_dotted_folder_is_read_without_abspath(tmp_path: Path) -> None:
    root = _desk(tmp_path / ".sites" / "desk", 12).resolve()
    rules = desk_rules(root)
    paths = sorted(str(path) for path in (root / "content").rglob("*.md"))
    assert all(_is_plain_absolute(path) for path in paths)
    assert not _is_plain_absolute(f"{root}/content/./s0/a000.md")
    assert not _is_plain_absolute(f"{root}/content/s0/..")
    for path in paths:  # a Path goes through os.path: the same rules
        assert rules.page_rules(path) == desk_rules(root).page_rules(Path(path))


def test_a_reader_of_python_m_editor_does_not_import_the_command_line() -> None:
    # What multiprocessing's spawn does with the main module of `python -m editor` in each reader.
    code = (
        "import runpy, sys; runpy.run_module('editor.__main__', run_name='__mp_main__', "
        "alter_sys=True); print('editor.cli' in sys.modules, 'editor.cli_git' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
@pytest.mark.parametrize(("polite", "lower"), [(True, 5), (False, 0)])
def test_readers_yield_the_cpu_only_to_a_window(polite: bool, lower: int) -> None:
    own = os.nice(0)
    with pool.process_pool(1, polite=polite) as readers:
        niceness = readers.submit(os.nice, 0).result()
    assert niceness == min(own + lower, 19)
