"""Fast front matter decoders that return exactly what the standard library returns.

Parsing TOML with ``tomllib`` was 44% of a listing's CPU; ``rtoml`` (Rust) reads the same front matter
about 18x faster. Speed may never change a result, so each fast path is used only where it is known to
agree with the stdlib parser, and the stdlib parser decides everything else:

* ``rtoml`` 0.14 reads TOML 1.1, which ``tomllib`` and Hugo (TOML 1.0) refuse: ``\\e`` and ``\\x``
  escapes, times without seconds, newlines and trailing commas in inline tables. A document with any
  text that could be one of those goes to ``tomllib``, which gives the error with line and column.
  Any error from ``rtoml`` (or any value it cannot make) also goes to ``tomllib``, so the error a user
  sees is always tomllib's. ``rtoml``'s own tz type becomes ``datetime.timezone`` as tomllib gives.
* ``tomllib`` turns a CRLF line break inside a multi-line string into LF, ``rtoml`` keeps it: a
  document with both goes to ``tomllib``.
* ``orjson`` reads integers past 64 bits as floats, and refuses NaN, Infinity and lone surrogates
  (which ``json`` accepts): a document with a run of 19 digits, or any error, goes to ``json``.

tests/core/test_fast_parsers.py proves the agreement with hypothesis-generated documents.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

try:  # optional accelerators: without them the stdlib parsers do all the work
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - depends on the installation
    _rtoml = None  # type: ignore[assignment]
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]

# Bumped when a fast path changes what it accepts: the index cache keeps parsed facts per version.
PARSER_VERSION = (
    f"1-rtoml:{getattr(_rtoml, '__version__', '-')}-orjson:{getattr(_orjson, '__version__', '-')}"
)
# The accelerators' own files: another install of either is another file (listing_inputs notes
# them for the quick answer, which cannot import them to read their versions).
PARSER_FILES = tuple(
    str(getattr(module, "__file__", None) or "-") for module in (_rtoml, _orjson) if module
)

# Text that may be TOML 1.1, or may order keys unlike tomllib (see the module docstring). A false
# alarm only costs tomllib's time. Each pattern starts with a rare character, so a search costs a
# few microseconds on a seed-sized front matter (a look-behind at every position cost 44 µs).
_ESCAPE_11 = re.compile(r"\\[ex]")  # \e and \xHH escapes
_TRAILING_COMMA_11 = re.compile(r",\s*\}")  # a trailing comma in an inline table
# hh:mm with no seconds: not the mm:ss of a longer time, nor a +hh:mm offset.
_SHORT_TIME = re.compile(r":\d\d(?![:\d])(?<=\d\d:\d\d)(?<!:\d\d:\d\d)(?<![+-]\d\d:\d\d)")
# A dotted table header ([a.b]): when [a] comes later, rtoml puts "a" where [a] is, tomllib where
# [a.b] made it (key order is part of the result).
_DOTTED_HEADER = re.compile(r"\n[ \t]*\[[^\]\n]*\.")


def _needs_tomllib(text: str) -> bool:
    return bool(
        # tomllib turns CRLF inside a multi-line string into LF; rtoml keeps it
        ("\r" in text and ('"""' in text or "'''" in text))
        or ("\\" in text and _ESCAPE_11.search(text))
        or ("{" in text and (_TRAILING_COMMA_11.search(text) or _open_brace_line(text)))
        or ("[" in text and _DOTTED_HEADER.search("\n" + text))
        or _SHORT_TIME.search(text)
    )


def _open_brace_line(text: str) -> bool:
    """A line that opens more inline tables than it closes: a line break inside one (TOML 1.1).
    Braces in strings count too: a false alarm only costs tomllib's time."""
    return any(line.count("{") > line.count("}") for line in text.splitlines() if "{" in line)


_LONG_NUMBER = re.compile(r"\d{19}")

_ZONES: dict[dt.timedelta | None, dt.tzinfo] = {}


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, faster; raises ``tomllib.TOMLDecodeError`` exactly as tomllib does."""
    if _rtoml is not None and not _needs_tomllib(text):
        try:
            value = _rtoml.loads(text)
        except Exception:  # any doubt: tomllib decides, with its own message
            pass
        else:
            if type(value) is dict:
                _fix_table(value)
                return value
    return tomllib.loads(text)


def _zone(moment: dt.datetime) -> dt.tzinfo:
    offset = moment.utcoffset()
    zone = _ZONES.get(offset)
    if zone is None:
        # timezone(timedelta(0)) is timezone.utc itself, as tomllib gives for Z and -00:00.
        zone = _ZONES[offset] = dt.timezone(offset) if offset is not None else dt.UTC
    return zone


def _fix_value(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        _fix_table(value)
    elif kind is list:
        _fix_list(value)
    elif kind is dt.datetime and value.tzinfo is not None:
        return value.replace(tzinfo=_zone(value))
    return value


def _fix_table(table: dict[str, Any]) -> None:
    for key, value in table.items():
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float:
            continue
        table[key] = _fix_value(value)


def _fix_list(items: list[Any]) -> None:
    for index, value in enumerate(items):
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float:
            continue
        items[index] = _fix_value(value)


def loads_json(text: str) -> Any:
    """``json.loads(text)``, faster; raises ``json.JSONDecodeError`` exactly as json does."""
    if _orjson is not None and not _LONG_NUMBER.search(text):
        try:
            return _orjson.loads(text)
        except Exception:  # any doubt: json decides, with its own message
            pass
    return json.loads(text)
