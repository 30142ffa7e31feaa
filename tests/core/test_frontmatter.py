from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.frontmatter import (
    BOM,
    Format,
    FrontMatterError,
    SplitFile,
    parse_front,
    read,
    split,
)

UTC = dt.UTC


def _roundtrip(path: Path, data: bytes) -> SplitFile:
    path.write_bytes(data)
    result = split(path.read_bytes())
    assert result.encode() == data
    assert path.read_bytes() == data
    return result


# --- splitting -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b'+++\ntitle = "A"\n+++\nBody\n',
            SplitFile(Format.TOML, "+++\n", 'title = "A"\n', "+++\n", "Body\n"),
            id="toml",
        ),
        pytest.param(
            b"---\ntitle: A\n---\nBody\n",
            SplitFile(Format.YAML, "---\n", "title: A\n", "---\n", "Body\n"),
            id="yaml",
        ),
        pytest.param(
            b'{\n  "title": "A"\n}\nBody\n',
            SplitFile(Format.JSON, "", '{\n  "title": "A"\n}', "\n", "Body\n"),
            id="json",
        ),
        pytest.param(
            b'+++\r\ntitle = "A"\r\n+++\r\nBody\r\n',
            SplitFile(Format.TOML, "+++\r\n", 'title = "A"\r\n', "+++\r\n", "Body\r\n"),
            id="toml-crlf",
        ),
        pytest.param(
            b'{"title": "A"}\r\nBody',
            SplitFile(Format.JSON, "", '{"title": "A"}', "\r\n", "Body"),
            id="json-crlf-no-final-newline",
        ),
        pytest.param(
            BOM + b'+++\ntitle = "A"\n+++\nBody',
            SplitFile(Format.TOML, "+++\n", 'title = "A"\n', "+++\n", "Body", bom=True),
            id="bom-no-final-newline",
        ),
        pytest.param(
            b'\n\n+++\ntitle = "A"\n+++\n',
            SplitFile(Format.TOML, "\n\n+++\n", 'title = "A"\n', "+++\n", ""),
            id="leading-blank-lines",
        ),
        pytest.param(
            b'+++\ntitle = "A"\n+++',
            SplitFile(Format.TOML, "+++\n", 'title = "A"\n', "+++", ""),
            id="closing-delimiter-at-eof",
        ),
        pytest.param(
            b"+++\n+++\nBody\n",
            SplitFile(Format.TOML, "+++\n", "", "+++\n", "Body\n"),
            id="empty-toml",
        ),
        pytest.param(
            b"Just a body\n+++\n",
            SplitFile(Format.NONE, "", "", "", "Just a body\n+++\n"),
            id="no-front-matter",
        ),
        pytest.param(
            b"[1, 2]\n",
            SplitFile(Format.NONE, "", "", "", "[1, 2]\n"),
            id="array-is-not-front-matter",
        ),
    ],
)
def test_split_cuts_each_format_like_hugo(tmp_path: Path, data: bytes, expected: SplitFile) -> None:
    assert _roundtrip(tmp_path / "a.md", data) == expected


def test_plus_lines_in_the_body_stay_body(tmp_path: Path) -> None:
    data = (
        b'+++\ntitle = "Code"\n+++\nExample front matter:\n\n```toml\n+++\ndraft = true\n+++\n```\n'
    )
    result = _roundtrip(tmp_path / "a.md", data)
    assert result.front == 'title = "Code"\n'
    assert result.body == "Example front matter:\n\n```toml\n+++\ndraft = true\n+++\n```\n"
    assert parse_front(result) == {"title": "Code"}


def test_closing_delimiter_is_the_first_one_at_line_start(tmp_path: Path) -> None:
    data = b'+++\ntitle = "a +++ b"\nx = """\n  +++\n"""\n+++\nbody\n+++\n'
    result = _roundtrip(tmp_path / "a.md", data)
    # "+++" inside a value or indented is not a delimiter; the first one at a line start is.
    assert result.front == 'title = "a +++ b"\nx = """\n  +++\n"""\n'
    assert result.body == "body\n+++\n"


def test_a_delimiter_with_text_after_it_still_closes_like_hugo(tmp_path: Path) -> None:
    # Hugo's lexer closes at the first line that starts with the delimiter; the rest of that
    # line is body. (We used to look for a line holding only the delimiter.)
    result = _roundtrip(tmp_path / "a.md", b'+++\ntitle = "A"\n+++ trailing\nBody\n')
    assert (result.front, result.tail, result.body) == ('title = "A"\n', "+++", " trailing\nBody\n")
    result = _roundtrip(tmp_path / "b.md", b"---\ntitle: A\n---x\nBody\n")
    assert (result.front, result.tail, result.body) == ("title: A\n", "---", "x\nBody\n")
    result = _roundtrip(tmp_path / "c.md", b"+++\na = 1\n+++ \t\r\nBody")
    assert (result.tail, result.body) == ("+++ \t\r\n", "Body")


def test_a_delimiter_line_inside_a_multiline_string_ends_the_front_matter(tmp_path: Path) -> None:
    # So does Hugo, which then fails on the unterminated string: the file is malformed.
    data = b'+++\ntitle = """\n+++ not the end\n"""\n+++\nBody\n'
    with pytest.raises(FrontMatterError) as caught:
        read(_roundtrip(tmp_path / "a.md", data).encode())
    assert "Malformed TOML" in caught.value.message
    assert caught.value.line == 3  # the line that closed it


def test_yaml_body_may_hold_a_horizontal_rule(tmp_path: Path) -> None:
    data = b"---\ntitle: A\n---\nIntro\n\n---\n\nMore\n"
    result = _roundtrip(tmp_path / "a.md", data)
    assert result.body == "Intro\n\n---\n\nMore\n"


def test_json_braces_inside_strings_do_not_end_the_front_matter(tmp_path: Path) -> None:
    data = b'{"title": "a } b", "n": {"x": 1}}\n\n{not json}\n'
    result = _roundtrip(tmp_path / "a.md", data)
    assert result.front == '{"title": "a } b", "n": {"x": 1}}'
    assert result.body == "\n{not json}\n"
    assert parse_front(result) == {"title": "a } b", "n": {"x": 1}}


def test_every_body_byte_is_kept(tmp_path: Path) -> None:
    body = "Tabs\t, trailing spaces   \r\nmixed\nendings\r\n\u00e9\u6f22\u5b57 \U0001f600\n\n\n"
    data = b'+++\ntitle = "A"\n+++\n' + body.encode()
    assert _roundtrip(tmp_path / "a.md", data).body == body


def test_split_positions_and_newline() -> None:
    result = split(b"\r\n+++\r\na = 1\r\nb = 2\r\n+++\r\nbody")
    assert result.newline == "\r\n"
    assert result.front_line == 3
    assert result.body_line == 6
    assert split(b"no front matter").newline == "\n"
    assert split(b"x\r\ny").newline == "\r\n"


def test_with_front_and_with_body_keep_the_rest() -> None:
    original = split(BOM + b"+++\r\na = 1\r\n+++\r\nbody")
    assert original.with_front("a = 2\r\n").encode() == BOM + b"+++\r\na = 2\r\n+++\r\nbody"
    assert original.with_body("new").encode() == BOM + b"+++\r\na = 1\r\n+++\r\nnew"


# --- reading values --------------------------------------------------------------------------------


def test_parse_toml_values() -> None:
    _, meta = read(
        b"+++\ndate = 2025-09-23T14:21:27Z\nday = 2025-09-23\nlocal = 2025-09-23T10:00:00\n"
        b"draft = false\nn = 3\ntags = ['a']\n[params]\nx = 1\n+++\n"
    )
    assert meta == {
        "date": dt.datetime(2025, 9, 23, 14, 21, 27, tzinfo=UTC),
        "day": dt.date(2025, 9, 23),
        "local": dt.datetime(2025, 9, 23, 10, 0, 0),
        "draft": False,
        "n": 3,
        "tags": ["a"],
        "params": {"x": 1},
    }


def test_parse_yaml_and_json_values() -> None:
    _, meta = read(b"---\ntitle: A\ndate: 2025-09-23T14:21:27Z\ndraft: true\n---\n")
    assert meta == {
        "title": "A",
        "date": dt.datetime(2025, 9, 23, 14, 21, 27, tzinfo=UTC),
        "draft": True,
    }
    _, meta = read(b'{"title": "A", "draft": "true"}\n')
    assert meta == {"title": "A", "draft": "true"}
    assert read(b"---\n---\nbody")[1] == {}
    assert read(b"plain body")[1] == {}


def test_all_samples_split_back_to_their_bytes(sample_desk: Path) -> None:
    files = sorted((sample_desk / "content").rglob("*.md"))
    assert len(files) >= 10
    for path in files:
        data = path.read_bytes()
        assert split(data).encode() == data, path


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message", "line", "column"),
    [
        pytest.param(b"", "empty", None, None, id="empty"),
        pytest.param(b"+++\x00\x01\x02", "binary", None, None, id="binary"),
        pytest.param(b'+++\ntitle = "caf\xe9"\n+++\n', "not valid UTF-8", 2, 13, id="latin-1"),
        pytest.param(
            b'+++\ntitle = "A"\ndraft = true\n', "never closed", 1, None, id="unclosed-toml"
        ),
        pytest.param(b"\n---\ntitle: A\n", "never closed", 2, None, id="unclosed-yaml"),
        pytest.param(b"+++ toml\ntitle = 1\n+++\n", "opening", 1, None, id="bad-opening"),
        pytest.param(
            b'+++\ntitle = "A"\ndraft = \n+++\n', "Malformed TOML", 3, 9, id="toml-no-value"
        ),
        pytest.param(b"+++\ntags = [1,\n+++\n", "Malformed TOML", 3, None, id="toml-open-array"),
        pytest.param(b'+++\ntitle = "A\n+++\n', "Malformed TOML", 2, 11, id="toml-unclosed-string"),
        pytest.param(b"+++\na = 1\na = 2\n+++\n", "Malformed TOML", 3, 6, id="toml-duplicate-key"),
        pytest.param(
            b"---\ntitle: A\ntags: [a, b\n---\n", "Malformed YAML", 4, 1, id="yaml-unclosed-flow"
        ),
        pytest.param(
            b"---\ntitle: A\nx: b: c\n---\n", "Malformed YAML", 3, 5, id="yaml-mapping-in-plain"
        ),
        pytest.param(b"---\n- a\n- b\n---\n", "mapping", 2, None, id="yaml-list"),
        pytest.param(b'{\n  "title": "A",\n}\n', "Malformed JSON", 3, 1, id="json-trailing-comma"),
        pytest.param(b'{"title": "A"', "Malformed JSON", 1, 14, id="json-unclosed"),
    ],
)
def test_bad_input_gives_a_clear_error_with_a_position(
    tmp_path: Path, data: bytes, message: str, line: int | None, column: int | None
) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(FrontMatterError) as caught:
        read(path.read_bytes())
    error = caught.value
    assert message in error.message
    assert (error.line, error.column) == (line, column)
    if line is not None:
        assert f"line {line}" in str(error)
    assert path.read_bytes() == data


def test_utf8_error_position_counts_lines_after_a_bom() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split(BOM + b"+++\na = 1\n+++\nok\n\xff\n")
    assert (caught.value.line, caught.value.column) == (5, 1)


def test_broken_sample_reports_the_line(sample_desk: Path) -> None:
    data = (sample_desk / "content/business/broken-front-matter.md").read_bytes()
    with pytest.raises(FrontMatterError) as caught:
        read(data)
    assert caught.value.line == 2
    assert "Malformed TOML" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"+++\na = " + b"[" * 3_000 + b"]" * 3_000 + b"\n+++\n", id="toml"),
        pytest.param(b"---\na: " + b"[" * 500 + b"]" * 500 + b"\n---\n", id="yaml"),  # slow to scan
        pytest.param(b'{"a": ' + b"[" * 3_000 + b"]" * 3_000 + b"}\n", id="json"),
    ],
)
def test_deep_nesting_is_an_error_not_a_crash(data: bytes) -> None:
    # The parsers recurse; a RecursionError used to escape and stop a whole folder scan.
    with pytest.raises(FrontMatterError, match="nested too deeply"):
        read(data)
