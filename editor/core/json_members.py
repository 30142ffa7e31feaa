"""The top-level members of a JSON front matter object, with where each key and value is in the text.

Edits splice a new value into the exact span of the old one, and validation reports the line of a key;
both walk the object the same way here. A key written twice is listed twice, in order: the JSON parser
(and Hugo) read the last one, so :func:`value_spans` and the lines validation reports use the last.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_SPACE = re.compile(r"[ \t\r\n]*")
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]  # not in typeshed


@dataclass(frozen=True, slots=True)
class JsonMember:
    """One ``"key": value`` of the object: offsets into the front matter text (end exclusive)."""

    key: str
    key_start: int
    value_start: int
    value_end: int


def json_members(front: str) -> list[JsonMember]:
    """Every top-level member of the JSON object ``front``, in order.

    Raises ValueError (with a message that says what was expected) when ``front`` is not one object.
    """
    decoder = json.JSONDecoder()
    members: list[JsonMember] = []
    index = _skip(front, 0)
    if not front.startswith("{", index):
        raise ValueError("JSON front matter must be an object")
    index = _skip(front, index + 1)
    if front.startswith("}", index):
        return members
    while True:
        if not front.startswith('"', index):
            raise ValueError(f"a key in double quotes was expected at offset {index}")
        key_start = index
        key, index = _scanstring(front, index + 1)
        index = _skip(front, index)
        if not front.startswith(":", index):
            raise ValueError(f"':' was expected at offset {index}")
        start = _skip(front, index + 1)
        _, end = decoder.raw_decode(front, start)
        members.append(JsonMember(key, key_start, start, end))
        index = _skip(front, end)
        if front.startswith("}", index):
            return members
        if not front.startswith(",", index):
            raise ValueError(f"',' or '}}' was expected at offset {index}")
        index = _skip(front, index + 1)


def value_spans(members: list[JsonMember]) -> dict[str, tuple[int, int]]:
    """key → (start, end) of the value the parser reads (the last, if a key repeats)."""
    return {member.key: (member.value_start, member.value_end) for member in members}


def key_line_numbers(front: str, members: list[JsonMember]) -> dict[str, int]:
    """key → 0-based line of ``front`` its (last) key starts on."""
    return {member.key: front.count("\n", 0, member.key_start) for member in members}


def _skip(front: str, index: int) -> int:
    match = _SPACE.match(front, index)
    return match.end() if match else index
