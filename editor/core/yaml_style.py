"""Writing a YAML scalar in the style of the one it replaces: block scalars and wrapped plain text.

Used by :mod:`editor.core.edit_yaml` when it splices a new value into YAML front matter. Each rendering is
read back in the context of its key (the text before it on its line, the blank lines after it) and
given up when it does not read as the value, so the caller falls back to a quoted scalar.
"""

from __future__ import annotations

import re
from typing import Any

# Characters that YAML plain, single-quoted and block scalars cannot hold (C0/C1 controls, DEL,
# line separators: pasted text carries them); a double-quoted scalar escapes them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)*")
_BLOCK_HEADER = re.compile(r"([|>])([-+1-9]*)(.*)")
_WRAP_FLOOR = 40  # a narrow original is no reason to put one word on each line


def block_like(source: str, value: Any, prefix: str, after: str, newline: str) -> str | None:
    """``value`` as a block scalar like ``source`` (``|`` or ``>``, same indent and header comment).

    The chomping indicator follows the new value's trailing line breaks; a folded block is wrapped
    at the original's width. None when the block cannot hold the value (the caller quotes it).
    """
    if not isinstance(value, str) or not value.strip() or CONTROL.search(value) or "\r" in value:
        return None
    lines = source.split("\n")
    header = _BLOCK_HEADER.match(lines[0].rstrip("\r"))
    if header is None:
        return None
    indicator, flags, rest = header.groups()
    content = [line.rstrip("\r") for line in lines[1:]]
    first = next((line for line in content if line.strip()), None)
    if first is not None:
        indent = first[: len(first) - len(first.lstrip(" "))]
    else:
        indent = " " * (len(prefix) - len(prefix.lstrip(" ")) + 2)
    core = value.rstrip("\n")
    trailing = len(value) - len(core)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    if indicator == "|":
        body = core.split("\n")
    else:
        # Folded: a run of n line breaks in the value is n blank lines; a single break between
        # two lines would read as a space. Lines are wrapped where a break reads as one space.
        width = max(_WRAP_FLOOR, *(len(line) for line in content))
        parts = re.split(r"(\n+)", core)
        body = []
        for index, part in enumerate(parts):
            if index % 2:
                body.extend([""] * len(part))
            elif part.startswith((" ", "\t")):
                return None  # a more-indented line is not folded: keep it simple, quote it
            else:
                body.extend(_wrap(part, width, len(indent), len(indent)))
    body.extend([""] * max(0, trailing - 1))
    digits = "".join(flag for flag in flags if flag.isdigit())
    text = newline.join(
        [f"{indicator}{digits}{chomp}{rest}", *(indent + line if line else "" for line in body)]
    )
    text += newline
    return text if _reads_as(prefix, text + after, value) else None


def plain_wrapped(source: str, value: str, prefix: str, newline: str) -> str | None:
    """``value`` (which plain style can hold) as a plain scalar wrapped like ``source``: same width,
    same continuation indent. None when it does not read back so (the caller writes one line)."""
    lines = [line.rstrip("\r") for line in source.split("\n")]
    rest = [line for line in lines[1:] if line.strip()]
    if not rest:
        return None
    indent = rest[0][: len(rest[0]) - len(rest[0].lstrip(" "))]
    width = max(_WRAP_FLOOR, len(prefix) + len(lines[0]), *(len(line) for line in rest))
    wrapped = _wrap(value, width, len(prefix), len(indent))
    if len(wrapped) == 1:
        return wrapped[0]
    text = newline.join([wrapped[0], *(indent + line for line in wrapped[1:])])
    return text if _reads_as(prefix, text, value) else None


def _wrap(text: str, width: int, first_offset: int, offset: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns, only at single spaces between words.

    YAML folds a line break between two words into one space, so only such a space may be cut.
    """
    chunks = re.split(r"(?<=\S) (?=\S)", text)
    lines = [chunks[0]]
    used = first_offset + len(chunks[0])
    for chunk in chunks[1:]:
        if used + 1 + len(chunk) <= width:
            lines[-1] += " " + chunk
            used += 1 + len(chunk)
        else:
            lines.append(chunk)
            used = offset + len(chunk)
    return lines


def _reads_as(prefix: str, text: str, value: str) -> bool:
    """Whether ``prefix + text`` (one key and its rewritten value) reads back as ``value``."""
    from ruamel.yaml import YAML

    try:
        loaded = YAML(typ="safe", pure=True).load(prefix + text)
    except Exception:
        return False
    return isinstance(loaded, dict) and len(loaded) == 1 and next(iter(loaded.values())) == value
