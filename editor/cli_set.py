"""``copydesk set``: typed values, and dotted keys that mean the nested key (``params.author``).

An existing key keeps its type (a date stays a date in the file's own format, a number a number); a new
key is read as a TOML value, a list when in brackets (``[a, b]``), or else as text. The write goes
through the document service's ``update``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor import cli_git
from editor.cli_common import CommandError
from editor.cli_common import display as _display
from editor.cli_common import existing as _existing
from editor.cli_common import out as _out
from editor.core.article import Article
from editor.core.hugo_keys import ALL_DATE_KEYS, hugo_key
from editor.core.names import shown_path
from editor.core.service import DocumentService, Outcome
from editor.core.values import (
    format_date_like,
    hugo_reads_date,
    is_date_like,
    parse_date,
    parse_new_value,
    parse_text_like,
    same_value,
)

_HUGO_DATE_KEYS = frozenset(ALL_DATE_KEYS)


def matching_key(metadata: dict[str, Any], key: str) -> str | None:
    """The key as the file spells it: exact, else the one Hugo reads for it (keys are case-insensitive)."""
    if key in metadata:
        return key
    return hugo_key(metadata, key.lower())


def typed_value(key: str, old: Any, text: str) -> Any:
    """``text`` given for ``key`` read as a value of the type ``old`` has; raises ValueError."""
    if old is None:
        value = parse_new_value(text)
        stripped = text.strip()
        if isinstance(value, str) and stripped.startswith("[") and stripped.endswith("]"):
            # "[a, b]" is no TOML array, but plainly a list: read it as an existing list's text is
            value = parse_text_like([], stripped)
        if key.lower() in _HUGO_DATE_KEYS and not (
            isinstance(value, dt.date) or hugo_reads_date(value)
        ):
            raise ValueError(
                f"{key}: {text!r} is not a date Hugo can read (use a form such as 2026-11-24T09:00:00Z)"
            )
        return value
    if isinstance(old, dict):
        raise ValueError(f"{key} is a table; edit its keys in a text editor")
    if key.lower() in _HUGO_DATE_KEYS and is_date_like(old):
        moment = parse_date(text)
        if moment is None:
            raise ValueError(
                f"{key}: {text!r} is not a date (use a form such as 2026-11-24T09:00:00Z)"
            )
        return format_date_like(old, moment)
    try:
        value = parse_text_like(old, text)
    except ValueError:
        if isinstance(old, bool):
            kind = "true or false"
        elif isinstance(old, int):
            kind = "a whole number"
        elif isinstance(old, float):
            kind = "a number"
        else:
            kind = "a date"
        raise ValueError(f"{key} must be {kind}, not {text!r}") from None
    return value


def key_path(text: str) -> tuple[str, ...]:
    """``params.author`` as ("params", "author"): a dotted key means the nested key, as in TOML and
    Hugo (``.Params.author``). A quoted part is taken literally: ``"params.author"`` is one key."""
    parts: list[str] = []
    rest = text.strip()
    while True:
        if rest[:1] in ('"', "'"):
            end = rest.find(rest[0], 1)
            if end < 0:
                raise ValueError(f"{text}: a quote is not closed")
            part, rest = rest[1:end], rest[end + 1 :].lstrip()
            if rest and not rest.startswith("."):
                raise ValueError(f"{text}: expected '.' or '=' after a quoted key")
        else:
            part, _, tail = rest.partition(".")
            part, rest = part.strip(), ("." + tail if "." in rest else "")
            if not part:
                raise ValueError(f"{text}: a key part is empty")
        parts.append(part)
        if not rest:
            return tuple(parts)
        rest = rest[1:].strip()


def _nested_set(
    table: dict[str, Any], path: tuple[str, ...], text: str, shown: str
) -> tuple[dict[str, Any], Any, Any]:
    """A copy of ``table`` with ``text`` set at ``path`` (keys matched as Hugo matches them);
    returns (the new table, the old value or None, the new value)."""
    new = dict(table)
    key = matching_key(new, path[0]) or path[0]
    old = new.get(key)
    if len(path) == 1:
        value = typed_value(shown, old, text)
        new[key] = value
        return new, old, value
    if old is None:
        old_table: dict[str, Any] = {}
    elif isinstance(old, dict):
        old_table = old
    else:
        raise ValueError(f"{shown}: {key} is not a table, so it has no key {path[1]!r}")
    new[key], before, value = _nested_set(old_table, path[1:], text, shown)
    return new, before, value


def cmd_set(args: argparse.Namespace, service_for: Callable[[Path], DocumentService]) -> int:
    """``copydesk set FILE KEY=VALUE...``; ``service_for`` gives the service a file is written by."""
    name = shown_path(args.file)  # one line whatever the name holds, as list and check show it
    try:
        path = _existing(args.file, folder_ok=False)
    except CommandError as error:  # "FILE: failed: why", as publish and draft say it
        raise CommandError(f"{name}: failed: {str(error).removeprefix(f'{name}: ')}") from None
    assignments = dict(args.assignments)  # a key given twice: the last value wins
    try:
        paths = {key: key_path(key) for key in assignments}
    except ValueError as error:
        raise CommandError(f"{name}: failed: {error}") from None
    # (top-level key, key as shown, old, new, whether the file had it)
    changes: list[tuple[str, str, Any, Any, bool]] = []

    def change(article: Article) -> None:
        current = article.current_metadata()
        for key, text in assignments.items():
            parts = paths[key]
            top = matching_key(current, parts[0]) or parts[0]
            shown = ".".join((top, *parts[1:]))
            current, old, new = _nested_set(current, (top, *parts[1:]), text, shown)
            article.set_value(top, current[top])
            changes.append((top, shown, old, new, old is not None))

    result = service_for(path).update(path.absolute(), change)
    if result.outcome is Outcome.FAILED:
        raise CommandError(f"{name}: failed: {result.message}")
    if result.outcome is Outcome.UNCHANGED or result.article is None:
        _out(f"{name}: unchanged")
        return 0
    changed_keys = []
    for top, shown, old, new, had in changes:
        if had and same_value(old, new):
            continue
        changed_keys.append(top)
        before = _display(old) if had else "(new)"
        _out(f"{name}: {shown}: {before} -> {_display(new)}")
    if args.commit:
        return cli_git.commit_written("Edit", [result], list(dict.fromkeys(changed_keys)))
    return 0
