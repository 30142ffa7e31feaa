"""The ``copydesk`` command: open the window, or do the desk's jobs headless.

``copydesk [PATH]`` opens the window; ``list``, ``show``, ``set``, ``publish``, ``draft`` and ``check``
work without Qt (the window is imported only when it is opened). Exit status: 0 success, 1 when some file
failed (the others are still done), 2 for a usage error, 141 when the reader of the output went away. Errors go to stderr as ``copydesk: FILE: reason``.

This module holds the parser, the entry point and the commands over folders (``list``, ``check``); the
commands on named files are in cli_article.py, ``set``'s values in cli_set.py, the git commands in
cli_git.py, what they share in cli_common.py.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor import cli_git, cli_help
from editor.cli_common import (
    EXIT_CLOSED_PIPE,
    PROG,
    CommandError,
    silence_stdout,
)
from editor.cli_common import err as _err
from editor.cli_common import existing as _existing
from editor.cli_common import out as _out
from editor.core.held_sites import listed_extras
from editor.core.names import printable, shown_path
from editor.core.site import site_for_desk, sites_held
from editor.core.state import PublishState
from editor.core.values import (
    parse_date,
)

if TYPE_CHECKING:  # the commands that need them import them: `list` starts faster without
    from editor.core.index import ArticleSummary
    from editor.core.tree_look import Looked
    from editor.core.validate import Level

SUBCOMMANDS = (
    "open",
    "list",
    "show",
    "set",
    "publish",
    "draft",
    "check",
    "merge-driver",
    *cli_git.COMMANDS,
)
TITLE_WIDTH = 60  # cells; longer titles are cut with an ellipsis in the table


# --- output helpers --------------------------------------------------------------------------------


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: CJK wide characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells (ending in "…" when cut) and padded to exactly ``width``."""
    if _cells(text) > width:
        kept, used = [], 0
        for ch in text:
            size = _cells(ch)
            if used + size > width - 1:
                break
            kept.append(ch)
            used += size
        text = "".join(kept) + "…"
    return text + " " * (width - _cells(text))


def _one_line(text: str) -> str:
    return printable(" ".join(text.split()))


# --- argument parsing ------------------------------------------------------------------------------


def _as_of(text: str) -> dt.datetime:
    moment = parse_date(text)
    if moment is None:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not an ISO date or date-time (e.g. 2026-11-24T09:00:00Z)"
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _assignment(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    return key.strip(), value


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` (a command's name) that command alone: what
    ``copydesk list ...`` parses with, so that it neither imports nor documents the other
    commands' modules (cli_article, merge_driver: 10-20 ms of a 70 ms run); a name not in
    :data:`SUBCOMMANDS` is an error (main() passes only those)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [PATH]\n       {PROG} {{{','.join(SUBCOMMANDS)}}} ...",
        description="A review desk for Hugo content folders. With no command (or a PATH), opens the window.",
    )
    parser.add_argument("--version", action=cli_help.VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    registrars = _registrars()
    for register in [registrars[only]] if only is not None else dict.fromkeys(registrars.values()):
        register(commands)
    cli_help.document(parser)  # descriptions and examples, after every command is registered
    return parser


def _registrars() -> dict[str, Callable[[Any], None]]:
    """Each command's name and the function that registers it (log and sync share theirs), in
    the order ``--help`` lists them."""
    return {
        "open": _add_open,
        "list": _add_list,
        "show": _add_show,
        "set": _add_set,
        "publish": _add_publish,
        "draft": _add_draft,
        "check": _add_check,
        **dict.fromkeys(cli_git.COMMANDS, cli_git.add_commands),
        "merge-driver": _add_merge_driver,
    }


def _add_open(commands: Any) -> None:
    opener = commands.add_parser(
        "open", prog=f"{PROG} open", help="open the window on a folder or a file (the default)"
    )
    opener.add_argument(
        "path", nargs="?", metavar="PATH", help="a content folder, a Hugo site, or one article"
    )
    opener.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save a picture of the window (PNG) once the list has loaded, then quit",
    )
    opener.set_defaults(run=cmd_open)


def _add_list(commands: Any) -> None:
    lister = commands.add_parser(
        "list", prog=f"{PROG} list", help="list articles with their publish state"
    )
    lister.add_argument(
        "path", metavar="PATH", help="a folder (searched recursively) or one article"
    )
    lister.add_argument(
        "--state",
        choices=[state.value for state in PublishState],
        help="only articles in this state",
    )
    lister.add_argument(
        "--as-of",
        type=_as_of,
        metavar="ISO",
        help="judge the state at this moment instead of now (naive means UTC)",
    )
    lister.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    lister.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file, neither reading nor updating the index cache",
    )
    lister.set_defaults(run=cmd_list)


def _add_show(commands: Any) -> None:
    from editor import cli_article

    shower = commands.add_parser(
        "show", prog=f"{PROG} show", help="show one article's front matter, state and body"
    )
    shower.add_argument("file", metavar="FILE")
    shower.add_argument(
        "--as-of", type=_as_of, metavar="ISO", help="judge the state at this moment instead of now"
    )
    shower.add_argument("--json", action="store_true", help="print JSON (dates as ISO strings)")
    shower.set_defaults(run=cli_article.cmd_show)


def _add_set(commands: Any) -> None:
    from editor import cli_article

    setter = commands.add_parser(
        "set",
        prog=f"{PROG} set",
        help="set front matter values (an existing key keeps its type)",
        description="Set front matter values. An existing key keeps its type (a date stays a date in the "
        "file's own format, a number a number); a new key is read as a TOML value (42, true, [1, 2]), "
        "a list when in brackets ([floods, vote]), or else as text.",
    )
    setter.add_argument("file", metavar="FILE")
    setter.add_argument("assignments", nargs="+", type=_assignment, metavar="KEY=VALUE")
    cli_git.add_commit_option(setter)
    setter.set_defaults(run=cli_article.cmd_set)


def _add_publish(commands: Any) -> None:
    from editor import cli_article

    publisher = commands.add_parser(
        "publish", prog=f"{PROG} publish", help="set draft = false in each file"
    )
    publisher.add_argument("files", nargs="+", metavar="FILE")
    cli_git.add_commit_option(publisher)
    publisher.set_defaults(run=cli_article.cmd_publish)


def _add_draft(commands: Any) -> None:
    from editor import cli_article

    drafter = commands.add_parser(
        "draft", prog=f"{PROG} draft", help="set draft = true in each file"
    )
    drafter.add_argument("files", nargs="+", metavar="FILE")
    cli_git.add_commit_option(drafter)
    drafter.set_defaults(run=cli_article.cmd_draft)


def _add_check(commands: Any) -> None:
    checker = commands.add_parser(
        "check", prog=f"{PROG} check", help="report problems as path:line: error|warning: message"
    )
    checker.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="folders (searched recursively) and articles, checked together",
    )
    checker.set_defaults(run=cmd_check)


def _add_merge_driver(commands: Any) -> None:
    from editor import merge_driver

    merge_driver.add_parser(commands, PROG)


# --- commands --------------------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    path = str(_existing(args.path, folder_ok=True).resolve()) if args.path else None
    try:
        from editor.app import main as app_main
    except ImportError as error:
        raise CommandError(f"the window cannot start: {error}") from None
    return app_main(path, screenshot=args.screenshot)


def _warn_about_site(root: Path) -> None:
    """Say so when the site's config cannot be read: the states then follow Hugo's defaults; and
    when ``root`` is no site but holds sites (their templates are then listed as pages)."""
    site = site_for_desk(root if root.is_dir() else root.parent)
    if site.error:
        _err(f"warning: {site.error}; Hugo's defaults are used")
    below = sites_held(root) if site.root is None else []
    if below:
        named = ", ".join(shown_path(path.name) + "/" for path in below[:3])
        more = f" and {len(below) - 3} more" if len(below) > 3 else ""
        extras = listed_extras(below)
        said = (
            f"every file below is read as a page, {_and(extras)} too; give a site's folder to see "
            "its pages alone"
            if extras
            else f"{'its config is' if len(below) == 1 else 'their configs are'} not read (Hugo's "
            "defaults decide the states); give a site's folder to read its pages as Hugo does"
        )
        _err(
            f"warning: {shown_path(str(root))} is no Hugo site, but {named}{more} "
            f"{'is one' if len(below) == 1 else 'are'}: {said}"
        )


def _and(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def cmd_list(args: argparse.Namespace) -> int:
    root = _existing(args.path, folder_ok=True)
    _warn_about_site(root)
    if args.json:
        from editor import cli_json

        return cli_json.list_json(root, args.as_of, args.state, not args.no_cache, args.looked)
    from editor.core.listing import scan  # here: a kept listing's answer needs no scan

    rows = [
        row
        for batch in scan(root, args.as_of, use_cache=not args.no_cache)
        for row in batch
        if args.state is None or row.state == args.state
    ]
    if not rows:
        print(
            f"{PROG}: no articles"
            + (f" in state {args.state}" if args.state else "")
            + f" in {shown_path(args.path)}",
            file=sys.stderr,
        )
        return 0
    titles = [_row_title(row) for row in rows]
    width = min(TITLE_WIDTH, max(_cells("TITLE"), *(_cells(title) for title in titles)))
    # A language column only where the site is multilingual (the index sets it only there).
    lang_width = max((len(row.language) for row in rows), default=0)
    lang_width = max(lang_width, len("LANG")) if lang_width else 0
    lang_head = f"{'LANG':<{lang_width}}  " if lang_width else ""
    _out(f"{'STATE':<9}  {'DATE (UTC)':<16}  {lang_head}{_fit('TITLE', width)}  PATH")
    for row, title in zip(rows, titles, strict=True):
        date = row.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if row.date else ""
        lang = f"{row.language:<{lang_width}}  " if lang_width else ""
        _out(
            f"{row.state.value:<9}  {date:<16}  {lang}{_fit(title, width)}  {shown_path(row.path)}"
        )
    return 0


def _row_title(row: ArticleSummary) -> str:
    if row.error:
        return f"[{_one_line(row.error)}]"
    return _one_line(row.title) or "(no title)"


def cmd_check(args: argparse.Namespace) -> int:
    from editor.core.validate import Level, check_paths

    roots, names, missing = [], [], 0
    for given in args.paths:  # a path that is not there is named, and the others still checked
        try:
            root = _existing(given, folder_ok=True)
        except CommandError as error:
            _err(str(error))
            missing += 1
            continue
        _warn_about_site(root)
        roots.append(root)
        names.append(given)
    if not roots:
        return 1
    result = check_paths(roots, names)
    for problem in sorted(result, key=lambda item: (item.path, item.line or 0)):
        name = shown_path(problem.path)
        where = f"{name}:{problem.line}" if problem.line else name
        _out(f"{where}: {problem.level.value}: {problem.message}")
    files = f"{result.files} file" + ("" if result.files == 1 else "s")
    if result.problems:
        print(
            f"{_count(result.errors, Level.ERROR)}, {_count(result.warnings, Level.WARNING)} in {files}",
            file=sys.stderr,
        )
    else:
        print(f"no problems in {files}", file=sys.stderr)
    return 1 if result.errors or missing else 0


def _count(number: int, level: Level) -> str:
    return f"{number} {level.value}" + ("" if number == 1 else "s")


# --- entry point -----------------------------------------------------------------------------------


def _tolerant_output() -> None:
    """A terminal that cannot show some character gets a replacement, not an exception.

    On a UTF-8 stream, a file name that is not UTF-8 comes out as ``\\udcxx`` escapes: the raw
    bytes (Python's default in a C locale) would make the output invalid UTF-8.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            utf8 = (stream.encoding or "").lower().replace("-", "") == "utf8"
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace" if utf8 else "replace")


def _refuse_unknown_command(
    parser: argparse.ArgumentParser, word: str, rest: Sequence[str]
) -> None:
    """``copydesk lst .``: name the unknown command (and the closest one) instead of the path rule's
    "unrecognized arguments: .". A word that is an existing path, alone, still opens the window."""
    if word.startswith("-") or Path(word).exists():
        return
    import difflib

    close = difflib.get_close_matches(word, SUBCOMMANDS[1:], n=1, cutoff=0.6)
    if not rest and not close:
        return  # a lone missing path: "no such file or folder" says it best
    hint = (
        f" (did you mean {close[0]!r}?)"
        if close
        else f"; the commands are {', '.join(SUBCOMMANDS)}"
    )
    parser.error(f"unknown command {word!r}{hint}")  # exits with status 2


def main(argv: Sequence[str] | None = None, *, looked: Looked | None = None) -> int:
    """Run the command line; returns the exit status. ``looked``: the look at the desk the quick
    answer took (:func:`editor.cli_kept.quick_list`), for ``list --json``'s listing."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    # "copydesk PATH" and "copydesk COMMAND ...": argparse cannot tell a path from a command name.
    implied_open = not arguments or (
        arguments[0] not in SUBCOMMANDS and not arguments[0].startswith("-")
    )
    if implied_open:
        arguments.insert(0, "open")
    _tolerant_output()
    # A command's own parser only: `copydesk list` pays for no other command's modules.
    parser = build_parser(arguments[0] if arguments[0] in SUBCOMMANDS else None)
    try:
        if implied_open and len(arguments) > 1:
            _refuse_unknown_command(parser, arguments[1], arguments[2:])
        args = parser.parse_args(arguments)
    except SystemExit as exit_request:  # --help, --version, or a usage error (status 2)
        return exit_request.code if isinstance(exit_request.code, int) else 0
    if args.command is None:  # e.g. a lone "--": same as no arguments
        args = parser.parse_args(["open"])
    args.looked = looked
    try:
        status = args.run(args)
        sys.stdout.flush()
        return status
    except CommandError as error:
        _err(str(error))
        return 1
    except BrokenPipeError:
        # The reader went away (`copydesk list . | head -1`): no file failed. Exit with the status
        # a Unix tool has when SIGPIPE ends it, as a shell reports it (128 + 13).
        silence_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        _err(
            f"unexpected error ({type(error).__name__}): {error}; set COPYDESK_DEBUG=1 for details"
        )
        return 1
