"""Big bodies in pieces, so the window can show them a little at a time.

Qt's text widgets parse and lay out a whole document on the GUI thread: a 5 MB body handed over in
one call holds the window for a noticeable time. The review pane instead shows a big body in pieces
on idle turns of the event loop; this module cuts the pieces (pure text work, no Qt):

- :func:`html_pieces` cuts a rendered HTML fragment only *between* top-level elements, so that each
  piece is whole HTML and appending them one after the other builds the document one call would.
- :func:`text_pieces` cuts plain text, preferably after a line break.
- :func:`markdown_head` is the start of a Markdown body up to a paragraph break outside fenced code:
  rendered alone it is a quick preview of the first screens while the whole body renders.
"""

from __future__ import annotations

import re

# A start or end tag; quoted attribute values may hold ">" (the sanitiser escapes "<" in text).
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# A piece starts only with one of these blocks (cut before inline markup at top level, text would
# move to a paragraph of its own; a table appended after a cut loses its frame in QTextDocument).
_STARTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "ol", "p", "pre", "section", "ul",
    }
)  # fmt: skip
# Nor with a rule as the first thing inside a block (<div><hr>, a footnote list): appended, it
# would leave an empty line behind.
_LEADING_RULE = re.compile(r"(?:\s*<(?!hr\b)[A-Za-z][^>]*>)*\s*<hr\b", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def html_pieces(fragment: str, size: int) -> list[str]:
    """``fragment`` cut before top-level blocks into pieces of at least ``size`` characters (the
    last may be shorter); ``"".join(pieces) == fragment``. Blank space between two blocks goes with
    the second (at the end of a piece Qt would show it as a trailing space)."""
    if len(fragment) <= size:
        return [fragment]
    pieces: list[str] = []
    start = 0
    depth = 0
    for match in _TAG.finditer(fragment):
        closing, name = match.group(1), match.group(2).lower()
        if (
            depth == 0
            and not closing
            and name in _STARTS
            and match.start() - start >= size
            and (name == "hr" or not _LEADING_RULE.match(fragment, match.end()))
        ):
            cut = match.start()
            while cut > start and fragment[cut - 1] in " \t\r\n":
                cut -= 1
            if cut > start:
                pieces.append(fragment[start:cut])
                start = cut
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
    pieces.append(fragment[start:])
    return [piece for piece in pieces if piece]


def text_pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each after a line break where one is
    near; ``"".join(pieces) == text``."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = text.rfind("\n", start + size // 2, start + size)
        end = start + size if end < 0 else end + 1
        if "\ud800" <= text[end - 1] <= "\udbff":  # never between the halves of a surrogate pair
            end += 1
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def markdown_head(body: str, chars: int) -> str:
    """The start of ``body`` (Markdown): at least ``chars`` characters, up to the next blank line
    outside fenced code (the whole body if there is none)."""
    if len(body) <= chars:
        return body
    fence = ""
    offset = 0
    for line in body.splitlines(keepends=True):
        offset += len(line)
        opener = _FENCE.match(line)
        if opener and (not fence or opener.group(1).startswith(fence)):
            fence = "" if fence else opener.group(1)[0] * 3
        elif not fence and not line.strip() and offset >= chars:
            return body[:offset]
    return body
