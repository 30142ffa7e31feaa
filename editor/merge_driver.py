"""``copydesk merge-driver``: git's merge driver for articles, on the field-wise merge of core.

git runs ``copydesk merge-driver %O %A %B %P`` when both branches changed an article: the common
ancestor, ours (where the result goes), theirs, and the path for messages. The contract is git's:
write the result into ``%A``, exit 0 when clean, 1 with conflicts. With conflicts ``%A`` gets
``diff3``-style markers around each conflicting field and body hunk, a file ``git diff`` shows and
that :func:`editor.core.merge.versions_from_marked` reads back for the window's resolver. A side
that does not parse is not merged field by field: ``%A`` gets git's own kind of line merge, with
markers, and the message names the side and the reason. Nothing here raises to the user.

``copydesk merge-driver --install [FOLDER]`` writes the ``[merge "copydesk"]`` lines into the
repository's config (``git config``) and the ``.gitattributes`` lines for the article files
(``*.md``, ``*.markdown``, ``*.html``, ``*.htm``) in each of the site's content folders (contentDir,
each language's, module mounts: :mod:`editor.core.site`); running it again changes nothing.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from editor.core.atomic import replace_checked
from editor.core.git import Checkout, GitError, find_checkout
from editor.core.site import ARTICLE_SUFFIXES, site_for_desk

DRIVER = "copydesk"
PATTERNS = tuple(f"*{suffix}" for suffix in sorted(ARTICLE_SUFFIXES))  # what the desk lists
LABELS = ("ours", "base", "theirs")


def add_parser(commands: Any, prog: str) -> None:
    """Register the subcommand on the CLI's subparsers."""
    name = f"{prog} merge-driver"
    # Two forms share the positionals, which argparse cannot say: the usage names both itself.
    parser = commands.add_parser(
        "merge-driver",
        prog=name,
        usage=f"{name} [-h] BASE OURS THEIRS [PATH]\n"
        f"       {name} --install [--command CMD] [FOLDER]",
        help="git merge driver: merge two versions of an article field by field",
        description="As git's merge driver: merge BASE, OURS and THEIRS into OURS field by field "
        "(exit 0 clean, 1 with conflicts, which are marked in OURS). With --install, set the driver "
        "up for the git repository holding FOLDER (default: the current folder).",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="BASE OURS THEIRS [PATH], as git passes them (%%O %%A %%B %%P); "
        "with --install, FOLDER",
    )
    parser.add_argument(
        "--install", action="store_true", help="write the git config and .gitattributes lines"
    )
    parser.add_argument(
        "--command",
        dest="driver_command",
        metavar="CMD",
        help="how git should start Copydesk (default: this Python running 'editor')",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.install:
        if len(args.files) > 1:
            return _usage("--install takes one FOLDER at most")
        return install(Path(args.files[0] if args.files else "."), args.driver_command)
    if len(args.files) not in (3, 4):
        return _usage("needs BASE OURS THEIRS [PATH] (git passes %O %A %B %P)")
    base, ours, theirs = (Path(name) for name in args.files[:3])
    shown = args.files[3] if len(args.files) == 4 else args.files[1]
    return drive(base, ours, theirs, shown)


def _usage(message: str) -> int:
    print(f"copydesk merge-driver: {message}", file=sys.stderr)
    return 2


def _say(path: str, message: str) -> None:
    print(f"copydesk: {path}: {message}", file=sys.stderr)


def drive(base_path: Path, ours_path: Path, theirs_path: Path, shown: str) -> int:
    """Merge into ``ours_path`` as git expects; returns the exit status."""
    from editor.core.merge import MergeError, merge  # here: `copydesk list` never merges

    try:
        base, ours, theirs = (p.read_bytes() for p in (base_path, ours_path, theirs_path))
    except OSError as error:
        _say(shown, f"cannot read a version to merge: {error.strerror or error}")
        return 1
    try:
        # git passes an empty file as the base when both sides added the file.
        result = merge(base or None, ours, theirs, markers=True, labels=LABELS)
    except MergeError as error:
        return _line_merge(base, ours, theirs, ours_path, shown, str(error))
    except Exception as error:  # the driver must never leave git with a traceback
        _say(shown, f"not merged (unexpected error: {error!r}); ours is left as it was")
        return 1
    if result.data is None:  # no file to write (a deletion): git handles those itself
        _say(shown, result.summary("our", "on their side"))
        return 1
    try:
        replace_checked(ours_path, result.data)
    except OSError as error:
        _say(shown, f"cannot write the merge: {error.strerror or error}")
        return 1
    if result.clean:
        _say(shown, f"merged field by field: {result.summary('our', 'on their side')}")
        return 0
    keys = [conflict.key for conflict in result.conflicts]
    if result.body_conflicts:
        keys.append(f"the body ({len(result.body_conflicts)} hunk(s))")
    _say(
        shown, f"conflict in {', '.join(keys)}: marked in the file; open it in Copydesk to resolve"
    )
    return 1


def _line_merge(
    base: bytes, ours: bytes, theirs: bytes, ours_path: Path, shown: str, reason: str
) -> int:
    """A side that does not parse: mark a plain line merge for a person, never a field merge."""
    try:
        texts = [data.decode("utf-8") for data in (base, ours, theirs)]
    except UnicodeDecodeError:
        _say(shown, f"{reason}; not merged, ours is left as it was")
        return 1
    from editor.core.line_merge import merge_lines

    merged = merge_lines(texts[0], texts[1], texts[2])
    try:
        replace_checked(ours_path, merged.marked(LABELS).encode("utf-8"))
    except OSError as error:
        _say(shown, f"cannot write the merge: {error.strerror or error}")
        return 1
    _say(shown, f"{reason}; merged line by line instead, check the file before adding it")
    return 1


# --- install -----------------------------------------------------------------------------------


def default_command() -> str:
    """This Python running Copydesk's entry point: it works whatever PATH git runs with."""
    return f"{shlex.quote(sys.executable)} -m editor"


def install(folder: Path, command: str | None = None) -> int:
    """Set up the driver for the repository that holds ``folder``; idempotent."""
    if not folder.is_dir():
        print(f"copydesk: {folder}: no such folder", file=sys.stderr)
        return 1
    checkout = find_checkout(folder)
    if checkout is None:
        print(f"copydesk: {folder}: not inside a git repository", file=sys.stderr)
        return 1
    folders, outside = attribute_folders(folder, checkout.top)
    for path in outside:
        print(
            f"copydesk: {path}: a content folder outside this repository, left as it is "
            "(install the driver in its own repository)",
            file=sys.stderr,
        )
    if not folders:
        site = site_for_desk(folder.resolve())
        named = ", ".join(str(cd.path) for cd in site.content_dirs)
        print(
            f"copydesk: {folder}: the site has no content folder in this repository yet "
            f"({named}); nothing was set up",
            file=sys.stderr,
        )
        return 1
    driver = f"{command or default_command()} merge-driver %O %A %B %P"
    try:
        checkout.check("config", f"merge.{DRIVER}.name", "Copydesk: merge articles field by field")
        checkout.check("config", f"merge.{DRIVER}.driver", driver)
    except GitError as error:
        print(f"copydesk: {folder}: cannot write the git config: {error}", file=sys.stderr)
        return 1
    print(f"merge driver '{DRIVER}' set in the git config: {driver}")
    for content in folders:
        attributes = content / ".gitattributes"
        try:
            added = _add_attributes(attributes)
        except (OSError, UnicodeDecodeError) as error:
            print(f"copydesk: {attributes}: cannot update: {error}", file=sys.stderr)
            return 1
        state = "added to" if added else "already in"
        print(f"{', '.join(PATTERNS)} {state} {attributes} (commit it so that every clone uses it)")
    overridden = _overridden(checkout, folders)
    if overridden:
        path, value = overridden[0]
        more = f" and {len(overridden) - 1} more" if len(overridden) > 1 else ""
        print(
            f"copydesk: {path}{more}: a .gitattributes nearer to it says {value}, which git follows "
            "instead of Copydesk's driver; make that line merge=copydesk (or remove it)",
            file=sys.stderr,
        )
        return 1
    return 0


def _overridden(checkout: Checkout, folders: list[Path]) -> list[tuple[str, str]]:
    """The articles under ``folders`` whose ``merge`` attribute, as git reads it after the install,
    is some other driver: a nearer ``.gitattributes`` wins over the lines written above it."""
    specs = [folder.relative_to(checkout.top).as_posix() or "." for folder in folders]
    try:
        listed = checkout.check(
            "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *specs
        )
        paths = [
            path
            for path in listed.stdout.decode("utf-8", "surrogateescape").split("\0")
            if path.lower().endswith(tuple(ARTICLE_SUFFIXES))
        ]
        if not paths:
            return []
        answer = checkout.check(
            "check-attr",
            "-z",
            "--stdin",
            "merge",
            input="\0".join(paths).encode("utf-8", "surrogateescape") + b"\0",
        )
    except GitError:
        return []  # the install itself worked; this is only a second look
    fields = answer.stdout.decode("utf-8", "surrogateescape").split("\0")
    found = []
    for index in range(0, len(fields) - 2, 3):
        path, _attribute, value = fields[index : index + 3]
        if value not in (DRIVER, "unspecified"):  # "unset" (-merge) and "set" (merge) win too
            found.append((path, {"unset": "-merge", "set": "merge"}.get(value, f"merge={value}")))
    return found


def _add_attributes(attributes: Path) -> bool:
    """Append the driver's lines that ``attributes`` lacks; whether any were added."""
    wanted = [f"{pattern} merge={DRIVER}" for pattern in PATTERNS]
    old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    present = {line.strip() for line in old.splitlines()}
    missing = [line for line in wanted if line not in present]
    if missing:
        text = old + ("\n" if old and not old.endswith("\n") else "")
        replace_checked(attributes, (text + "\n".join(missing) + "\n").encode("utf-8"))
    return bool(missing)


def attribute_folders(folder: Path, top: Path) -> tuple[list[Path], list[Path]]:
    """The folders whose ``.gitattributes`` name the driver, and the content folders left out as
    outside the work tree ``top`` (a mount from another repository).

    For ``folder`` in a Hugo site (its root or one of its content folders) these are the site's
    content folders as :mod:`editor.core.site` reads them (``contentDir``, each language's, module
    mounts) that exist, a folder inside another one left to it; for any other folder, itself.
    """
    base = folder.resolve()
    site = site_for_desk(base)
    if site.root is None:
        return [base], []
    existing = list(dict.fromkeys(cd.path for cd in site.content_dirs if cd.path.is_dir()))
    inside = [path for path in existing if path.is_relative_to(top)]
    outside = [path for path in existing if not path.is_relative_to(top)]
    outermost = [
        path for path in inside if not any(path != o and path.is_relative_to(o) for o in inside)
    ]
    return outermost, outside
