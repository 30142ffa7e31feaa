"""Split article files into front matter and body, byte for byte, the way Hugo reads them.

A file is decoded strictly as UTF-8 (a BOM is remembered, not kept in the text) and cut into four
strings whose concatenation is the decoded text exactly: ``head`` (leading blank space and the opening
delimiter line), ``front`` (the front matter text), ``tail`` (the closing delimiter line) and ``body``.
Nothing is normalised, so ``SplitFile.encode()`` gives back the bytes that were read.

Reading values uses the fast parsers of :mod:`editor.core.fast_parsers` (each with the stdlib parser as
the judge of errors and of anything in doubt) and ruamel's safe loader; editing lives in
:mod:`editor.core.edit`.
"""

from __future__ import annotations

import json
import re
import tomllib
from enum import StrEnum
from typing import Any, NamedTuple

from editor.core import limits
from editor.core.fast_parsers import loads_json, loads_toml

BOM = b"\xef\xbb\xbf"
_BINARY_SNIFF = 8192


class Format(StrEnum):
    """The front matter flavour of a file."""

    TOML = "toml"
    YAML = "yaml"
    JSON = "json"
    NONE = "none"  # a file with no front matter at all


_DELIMITERS = {Format.TOML: "+++", Format.YAML: "---"}


class FrontMatterError(ValueError):
    """A file that cannot be read as an article; ``line``/``column`` are 1-based file positions."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{self.message} ({where})"


class SplitFile(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """A file cut into its parts; ``head + front + tail + body`` is the decoded text exactly."""

    format: Format
    head: str
    front: str
    tail: str
    body: str
    bom: bool = False

    @property
    def newline(self) -> str:
        """The line ending the file uses (the first one found), for lines we add."""
        text = self.head + self.front + self.tail
        index = text.find("\n")
        if index < 0:
            index = self.body.find("\n")
            text = self.body
        return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"

    @property
    def front_line(self) -> int:
        """The 1-based file line on which the front matter text starts."""
        return self.head.count("\n") + 1

    @property
    def body_line(self) -> int:
        """The 1-based file line on which the body starts."""
        return (self.head + self.front + self.tail).count("\n") + 1

    def text(self) -> str:
        return self.head + self.front + self.tail + self.body

    def encode(self) -> bytes:
        data = self.text().encode("utf-8")
        return BOM + data if self.bom else data

    def with_front(self, front: str) -> SplitFile:
        return self._replace(front=front)

    def with_body(self, body: str) -> SplitFile:
        return self._replace(body=body)


def decode(data: bytes) -> tuple[str, bool]:
    """Decode file bytes strictly as UTF-8; returns (text, had_bom) or raises FrontMatterError."""
    if not data:
        raise FrontMatterError("The file is empty")
    # Only a file with a zero byte near its start, or one that starts as a UTF-16 BOM does, can be
    # wide or binary: the usual file is passed with one search, no copies.
    if data[0] in _WIDE_FIRST_BYTES or data.find(b"\x00", 0, _BINARY_SNIFF) >= 0:
        wide = _wide_encoding(data)
        if wide is not None:
            raise FrontMatterError(
                f"This file is {wide} text; Hugo reads only UTF-8, so save it as UTF-8 to use it"
            )
        if b"\x00" in data[:_BINARY_SNIFF]:
            raise FrontMatterError("This looks like a binary file, not a text article")
    bom = data.startswith(BOM)
    raw = data[len(BOM) :] if bom else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FrontMatterError(
            f"The file is not valid UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
            line,
            column,
        ) from None
    return text, bom


# A UTF-16 BOM starts with one of these bytes; a UTF-32 one too, or with a zero byte.
_WIDE_FIRST_BYTES = frozenset(b"\xff\xfe")


def _wide_encoding(data: bytes) -> str | None:
    """The name of the UTF-16 or UTF-32 encoding ``data`` is in (by its BOM or its zero bytes)."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
        (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
        (b"\xff\xfe", "UTF-16 (little-endian)"),
        (b"\xfe\xff", "UTF-16 (big-endian)"),
    ):
        if data.startswith(bom):
            return name
    # Without a BOM, front matter and Markdown are mostly ASCII: one zero byte in every pair.
    sample = data[:512]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.8 * pairs and even == 0:
        return "UTF-16 (little-endian)"
    if even >= 0.8 * pairs and odd == 0:
        return "UTF-16 (big-endian)"
    return None


def split(data: bytes) -> SplitFile:
    """Cut file bytes into head, front matter, tail and body; raises FrontMatterError."""
    text, bom = decode(data)
    return split_text(text, bom=bom)


def split_text(text: str, *, bom: bool = False) -> SplitFile:
    """Cut decoded text; like Hugo, leading blank space before the front matter is allowed."""
    start = len(text) - len(text.lstrip(" \t\r\n")) if text[:1] in _BLANKS else 0
    first = text[start : start + 1]
    if first == "{":
        return _split_json(text, start, bom)
    for fmt, delimiter in _DELIMITERS.items():
        if text.startswith(delimiter, start):
            return _split_delimited(text, start, fmt, delimiter, bom)
    return SplitFile(Format.NONE, "", "", "", text, bom)


_BLANKS = frozenset(" \t\r\n")
# What may follow the closing delimiter on its line and still belong to it (the rest is body).
_CLOSING_REST = re.compile(r"(?:[ \t]*\r?(?:\n|$))?", re.MULTILINE)


def _closing_line(text: str, delimiter: str, start: int) -> tuple[int, int] | None:
    """Where the closing delimiter line begins and ends, searching from the line start ``start``.

    Like Hugo's lexer, the first line that starts with the delimiter closes the front matter,
    whatever follows it on that line (which is then body). Two ``str.find`` calls, not a
    multi-line regex (``^+++``), which tried every position of the front matter: 3.4 µs a file.
    """
    if text.startswith(delimiter, start):
        begin = start
    else:
        begin = text.find("\n" + delimiter, start)
        if begin < 0:
            return None
        begin += 1
    rest = _CLOSING_REST.match(text, begin + len(delimiter))
    return begin, rest.end() if rest is not None else begin + len(delimiter)


def _split_delimited(text: str, start: int, fmt: Format, delimiter: str, bom: bool) -> SplitFile:
    line_end = text.find("\n", start)
    opening = text[start : line_end if line_end >= 0 else len(text)].rstrip("\r")
    opening_line = text.count("\n", 0, start) + 1
    if opening.rstrip(" \t") != delimiter:
        raise FrontMatterError(
            f"The opening {fmt.upper()} front matter delimiter should be {delimiter!r} alone on its line",
            opening_line,
        )
    if line_end < 0:
        raise FrontMatterError(
            f"The {fmt.upper()} front matter is never closed: no line with {delimiter!r} follows",
            opening_line,
        )
    closing = _closing_line(text, delimiter, line_end + 1)
    if closing is None:
        raise FrontMatterError(
            f"The {fmt.upper()} front matter is never closed: no line starting with {delimiter!r} follows",
            opening_line,
        )
    tail_start, tail_end = closing
    return SplitFile(  # head, front, tail, body (by position: this runs for every file listed)
        fmt,
        text[: line_end + 1],
        text[line_end + 1 : tail_start],
        text[tail_start:tail_end],
        text[tail_end:],
        bom,
    )


def _split_json(text: str, start: int, bom: bool) -> SplitFile:
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except RecursionError:
        raise FrontMatterError(_TOO_DEEP, text.count("\n", 0, start) + 1) from None
    except json.JSONDecodeError as error:
        raise FrontMatterError(
            f"Malformed JSON front matter: {error.msg}", error.lineno, error.colno
        ) from None
    # Hugo's JSON front matter ends at the closing brace; the rest of that line break is not body.
    tail_end = end
    if text.startswith("\r\n", end):
        tail_end += 2
    elif text.startswith("\n", end):
        tail_end += 1
    return SplitFile(
        Format.JSON, text[:start], text[start:end], text[end:tail_end], text[tail_end:], bom
    )


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


_TOO_DEEP = "The front matter is nested too deeply to read"
CONFLICT_MARKERS = (
    "A merge left conflict markers here (<<<<<<<): resolve the conflict in Copydesk or an editor, "
    "then git add the file"
)


def parse_front(split_file: SplitFile) -> dict[str, Any]:
    """Read the front matter values as plain Python data; raises FrontMatterError with file lines.

    The limits of :mod:`editor.core.limits` are enforced here, around the one parse, so no caller
    ever holds a value too large or too deep to walk.
    """
    return _parse_values(split_file.format, split_file.head, split_file.front)


def _parse_values(fmt: Format, head: str, front: str) -> dict[str, Any]:
    """:func:`parse_front` of the file whose format, head and front matter text these are."""
    front_line = head.count("\n") + 1
    problem = limits.size_problem(front)
    if problem is not None:
        raise FrontMatterError(problem, front_line)
    try:
        value = _parse_front(fmt, head, front, front_line)
    except RecursionError:  # thousands of nested brackets: a broken or hostile file, not a crash
        raise FrontMatterError(_TOO_DEEP, front_line) from None
    except FrontMatterError:
        if "<<<<<<<" not in front:
            raise
        from editor.core.line_merge import conflict_marker_line  # not before the first paint

        marker = conflict_marker_line(front)
        if marker is None:
            raise
        # "Malformed YAML: mapping values are not allowed" would hide what happened: a merge.
        raise FrontMatterError(CONFLICT_MARKERS, front_line + marker - 1) from None
    problem = limits.shape_problem(value)
    if problem is not None:
        raise FrontMatterError(problem, front_line)
    return value


def _parse_front(fmt: Format, head: str, front: str, front_line: int) -> dict[str, Any]:
    offset = front_line - 1
    if fmt is Format.NONE:
        return {}
    if fmt is Format.TOML:
        try:
            return loads_toml(front)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            where = _TOML_WHERE.search(message)
            message = _TOML_WHERE.sub("", message).strip().rstrip(".")
            if where:
                line, column = int(where.group(1)), int(where.group(2))
                raise FrontMatterError(
                    f"Malformed TOML front matter: {message}", line + offset, column
                ) from None
            if (
                "(at end of document)" in message
            ):  # e.g. a string left open: point at the closing line
                message = message.replace("(at end of document)", "").strip()
                closing_line = (head + front).count("\n") + 1
                raise FrontMatterError(
                    f"Malformed TOML front matter: {message}", closing_line
                ) from None
            raise FrontMatterError(f"Malformed TOML front matter: {message}") from None
    if fmt is Format.JSON:
        try:
            value = loads_json(front)
        except json.JSONDecodeError as error:  # split already parsed it; kept for direct callers
            raise FrontMatterError(
                f"Malformed JSON front matter: {error.msg}", error.lineno + offset, error.colno
            ) from None
        if not isinstance(value, dict):
            raise FrontMatterError("JSON front matter must be an object", front_line)
        return value
    return _parse_yaml(front, offset, front_line)


def _parse_yaml(front: str, offset: int, front_line: int) -> dict[str, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        value = YAML(typ="safe", pure=True).load(front)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if mark is not None:
            raise FrontMatterError(
                f"Malformed YAML front matter: {problem}", mark.line + 1 + offset, mark.column + 1
            ) from None
        raise FrontMatterError(f"Malformed YAML front matter: {problem}") from None
    except YAMLError as error:
        raise FrontMatterError(f"Malformed YAML front matter: {error}") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FrontMatterError("YAML front matter must be a mapping of keys to values", front_line)
    return {str(key): item for key, item in value.items()}


def read(data: bytes) -> tuple[SplitFile, dict[str, Any]]:
    """Split and parse file bytes in one go."""
    split_file = split(data)
    return split_file, parse_front(split_file)


def read_values(data: bytes) -> dict[str, Any]:
    """``read(data)[1]``, raising what it raises, for a listing, which never reads the body.

    A file that opens with ``+++`` alone on its first line (the usual article) is cut with two
    searches and parsed without its body, tail or :class:`SplitFile` being made (1.5 µs of a
    listing's ~50 a file); anything else goes through :func:`split`. tests/core/test_read_values.py
    proves the two equal, errors included.
    """
    text, bom = decode(data)
    if text[:4] == "+++\n":
        closing = _closing_line(text, "+++", 4)
        if closing is not None:
            return _parse_values(Format.TOML, "+++\n", text[4 : closing[0]])
    return parse_front(split_text(text, bom=bom))
