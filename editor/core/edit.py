"""Round-trip edits of front matter text: only the bytes of the edited values change.

Each format has its own way of keeping every other byte:

* TOML goes through tomlkit, which keeps comments, spacing, quoting and table layout. We first check that
  tomlkit gives back the text unchanged, and give a string the quoting style it had.
* YAML and JSON are edited by splicing: the parser tells where a value's text starts and ends
  (ruamel's node marks, ``json``'s decoder), and only that span is replaced with the new value written
  in the style the old one had.

Every edit is then checked by reading the new text back: the edited keys must hold the new values and
every other key its old value. An edit that cannot pass that check raises :class:`EditError`, so a file
is never written in a shape we did not intend.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import String, StringType

from editor.core.frontmatter import Format, FrontMatterError, SplitFile, parse_front
from editor.core.values import parse_date, same_value


class EditError(ValueError):
    """An edit that cannot be made without changing more than the edited value."""


class _Remove:
    """The edit value that deletes a key (with its line, comment and block) instead of setting it."""

    _instance: _Remove | None = None

    def __new__(cls) -> _Remove:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REMOVE"

    def __reduce__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()
"""``edits[key] = REMOVE`` deletes ``key`` from the front matter."""


def apply_edits(
    split_file: SplitFile, edits: Mapping[str, Any], old: Mapping[str, Any] | None = None
) -> SplitFile:
    """Return ``split_file`` with top-level ``edits`` (key → new value) applied to its front matter.

    ``old`` is the front matter already parsed from ``split_file``, when the caller has it.
    """
    if not edits:
        return split_file
    if old is None:
        old = parse_front(split_file)
    # Removing a key the file does not have is no edit.
    edits = {key: value for key, value in edits.items() if value is not REMOVE or key in old}
    if not edits:
        return split_file
    if split_file.format is Format.NONE:
        new_split = _add_toml_block(split_file, edits)
    else:
        editor = {Format.TOML: _edit_toml, Format.YAML: _edit_yaml, Format.JSON: _edit_json}[
            split_file.format
        ]
        new_split = split_file.with_front(editor(split_file.front, old, edits, split_file.newline))
    _verify(new_split, old, edits)
    return new_split


def _verify(new_split: SplitFile, old: Mapping[str, Any], edits: Mapping[str, Any]) -> None:
    try:
        new = parse_front(new_split)
    except FrontMatterError as error:
        raise EditError(
            f"The edit would make the front matter unreadable ({error.message})"
        ) from None
    for key in old.keys() | new.keys():
        if key in edits and edits[key] is REMOVE:
            if key in new:
                raise EditError(f"Could not remove {key!r} cleanly; nothing was written")
        elif key in edits:
            if key not in new or not _matches(edits[key], new[key]):
                raise EditError(f"Could not write {key!r} so that it reads back as the value given")
        elif key not in old or key not in new or not same_value(old[key], new[key]):
            raise EditError(f"Writing the edit would also change {key!r}; nothing was written")


def _matches(expected: Any, got: Any) -> bool:
    if same_value(expected, got):
        return True
    if isinstance(expected, dt.date):
        # Moments are written to the second (TOML) or in the shape the file uses, and JSON has no
        # date type, so a date reads back as a string: compare the moments, to the second.
        want, have = parse_date(expected), parse_date(got)
        return (
            want is not None
            and have is not None
            and want.replace(microsecond=0) == have.replace(microsecond=0)
        )
    if isinstance(expected, float) and isinstance(got, float):
        return expected == got
    return False


# --- TOML -------------------------------------------------------------------------------------------


def _edit_toml(front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str) -> str:
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
                doc.remove(key)  # tomlkit drops the key's line with its comment
        elif key in doc:
            doc[key] = _toml_item_like(doc[key], value, newline)
        else:
            added[key] = value
    text = doc.as_string()
    if added:
        text = _insert_toml_keys(text, added, newline)
    return text


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
    layout = _list_layout(source)
    text = _lay_out_list(items, layout, newline)
    return tomlkit.parse(f"x = {text}{newline}")["x"]


def _toml_scalar_like(old_item: Any, value: Any, newline: str = "\n") -> Any:
    if isinstance(value, str) and isinstance(old_item, String):
        kind = old_item.type
        literal = kind in (StringType.SLL, StringType.MLL)
        multiline = kind in (StringType.MLB, StringType.MLL)
        if literal and (
            "'" in value
            or (not multiline and "\n" in value)
            or "'''" in value
            or _TOML_CONTROL.search(value)
        ):
            literal = False
        if not multiline and "\n" in value:
            multiline = False  # a basic string escapes the line breaks
        if multiline and newline != "\n":
            # TOML reads a line break inside a multi-line string as "\n" whatever its bytes, so the
            # file's own line ending keeps the value and the file's line endings both.
            value = value.replace("\r\n", "\n").replace("\n", newline)
        return tomlkit.string(value, literal=literal, multiline=multiline)
    if isinstance(value, dt.datetime) and value.microsecond:
        value = value.replace(microsecond=0)
    return tomlkit.item(value)


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


def _toml_line(key: str, value: Any, newline: str) -> str:
    return f"{tomlkit.key(key).as_string()} = {tomlkit.item(_plain(value)).as_string()}{newline}"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.microsecond:
        return value.replace(microsecond=0)
    return value


def _add_toml_block(split_file: SplitFile, edits: Mapping[str, Any]) -> SplitFile:
    """Give a file with no front matter a new TOML block in front of its unchanged content."""
    newline = split_file.newline
    lines = "".join(
        _toml_line(key, value, newline) for key, value in edits.items() if value is not REMOVE
    )
    return SplitFile(
        Format.TOML, f"+++{newline}", lines, f"+++{newline}", split_file.body, split_file.bom
    )


# --- lists laid out like the old one (TOML arrays, JSON arrays) ---------------------------------------

_LIST_ITEM_INDENT = re.compile(r"\[[ \t]*\r?\n([ \t]*)\S")


def _list_layout(source: str) -> tuple[str, str, str, bool] | None:
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


def _lay_out_list(items: list[str], layout: tuple[str, str, str, bool] | None, newline: str) -> str:
    if layout is None:
        return "[" + ", ".join(items) + "]"
    indent, closing, _spacing, trailing = layout
    if not indent and not closing and not trailing:  # one line with no spaces: ["a","b"]
        return "[" + ",".join(items) + "]"
    if not items:
        return "[]"
    body = ("," + newline).join(indent + item for item in items)
    return "[" + newline + body + ("," if trailing else "") + newline + closing + "]"


# --- YAML -------------------------------------------------------------------------------------------


def _edit_yaml(front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    root = YAML(typ="rt").compose(front) if front.strip() else None
    if root is not None and not isinstance(root, MappingNode):
        raise EditError("YAML front matter must be a mapping")
    spans: list[tuple[int, int, str]] = []
    added: list[str] = []
    # Only plain keys can be edited; a complex key ("? [x, y]") is left alone (the check after the
    # edit refuses anything that would touch it).
    pairs = (
        {key.value: (key, value) for key, value in root.value if isinstance(key, ScalarNode)}
        if root is not None
        else {}
    )
    for key, value in edits.items():
        key_node, node = pairs.get(key, (None, None))
        if value is REMOVE:
            if node is not None:
                spans.append(_yaml_removal(front, root, key_node, node))
            continue
        if node is None:
            added.append(f"{_yaml_key(key)}: {_yaml_scalar(value, None, None)}{newline}")
            continue
        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            # A block scalar's end mark takes in the blank lines after it; they are not the value's.
            content_end = start + len(front[start:end].rstrip(" \t\r\n"))
            line_break = front.find("\n", content_end)
            end = line_break + 1 if 0 <= line_break < end else end
        source = front[start:end]
        if isinstance(node, ScalarNode) and start == end:
            # An empty value ("draft:" is null): its mark may sit on the next line, so write the
            # value right after the colon.
            colon = front.index(":", key_node.end_mark.index) + 1
            spans.append((colon, colon, " " + _yaml_scalar(value, None, None)))
        elif isinstance(node, ScalarNode):
            spans.append(
                (start, end, _yaml_scalar_like(node.style, source, value, front, start, newline))
            )
        elif isinstance(node, SequenceNode) and isinstance(value, list):
            if node.flow_style:
                spans.append(
                    (
                        start,
                        end,
                        "["
                        + ", ".join(_yaml_scalar(item, None, None, flow=True) for item in value)
                        + "]",
                    )
                )
            else:
                indent = " " * node.start_mark.column
                items = f"{newline}{indent}".join(
                    f"- {_yaml_scalar(item, None, None)}" for item in value
                )
                ending = newline if source.endswith("\n") else ""
                spans.append((start, end, items + ending))
        else:
            raise EditError(f"The YAML value of {key!r} is nested; edit it in a text editor")
    text = front
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    if added:
        if text and not text.endswith("\n"):
            text += newline
        text += "".join(added)
    return text


def _yaml_removal(front: str, root: Any, key_node: Any, node: Any) -> tuple[int, int, str]:
    """The span of one top-level entry: from the start of its key's line to the end of its value's
    last line (its comment included), leaving the blank lines and comments after it alone."""
    from ruamel.yaml.nodes import ScalarNode

    if root.flow_style:
        raise EditError(
            "This YAML front matter is one flow mapping; remove the key in a text editor"
        )
    key_start = key_node.start_mark.index
    line_start = front.rfind("\n", 0, key_start) + 1
    if front[line_start:key_start].strip():
        raise EditError(
            f"{key_node.value!r} does not start its own line; remove it in a text editor"
        )
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, ScalarNode) and (start == end or (node.value == "" and not node.style)):
        # "key:" with no value: its marks may sit on the next line.
        start = end = key_node.end_mark.index
    # A block value's end mark takes in the blank lines and comments up to the next key: those
    # belong to what follows (a comment above the next key is about that key).
    column = key_start - line_start
    lines = front[start:end].splitlines(keepends=True)
    while len(lines) > 1 and _outside_value(lines[-1], column):
        lines.pop()
    content_end = start + len("".join(lines).rstrip(" \t\r\n"))
    line_break = front.find("\n", content_end)
    return line_start, len(front) if line_break < 0 else line_break + 1, ""


def _outside_value(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped.strip() or (
        stripped.startswith("#") and len(line) - len(stripped) <= column
    )


def _yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key) else _yaml_double(key)


def _yaml_scalar_like(
    style: str | None, source: str, value: Any, front: str, start: int, newline: str
) -> str:
    if style in ("|", ">"):
        header = source.split("\n", 1)[0].rstrip("\r")
        chomp_strip = "-" in header
        plain_line = (
            isinstance(value, str) and value and "\n" not in value and not _CONTROL.search(value)
        )
        if plain_line and chomp_strip and value.strip() == value:
            body_lines = source.split("\n")[1:]
            first = next((line for line in body_lines if line.strip()), "  ")
            indent = first[: len(first) - len(first.lstrip(" "))] or "  "
            return f"{header}{newline}{indent}{value}{newline}"
        ending = newline if source.endswith("\n") else ""
        return (
            _yaml_double(value) + ending
            if isinstance(value, str)
            else _yaml_scalar(value, None, None) + ending
        )
    return _yaml_scalar(value, style, source)


_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n#]*$")


def _yaml_scalar(value: Any, style: str | None, source: str | None, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        from editor.core.values import format_date_like

        if source is not None and parse_date(source) is not None:
            moment = (
                value
                if isinstance(value, dt.datetime)
                else dt.datetime(value.year, value.month, value.day)
            )
            return format_date_like(source, moment)
        return _plain(value).isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(item, None, None, flow=True) for item in value) + "]"
    text = str(value)
    if style == "'" and "\n" not in text and not _CONTROL.search(text):
        return "'" + text.replace("'", "''") + "'"
    if style is None and _is_plain_safe(text, flow):
        return text
    return _yaml_double(text)


# Characters that YAML plain, single-quoted and block scalars cannot hold (C0/C1 controls, DEL,
# line separators: pasted text carries them); a double-quoted scalar escapes them. TOML literal
# strings cannot hold C0 controls or DEL; a basic string escapes them.
_TOML_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_double(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, but JSON leaves DEL and C1 bare."""
    return _CONTROL.sub(
        lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _is_plain_safe(text: str, flow: bool) -> bool:
    if (
        not text
        or text != text.strip()
        or not _PLAIN_SAFE.match(text)
        or ": " in text
        or text.endswith(":")
    ):
        return False
    if flow and any(ch in text for ch in ",[]{}"):
        return False
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(f"k: {text}\n") == {"k": text}
    except Exception:
        return False


# --- JSON -------------------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\r\n]*")


def json_spans(front: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a JSON object starts and ends in ``front``."""
    return {key: (start, end) for key, _key_start, start, end in _json_members(front)}


def _json_members(front: str) -> list[tuple[str, int, int, int]]:
    """Each top-level member of a JSON object: key, where its key starts, where its value starts
    and ends."""
    decoder = json.JSONDecoder()
    members: list[tuple[str, int, int, int]] = []
    index = _WS.match(front, 0).end()
    if not front.startswith("{", index):
        raise EditError("JSON front matter must be an object")
    index = _WS.match(front, index + 1).end()
    if front.startswith("}", index):
        return members
    while True:
        key_start = index
        key, index = json.decoder.scanstring(front, index + 1)
        index = _WS.match(front, index).end() + 1  # past the colon
        start = _WS.match(front, index).end()
        _, end = decoder.raw_decode(front, start)
        members.append((key, key_start, start, end))
        index = _WS.match(front, end).end()
        if front.startswith("}", index):
            return members
        index = _WS.match(front, index + 1).end()


def _remove_json_member(text: str, key: str) -> str:
    """Cut one member and the comma that joined it, so the layout of the others stays as it was."""
    members = _json_members(text)
    position = next((n for n, member in enumerate(members) if member[0] == key), None)
    if position is None:
        return text
    _key, key_start, _start, end = members[position]
    if position + 1 < len(members):
        return text[:key_start] + text[members[position + 1][1] :]  # up to the next key
    if position > 0:
        return text[: members[position - 1][3]] + text[end:]  # from the previous value's end
    return text[: text.index("{") + 1] + text[end:]


def _edit_json(front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str) -> str:
    spans = json_spans(front)
    ascii_only = "\\u" in front and front.isascii()
    changes: list[tuple[int, int, str]] = []
    added = []
    for key, value in edits.items():
        if value is REMOVE:
            continue  # removed below, once the values are written
        rendered = json.dumps(_jsonable(value), ensure_ascii=ascii_only)
        if key in spans:
            start, end = spans[key]
            if isinstance(value, list) and front.startswith("[", start):
                items = [json.dumps(_jsonable(item), ensure_ascii=ascii_only) for item in value]
                rendered = _lay_out_list(items, _list_layout(front[start:end]), newline)
            changes.append((start, end, rendered))
        else:
            added.append(json.dumps(key, ensure_ascii=ascii_only) + ": " + rendered)
    text = front
    for start, end, replacement in sorted(changes, reverse=True):
        text = text[:start] + replacement + text[end:]
    for key, value in edits.items():
        if value is REMOVE:
            text = _remove_json_member(text, key)
    if added:
        text = _append_json_members(text, added, newline)
    return text


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        moment = _plain(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
        return moment.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
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
