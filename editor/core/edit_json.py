"""The JSON front matter editor: splices new values into the text at the decoder's spans.

The member walk (:mod:`editor.core.json_members`) tells where each value starts and ends; only that
span is replaced, and new members are laid out like the object's own. Called by
:func:`editor.core.edit.apply_edits`, which checks the result.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from editor.core.edit_common import (
    REMOVE,
    EditError,
    goes_first,
    lay_out_list,
    list_layout,
    whole_seconds,
)
from editor.core.json_members import JsonMember, json_members, value_spans
from editor.core.values import same_value


def json_spans(front: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a JSON object starts and ends in ``front`` (the walk is
    :func:`editor.core.json_members.json_members`, shared with validation's key lines)."""
    return value_spans(_json_members(front))


def _json_members(front: str) -> list[JsonMember]:
    try:
        return json_members(front)
    except ValueError as error:
        raise EditError(f"The JSON front matter cannot be edited: {error}") from None


def edit_json(
    front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str, top: bool = True
) -> str:
    members = _json_members(front)
    spans = value_spans(members)
    ascii_only = "\\u" in front and front.isascii()
    changes: list[tuple[int, int, str]] = []
    added = []
    for key, value in edits.items():
        if value is REMOVE:
            if key in spans:
                changes.append(_json_removal(front, members, key))
            continue
        if key in spans:
            start, end = spans[key]
            if isinstance(value, dict) and isinstance(old.get(key), dict):
                inner = {sub: REMOVE for sub in old[key] if sub not in value}
                inner.update(
                    (sub, item)
                    for sub, item in value.items()
                    if sub not in old[key] or not same_value(old[key][sub], item)
                )
                rendered = edit_json(front[start:end], old[key], inner, newline, top=False)
            elif isinstance(value, list) and front.startswith("[", start):
                items = [_json_dumps(item, ascii_only) for item in value]
                rendered = lay_out_list(items, list_layout(front[start:end]), newline)
            else:
                rendered = _json_dumps(value, ascii_only)
            changes.append((start, end, rendered))
        else:
            member = f"{json.dumps(key, ensure_ascii=ascii_only)}: {_json_dumps(value, ascii_only)}"
            if top and members and goes_first(key):
                changes.append(_json_first_member(front, members[0], member, newline))
            else:
                added.append(member)
    text = front
    for start, end, replacement in sorted(changes, reverse=True):
        text = text[:start] + replacement + text[end:]
    if added:
        text = _append_json_members(text, added, newline)
    return text


def _json_first_member(
    front: str, first: JsonMember, member: str, newline: str
) -> tuple[int, int, str]:
    """The splice that puts ``member`` before the object's first member, laid out like it."""
    at = first.key_start
    line_start = front.rfind("\n", 0, at) + 1
    indent = front[line_start:at]
    if line_start > 0 and not indent.strip():  # one member a line
        return at, at, f"{member},{newline}{indent}"
    return at, at, f"{member}, "


def _json_dumps(value: Any, ascii_only: bool) -> str:
    return json.dumps(_json_front_value(value), ensure_ascii=ascii_only)


def _json_removal(front: str, members: list[JsonMember], key: str) -> tuple[int, int, str]:
    """The splice that deletes one member with its comma, leaving the others' layout alone."""
    index = next(i for i, member in enumerate(members) if member.key == key)
    key_start, end = members[index].key_start, members[index].value_end
    if index + 1 < len(members):
        return key_start, members[index + 1].key_start, ""  # up to the next key: its indent stays
    if index > 0:
        return (
            members[index - 1].value_end,
            end,
            "",
        )  # from the end of the value before: its comma goes
    return front.index("{") + 1, end, ""


def _json_front_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        moment = whole_seconds(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
        return moment.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_front_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_front_value(item) for key, item in value.items()}
    return value


def _append_json_members(text: str, members: list[str], newline: str) -> str:
    spans = json_spans(text)
    close = text.rstrip().rfind("}")
    if not spans:
        return (
            text[:close]
            + newline
            + "".join(f"  {m}," for m in members[:-1])
            + f"  {members[-1]}{newline}"
            + text[close:]
        )
    last_end = max(end for _, end in spans.values())
    first_start = min(start for start, _ in spans.values())
    line_start = text.rfind("\n", 0, first_start) + 1
    key_start = text.rfind('"', 0, text.rfind(":", 0, first_start))
    key_start = text.rfind('"', 0, key_start)
    indent = text[line_start:key_start] if "\n" in text[:first_start] else " "
    separator = ("," + newline + indent) if "\n" in text[:first_start] else ", "
    return text[:last_end] + "".join(separator + member for member in members) + text[last_end:]
