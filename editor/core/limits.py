"""Limits on front matter that keep every command quick on hostile or broken files.

Front matter a person writes is a few kilobytes, a few levels deep. Past these limits a file is
reported as unreadable (with the reason) instead of making a command run for minutes or crash:

* :data:`MAX_FRONT_MATTER_BYTES`: the YAML parser reads about 200 KB a second, and an edit parses
  a front matter up to four times (load, locate the value, verify, read back), so a 10 MB block
  took minutes.
* :data:`MAX_DEPTH`: code that walks values (display, comparison, JSON output) recurses, and a
  table header nested 500 levels deep ended in RecursionError.
* :data:`MAX_VALUES`: YAML aliases share one value among many places, so a 300-byte "billion
  laughs" block expands to 387 million values for anything that walks it (and an alias inside its
  own anchor never ends).

The checks return a message (or None) and raise nothing, so the one parsing module,
:mod:`editor.core.frontmatter`, raises its own error with the file's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

MAX_FRONT_MATTER_BYTES = 48 * 1024  # the slowest shape (a one-line YAML list) saves in 1.5 s
MAX_DEPTH = 100  # containers around a value, the front matter's own mapping included
MAX_VALUES = 100_000  # values reached by walking the front matter, each alias use counted again


def size_problem(front: str) -> str | None:
    """Why ``front`` (the front matter text) is too large to read, or None."""
    if len(front) * 4 <= MAX_FRONT_MATTER_BYTES:  # cannot be over the limit: skip encoding it
        return None
    size = len(front.encode("utf-8", "surrogatepass"))
    if size <= MAX_FRONT_MATTER_BYTES:
        return None
    return (
        f"The front matter is {size / 1024:,.0f} KiB; Copydesk reads front matter up to "
        f"{MAX_FRONT_MATTER_BYTES // 1024} KiB"
    )


_CONTAINERS = (dict, list, tuple, set)
_PLAIN = frozenset({str, int, float, bool, type(None), dt.datetime, dt.date, dt.time})


def _too_many() -> str:
    return (
        f"The front matter holds more than {MAX_VALUES:,} values once its YAML aliases "
        "are expanded; Copydesk does not read it"
    )


def shape_problem(value: Any) -> str | None:
    """Why the parsed front matter ``value`` is too deep or too large to walk, or None.

    Walks without recursion, counting each use of a shared (aliased) value again, as every later
    walker would; stops at the first limit passed, so its cost is bounded too.
    """
    if type(value) is not dict:
        return _walk([(value, 1)], 0)[1]
    # The usual front matter, a mapping of mostly plain values: its top level is taken here in the
    # order the walk takes it (last key first, each container's values before the next key), and
    # only containers go through the walk's stack (a plain value there cost a third of the time).
    seen = 1
    for item in reversed(value.values()):
        if type(item) in _PLAIN:
            seen += 1
            if seen > MAX_VALUES:
                return _too_many()
        elif isinstance(item, _CONTAINERS):
            seen, problem = _walk([(item, 2)], seen)
            if problem is not None:
                return problem
        else:
            seen += 1
            if seen > MAX_VALUES:
                return _too_many()
    return None


def _walk(stack: list[tuple[Any, int]], seen: int) -> tuple[int, str | None]:
    """The values counted so far, and the problem found walking ``stack`` (depth-first)."""
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return seen, _too_many()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple | set):
            children = item
        else:
            continue
        if depth > MAX_DEPTH:
            return seen, (
                f"The front matter is nested more than {MAX_DEPTH} levels deep; "
                "Copydesk does not read it"
            )
        stack.extend((child, depth + 1) for child in children)
    return seen, None
