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

try:  # only for what encode_inputs writes: lists of strings, booleans and null
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
    turns back into identical values (types, time zones), or None when that cannot be promised."""
    items = []
    for lower, (written, value) in values.items():
        kind = type(value)
        if kind is str:
            items.append([lower, written, "s", value])
        elif kind is bool:
            items.append([lower, written, "b", value])
        elif kind is int:
            items.append([lower, written, "i", str(value)])
        elif kind is float:
            items.append([lower, written, "f", repr(value)])
        elif kind is dt.datetime:
            items.append([lower, written, "dt", value.isoformat()])
        elif kind is dt.date:
            items.append([lower, written, "d", value.isoformat()])
        elif value is None:
            items.append([lower, written, "n", None])
        else:
            return None  # lists, tables, times, subclasses: parsed each time instead
    try:
        text = _dumps(items)
    except (TypeError, ValueError):  # e.g. a lone surrogate in a string
        return None
    if not _same(decode_inputs(text), values):
        return None
    return text


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
    return {
        lower: (written, _DECODE[tag](payload)) for lower, written, tag, payload in _loads(text)
    }


def _same(a: dict[str, tuple[str, Any]], b: dict[str, tuple[str, Any]]) -> bool:
    if list(a) != list(b):
        return False
    for key, (written_a, left) in a.items():
        written_b, right = b[key]
        if written_a != written_b or type(written_a) is not type(written_b):
            return False
        if type(left) is not type(right):
            return False
        if isinstance(left, float) and left != left:
            if right == right:
                return False
            continue
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
