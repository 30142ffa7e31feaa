"""File names as one printable line, and JSON that stays valid UTF-8 whatever the names hold.

A name may hold a newline (which would split a table row), control characters (which a terminal
acts on) or bytes that are not UTF-8, which Python holds as lone surrogates ("surrogateescape") and
which, printed as they are, make the output invalid UTF-8.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Characters that would break a table row or a terminal (controls, line separators), and the lone
# surrogates by which Python holds the bytes of a file name that is not UTF-8.
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Compiled (through re's own cache) with the first name that needs quoting: the big character
# classes cost ~0.3 ms each before the window's first paint, which quotes no name.
_QUOTED_NAME = '[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"\\\\]'
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def shown_path(text: str) -> str:
    """A path as one printable line: quoted with C/JSON escapes when it needs any (as git does).

    ``"two\\nlines.md"`` for a newline, ``"caf\\udce9.md"`` for the byte 0xe9 of a name that is not
    UTF-8: the same escape as in ``--json``, from which ``os.fsencode`` gives back the name.
    """
    if not _UNSAFE_NAME.search(text):
        return text

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _SHORT_ESCAPES:
            return _SHORT_ESCAPES[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return '"' + re.sub(_QUOTED_NAME, escape, text) + '"'


# The controls a terminal acts on (ESC sequences recolour, retitle or rewrite the screen), but not
# the tab and the newline, which the callers lay out themselves.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A value's text safe to print to a terminal: each control but tab and newline as ``\\xNN``.

    File names have :func:`shown_path`; this is for what the files hold (a title from a wire feed).
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


_SURROGATE = "[\ud800-\udfff]"  # (compiled as _QUOTED_NAME is)


def json_text(document: Any) -> str:
    """JSON that is valid UTF-8 even for names that are not: a lone surrogate becomes ``\\udcxx``.

    ``ensure_ascii=False`` keeps other text readable, but would pass a lone surrogate through, and
    printing it gave the raw, invalid byte; ``json.loads`` then ``os.fsencode`` gives the name back.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return re.sub(_SURROGATE, lambda match: f"\\u{ord(match.group()):04x}", text)
