"""The TOML front matter editor: tomlkit keeps comments, spacing, quoting and table layout.

We first check that tomlkit gives back the text unchanged, and give a string the quoting style it
had; new keys go after the last top-level value, before the first ``[table]``. A file without front
matter gets a new TOML block (:func:`add_toml_block`). Called by :func:`editor.core.edit.apply_edits`,
which checks the result.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import String, StringType

from editor.core.edit_common import (
    REMOVE,
    EditError,
    goes_first,
    lay_out_list,
    list_layout,
    whole_seconds,
)
from editor.core.frontmatter import Format, SplitFile
from editor.core.values import same_value

# TOML literal strings cannot hold C0 controls or DEL; a basic string escapes them.
_TOML_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def edit_toml(front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str) -> str:
    try:
        doc = tomlkit.parse(front)
    except tomlkit.exceptions.ParseError as error:
        raise EditError(f"tomlkit cannot read this front matter: {error}") from None
    if doc.as_string() != front:
        raise EditError("This TOML front matter cannot be edited without reformatting it")
    added: dict[str, Any] = {}
    for key, value in edits.items():
        if value is REMOVE:
            if key in doc:
                del doc[key]
        elif key in doc:
            _toml_set(doc, key, value, newline)
        else:
            added[key] = value
    text = doc.as_string()
    first = {key: value for key, value in added.items() if goes_first(key)}
    rest = {key: value for key, value in added.items() if key not in first}
    if rest:
        text = _insert_toml_keys(text, rest, newline)
    if first:
        text = "".join(_toml_line(key, value, newline) for key, value in first.items()) + text
    return text


def _toml_set(container: Any, key: str, value: Any, newline: str) -> None:
    """Set ``container[key]``; a table given a dict keeps its lines and changes the keys that differ."""
    old_item = container[key]
    if isinstance(value, dict) and isinstance(old_item, dict):
        for sub in [sub for sub in old_item if sub not in value]:
            del old_item[sub]
        for sub, sub_value in value.items():
            if sub not in old_item:
                old_item[sub] = whole_seconds(sub_value)
            elif not same_value(_unwrap(old_item[sub]), sub_value):
                _toml_set(old_item, sub, sub_value, newline)
        return
    container[key] = _toml_item_like(old_item, value, newline)


def _unwrap(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _toml_item_like(old_item: Any, value: Any, newline: str = "\n") -> Any:
    if (
        isinstance(value, list)
        and isinstance(old_item, tomlkit.items.Array)
        and all(isinstance(item, str) for item in value)
        and all(isinstance(item, String) for item in old_item)
    ):
        return _toml_string_list_like(old_item, value, newline)
    return _toml_scalar_like(old_item, value, newline)


def _toml_string_list_like(old_item: Any, values: list[str], newline: str) -> Any:
    """A list of strings laid out as the old one was: quotes, one line or one item per line."""
    literal = bool(len(old_item)) and all(item.type is StringType.SLL for item in old_item)
    items = [
        tomlkit.string(
            value,
            literal=literal
            and "'" not in value
            and "\n" not in value
            and not _TOML_CONTROL.search(value),
        ).as_string()
        for value in values
    ]
    source = old_item.as_string()
    layout = list_layout(source)
    text = lay_out_list(items, layout, newline)
    return tomlkit.parse(f"x = {text}{newline}")["x"]


def _toml_scalar_like(old_item: Any, value: Any, newline: str = "\n") -> Any:
    if isinstance(value, str) and isinstance(old_item, String):
        kind = old_item.type
        literal = kind in (StringType.SLL, StringType.MLL)
        multiline = kind in (StringType.MLB, StringType.MLL)
        if literal and not _fits_toml_literal(value, multiline):
            literal = False  # a basic string of the same kind escapes what the literal cannot hold
        if multiline and "\r" in value:
            # A multi-line string reads a CRLF as "\n": only a one-line basic string keeps the CR.
            literal = multiline = False
        if multiline and newline != "\n":
            # TOML reads a line break inside a multi-line string as "\n" whatever its bytes, so the
            # file's own line ending keeps the value and the file's line endings both.
            value = value.replace("\r\n", "\n").replace("\n", newline)
        item = tomlkit.string(value, literal=literal, multiline=multiline)
        if multiline:
            item = _keep_leading_break(old_item, item)
        return item
    if isinstance(value, dt.datetime) and value.microsecond:
        value = value.replace(microsecond=0)
    return tomlkit.item(value)


def _fits_toml_literal(value: str, multiline: bool) -> bool:
    """Whether a TOML literal string of this kind can hold ``value`` as it is (no escapes exist)."""
    if _TOML_CONTROL.search(value):
        return False
    if multiline:
        # Anything but three quotes in a row; TOML allows a quote just before the closing ones,
        # but not every reader does, so such a value is written as a basic string.
        return "'''" not in value and not value.endswith("'")
    return "'" not in value and "\n" not in value


def _keep_leading_break(old_item: String, item: String) -> String:
    """A multi-line string written with a line break after its opening quotes keeps it.

    TOML drops a line break right after the opening quotes, so it is style, not value.
    """
    old_text = old_item.as_string()[3:]
    lead = "\r\n" if old_text.startswith("\r\n") else "\n" if old_text.startswith("\n") else ""
    raw = item.as_string()[3:-3]
    # Not when tomlkit added one (for a value that starts with a line break), nor when the value
    # would then start a line with "+++" (which would close the front matter).
    if not lead or raw.startswith(("\n", "\r\n", "+++")):
        return item
    return String(item.type, item.value, lead + raw, item.trivia)


_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _insert_toml_keys(text: str, added: Mapping[str, Any], newline: str) -> str:
    """Add keys at the top level: after the last top-level value, before the first [table]."""
    lines = "".join(_toml_line(key, value, newline) for key, value in added.items())
    doc = tomlkit.parse(text)
    tables = {
        key
        for key, item in doc.body
        if key is not None and isinstance(item, tomlkit.items.Table | tomlkit.items.AoT)
    }
    end = len(text)
    if tables:
        # The first "[" line with complete TOML before it is the first table header; one inside a
        # multi-line string or array leaves the text before it unreadable. (Comparing key sets
        # instead missed the header when a dotted key such as ``build.list`` made a table.)
        for match in _TABLE_HEADER.finditer(text):
            try:
                tomllib.loads(text[: match.start()])
            except tomllib.TOMLDecodeError:
                continue
            end = match.start()
            break
    before = text[:end]
    # The new lines go right after the last non-blank line of the top-level part.
    cut = len(before.rstrip(" \t\r\n"))
    if cut == 0:
        return lines + text
    line_break = before.find("\n", cut)
    if line_break < 0:
        return before + newline + lines + text[end:]
    return before[: line_break + 1] + lines + before[line_break + 1 :] + text[end:]


def _toml_line(key: str, value: Any, newline: str, prefix: str = "") -> str:
    name = prefix + tomlkit.key(key).as_string()
    if isinstance(value, dict) and value:
        # A new table at the top level is written as dotted keys (params.author = "Y"), which stay
        # in the top-level part, before the first [table] header.
        return "".join(_toml_line(sub, item, newline, name + ".") for sub, item in value.items())
    return f"{name} = {tomlkit.item(whole_seconds(value)).as_string()}{newline}"


def add_toml_block(split_file: SplitFile, edits: Mapping[str, Any]) -> SplitFile:
    """Give a file with no front matter a new TOML block in front of its unchanged content."""
    newline = split_file.newline
    lines = "".join(_toml_line(key, value, newline) for key, value in edits.items())
    return SplitFile(
        Format.TOML, f"+++{newline}", lines, f"+++{newline}", split_file.body, split_file.bom
    )
