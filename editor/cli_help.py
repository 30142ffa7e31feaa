"""What ``copydesk --help``, ``copydesk COMMAND --help`` and ``--version`` say.

The texts live here, one table for every command, so that the command modules keep only their
arguments. :func:`document` runs once the parser is built: it gives each registered command its
description (when its module gave none) and an epilog that ends with an ``Examples:`` block, kept
verbatim. A command registered without an entry here gets none, and tests/test_cli_help.py fails.

The examples use the sample desk's paths (``copydesk`` with no PATH opens a copy of it), so that a
reader can try them there, and the tests run them on a copy.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from typing import Any

from editor import __version__
from editor.cli_common import EXIT_CLOSED_PIPE, PROG

WIDTH = 78  # the descriptions are wrapped here: a raw formatter keeps them as given
EXAMPLE_HEADS = ("Example:", "Examples:")

_ARTICLE = "content/world/lower-marsh-flood-barrier-vote.md"
_OTHER = "content/world/vallombra-water-rationing.md"

# command -> description, used only when the command's own module gave none
DESCRIPTIONS = {
    "open": "Open the review window on a content folder, a Hugo site, or one article. "
    f"'{PROG} PATH' is the same; with no PATH the window opens the folder it showed last, or a "
    "private copy of the sample desk the first time.",
    "list": "List the articles under PATH (searched recursively) with their publish state, "
    "judged by the site's own Hugo rules (draft, date, publishDate, expiryDate, cascade, build "
    "options, timeZone). The index is cached between runs; a file that changed is read again.",
    "show": "Show one article: its front matter key by key, its publish state (and why, when it "
    "is not published) and its body.",
    "publish": "Set draft = false in each FILE, changing only those bytes. A file that fails is "
    "named on stderr; the others are still done (exit status 1).",
    "draft": "Set draft = true in each FILE (back to draft), changing only those bytes. A file "
    "that fails is named on stderr; the others are still done (exit status 1).",
    "check": "Report the problems of the articles under each PATH (folders and files, checked "
    "together, so an id used twice is found across them), one a line, as "
    "path:line: error|warning: message (the form editors and CI annotate). The exit status is 1 "
    "when there is an error, so that a site's CI can run it before building.",
}

# command -> its epilog: notes (optional), then the examples, last
EPILOGS = {
    "open": f"""\
Examples:
  {PROG} open content/
  {PROG} open {_ARTICLE}
  {PROG} open --screenshot desk.png content/""",
    "list": f"""\
States: draft, scheduled (date or publishDate still to come), published, expired
(expiryDate passed), unlisted (built but listed nowhere: build.list, headless;
or left out by the site config: disableKinds, ignoreFiles, a mount's files) and
invalid (the front matter cannot be read).

Examples:
  {PROG} list content/
  {PROG} list content/world --state draft
  {PROG} list content/ --state scheduled --as-of 2031-01-20T09:00:00Z
  {PROG} list content/ --json | jq -r '.[] | select(.state == "draft") | .path'""",
    "show": f"""\
Examples:
  {PROG} show {_ARTICLE}
  {PROG} show {_ARTICLE} --json | jq .state""",
    "set": f"""\
A dotted key is the nested key (params.author is author in [params]); quote a key
that has a dot in it: '"og.title"=Text'. Quote a value with spaces for the shell.

Examples:
  {PROG} set {_ARTICLE} \\
      title="New headline" params.author=Kim
  {PROG} set {_ARTICLE} \\
      date=2026-12-01T09:00:00Z tags='["floods", "vote"]'
  {PROG} set --commit {_ARTICLE} \\
      summary="A shorter summary" draft=false""",
    "publish": f"""\
Examples:
  {PROG} publish {_ARTICLE}
  {PROG} publish content/world/*.md --commit""",
    "draft": f"""\
Examples:
  {PROG} draft {_ARTICLE}
  {PROG} draft --commit {_ARTICLE} \\
      {_OTHER}""",
    "check": f"""\
Examples:
  {PROG} check content/
  {PROG} check {_ARTICLE}
  {PROG} check content/technology/ {_ARTICLE}
  {PROG} check content/ && hugo --minify""",
    "log": f"""\
Examples:
  {PROG} log {_ARTICLE}
  {PROG} log {_ARTICLE} -n 3 --body
  {PROG} log {_ARTICLE} --json | jq '.[0].fields'""",
    "sync": f"""\
Examples:
  {PROG} sync
  {PROG} sync content/
  {PROG} sync --set-upstream""",
    "merge-driver": f"""\
git runs the driver itself once it is installed; run --install once per clone (the
.gitattributes lines it writes are committed and shared).

Examples:
  {PROG} merge-driver --install
  {PROG} merge-driver --install content/ --command copydesk
  {PROG} merge-driver base.md ours.md theirs.md {_ARTICLE}""",
}

TOP_EPILOG = f"""\
The window:
  {PROG}                  the folder shown last, or a copy of the sample desk
  {PROG} PATH             a content folder, a Hugo site, or one article
  {PROG} open --help      its options

Exit status:
  0    success
  1    a file failed (the others were still done), check found an error,
       or merge-driver left conflicts
  2    a usage error, or no display to open the window on
  130  interrupted (Ctrl+C)
  {EXIT_CLOSED_PIPE}  the reader of the output went away ({PROG} list . | head -1)

Environment:
  COPYDESK_CACHE_DIR      where the index cache and the last-change maps (git/)
                          are kept (default: $XDG_CACHE_HOME/copydesk)
  COPYDESK_NO_CACHE       set: no last-change map is kept for the git fields (the
                          window's and list --json's; list --no-cache skips the
                          index cache)
  COPYDESK_DEBUG          set: an unexpected error shows its traceback
  COPYDESK_SCAN_CHILD     0: at launch, a big desk is not listed by a second
                          process on another core while the window starts (it
                          is when a core is free: faster, a few MiB more);
                          1: it is, however busy the machine
  COPYDESK_KEPT_LAUNCH    0: that process scans the desk even when its tree is
                          the one the last launch listed (it sends the rows it
                          kept then)
  XDG_CACHE_HOME          the cache folder (default: ~/.cache)
  XDG_CONFIG_HOME         the window's settings (Copydesk/Copydesk.conf)
  XDG_DATA_HOME           the window's copy of the sample desk, unsaved edits
  DISPLAY, WAYLAND_DISPLAY
                          the display the window opens on
  QT_QPA_PLATFORM         Qt's platform; offscreen needs no display
  LANGUAGE, LC_ALL, LC_MESSAGES, LANG
                          the window's language (English, German)
  GIT_DIR, GIT_WORK_TREE  honoured by the git commands, as by git itself
  PYTHONTZPATH            where a site's timeZone is looked up (Python's zoneinfo)

'{PROG} COMMAND --help' describes a command and ends with examples."""


def _wrapped(text: str) -> str:
    """``text`` filled to :data:`WIDTH`, paragraph by paragraph (a raw formatter will not)."""
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "\n\n".join(textwrap.fill(part, WIDTH) for part in paragraphs if part)


def document(parser: argparse.ArgumentParser) -> None:
    """Give the top level and every registered command its description and examples."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = TOP_EPILOG
    for name, command in commands_of(parser).items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        description = command.description or DESCRIPTIONS.get(name)
        command.description = _wrapped(description) if description else None
        command.epilog = EPILOGS.get(name)


def commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The registered commands, by name, in the order they were added."""
    for action in parser._actions:  # argparse has no public way to reach its subparsers
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


# --- --version -------------------------------------------------------------------------------------


def version_text() -> str:
    """``copydesk X.Y.Z``, then the Python and Qt it runs on: the facts a bug report needs.

    Qt's version comes from the installed package's metadata, not from importing Qt (which takes
    longer than the rest of ``--version``); a frozen build may have no metadata, and then says so.
    """
    import platform  # here: every command's start-up imported it for --version alone

    return f"{PROG} {__version__}\nPython {platform.python_version()}, PySide6 {_pyside_version()}"


def _pyside_version() -> str:
    from importlib import metadata

    for distribution in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "(version not known)"


class VersionAction(argparse.Action):
    """``--version``: prints :func:`version_text` (worked out only when asked) and exits 0."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version (and the Python and Qt it runs on) and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(version_text())
        parser.exit()
