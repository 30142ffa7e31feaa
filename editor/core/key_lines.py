"""The file line of each top-level front matter key, without a full parse: where a problem points.

A problem the checks find names a key; the form and ``copydesk check`` show the line that key is on
(a key the file lacks points at the opening delimiter). Finding lines is its own job with its own
format knowledge (a TOML line scan that knows strings, arrays and inline tables; YAML's composer;
JSON's members), apart from the rules in validate.py that judge the values. :class:`KeyLines` works
the lines out only when the first problem of a file asks, so a clean file costs nothing here.
"""

from __future__ import annotations

import json
import re

from editor.core.frontmatter import Format, SplitFile
from editor.core.json_members import json_members, key_line_numbers


def key_lines(split_file: SplitFile) -> dict[str, int]:
    """The 1-based file line of each top-level front matter key (the first, if a key repeats)."""
    finder = {
        Format.TOML: _toml_key_lines,
        Format.YAML: _yaml_key_lines,
        Format.JSON: _json_key_lines,
    }.get(split_file.format)
    if finder is None:
        return {}
    offset = split_file.front_line
    return {key: offset + index for key, index in finder(split_file.front).items()}


def opening_line(split_file: SplitFile) -> int:
    """The line of the opening delimiter (or brace): where a missing key is reported."""
    if split_file.format is Format.JSON:
        return split_file.front_line
    if split_file.format is Format.NONE:
        return 1
    return max(1, split_file.front_line - 1)


_TOML_NAME = r"""(?P<key>[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_KEY = re.compile(rf"[ \t]*{_TOML_NAME}[ \t]*[=.]")
_TOML_TABLE = re.compile(rf"[ \t]*\[\[?[ \t]*{_TOML_NAME}")
_TOML_TOKEN = re.compile(r"""\"\"\"|'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#|[\[\]{}]""")
# The rest of a multi-line string: possessive, so an escaped quote is never taken back as a closing one;
# up to two quotes right before the closing three belong to the string.
_ML_END = {
    '"""': re.compile(r'(?:[^"\\]|\\.|\\$|"(?!""))*+"{3,5}'),
    "'''": re.compile(r"(?:[^']|'(?!''))*+'{3,5}"),
}


def _toml_name(token: str) -> str:
    if token.startswith('"'):
        try:
            return json.loads(token)
        except ValueError:
            return token[1:-1]
    return token[1:-1] if token.startswith("'") else token


def _toml_key_lines(front: str) -> dict[str, int]:
    """Top-level keys by a line scan that knows strings, arrays and inline tables (no full parse)."""
    lines: dict[str, int] = {}
    depth = 0
    open_string: str | None = None
    in_tables = False
    for index, line in enumerate(front.split("\n")):
        pos = 0
        if open_string is not None:
            end = _ML_END[open_string].match(line)
            if end is None:
                continue
            open_string, pos = None, end.end()
        elif depth == 0:
            # Outside any value, a line starting with "[" can only be a table header.
            table = _TOML_TABLE.match(line)
            if table:
                lines.setdefault(_toml_name(table["key"]), index)
                in_tables = True
                continue
            key = _TOML_KEY.match(line)
            if key:
                if not in_tables:
                    lines.setdefault(_toml_name(key["key"]), index)
                pos = key.end()
        while (token := _TOML_TOKEN.search(line, pos)) is not None:
            text = token.group()
            if text == "#":
                break
            pos = token.end()
            if text in _ML_END:
                end = _ML_END[text].match(line, pos)
                if end is None:
                    open_string = text
                    break
                pos = end.end()
            elif text in "[{":
                depth += 1
            elif text in "]}":
                depth = max(0, depth - 1)
    return lines


def _yaml_key_lines(front: str) -> dict[str, int]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode

    try:
        root = YAML(typ="safe", pure=True).compose(front)
    except YAMLError:
        return {}
    if not isinstance(root, MappingNode):
        return {}
    lines: dict[str, int] = {}
    for key, _ in root.value:
        lines.setdefault(str(key.value), key.start_mark.line)
    return lines


def _json_key_lines(front: str) -> dict[str, int]:
    try:
        return key_line_numbers(front, json_members(front))
    except ValueError:
        return {}  # split() has parsed it already; a surprise here only costs line numbers


class KeyLines:
    """Key lines of one file, worked out the first time a problem needs one."""

    def __init__(self, split_file: SplitFile) -> None:
        self._split = split_file
        self._lines: dict[str, int] | None = None

    def of(self, key: str | None) -> int:
        if self._lines is None:
            self._lines = key_lines(self._split)
        if key is not None and key in self._lines:
            return self._lines[key]
        return opening_line(self._split)
