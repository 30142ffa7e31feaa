"""What the edit entry point (:mod:`editor.core.edit`) and the format editors share.

:class:`EditError` and :data:`REMOVE` are the edit API's error and marker; the helpers below are the
pieces two format editors both use: the rule for which new key goes first, whole-second moments,
and laying out a list like the one it replaces (TOML arrays, JSON arrays). They live here, not in
``edit.py``, so that the format modules need not import the module that imports them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class EditError(ValueError):
    """An edit that cannot be made without changing more than the edited value."""


class _Remove:
    """The type of :data:`REMOVE`."""

    _instance: _Remove | None = None

    def __new__(cls) -> _Remove:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REMOVE"

    def __reduce__(self) -> str:
        return "REMOVE"  # pickled by name: the one instance survives a trip to a worker process


# An edit whose value is REMOVE deletes the key (its line, with a comment on that line). A dict
# given for a key that holds a table is written key by key, so the table's other lines stay.
REMOVE: Any = _Remove()


def goes_first(key: str) -> bool:
    """A new top-level key written before the others: the title, where Hugo users put it (and where
    the form shows it). Every other new key goes after the file's own."""
    return key.lower() == "title"


def whole_seconds(value: Any) -> Any:
    """A moment without its microseconds (the front matter formats write moments to the second)."""
    if isinstance(value, dt.datetime) and value.microsecond:
        return value.replace(microsecond=0)
    return value


# --- lists laid out like the old one (TOML arrays, JSON arrays) ---------------------------------------

_LIST_ITEM_INDENT = re.compile(r"\[[ \t]*\r?\n([ \t]*)\S")


def list_layout(source: str) -> tuple[str, str, str, bool] | None:
    """How a list's text is laid out: None for one line; else (item indent, closing indent,
    the separator's spacing on one line, whether the last item has a comma)."""
    inner = source[1:-1] if source.startswith("[") and source.endswith("]") else ""
    if "\n" not in source:
        compact = "," in inner and ", " not in inner  # ["a","b"]; one item says nothing
        return ("", "", "", False) if compact else None
    match = _LIST_ITEM_INDENT.match(source)
    indent = match.group(1) if match else "  "
    closing_line = source[source.rfind("\n") + 1 : -1]
    closing = closing_line if not closing_line.strip() else ""
    trailing = inner.rstrip().endswith(",")
    return indent, closing, "", trailing


def lay_out_list(items: list[str], layout: tuple[str, str, str, bool] | None, newline: str) -> str:
    if layout is None:
        return "[" + ", ".join(items) + "]"
    indent, closing, _spacing, trailing = layout
    if not indent and not closing and not trailing:  # one line with no spaces: ["a","b"]
        return "[" + ",".join(items) + "]"
    if not items:
        return "[]"
    body = ("," + newline).join(indent + item for item in items)
    return "[" + newline + body + ("," if trailing else "") + newline + closing + "]"
