"""What every ``copydesk`` command shares: the program name, the error to report, output, and values
shown as JSON. Its own module so that the command modules (cli.py, cli_git.py) import it, not each
other."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from editor.core.files import kind_problem

PROG = "copydesk"


class CommandError(Exception):
    """A failure to report as ``copydesk: message`` with exit status 1."""


def out(text: str = "") -> None:
    print(text, file=sys.stdout)


def err(text: str) -> None:
    print(f"{PROG}: {text}", file=sys.stderr)


def jsonable(value: Any) -> Any:
    """Front matter values as JSON: dates and times as ISO strings."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def display(value: Any) -> str:
    """A value as one line for a person: strings quoted, the rest as JSON."""
    return json.dumps(jsonable(value), ensure_ascii=False)


def existing(path_text: str, *, folder_ok: bool) -> Path:
    path = Path(path_text)
    if not path.exists():
        problem = kind_problem(path)  # a link loop or a link to nothing is not "no such file"
        if problem is not None:
            raise CommandError(f"{path_text}: {problem}")
        raise CommandError(
            f"{path_text}: no such file or folder" if folder_ok else f"{path_text}: no such file"
        )
    if not folder_ok and path.is_dir():
        raise CommandError(f"{path_text}: is a folder, not an article file")
    return path


# Characters that would break a table row or a terminal (controls, line separators), and the lone
# surrogates by which Python holds the bytes of a file name that is not UTF-8.
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_QUOTED_NAME = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"\\\\]')
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

    return '"' + _QUOTED_NAME.sub(escape, text) + '"'


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(document: Any) -> str:
    """JSON that is valid UTF-8 even for names that are not: a lone surrogate becomes ``\\udcxx``.

    ``ensure_ascii=False`` keeps other text readable, but would pass a lone surrogate through, and
    printing it gave the raw, invalid byte; ``json.loads`` then ``os.fsencode`` gives the name back.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
