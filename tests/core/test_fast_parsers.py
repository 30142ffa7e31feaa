"""The fast front matter parsers return exactly what the stdlib parsers return, errors included.

Documents are generated as text (hypothesis) in all of TOML's shapes, with TOML 1.1 constructs that
rtoml accepts and tomllib refuses mixed in, then read by both; the results must be equal value by value
and type by type (time zone classes and offsets, -0.0, nan), in the same key order, and an error must
be tomllib's own error.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hugo_agreement import held_files

from editor.core import fast_parsers
from editor.core.fast_parsers import loads_json, loads_toml
from editor.core.frontmatter import split

ROOT = Path(__file__).resolve().parents[2]
# Example counts come from the profile in tests/conftest.py (COPYDESK_HYPOTHESIS=thorough hunts longer).
PROPERTY = settings(
    settings.get_profile(os.environ.get("COPYDESK_HYPOTHESIS", "quick")),
    max_examples=max(
        300, settings.get_profile(os.environ.get("COPYDESK_HYPOTHESIS", "quick")).max_examples
    ),
    suppress_health_check=[HealthCheck.too_slow],
)


def assert_same(fast: Any, slow: Any, where: str = "$") -> None:
    """Equal values of identical types all the way down (tz classes and offsets included)."""
    assert type(fast) is type(slow), f"{where}: {type(fast).__name__} != {type(slow).__name__}"
    if isinstance(slow, dict):
        assert list(fast) == list(slow), f"{where}: keys {list(fast)} != {list(slow)}"
        for key in slow:
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list):
        assert len(fast) == len(slow), f"{where}: lengths differ"
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(slow, float):
        assert (math.isnan(fast) and math.isnan(slow)) or (
            fast == slow and math.copysign(1, fast) == math.copysign(1, slow)
        ), f"{where}: {fast!r} != {slow!r}"
    elif isinstance(slow, dt.datetime | dt.time):
        assert fast == slow and fast.replace(tzinfo=None) == slow.replace(tzinfo=None), where
        assert type(fast.tzinfo) is type(slow.tzinfo), f"{where}: {fast.tzinfo!r} {slow.tzinfo!r}"
        if slow.tzinfo is not None:
            assert fast.utcoffset() == slow.utcoffset(), where
    else:
        assert fast == slow, f"{where}: {fast!r} != {slow!r}"


def assert_toml_agrees(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        with pytest.raises(tomllib.TOMLDecodeError) as raised:
            loads_toml(text)
        assert str(raised.value) == str(error)  # tomllib's message, with its line and column
        return
    assert_same(loads_toml(text), expected)


def assert_json_agrees(text: str) -> None:
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as error:
        with pytest.raises(json.JSONDecodeError) as raised:
            loads_json(text)
        assert (raised.value.msg, raised.value.lineno, raised.value.colno) == (
            error.msg,
            error.lineno,
            error.colno,
        )
        return
    assert_same(loads_json(text), expected)


# --- TOML text, generated ---------------------------------------------------------------------------

_bare_keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True)
_keys = st.one_of(
    _bare_keys,
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6).map(
        lambda text: json.dumps(text, ensure_ascii=False)
    ),
    st.sampled_from(["'lit key'", '""', "1234", "true", "a.b", "Date", "DRAFT"]),
)
_ESCAPES_10 = ["\\n", "\\t", "\\\\", '\\"', "\\u00e9", "\\U0001F600", "\\b", "\\f", "\\r"]
_ESCAPES_11 = ["\\e", "\\x41"]  # TOML 1.1: rtoml reads them, tomllib refuses them
_plain_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='"\\'),
    max_size=12,
)
_literal_strings = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="'"),
    max_size=12,
).map(lambda text: f"'{text}'")
_integers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.integers(0, 2**40).map(hex),
    st.integers(0, 2**20).map(lambda n: f"0o{n:o}"),
    st.integers(0, 2**20).map(lambda n: f"0b{n:b}"),
    st.sampled_from(["1_000", "+42", "-0", "0", "01", "1__0", "9223372036854775808"]),
)
_floats = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr).filter(lambda t: "e" not in t),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: f"{f:e}"),
    st.sampled_from(["inf", "-inf", "+inf", "nan", "-nan", "-0.0", "1e400", "1.", ".5", "3e-400"]),
)
_offsets = st.one_of(
    st.sampled_from(["Z", "z", "", "+00:00", "-00:00", "+05:30", "-07:00", "+23:59", "+24:00"]),
    st.tuples(st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)).map(
        lambda t: f"{t[0]}{t[1]:02d}:{t[2]:02d}"
    ),
)
_fractions = st.sampled_from(["", ".5", ".123456", ".123456789", ".1234567890123", "."])
_dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)
_comments = st.sampled_from(["", "  # note", " # é ünïcödé", "#"])


def _array(items: list[str], multiline: bool, trailing: bool) -> str:
    sep = ",\n  " if multiline else ", "
    return "[" + sep.join(items) + ("," if trailing and items else "") + "]"


def _inline(pairs: list[tuple[str, str]], trailing: bool, newline: bool) -> str:
    sep = ",\n" if newline else ", "
    return (
        "{" + sep.join(f"{k} = {v}" for k, v in pairs) + ("," if trailing and pairs else "") + "}"
    )


def _strategies(toml_11: bool) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    """(date-time values, whole documents); with ``toml_11``, TOML 1.1 constructs and dotted tables
    (which the fast path leaves to tomllib) are mixed in, and without, every document is one the
    fast path reads itself."""
    rarely = st.integers(0, 4).map(lambda n: n == 0) if toml_11 else st.just(False)
    escapes = st.sampled_from(_ESCAPES_10 + (_ESCAPES_11 if toml_11 else []))
    basic = st.lists(st.one_of(_plain_text, escapes), max_size=4).map(
        lambda parts: '"' + "".join(parts) + '"'
    )
    multiline = st.lists(
        st.one_of(_plain_text, escapes, st.sampled_from(["\n", "\r\n"])), max_size=5
    ).map(lambda parts: '"""' + "".join(parts) + '"""')
    times = st.builds(
        lambda t, frac, short: t.strftime("%H:%M") if short else t.strftime("%H:%M:%S") + frac,
        st.times(),
        _fractions,
        rarely,
    )
    datetimes = st.one_of(
        st.builds(
            lambda d, sep, t, z: f"{d}{sep}{t}{z}", _dates, st.sampled_from("Tt "), times, _offsets
        ),
        _dates,  # local date
        times,  # local time
        st.sampled_from(
            ["1979-02-30", "2025-13-01", "2025-06-15T24:00:00", "2025-06-15T10:00:60Z"]
        ),
    )
    keys = st.one_of(
        _bare_keys,
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6).map(
            lambda text: json.dumps(text, ensure_ascii=False)
        ),
        st.sampled_from(["'lit key'", '""', "1234", "true", "Date", "DRAFT", "'a.b'"]),
        st.sampled_from(["a.b", "x . y"] if toml_11 else ["a"]),
    )
    scalars = st.one_of(
        basic,
        _literal_strings,
        multiline,
        _integers,
        _floats,
        st.sampled_from(["true", "false", "True"]),
        datetimes,
    )
    values = st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.builds(_array, st.lists(inner, max_size=4), st.booleans(), st.booleans()),
            st.builds(_inline, st.lists(st.tuples(keys, inner), max_size=3), rarely, rarely),
        ),
        max_leaves=8,
    )
    headers = [
        st.builds(lambda k: f"[{k}]", keys),
        st.builds(lambda k: f"[[{k}]]", _bare_keys),
    ]
    if toml_11:
        headers += [
            st.builds(lambda a, b, v: f"{a}.{b} = {v}", _bare_keys, _bare_keys, values),
            st.builds(lambda a, b: f"[{a}.{b}]", _bare_keys, _bare_keys),
        ]
    lines = st.one_of(
        st.builds(lambda k, v, c: f"{k} = {v}{c}", keys, values, _comments),
        *headers,
        st.sampled_from(["", "# a comment", "   ", "x = ", "[broken", "= 1", "a = 1 b = 2"]),
    )
    documents = st.builds(
        lambda found, newline: newline.join(found) + newline,
        st.lists(lines, max_size=12),
        st.sampled_from(["\n", "\r\n"]),
    )
    return datetimes, documents


_datetimes, toml_documents = _strategies(toml_11=True)
_datetimes_10, toml_10_documents = _strategies(toml_11=False)


@PROPERTY
@given(toml_10_documents)
def test_fast_toml_returns_what_tomllib_returns_for_toml_1_0(text: str) -> None:
    assert_toml_agrees(text)


@PROPERTY
@given(toml_documents)
def test_fast_toml_returns_what_tomllib_returns(text: str) -> None:
    assert_toml_agrees(text)


@PROPERTY
@given(st.lists(st.builds(lambda k, v: f"{k} = {v}", _bare_keys, _datetimes_10), max_size=6))
def test_every_date_and_time_kind_and_offset_agrees(lines: list[str]) -> None:
    assert_toml_agrees("\n".join(lines))


TOML_EDGE_CASES = [
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T07:32:00-07:00\nc = 1979-05-27T07:32:00.999999",
    "d = 1979-05-27\ne = 07:32:00\nf = 07:32:00.5\ng = 1979-05-27 07:32:00.123456789Z",
    "h = 1979-05-27T07:32:00-00:00\ni = 1979-05-27t07:32:00z",
    'j = "x\\u00e9\\n"\nk = 0xff\nl = inf\nm = nan\nn = -0.0\no = 99999999999999999999',
    "p = [1, 2.5, 's']\nq = {x = 1, y = {z = 2}}\n[t.u]\nv = 1\n[[arr]]\nw = 1\n[[arr]]\nw = 2",
    # CRLF inside multi-line strings: tomllib gives LF
    "a = \"\"\"x\r\ny\"\"\"\r\nb = '''p\r\nq'''\r\n",
    # TOML 1.1, which rtoml accepts and tomllib (and Hugo's TOML 1.0) refuse
    "a = {x = 1,\n}",
    'A.A = {"" = {},\n"A" = ""}\n',  # found by hypothesis: a nested table before the line break
    "a = {x = 1,}",
    'a = "\\e"',
    'a = "\\xff"',
    "a = 07:32",
    "a = 1979-05-27T07:32Z",
    # errors of every kind: tomllib's message must come out
    "a = 1e400",
    "a = ",
    "a = 1\na = 2",
    "[x]\n[x]",
    'a = "\\uD800"',
    "a = [" * 200 + "]" * 200,
    'title = "A\n',
    "tags = [1,\n",
    # a CRLF inside a multi-line string reads as LF in tomllib (rtoml keeps the CR)
    'summary = """a\r\nb"""\r\ntitle = "T"\r\n',
    "summary = '''a\r\nb'''\r\n",
    # the keys Hugo reads, in several cases
    'Title = "T"\ntitle = "t"\nDRAFT = true\npublishDate = 2031-01-01T09:00:00+02:00',
]


@pytest.mark.parametrize("text", TOML_EDGE_CASES)
def test_fast_toml_edge_cases(text: str) -> None:
    assert_toml_agrees(text)


def _existing_fronts() -> list[str]:
    """The TOML front matter the other tests and the sample desk already hold."""
    texts = []
    for data in held_files():
        try:
            texts.append(split(data).front)
        except ValueError:
            continue
    return texts


def test_the_fronts_the_tests_hold_agree() -> None:
    fronts = _existing_fronts()
    assert len(fronts) > 40
    for text in fronts:
        assert_toml_agrees(text)
        assert_json_agrees(text)


def test_the_fast_path_is_taken_for_seed_front_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard against a fast path that silently never runs (the speed would be gone, not the result)."""
    if fast_parsers._rtoml is None:
        pytest.skip("rtoml is not installed")
    front = split(
        (
            ROOT
            / "resources"
            / "samples"
            / "content"
            / "business"
            / "brightwell-foods-third-quarter.md"
        ).read_bytes()
    ).front

    def refuse(_text: str) -> None:
        raise AssertionError("tomllib was asked")

    monkeypatch.setattr(fast_parsers.tomllib, "loads", refuse)
    assert loads_toml(front)["title"]


# --- JSON -------------------------------------------------------------------------------------------

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(st.characters(codec="utf-8"), max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=10,
)


@PROPERTY
@given(_json_values, st.booleans())
def test_fast_json_returns_what_json_returns(value: Any, ascii_only: bool) -> None:
    assert_json_agrees(json.dumps({"v": value}, ensure_ascii=ascii_only))


@pytest.mark.parametrize(
    "text",
    [
        '{"a": -0, "b": -0.0, "c": 1e400, "d": NaN, "e": Infinity}',
        '{"a": "\\ud800"}',
        '{"a": 123456789012345678901234567890}',
        '{"a": 1, "a": 2, "b": 3}',
        '{"a": 5e-324, "b": 1.7976931348623157e308}',
        '{"a": "\x00"}',
        '{"a": [1,]}',
        "[1, 2]",
        '{"a": 1} trailing',
    ],
)
def test_fast_json_edge_cases(text: str) -> None:
    assert_json_agrees(text)
