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

from editor.core import yaml_style
from editor.core.frontmatter import Format, FrontMatterError, SplitFile, parse_front
from editor.core.json_members import JsonMember, json_members, value_spans
from editor.core.values import parse_date, same_value


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


def apply_edits(
    split_file: SplitFile, edits: Mapping[str, Any], old: Mapping[str, Any] | None = None
) -> SplitFile:
    """Return ``split_file`` with top-level ``edits`` (key → new value) applied to its front matter.

    ``old`` is the front matter already parsed from ``split_file``, when the caller has it. A value
    of :data:`REMOVE` deletes the key; a dict for a key holding a table changes only the keys of the
    table that differ (recursively), so a merge of ``[params]`` touches the changed lines alone.
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


def _goes_first(key: str) -> bool:
    """A new top-level key written before the others: the title, where Hugo users put it (and where
    the form shows it). Every other new key goes after the file's own."""
    return key.lower() == "title"


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
                raise EditError(f"Could not remove {key!r}")
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
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(_matches(expected[k], got[k]) for k in got)
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(
            _matches(a, b) for a, b in zip(expected, got, strict=True)
        )
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
                del doc[key]
        elif key in doc:
            _toml_set(doc, key, value, newline)
        else:
            added[key] = value
    text = doc.as_string()
    first = {key: value for key, value in added.items() if _goes_first(key)}
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
                old_item[sub] = _plain(sub_value)
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
    layout = _list_layout(source)
    text = _lay_out_list(items, layout, newline)
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
    return f"{name} = {tomlkit.item(_plain(value)).as_string()}{newline}"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.microsecond:
        return value.replace(microsecond=0)
    return value


def _add_toml_block(split_file: SplitFile, edits: Mapping[str, Any]) -> SplitFile:
    """Give a file with no front matter a new TOML block in front of its unchanged content."""
    newline = split_file.newline
    lines = "".join(_toml_line(key, value, newline) for key, value in edits.items())
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
    from ruamel.yaml.nodes import MappingNode

    root = YAML(typ="rt").compose(front) if front.strip() else None
    if root is not None and not isinstance(root, MappingNode):
        raise EditError("YAML front matter must be a mapping")
    spans: list[tuple[int, int, str]] = []
    first_at = _yaml_first_key_line(front, root)
    present = (
        {key.value for key, _value in root.value if isinstance(key.value, str)}
        if root is not None
        else set()
    )
    first = {
        key: value
        for key, value in edits.items()
        if first_at is not None and _goes_first(key) and key not in present and value is not REMOVE
    }
    if first and first_at is not None:
        lines = "".join(
            f"{_yaml_key(key)}: {_yaml_scalar(value, None, None)}{newline}"
            for key, value in first.items()
        )
        spans.append((first_at, first_at, lines))
    rest = {key: value for key, value in edits.items() if key not in first}
    added = _yaml_mapping_edits(front, root, old, rest, newline, spans)
    text = front
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    if added:
        if text and not text.endswith("\n"):
            text += newline
        text += "".join(f"{line}{newline}" for line in added)
    return text


def _yaml_first_key_line(front: str, root: Any) -> int | None:
    """Where the line of the mapping's first key starts, when that key is at the line's start."""
    if root is None or not root.value:
        return None
    at = root.value[0][0].start_mark.index
    line_start = front.rfind("\n", 0, at) + 1
    return line_start if line_start == at else None


def _yaml_mapping_edits(
    front: str,
    node: Any,
    old: Mapping[str, Any],
    edits: Mapping[str, Any],
    newline: str,
    spans: list[tuple[int, int, str]],
) -> list[str]:
    """Add to ``spans`` the splices that make mapping ``node`` hold ``edits``; returns new lines."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    # Only plain keys can be edited; a complex key ("? [x, y]") is left alone (the check after the
    # edit refuses anything that would touch it).
    pairs = (
        {key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)}
        if node is not None
        else {}
    )
    added: list[str] = []
    for key, value in edits.items():
        key_node, value_node = pairs.get(key, (None, None))
        if value_node is None:
            if value is not REMOVE:
                added.append(f"{_yaml_key(key)}: {_yaml_scalar(value, None, None)}")
            continue
        start, end = value_node.start_mark.index, value_node.end_mark.index
        if value is REMOVE:
            spans.append(_yaml_entry_span(front, key_node, value_node))
            continue
        if isinstance(value_node, ScalarNode) and value_node.style in ("|", ">"):
            end = _yaml_block_end(front, start, end)
        source = front[start:end]
        if isinstance(value_node, ScalarNode) and start == end:
            # An empty value ("draft:" is null): its mark may sit on the next line, so write the
            # value right after the colon.
            assert key_node is not None
            colon = front.index(":", key_node.end_mark.index) + 1
            spans.append((colon, colon, " " + _yaml_scalar(value, None, None)))
        elif isinstance(value_node, ScalarNode):
            spans.append(
                (
                    start,
                    end,
                    _yaml_scalar_like(value_node.style, source, value, front, start, newline),
                )
            )
        elif isinstance(value_node, SequenceNode) and isinstance(value, list):
            spans.append((start, end, _yaml_sequence(value_node, source, value, newline)))
        elif (
            isinstance(value_node, MappingNode)
            and isinstance(value, dict)
            and isinstance(old.get(key), dict)
        ):
            _yaml_nested_edits(front, value_node, old[key], value, newline, spans)
        else:
            raise EditError(f"The YAML value of {key!r} is nested; edit it in a text editor")
    return added


def _yaml_nested_edits(
    front: str,
    node: Any,
    current: Mapping[str, Any],
    value: Mapping[str, Any],
    newline: str,
    spans: list[tuple[int, int, str]],
) -> None:
    """Edit a nested mapping key by key: only the keys whose values differ are touched."""
    edits: dict[str, Any] = {key: REMOVE for key in current if key not in value}
    edits.update(
        (key, item)
        for key, item in value.items()
        if key not in current or not same_value(current[key], item)
    )
    added = _yaml_mapping_edits(front, node, current, edits, newline, spans)
    if not added:
        return
    if node.flow_style or not node.value:
        raise EditError("A key cannot be added to this YAML mapping without rewriting it")
    indent = " " * node.value[0][0].start_mark.column
    at = _yaml_entry_span(front, *node.value[-1])[1]
    ending = "" if at == 0 or front[at - 1] == "\n" else newline
    spans.append((at, at, ending + "".join(f"{indent}{line}{newline}" for line in added)))


def _yaml_block_end(front: str, start: int, end: int) -> int:
    """A block scalar's end mark takes in the blank lines after it; they are not the value's."""
    content_end = start + len(front[start:end].rstrip(" \t\r\n"))
    line_break = front.find("\n", content_end)
    return line_break + 1 if 0 <= line_break < end else end


def _yaml_entry_span(front: str, key_node: Any, value_node: Any) -> tuple[int, int, str]:
    """The lines of one ``key: value`` entry of a block mapping (to delete it), as a splice."""
    key_start = key_node.start_mark.index
    line_start = front.rfind("\n", 0, key_start) + 1
    if front[line_start:key_start].strip(" "):
        raise EditError("A key cannot be removed from a one-line YAML mapping without rewriting it")
    end = max(_yaml_node_end(front, value_node), key_node.end_mark.index)
    if end > 0 and front[end - 1] != "\n":
        line_break = front.find("\n", end)
        end = len(front) if line_break < 0 else line_break + 1
    return line_start, end, ""


def _yaml_node_end(front: str, node: Any) -> int:
    """Where a value's own text ends: not the blank lines or the comments before the next key."""
    from ruamel.yaml.nodes import ScalarNode

    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            return _yaml_block_end(front, node.start_mark.index, node.end_mark.index)
        return node.end_mark.index
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _yaml_node_end(front, last[1] if isinstance(last, tuple) else last)


def _yaml_sequence(node: Any, source: str, value: list[Any], newline: str) -> str:
    # Items quoted alike ('a', 'b' or "a", "b") keep that quoting; mixed or plain items stay plain.
    styles = {getattr(item, "style", None) for item in node.value}
    style = styles.pop() if len(styles) == 1 and styles <= {"'", '"'} else None
    if node.flow_style:
        return "[" + ", ".join(_yaml_scalar(item, style, None, flow=True) for item in value) + "]"
    indent = " " * node.start_mark.column
    items = f"{newline}{indent}".join(f"- {_yaml_scalar(item, style, None)}" for item in value)
    ending = newline if source.endswith("\n") else ""
    return items + ending


def _yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key) else _yaml_double(key)


def _yaml_scalar_like(
    style: str | None, source: str, value: Any, front: str, start: int, newline: str
) -> str:
    # What precedes the value on its line ("title: ") and the blank lines after it (a "+" block
    # would take them in): the context a rewritten value is read in.
    prefix = front[front.rfind("\n", 0, start) + 1 : start]
    blank = yaml_style.BLANK_LINES.match(front, start + len(source))  # always matches
    after = blank.group() if blank else ""
    if style in ("|", ">"):
        block = yaml_style.block_like(source, value, prefix, after, newline)
        if block is not None:
            return block
        ending = newline if source.endswith("\n") else ""
        return (
            _yaml_double(value) + ending
            if isinstance(value, str)
            else _yaml_scalar(value, None, None) + ending
        )
    if style is None and isinstance(value, str) and "\n" in source and _is_plain_safe(value, False):
        wrapped = yaml_style.plain_wrapped(source, value, prefix, newline)
        if wrapped is not None:
            return wrapped
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
    if isinstance(value, dict):
        items = (
            f"{_yaml_key(str(k))}: {_yaml_scalar(v, None, None, flow=True)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    text = str(value)
    if style == "'" and "\n" not in text and not _CONTROL.search(text):
        return "'" + text.replace("'", "''") + "'"
    if style is None and _is_plain_safe(text, flow):
        return text
    return _yaml_double(text)


# TOML literal strings cannot hold C0 controls or DEL; a basic string escapes them. What YAML
# cannot hold outside double quotes is yaml_style.CONTROL.
_TOML_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL = yaml_style.CONTROL


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


def json_spans(front: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a JSON object starts and ends in ``front`` (the walk is
    :func:`editor.core.json_members.json_members`, shared with validation's key lines)."""
    return value_spans(_json_members(front))


def _json_members(front: str) -> list[JsonMember]:
    try:
        return json_members(front)
    except ValueError as error:
        raise EditError(f"The JSON front matter cannot be edited: {error}") from None


def _edit_json(
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
                rendered = _edit_json(front[start:end], old[key], inner, newline, top=False)
            elif isinstance(value, list) and front.startswith("[", start):
                items = [_json_dumps(item, ascii_only) for item in value]
                rendered = _lay_out_list(items, _list_layout(front[start:end]), newline)
            else:
                rendered = _json_dumps(value, ascii_only)
            changes.append((start, end, rendered))
        else:
            member = f"{json.dumps(key, ensure_ascii=ascii_only)}: {_json_dumps(value, ascii_only)}"
            if top and members and _goes_first(key):
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
    return json.dumps(_jsonable(value), ensure_ascii=ascii_only)


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


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        moment = _plain(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
        return moment.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
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
