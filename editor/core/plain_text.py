"""Keep a body's bytes when it is edited in a plain-text widget.

Text widgets fold every line break (CRLF, a lone CR, U+2028, U+2029) into one kind, so the text that
comes back from an editor is not the text that was put in, even where nobody typed. Saving that text
would rewrite every line ending of a CRLF file. Instead, the edit is found as the one region where the
widget's text differs from what it was shown, and only that region of the original is replaced; new
line breaks inside it take the file's own line ending.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|[\r\u2028\u2029]")


def fold_line_breaks(text: str) -> str:
    """The text as a plain-text widget holds it: every line break a single "\\n"."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text  # the usual case, and about 50 times faster than the substitution on 5 MB
    return _BREAK.sub("\n", text)


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _raw_offset(original: str, shown_offset: int) -> int:
    """Where the character at ``shown_offset`` of the folded text starts in ``original``."""
    extra = 0  # raw characters beyond the folded ones, before the offset
    for match in _BREAK.finditer(original):
        folded_start = match.start() - extra
        if folded_start >= shown_offset:
            break
        extra += len(match.group()) - 1
    return shown_offset + extra


def merge_edit(original: str, edited: str) -> str:
    """``original`` with the edit that turned ``fold_line_breaks(original)`` into ``edited``.

    ``edited`` has its line breaks folded (as a widget returns it). Everything outside the changed
    region is kept exactly as it was in ``original``.
    """
    shown = fold_line_breaks(original)
    if edited == shown:
        return original
    limit = min(len(shown), len(edited))
    prefix = 0
    while prefix < limit and shown[prefix] == edited[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and shown[-1 - suffix] == edited[-1 - suffix]:
        suffix += 1
    start = _raw_offset(original, prefix)
    end = _raw_offset(original, len(shown) - suffix)
    newline = dominant_newline(original)
    middle = edited[prefix : len(edited) - suffix].replace("\n", newline)
    merged = original[:start] + middle + original[end:]
    if fold_line_breaks(merged) != edited:
        # A lone CR next to the edit joined a new line break into one CRLF: keep the edit, give up
        # the exotic line breaks rather than the text.
        return edited.replace("\n", newline)
    return merged
