"""Huge Markdown rendered in linear time: cut at top-level block boundaries, each chunk alone.

Python-Markdown is worse than linear on big texts (its block parser pops blocks off the front of
a list, the fenced-code and raw-HTML preprocessors search the whole text again after each match):
a 5 MB body took it 86-106 s, 800 KB 2.6 s. Rendered in chunks of some tens of kilobytes, the
same text costs a few microseconds a character, whatever its length.

A chunk boundary is only taken where rendering the two sides apart gives the HTML of rendering
them together (joined by the line break Python-Markdown puts between top-level blocks):

- at a blank line outside fenced code and outside raw HTML blocks (every block-level tag and
  comment opened before it is closed), followed by a line that starts a fresh top-level block
  on its own: not indented (list continuations, indented code), not a list item, quote (">" joins
  the quote before it), definition (":" joins the term before it), table row or attribute list;
- the document's link reference definitions are given to every chunk (appended after a blank
  line: they render to nothing, and Python-Markdown resolves references after parsing);
- a body with footnotes, a ``[TOC]`` marker, processing instructions/CDATA or Python-Markdown's
  own placeholder characters is rendered whole, and so is one whose chunks would give two
  elements the same id (heading ids are made unique across the whole document).

``tests/core/test_markdown_chunks.py`` renders many bodies (the tests' own, generated ones) both
ways and compares them byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# How the chunks are rendered: ``map`` (one after the other) or a pool's ordered map (several
# processes side by side, :mod:`editor.core.render_process`): same arguments, results in order.
ChunkMap = Callable[[Callable[[str], str], list[str]], Iterable[str]]

CHUNK_CHARS = 32_000  # each chunk at least this long (the last may be shorter)
CHUNKED_ABOVE = 100_000  # bodies up to this size render whole (a few hundred ms at most)

# Python-Markdown's fenced block opener (fenced_code.FencedBlockPreprocessor.FENCED_BLOCK_RE's
# first line), and anything that only looks like one.
_FENCE_OPEN = re.compile(
    r"(?P<fence>(?:~{3,}|`{3,}))[ ]*(?:(?:\{[^\n]*\})|(?:\.?[\w#.+-]*[ ]*"
    r"(?:hl_lines=(?P<quot>\"|')[^\n]*?(?P=quot)[ ]*)?))?[ ]*\n?\Z"
)
_FENCE_LIKE = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,})")
_REFERENCE_LIKE = re.compile(r"[ ]{0,3}\[[^\[\]]*\]:")
# A definition inside a quote, a list item or indented: Python-Markdown records it for the whole
# document too, which this module does not follow.
_NESTED_REFERENCE = re.compile(r"[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)*\[[^\[\]]*\]:")
# One whole-line definition, as markdown.blockprocessors.ReferenceProcessor.RE reads it.
_REFERENCE = re.compile(
    r"[ ]{0,3}\[([^\[\]]*)\]:[ ]*([^\s]+)[ ]*((?P<q>[\"'])(.*)(?P=q)[ ]*|\((.*)\)[ ]*)?\n?\Z"
)
_BLOCK_NAMES = (
    "address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|hgroup|hr|main|menu|nav|ol|p|pre|section|table|ul|canvas|colgroup|dd|body|"
    "dt|group|html|iframe|li|legend|math|map|noscript|output|object|option|progress|script|"
    "style|summary|tbody|td|textarea|tfoot|th|thead|tr|video|center"
)
_HTML_MARK = re.compile(rf"<(/?)({_BLOCK_NAMES})(?=[\s/>]|$)|<!--|-->", re.IGNORECASE)
_VOID_BLOCK = frozenset({"hr"})
# A line that must not start a chunk: it may belong to the block before the blank line.
_NOT_A_START = re.compile(r"[ \t]|[-*+][ \t]|[-*+]$|\d+[.)]([ \t]|$)|[>:|{]|\[\^")
_WHOLE_ONLY = re.compile(r"\[\^|\[TOC\]|<\?|<!\[|<![A-Za-z]|[\x02\x03\r]")
_ID = re.compile(r'\sid="([^"]*)"')


def chunks(text: str, size: int = CHUNK_CHARS) -> tuple[list[str], str] | None:
    """``text`` cut into chunks of at least ``size`` characters at safe block boundaries, and the
    reference definitions every chunk needs; None when it is to be rendered whole."""
    if _WHOLE_ONLY.search(text):
        return None
    pieces: list[str] = []
    references: list[str] = []
    fence = ""
    html_depth = 0
    comment = False
    start = 0
    offset = 0
    blank_before = False
    block_joins = False  # the block being read may join the next (see below)
    block_references: list[str] = []  # the definitions in the block being read
    block_text = False  # the block being read has lines that are not definitions
    # Python-Markdown's lines end at "\n" only (str.splitlines also cuts at U+2028 and others).
    for line in text.split("\n"):
        line += "\n"
        here = offset
        offset += len(line)
        if fence:
            stripped = line.rstrip("\n")
            if stripped.rstrip(" ") == fence:
                fence = ""
            elif _FENCE_LIKE.match(line) and stripped.lstrip(" ").startswith(fence):
                return None  # a longer or indented closer: Python-Markdown may read it otherwise
            blank_before = False
            continue
        if line.strip(" \t\n") and not line.strip():
            return None  # only other white space (U+2028, U+3000...): Markdown may read it blank
        # A block of definitions renders to nothing: the blocks around it meet as if it were
        # not there (a list goes on after it), so it neither starts a chunk nor ends a block.
        if blank_before and line.strip(" \t\n") and not _REFERENCE_LIKE.match(line):
            if (
                html_depth == 0
                and not comment
                and not block_joins
                and here - start >= size
                and not _NOT_A_START.match(line)
            ):
                pieces.append(text[start:here])
                start = here
            if line[0] not in " \t":  # an indented block goes on with the one before (a
                block_joins = False  # definition's paragraph): so does whether it joins the next
        if line.lstrip(" ").startswith(("<", ":")) or _HTML_MARK.search(line):
            # Raw HTML is followed by an empty line more in the output; a definition list takes
            # the terms and definitions of the next block into the same list.
            block_joins = True
        if _FENCE_LIKE.match(line):
            opener = _FENCE_OPEN.match(line)
            if opener is None or line[0] == " ":
                return None  # a fence Python-Markdown may or may not take
            fence = opener.group("fence")
        elif _REFERENCE_LIKE.match(line):
            if not _REFERENCE.match(line):
                return None  # a definition over several lines
            if html_depth == 0 and not comment:  # (in raw HTML it is text)
                block_references.append(line.rstrip("\n"))
        elif _NESTED_REFERENCE.match(line):
            return None
        elif line.strip(" \t\n"):
            block_text = True
        if not line.strip(" \t\n") or offset > len(text):  # the end of a block
            if block_references and block_text:
                # A table, a heading or a list may take the line as its text: render whole.
                return None
            references.extend(block_references)
            block_references, block_text = [], False
        for mark in _HTML_MARK.finditer(line):
            token = mark.group(0)
            if token == "<!--":
                comment = True
            elif token == "-->":
                comment = False
            elif not comment and mark.group(2).lower() not in _VOID_BLOCK:
                html_depth += -1 if mark.group(1) else 1
                if html_depth < 0:
                    return None
        blank_before = not line.strip(" \t\n")
    if fence or comment or html_depth:
        return None
    pieces.append(text[start:])  # (the loop's offset counted one "\n" too many at the end)
    return pieces, "\n".join(references)


def render_chunked(
    text: str,
    render: Callable[[str], str],
    size: int = CHUNK_CHARS,
    above: int = CHUNKED_ABOVE,
    map_chunks: ChunkMap = map,
) -> str:
    """``render(text)``, computed chunk by chunk where that gives the same HTML (see the module
    docstring) when ``text`` is longer than ``above``; ``render`` is Python-Markdown with the
    document's extensions, applied to the chunks with ``map_chunks`` (a pool's ordered map
    renders them side by side)."""
    if len(text) <= above:
        return render(text)
    cut = chunks(text, size)
    if cut is None or len(cut[0]) < 2:
        return render(text)
    pieces, references = cut
    tail = "\n\n" + references + "\n" if references else ""
    parts = list(map_chunks(render, [piece + tail for piece in pieces]))
    out = "\n".join(part for part in parts if part)
    ids = _ID.findall(out)
    if len(ids) != len(set(ids)):
        return render(text)  # heading ids are made unique over the whole document
    return out
