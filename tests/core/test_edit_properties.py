"""Property tests for edits: a draft flip touches the draft value only, and any text reads back
(with the examples of text each style must escape)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.edit import apply_edits
from editor.core.frontmatter import BOM, parse_front, split
from editor.core.service import DocumentService

# --- property: a draft flip touches the draft value only, and flipping back restores the file ----

# Example counts come from the profile in tests/conftest.py (a few seconds by default;
# COPYDESK_HYPOTHESIS=thorough for a long hunt).
PROPERTY = settings(
    settings.get_profile(os.environ.get("COPYDESK_HYPOTHESIS", "quick")),
    suppress_health_check=[HealthCheck.too_slow],
)

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=12,
)
_BARE_KEYS = st.from_regex(r"[a-z][a-z0-9_-]{0,7}", fullmatch=True).filter(
    lambda key: key not in ("draft", "params")
)
_NEWLINES = st.sampled_from(["\n", "\r\n"])
_BODY_LINES = st.lists(
    st.sampled_from(
        [
            "+++",
            "---",
            "",
            "Text",
            "```toml",
            "draft = true",
            "draft: true",
            '{"draft": true}',
            "  +++",
        ]
    )
    | _TEXT,
    max_size=6,
)


def _toml_basic(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def _toml_value(draw: st.DrawFn, newline: str) -> str:
    kinds = [
        "basic",
        "literal",
        "int",
        "float",
        "bool",
        "datetime",
        "date",
        "array",
        "table",
        "ml-array",
        "ml-string",
    ]
    kind = draw(st.sampled_from(kinds))
    if kind == "basic":
        return _toml_basic(draw(_TEXT))
    if kind == "literal":
        return "'" + draw(_TEXT.filter(lambda t: "'" not in t)) + "'"
    if kind == "int":
        return draw(st.sampled_from(["0", "42", "-7", "1_000", "0x1F", "+3"]))
    if kind == "float":
        return draw(st.sampled_from(["1.5", "-0.25", "1e3", "3.0E-2", "inf", "nan"]))
    if kind == "bool":
        return draw(st.sampled_from(["true", "false"]))
    if kind == "datetime":
        moment = draw(
            st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1))
        )
        zone = draw(st.sampled_from(["Z", "+02:00", "-05:30", ""]))
        return moment.replace(microsecond=0).isoformat() + zone
    if kind == "date":
        return draw(st.dates(min_value=dt.date(1970, 1, 1))).isoformat()
    if kind == "array":
        return (
            "["
            + ", ".join(draw(st.lists(st.sampled_from(['"a"', "'b'", "1", "[2]"]), max_size=3)))
            + "]"
        )
    if kind == "table":
        return draw(st.sampled_from(['{ name = "Ana", id = 7 }', "{}", "{x=1}"]))
    if kind == "ml-array":  # a line starting with "[" that is no table header
        return f"[{newline}  [1],{newline}  2,{newline}]"
    quote = draw(st.sampled_from(['"""', "'''"]))
    lines = draw(st.lists(st.sampled_from(["[params]", "text", "", "# not a comment"]), max_size=3))
    return quote + newline + newline.join(lines) + quote


@st.composite
def toml_files(draw: st.DrawFn) -> tuple[bytes, bytes, str, bytes]:
    """(file bytes, bytes before the draft value, the draft value text, bytes after it)."""
    nl = draw(_NEWLINES)
    keys = draw(st.lists(_BARE_KEYS, unique=True, max_size=6))
    lines = []
    for key in keys:
        shown = draw(st.sampled_from([key, f'"{key}"', f"'{key}'", f"{key}.sub", f'{key}."x y"']))
        equals = draw(st.sampled_from([" = ", "=", "  =  ", "\t= "]))
        comment = draw(st.sampled_from(["", " # note", "  #", " # +++ not a delimiter"]))
        lines.append(shown + equals + draw(_toml_value(nl)) + comment)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   # indented comment", "#"])))
    key = draw(st.sampled_from(["draft", "Draft"]))
    value = draw(st.sampled_from(["false", "true", '"false"', "'true'"]))
    equals = draw(st.sampled_from([" = ", "=", "   =   "]))
    comment = draw(st.sampled_from(["", " # review", "\t# x"]))
    at = draw(st.integers(0, len(lines)))
    head = draw(st.sampled_from(["", nl, " " + nl]))
    before = head + "+++" + nl + "".join(line + nl for line in lines[:at]) + key + equals
    after = comment + nl + "".join(line + nl for line in lines[at:])
    if draw(st.booleans()):
        after += "[params]" + nl + "draft = true" + nl + "x = 1" + nl
    after += "+++" + draw(st.sampled_from([nl, ""]))
    body = nl.join(draw(_BODY_LINES)) + draw(st.sampled_from(["", nl, "\n", "\r\n"]))
    if after.endswith("+++"):
        body = ""  # the file ends right after the closing delimiter
    bom = draw(st.sampled_from([b"", BOM]))
    prefix, suffix = bom + before.encode(), (after + body).encode()
    return prefix + value.encode() + suffix, prefix, value, suffix


def _flipped(value: str) -> str:
    return value.replace("true", "TRUE").replace("false", "true").replace("TRUE", "false")


def _check_flip(directory: Path, data: bytes, prefix: bytes, value: str, suffix: bytes) -> None:
    path = directory / "article.md"
    path.write_bytes(data)
    service = DocumentService(directory)
    wanted = _flipped(value)
    first = service.set_draft([path], "true" in wanted)
    assert first[0].outcome == "changed", first[0].message
    # Every byte outside the draft value is unchanged; the value has its old quoting.
    assert path.read_bytes() == prefix + wanted.encode() + suffix
    second = service.set_draft([path], "true" in value)
    assert second[0].outcome == "changed", second[0].message
    assert path.read_bytes() == data


@PROPERTY
@given(case=toml_files())
def test_toml_draft_flip_round_trips(tmp_path_factory: pytest.TempPathFactory, case: tuple) -> None:
    data, prefix, value, suffix = case
    assert split(data).encode() == data
    _check_flip(tmp_path_factory.mktemp("toml"), data, prefix, value, suffix)


_YAML_PLAIN = st.from_regex(r"[A-Za-z][A-Za-z0-9 .]{0,10}[A-Za-z0-9]", fullmatch=True)


@st.composite
def yaml_files(draw: st.DrawFn) -> tuple[bytes, bytes, str, bytes]:
    nl = draw(_NEWLINES)
    lines = []
    for key in draw(st.lists(_BARE_KEYS, unique=True, max_size=5)):
        value = draw(
            st.sampled_from(
                ["42", "true", "2025-01-02", "2025-01-02T03:04:05Z", "[a, b]", "{x: 1}", "~"]
            )
            | _YAML_PLAIN
            | _TEXT.map(lambda t: "'" + t.replace("'", "''") + "'")
            | _TEXT.map(lambda t: json.dumps(t, ensure_ascii=False))
        )
        comment = draw(st.sampled_from(["", " # note", "  # --- x"]))
        lines.append(f"{key}: {value}{comment}")
    value = draw(st.sampled_from(["false", "true", '"false"', "'true'"]))
    at = draw(st.integers(0, len(lines)))
    before = "---" + nl + "".join(line + nl for line in lines[:at]) + "draft: "
    after = (
        draw(st.sampled_from(["", " # review"]))
        + nl
        + "".join(line + nl for line in lines[at:])
        + "---"
        + nl
    )
    body = nl.join(draw(_BODY_LINES)) + draw(st.sampled_from(["", nl]))
    bom = draw(st.sampled_from([b"", BOM]))
    prefix, suffix = bom + before.encode(), (after + body).encode()
    return prefix + value.encode() + suffix, prefix, value, suffix


@PROPERTY
@given(case=yaml_files())
def test_yaml_draft_flip_round_trips(tmp_path_factory: pytest.TempPathFactory, case: tuple) -> None:
    data, prefix, value, suffix = case
    _check_flip(tmp_path_factory.mktemp("yaml"), data, prefix, value, suffix)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | _TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_TEXT, children, max_size=3),
    max_leaves=5,
)


@st.composite
def json_files(draw: st.DrawFn) -> tuple[bytes, bytes, str, bytes]:
    nl = draw(_NEWLINES)
    indent = draw(st.sampled_from(["", "  ", "    ", "\t"]))
    ascii_only = draw(st.booleans())
    members = [
        json.dumps(key, ensure_ascii=ascii_only) + ": " + json.dumps(value, ensure_ascii=ascii_only)
        for key, value in draw(st.dictionaries(_BARE_KEYS, _JSON_VALUES, max_size=5)).items()
    ]
    value = draw(st.sampled_from(["false", "true", '"false"', '"true"']))
    at = draw(st.integers(0, len(members)))
    sep = ("," + nl + indent) if indent else ", "
    opening = ("{" + nl + indent) if indent else "{"
    closing = (nl + "}") if indent else "}"
    before = opening + "".join(member + sep for member in members[:at]) + '"draft": '
    after = (
        "".join(sep + member for member in members[at:]) + closing + draw(st.sampled_from(["", nl]))
    )
    body = nl.join(draw(_BODY_LINES)) + draw(st.sampled_from(["", nl]))
    prefix, suffix = before.encode(), (after + body).encode()
    return prefix + value.encode() + suffix, prefix, value, suffix


@PROPERTY
@given(case=json_files())
def test_json_draft_flip_round_trips(tmp_path_factory: pytest.TempPathFactory, case: tuple) -> None:
    data, prefix, value, suffix = case
    _check_flip(tmp_path_factory.mktemp("json"), data, prefix, value, suffix)


@PROPERTY
@given(case=toml_files())
def test_toml_new_draft_key_is_one_inserted_top_level_line(
    tmp_path_factory: pytest.TempPathFactory, case: tuple
) -> None:
    _, prefix, _, suffix = case
    # The same file without its draft line: unpublishing must add exactly one line, at the top level.
    line_start = prefix.rfind(b"\n") + 1
    line_end = suffix.find(b"\n") + 1
    without = prefix[:line_start] + suffix[line_end:]
    directory = tmp_path_factory.mktemp("new")
    path = directory / "article.md"
    path.write_bytes(without)
    result = DocumentService(directory).unpublish([path])
    assert result[0].outcome == "changed", result[0].message
    written = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in prefix else b"\n"
    inserted = b"draft = true" + newline
    line_starts = [0] + [i + 1 for i, byte in enumerate(without) if byte == ord("\n")]
    # Exactly one new line, at a line start; every other byte as it was.
    assert any(without[:k] + inserted + without[k:] == written for k in line_starts), written
    meta = parse_front(split(written))
    assert meta["draft"] is True  # top level, not inside [params]
    assert meta.get("params", {}).get("draft", True) is True


_TITLE_FILES = [
    b"+++\ntitle = 'x'\n+++\n",
    b'+++\ntitle = "x"\n[params]\na = 1\n+++\n',
    b"+++\ntitle = '''\nx'''\n+++\n",
    b"---\ntitle: x\n---\n",
    b"---\ntitle: 'x'\n---\n",
    b'---\ntitle: "x"\n---\n',
    b"---\ntitle: >-\n  x\n---\n",
    b"---\ntitle: |\n  x\n---\n",
    b"---\nother: 1\n---\n",
    b'{"title": "x"}\n',
    b"{}\n",
    b"body only\n",
]


@PROPERTY
@given(data=st.sampled_from(_TITLE_FILES), title=st.text(max_size=20))
def test_any_text_can_be_set_and_reads_back(data: bytes, title: str) -> None:
    # Text pasted from elsewhere carries control characters (a cp1252 quote read as latin-1 is
    # U+0092); TOML literal and YAML plain/single-quoted/block scalars cannot hold them.
    edited = apply_edits(split(data), {"title": title})
    assert parse_front(split(edited.encode()))["title"] == title


@pytest.mark.parametrize(
    ("data", "text", "expected"),
    [
        # TOML allows U+0092 in any string, but DEL only escaped, in a basic string.
        pytest.param(
            b"+++\ntitle = 'x'\n+++\n",
            "Don\x92t",
            b"+++\ntitle = 'Don\xc2\x92t'\n+++\n",
            id="toml-c1",
        ),
        pytest.param(
            b"+++\ntitle = 'x'\n+++\n",
            "Del\x7f",
            b'+++\ntitle = "Del\\u007f"\n+++\n',
            id="toml-del",
        ),
        pytest.param(
            b"---\ntitle: 'x'\n---\n",
            "Don\x92t",
            b'---\ntitle: "Don\\u0092t"\n---\n',
            id="yaml-single",
        ),
        pytest.param(
            b"---\ntitle: x\n---\n",
            "Don\x92t",
            b'---\ntitle: "Don\\u0092t"\n---\n',
            id="yaml-plain",
        ),
        pytest.param(
            b"---\ntitle: >-\n  x\n---\n",
            "a\u2028b",
            b'---\ntitle: "a\\u2028b"\n---\n',
            id="yaml-block",
        ),
        pytest.param(b'{"title": "x"}\n', "Don\x92t", b'{"title": "Don\xc2\x92t"}\n', id="json"),
    ],
)
def test_control_characters_are_escaped_where_the_style_cannot_hold_them(
    data: bytes, text: str, expected: bytes
) -> None:
    assert apply_edits(split(data), {"title": text}).encode() == expected
