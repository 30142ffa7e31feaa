"""Exact text for what the index cache keeps of a file's facts: the judged values and the profile.

Split from :mod:`editor.core.cache` (which owns the database). A value is kept only when its text
comes back identical (type, time zone), so the cache can never change a result.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

try:  # only for what encode_inputs writes: lists of strings, numbers, booleans and null
    from orjson import dumps as _orjson_dumps
    from orjson import loads as _loads

    def _dumps(value: Any) -> str:
        return _orjson_dumps(value).decode()

except ImportError:  # pragma: no cover

    def _dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    _loads = json.loads  # type: ignore[assignment]


def encode_inputs(values: dict[str, tuple[str, Any]]) -> str | None:
    """The judged values (lower key -> (key as written, value)) as text that :func:`decode_inputs`
    turns back into identical values (types, time zones), or None when that cannot be promised.

    Tables and lists too (Hugo's ``build`` options are a table: Hugo's own docs have pages with
    one, each parsed again at every listing, and no warm listing of such a desk kept its answer),
    each value inside with its own tag; times of day and subclasses are not kept."""
    items = []
    for lower, (written, value) in values.items():
        tagged = _tagged(value)
        if tagged is None:
            return None
        items.append([lower, written, *tagged])
    try:
        text = _dumps(items)
    except (TypeError, ValueError):  # e.g. a lone surrogate in a string
        return None
    if not _same(decode_inputs(text), values):
        return None
    return text


_DEPTH = 32  # deeper tables are parsed each time (front matter allows 64 levels)


def _tagged(value: Any, depth: int = 0) -> list[Any] | None:
    """[tag, payload] for one value, or None when it is not kept."""
    kind = type(value)
    if kind is str:
        return ["s", value]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["i", str(value)]
    if kind is float:
        return ["f", repr(value)]
    if kind is dt.datetime:
        return ["dt", value.isoformat()]
    if kind is dt.date:
        return ["d", value.isoformat()]
    if value is None:
        return ["n", None]
    if depth >= _DEPTH:
        return None
    if kind is dict:
        entries = []
        for key, inner in value.items():
            tagged = _tagged(inner, depth + 1) if type(key) is str else None
            if tagged is None:
                return None
            entries.append([key, *tagged])
        return ["t", entries]
    if kind is list:
        members = []
        for inner in value:
            tagged = _tagged(inner, depth + 1)
            if tagged is None:
                return None
            members.append(tagged)
        return ["l", members]
    return None  # times of day, subclasses: parsed each time instead


def _value(tag: str, payload: Any) -> Any:
    if tag == "t":
        return {key: _value(inner, data) for key, inner, data in payload}
    if tag == "l":
        return [_value(inner, data) for inner, data in payload]
    return _DECODE[tag](payload)


_DECODE: dict[str, Callable[[Any], Any]] = {
    "s": str,
    "b": bool,
    "i": int,
    "f": float,
    "dt": dt.datetime.fromisoformat,
    "d": dt.date.fromisoformat,
    "n": lambda _value: None,
}


def decode_inputs(text: str) -> dict[str, tuple[str, Any]]:
    """The judged values :func:`encode_inputs` wrote."""
    if text == "[]":
        return {}
    return {lower: (written, _value(tag, payload)) for lower, written, tag, payload in _loads(text)}


def _same(a: dict[str, tuple[str, Any]], b: dict[str, tuple[str, Any]]) -> bool:
    if list(a) != list(b):
        return False
    for key, (written_a, left) in a.items():
        written_b, right = b[key]
        if written_a != written_b or type(written_a) is not type(written_b):
            return False
        if not _same_value(left, right):
            return False
    return True


def _same_value(left: Any, right: Any) -> bool:
    """The same value, type for type (``True`` is not ``1``), key order and time zones too."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(
            type(key) is str and _same_value(left[key], right[key]) for key in left
        )
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same_value, left, right))
    if isinstance(left, float) and left != left:
        return right != right
    if left != right:
        return False
    if isinstance(left, dt.datetime):
        if type(left.tzinfo) is not type(right.tzinfo) or left.utcoffset() != right.utcoffset():
            return False
        if left.replace(tzinfo=None) != right.replace(tzinfo=None):
            return False
    return True


def encode_profile(shape: tuple[Any, Any]) -> str | None:
    """vocabulary.profile's (kinds, lists) as JSON text, or None when a key will not encode."""
    kinds, lists = shape
    try:
        return _dumps(
            [[list(kind) for kind in kinds], [[key, list(items)] for key, items in lists]]
        )
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=4096)  # most files of a desk share one shape: decoded once, the tuples shared
def decode_profile(text: str) -> tuple[Any, Any]:
    """The (kinds, lists) :func:`encode_profile` wrote, as the tuples profile gives."""
    kinds, lists = _loads(text)
    return (
        tuple((key, kind) for key, kind in kinds),
        tuple((key, tuple(items)) for key, items in lists),
    )
