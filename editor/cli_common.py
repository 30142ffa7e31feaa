"""What every ``copydesk`` command shares: the program name, the error to report, output, and values
shown as JSON. Its own module so that the command modules (cli.py, cli_git.py) import it, not each
other."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from editor.core.files import kind_problem
from editor.core.names import shown_path

PROG = "copydesk"
EXIT_CLOSED_PIPE = 128 + 13  # 128 + SIGPIPE: what `yes | head -1` leaves in ${PIPESTATUS[0]}


# Commands whose process ends without the interpreter's teardown (:func:`end_process`): they read,
# and what they write (the index cache, the kept listing) is closed before they return.
QUICK_END_COMMANDS = frozenset({"list"})


class CommandError(Exception):
    """A failure to report as ``copydesk: message`` with exit status 1."""


def out(text: str = "") -> None:
    print(text, file=sys.stdout)


def err(text: str) -> None:
    print(f"{PROG}: {text}", file=sys.stderr)


def jsonable(value: Any) -> Any:
    """Front matter values as JSON: dates and times as ISO strings, and the floats JSON cannot
    hold (TOML's and YAML's inf, -inf and nan) as that text: a bare ``Infinity`` or ``NaN`` is no
    JSON, and JSON.parse or Go's decoder would refuse the whole document."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
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
    """The path as given, or a CommandError naming it on one line (``shown_path``)."""
    path = Path(path_text)
    name = shown_path(path_text)
    if not path.exists():
        problem = kind_problem(path)  # a link loop or a link to nothing is not "no such file"
        if problem is not None:
            raise CommandError(f"{name}: {problem}")
        raise CommandError(
            f"{name}: no such file or folder" if folder_ok else f"{name}: no such file"
        )
    if path.is_dir():
        if not folder_ok:
            raise CommandError(f"{name}: is a folder, not an article file")
        return path
    problem = kind_problem(path)  # a device or a pipe: neither a desk nor an article
    if problem is not None:
        raise CommandError(f"{name}: {problem}")
    return path


def end_process(status: int, arguments: Sequence[str]) -> NoReturn:
    """End the ``copydesk`` process with ``status`` once the command ``arguments`` ran.

    After ``list`` (:data:`QUICK_END_COMMANDS`), with no thread but the main one left, the
    interpreter's teardown is skipped: freeing every module and object the listing made took
    15-25 ms of a cold 10k listing's ~0.45 s and of a warm one's ~0.1 s, after its last byte was
    written. What an exit must still do is done first: the ``atexit`` functions, then stdout and
    stderr flushed. A flush that fails (the reader went away) leaves the usual exit to say so,
    as it always did; so does any other command."""
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    if arguments[:1] and arguments[0] in QUICK_END_COMMANDS and alone:
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            os._exit(status)
    sys.exit(status)
