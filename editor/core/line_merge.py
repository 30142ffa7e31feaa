"""A line-wise three-way merge of text, as ``git merge-file`` does it, on :mod:`difflib`.

The base is matched against each side; stretches of base lines that both sides kept unchanged are
the sync points, and between two of them a side that left the base alone yields to the other. Where
both sides changed the same stretch differently (or changed lines that touch), the stretch is a
conflict :class:`Hunk`. Lines are cut at ``"\\n"`` only, keeping their endings, so joining them gives
back the text exactly (CRLF stays CRLF).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Pick = Literal["mine", "theirs", "base"]
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def split_lines(text: str) -> list[str]:
    """``text`` cut after each ``"\\n"``; ``"".join(split_lines(text)) == text``."""
    return _LINES.findall(text)


@dataclass(frozen=True, slots=True)
class Hunk:
    """Lines both sides changed differently; ``*_start`` are 0-based line numbers in each text."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    base_start: int
    mine_start: int
    theirs_start: int

    def text(self, side: Pick) -> str:
        return "".join(getattr(self, side))


@dataclass(frozen=True, slots=True)
class LineMerge:
    """The merged text as a list of pieces: settled lines, and conflict hunks in between."""

    pieces: tuple[tuple[str, ...] | Hunk, ...]

    @property
    def conflicts(self) -> tuple[Hunk, ...]:
        return tuple(piece for piece in self.pieces if isinstance(piece, Hunk))

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def text(self, pick: Pick = "mine", resolved: Sequence[str] | None = None) -> str:
        """The merged text with each conflict taken from ``pick`` (or from ``resolved``, in order)."""
        out: list[str] = []
        answers = iter(resolved) if resolved is not None else None
        for piece in self.pieces:
            if isinstance(piece, Hunk):
                out.append(next(answers) if answers is not None else piece.text(pick))
            else:
                out.extend(piece)
        return "".join(out)

    def marked(
        self, labels: tuple[str, str, str] = ("ours", "base", "theirs"), size: int = 7
    ) -> str:
        """The merged text with ``git merge-file --diff3`` markers around each conflict."""
        newline = (
            "\r\n"
            if any(line.endswith("\r\n") for p in self.pieces for line in _lines(p))
            else "\n"
        )
        mine, base, theirs = labels
        out: list[str] = []
        for piece in self.pieces:
            if not isinstance(piece, Hunk):
                out.extend(piece)
                continue
            if out and not out[-1].endswith("\n"):
                out.append(newline)
            for marker, label, lines in (
                ("<", mine, piece.mine),
                ("|", base, piece.base),
                ("=", "", piece.theirs),
            ):
                out.append(f"{marker * size}{' ' + label if label else ''}{newline}")
                out.extend(lines)
                if lines and not lines[-1].endswith("\n"):
                    out.append(newline)
            out.append(f"{'>' * size} {theirs}{newline}")
        return "".join(out)


def _lines(piece: tuple[str, ...] | Hunk) -> tuple[str, ...]:
    return piece.mine + piece.theirs if isinstance(piece, Hunk) else piece


def merge_lines(base: str, mine: str, theirs: str) -> LineMerge:
    """Merge ``mine`` and ``theirs``, two edits of ``base``, line by line."""
    base_lines, mine_lines, theirs_lines = split_lines(base), split_lines(mine), split_lines(theirs)
    if mine == theirs or theirs == base:
        return LineMerge((tuple(mine_lines),))
    if mine == base:
        return LineMerge((tuple(theirs_lines),))
    pieces: list[tuple[str, ...] | Hunk] = []
    for piece in _regions(base_lines, mine_lines, theirs_lines):
        if not piece:
            continue
        if isinstance(piece, Hunk) or not pieces or isinstance(pieces[-1], Hunk):
            pieces.append(piece)
        else:
            pieces[-1] = pieces[-1] + piece  # settled lines run together
    return LineMerge(tuple(pieces))


def _regions(
    base: list[str], mine: list[str], theirs: list[str]
) -> Iterator[tuple[str, ...] | Hunk]:
    base_at = mine_at = theirs_at = 0
    for base_match, base_end, mine_match, mine_end, theirs_match, theirs_end in _sync_regions(
        base, mine, theirs
    ):
        if mine_match > mine_at or theirs_match > theirs_at or base_match > base_at:
            old = base[base_at:base_match]
            ours = mine[mine_at:mine_match]
            other = theirs[theirs_at:theirs_match]
            if ours == other or other == old:
                yield tuple(ours)
            elif ours == old:
                yield tuple(other)
            else:
                yield Hunk(tuple(old), tuple(ours), tuple(other), base_at, mine_at, theirs_at)
        if base_end > base_match:
            yield tuple(base[base_match:base_end])
        base_at, mine_at, theirs_at = base_end, mine_end, theirs_end


def _sync_regions(
    base: list[str], mine: list[str], theirs: list[str]
) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches of base lines both sides kept, as (base, base end, mine, mine end, theirs, theirs end).

    The intersection of the two sides' matching blocks against the base (bzr's merge3 method); the
    last entry is the empty stretch at the ends of all three.
    """
    mine_blocks = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    theirs_blocks = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(mine_blocks) and j < len(theirs_blocks):
        a_base, a_side, a_len = mine_blocks[i]
        b_base, b_side, b_len = theirs_blocks[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            mine_start = a_side + start - a_base
            theirs_start = b_side + start - b_base
            regions.append(
                (
                    start,
                    end,
                    mine_start,
                    mine_start + end - start,
                    theirs_start,
                    theirs_start + end - start,
                )
            )
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


_MARKER = re.compile(r"^([<|=>])\1{6}(?: .*)?\r?\n?$")


def unmark(text: str) -> tuple[str, str, str] | None:
    """The three texts a ``--diff3`` marked file was made from: (mine, base, theirs).

    What :meth:`LineMerge.marked` wrote can be read back here, so a resolver can pick up a file the
    merge driver left with conflicts. None when ``text`` has no complete diff3 markers.
    """
    sides: dict[str, list[str]] = {"mine": [], "base": [], "theirs": []}
    order = {"<": "mine", "|": "base", "=": "theirs"}
    state: str | None = None
    found = False
    for line in split_lines(text):
        match = _MARKER.match(line)
        kind = match.group(1) if match else None
        if state is None and kind == "<":
            state = "mine"
        elif (state == "mine" and kind == "|") or (state == "base" and kind == "="):
            state = order[kind]
        elif state == "theirs" and kind == ">":
            state, found = None, True
        elif kind is not None and state is not None:
            return None  # a marker out of order: not a file this module marked
        elif state is None:
            for lines in sides.values():
                lines.append(line)
        else:
            sides[state].append(line)
    if state is not None or not found:
        return None
    return "".join(sides["mine"]), "".join(sides["base"]), "".join(sides["theirs"])


_OPENING = re.compile(r"^<{7}(?: |\r?$)", re.MULTILINE)


def conflict_marker_line(text: str) -> int | None:
    """The 1-based line of the first conflict git (or this module) marked in ``text``, or None.

    A region counts when a ``<<<<<<<`` line is followed by a ``=======`` and then a ``>>>>>>>``
    line: a file left so by a merge is not an article to publish (``copydesk check`` says so).
    The opening is looked for first, so an article without one costs a single regex search.
    """
    opening = _OPENING.search(text)
    if opening is None:
        return None
    expect = "="
    for line in split_lines(text[opening.end() :]):
        match = _MARKER.match(line)
        if match is None or match.group(1) != expect:
            continue
        if expect == ">":
            return text.count("\n", 0, opening.start()) + 1
        expect = ">"
    return None
