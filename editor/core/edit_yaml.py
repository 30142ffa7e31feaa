"""The YAML front matter editor: splices new values into the text at the parser's marks.

ruamel's node marks tell where a value's text starts and ends; only that span is replaced, with the
new value written in the style the old one had (the renderings are in
:mod:`editor.core.yaml_style`). Called by :func:`editor.core.edit.apply_edits`, which checks the
result.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from editor.core import yaml_style
from editor.core.edit_common import REMOVE, EditError, goes_first, whole_seconds
from editor.core.values import parse_date, same_value


def edit_yaml(front: str, old: Mapping[str, Any], edits: Mapping[str, Any], newline: str) -> str:
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
        if first_at is not None and goes_first(key) and key not in present and value is not REMOVE
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
        at = _before_trailing_blank_lines(text)
        text = text[:at] + "".join(f"{line}{newline}" for line in added) + text[at:]
    return text


def _before_trailing_blank_lines(text: str) -> int:
    """Where a new key goes: after the last line with text, not after the blank lines that end
    the front matter (jaegertracing's files: "draft: false" came after the blank line, set off
    from the keys above it)."""
    lines = text.splitlines(keepends=True)
    at = len(text)
    for line in reversed(lines):
        if line.strip():
            break
        at -= len(line)
    return at


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
        return whole_seconds(value).isoformat()
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


# What YAML cannot hold outside double quotes.
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
