"""The judged values the index cache keeps (editor.core.cache_codec) come back identical, tables
and lists too, or are not kept; and a page with ``build`` options is kept, so that a warm listing
of a desk with one keeps its answer (Hugo's own docs have such pages)."""

from __future__ import annotations

import datetime as dt
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.cache_codec import _same_value, decode_inputs, encode_inputs
from tests.core.test_warm_snapshot import _kept_file, _listing, _story, _write

ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)), None])
SCALARS = (
    st.text()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.none()
    | st.dates()
    | st.builds(lambda moment, zone: moment.replace(tzinfo=zone), st.datetimes(), ZONES)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(min_size=1), st.tuples(st.text(min_size=1), VALUES), max_size=4))
def test_every_kept_value_comes_back_identical(values: dict[str, tuple[str, Any]]) -> None:
    text = encode_inputs(values)
    if text is None:  # a lone surrogate, say: not kept, parsed each time
        return
    back = decode_inputs(text)
    assert list(back) == list(values)
    for key, (written, value) in values.items():
        assert back[key][0] == written
        assert _same_value(back[key][1], value)


def test_a_table_keeps_its_types_its_order_and_its_zones() -> None:
    moment = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    build = {"render": "always", "list": False, "publishResources": True, "n": 1, "at": moment}
    values = {"build": ("Build", build), "outputs": ("outputs", ["html", ["rss", 1.5]])}
    back = decode_inputs(encode_inputs(values) or "")
    assert back == values
    assert list(back["build"][1]) == list(build)
    assert type(back["build"][1]["list"]) is bool and type(back["build"][1]["n"]) is int
    assert back["build"][1]["at"].utcoffset() == dt.timedelta(hours=-3)


def test_what_cannot_come_back_identical_is_not_kept() -> None:
    class Table(dict):  # type: ignore[type-arg]
        pass

    for value in (dt.time(10, 30), Table(a=1), {1: "a key that is no text"}, {"a": dt.time(1)}):
        assert encode_inputs({"build": ("build", value)}) is None
    deep: dict[str, Any] = {}
    inner = deep
    for _ in range(40):
        inner["x"] = {}
        inner = inner["x"]
    assert encode_inputs({"build": ("build", deep)}) is None


def test_same_value_tells_bool_from_int_and_nan_from_a_number() -> None:
    assert not _same_value({"a": True}, {"a": 1})
    assert not _same_value([1], [1.0])
    assert _same_value([math.nan], [math.nan])
    assert not _same_value({"a": 1, "b": 2}, {"b": 2, "a": 1})


@pytest.mark.skipif(shutil.which("find") is None, reason="needs find")
def test_a_desk_with_build_options_keeps_its_warm_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    site = tmp_path / "site"
    _write(site / "hugo.toml", "title = 'T'\n")
    _write(site / "content" / "news" / "a.md", _story("A"))
    _write(
        site / "content" / "glossary" / "_index.md",
        "---\ntitle: Glossary\nbuild:\n  render: always\n  list: always\ncascade:\n  build:\n"
        "    render: never\n    list: local\n---\n",
    )
    _write(site / "content" / "glossary" / "term.md", "---\ntitle: Term\n---\n")
    first = _listing(capsys, site)
    assert _kept_file(site).exists()
    assert _listing(capsys, site) == first == _listing(capsys, site, "--no-cache")
    assert len(no_scan) == 2  # the first and the uncached one: the second was the kept answer
