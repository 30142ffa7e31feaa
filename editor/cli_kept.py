"""A warm ``copydesk list --json DESK`` (with ``--state STATE`` or not) answered from the last
listing's kept answer before the command line is imported: the entry point
(:mod:`editor.entry`) asks :func:`quick_list` first.

The usual warm listing (:func:`editor.cli_json.list_json`) spends most of its time before its
answer is out on start-up: importing the command line, the parsers, the index, and reading the
site's config to compare the kept answer's header (70 ms of 130 at 10,000 articles, against
``find``'s 15). Here the kept answer is trusted by the inputs its listing noted instead
(:mod:`editor.core.listing_inputs`: the same files, config and code, as ``stat`` sees them), with
the checks the usual way makes after that: the desk lies in no git checkout (its fields would be
read now), the answer holds for this moment, and ``find`` prints the tree it was made from. Any
doubt, and the usual way answers, as before (it checks it all again, and keeps a new answer).
This module and what it imports stay light: the standard library's ``os``, ``struct``,
``subprocess``, and the small modules named below.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cli_rows import utf8_buffer, write_kept
from editor.core import kept_listing, listing_inputs
from editor.core.cache_file import database_path
from editor.core.kept_listing import Snapshot
from editor.core.tree_look import Look, Looked

if TYPE_CHECKING:  # imported once find runs: git's modules load meanwhile
    from editor.desk_git import DeskGit


# The states ``list --state`` takes (``PublishState``'s values; a test ties them): spelled here so
# that the quick answer needs no import of the state module.
STATES = frozenset({"draft", "scheduled", "published", "expired", "unlisted", "invalid"})


def _words(options: Sequence[str]) -> tuple[str, str | None] | None:
    """(the desk's path, the state asked for or None) when ``options`` are ``--json DESK`` with
    at most one ``--state STATE`` (or ``--state=STATE``), in any order, as the command line's
    parser would take them; else None (the usual way answers, or says what is wrong)."""
    words = list(options)
    state = None
    for number, word in enumerate(words):
        if word == "--state" and number + 1 < len(words):
            state = words[number + 1]
            del words[number : number + 2]
            break
        if word.startswith("--state="):
            state = word[len("--state=") :]
            del words[number]
            break
    if state is not None and (state not in STATES or "--state" in " ".join(words)):
        return None
    if len(words) != 2 or words.count("--json") != 1:
        return None
    path = words[1] if words[0] == "--json" else words[0]
    if not path or path.startswith("-"):
        return None
    return path, state


def quick_list(options: Sequence[str]) -> int | Looked | None:
    """Answer ``copydesk list`` with ``options`` (the words after ``list``) from the kept answer
    when they are ``--json DESK`` (with ``--state STATE`` or not) and the kept answer holds (the
    exit status); else nothing is written and the usual way is to answer: None, or the look taken
    here when only the tree was not the kept answer's (a desk just changed: the usual listing's
    first look, not taken again)."""
    asked = _words(options)
    if asked is None:
        return None
    path, state = asked
    if os.name != "posix" or utf8_buffer(sys.stdout) is None:
        return None  # a stdout that is not UTF-8: the command line's own replacements apply
    try:
        holding = _holding(path)
    except Exception:  # any doubt at all: the usual way answers, and says why
        return None
    if holding is None or isinstance(holding, Looked):
        return holding
    kept, desk = holding
    try:
        if not write_kept(kept, state, desk):
            return None
        sys.stdout.flush()
        return 0
    except BrokenPipeError:  # the reader went away: as the command line ends then (editor.cli)
        from editor.cli_common import EXIT_CLOSED_PIPE, silence_stdout

        silence_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as error:  # stdout cannot be written (a full disk): as the command line says
        if os.environ.get("COPYDESK_DEBUG"):
            raise  # its traceback, as the command line shows it then
        from editor.cli_common import err

        err(f"unexpected error ({type(error).__name__}): {error}; set COPYDESK_DEBUG=1 for details")
        return 1
    finally:
        kept.close()


def _holding(path: str) -> tuple[Snapshot, DeskGit | None] | Looked | None:
    """The kept answer for the desk at ``path`` (open) with what git says of its files now, when
    the answer holds now; else the look taken, when only the tree differs, or None. ``find`` is
    started first (the longest), then git's processes, which run meanwhile (none outside a
    checkout)."""
    desk = os.path.realpath(path)
    if not os.path.isdir(desk):
        return None
    kept = kept_listing.read(
        kept_listing.snapshot_path(database_path(desk, None)), time.time_ns() // 1000
    )
    if kept is None:
        return None
    look = git = None
    try:
        starts = listing_inputs.still(kept.inputs(), desk)
        look = Look.start(Path(desk), starts) if starts is not None else None
        if look is not None:
            from editor.desk_git import EarlyGit  # while find runs (the module's docstring)

            git = EarlyGit(Path(desk))
            found = look.output()
            if found is not None and found == kept.found():
                holding, kept = (kept, git.result()), None
                return holding
            if found is not None and starts is not None:
                return Looked(desk, starts, found)
    finally:
        if look is not None:
            look.stop()
        if git is not None:
            git.close()
        if kept is not None:
            kept.close()
    return None
