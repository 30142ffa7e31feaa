"""The ``copydesk`` commands over git: ``log FILE`` (history field by field), ``sync``, the ``--commit``
option of the commands that write, and the ``git`` / ``last_change`` fields of ``list --json``.

Kept out of cli.py so that the command line's core stays small; everything git does is in
editor.core.git*.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.cli_common import PROG, CommandError, err, existing, jsonable, out
from editor.core.git import Checkout, GitError, find_checkout
from editor.core.names import json_text, shown_path

if TYPE_CHECKING:  # each command imports what it uses: `list` outside a checkout needs none of it
    from editor.core.git_history import Version
    from editor.core.git_status import Change
    from editor.core.service import FileResult

COMMANDS = ("log", "sync")


def add_commands(commands: Any) -> None:
    """Register ``log`` and ``sync`` on the ``copydesk`` subparsers."""
    logger = commands.add_parser(
        "log",
        prog=f"{PROG} log",
        help="one article's history from git, field by field",
        description="The commits that touched FILE (following renames), newest first, each with "
        "the front matter keys it changed (old -> new) and whether the body changed.",
    )
    logger.add_argument("file", metavar="FILE")
    logger.add_argument("-n", "--max-count", type=int, metavar="N", help="only the N newest")
    logger.add_argument("--body", action="store_true", help="show the body's changes as a diff")
    logger.add_argument("--json", action="store_true", help="print a JSON array")
    logger.set_defaults(run=cmd_log)

    syncer = commands.add_parser(
        "sync",
        prog=f"{PROG} sync",
        help="pull the desk's git checkout, then push your commits",
        description="Pull (merging, or rebasing if your git config says so), then push. Refuses "
        "rather than guesses: uncommitted changes in the way, a detached HEAD, a merge already in "
        "progress. Conflicts are listed; resolve them in the window or with git.",
    )
    syncer.add_argument("path", nargs="?", default=".", metavar="PATH", help="a folder in it")
    syncer.add_argument(
        "--set-upstream", action="store_true", help="push a branch that has no upstream yet"
    )
    syncer.set_defaults(run=cmd_sync)


def add_commit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--commit",
        action="store_true",
        help="commit exactly the files written (message by action and title); nothing else",
    )


def _checkout_of(path: Path) -> Checkout | None:
    folder = path if path.is_dir() else path.parent
    return find_checkout(folder)


# --- --commit ---------------------------------------------------------------------------------------


def commit_written(action: str, results: Sequence[FileResult], keys: Sequence[str] = ()) -> int:
    """Commit the files ``results`` changed, one commit per checkout; returns the exit status.

    A file change is kept whatever happens here; a failed commit says why and what to do.
    """
    from editor.core.git_status import commit_message, commit_paths
    from editor.core.hugo_keys import hugo_key
    from editor.core.service import Outcome

    written = [result for result in results if result.outcome is Outcome.CHANGED and result.article]
    if not written:
        return 0
    groups: dict[Path, tuple[Checkout, list[str], list[str]]] = {}
    for result in written:
        assert result.article is not None
        real = result.article.path
        checkout = _checkout_of(real)
        if checkout is None:
            err(f"{result.path}: saved, but not committed: it is not in a git checkout")
            return 1
        _, paths, titles = groups.setdefault(checkout.top, (checkout, [], []))
        paths.append(real.relative_to(checkout.top).as_posix())
        title_key = hugo_key(result.article.metadata, "title")
        titles.append(str(result.article.metadata.get(title_key, "")) if title_key else "")
    status = 0
    for top, (checkout, paths, titles) in groups.items():
        whole = Checkout(top, top, "", checkout.git)  # paths are from the top of the work tree
        try:
            committed = commit_paths(whole, paths, commit_message(action, titles, keys))
        except GitError as error:
            err(f"saved, but not committed: {error}")
            status = 1
            continue
        if committed.commit:
            subject = commit_message(action, titles, keys).splitlines()[0]
            out(f"committed {committed.commit[:10]}: {subject}")
    return status


# --- list --json ----------------------------------------------------------------------------------


def git_fields(root: Path, paths: Iterable[str]) -> dict[str, dict[str, Any]] | None:
    """The ``git`` and ``last_change`` fields of each listed path, or None outside a checkout.

    Paths with the same fields share one dict (a desk has a few states and one last change per
    commit: an ignored desk's 100,000 paths share one), so ``list --json`` encodes each distinct
    value once (``cli_json.write_json_rows`` keys its encodings by the dict's identity)."""
    desk = desk_git(root)
    return None if desk is None else desk.fields(paths)


class DeskGit:
    """What git says of a desk's files, read once: their states, the unpushed ones, and each
    one's last change (:func:`desk_git`); :meth:`fields` gives them to listed paths."""

    def __init__(
        self, files: dict[str, Any], unpushed: set[str] | frozenset[str], changes: dict[str, Any]
    ) -> None:
        self._files = files
        self._unpushed = unpushed
        self._changes = changes
        # No file of the desk is known to git: every path has these fields.
        self.shared: dict[str, Any] | None = None
        if not files and not unpushed and not changes:
            self.shared = {"git": {"state": "ignored", "unpushed": False}, "last_change": None}

    def fields(self, paths: Iterable[str]) -> dict[str, dict[str, Any]]:
        if self.shared is not None:
            return dict.fromkeys(paths, self.shared)  # one dict shared, on purpose
        from editor.core.git_status import FileState

        files = self._files
        unpushed = self._unpushed
        changes = self._changes
        clean = FileState.CLEAN
        shared: dict[tuple[str, bool, int], dict[str, Any]] = {}
        fields = {}
        for path in paths:
            entry = files.get(path)
            state = entry.state if entry is not None else clean
            change = changes.get(path)
            # Neither changed nor in any commit: git does not track it (an ignored file).
            state_text = "ignored" if state is clean and change is None else state.value
            key = (state_text, path in unpushed, id(change))  # `changes` keeps each change alive
            found = shared.get(key)
            if found is None:
                found = shared[key] = {
                    "git": {"state": state_text, "unpushed": key[1]},
                    "last_change": _change_json(change) if change else None,
                }
            fields[path] = found
        return fields


def desk_git(root: Path) -> DeskGit | None:
    """What git says of the desk at ``root`` (None outside a checkout, or when git fails: then
    said on stderr)."""
    return EarlyGit(root).result()


class EarlyGit:
    """:func:`desk_git`, its first questions asked at once and their answers read when asked for.

    ``list --json`` makes one before its scan and reads it after: the three git processes (the
    work tree's top, the desk's status, HEAD) run meanwhile. Processes, not a thread: a cold
    scan forks its readers only while the process has one thread (``pool.can_fork``). The
    status is asked in the desk's folder with ``-- .``, which names the same files as the top's
    ``-- PREFIX`` and prints the same paths (porcelain paths are always from the top), so it
    need not wait for the top. Outside a checkout (no ``.git`` above) no process starts.

    ``now=False``: the questions are asked at :meth:`start` (or by :meth:`result`), for a cold
    listing once its readers are forked: each start waits for git's ``exec`` (2-10 ms for the
    three), which the readers' start then no longer waits for."""

    def __init__(self, root: Path, *, now: bool = True) -> None:
        path = root.resolve()
        self._desk = path if path.is_dir() else path.parent
        self._processes: list[Any] = []
        self._error: GitError | None = None
        self._started = False
        if now:
            self.start()

    def start(self) -> None:
        """Start the three git processes (once; nothing outside a checkout)."""
        if self._started:
            return
        self._started = True
        from editor.core.git import TOPLEVEL, may_be_in_a_work_tree, start_git

        if not may_be_in_a_work_tree(self._desk):
            return
        from editor.core.git_status import HEAD_COMMIT, STATUS

        try:
            for args in (TOPLEVEL, (*STATUS, "--", "."), HEAD_COMMIT):
                self._processes.append(start_git(self._desk, args))
        except GitError as error:  # no git: as find_checkout, no checkout
            self._error = error

    def result(self) -> DeskGit | None:
        from editor.core.git import checkout_from, finish_git

        self.start()  # not started yet: a listing that read no file, or one file
        if len(self._processes) < 3:
            self.close()
            return None
        try:
            top, status_ran, head_ran = (finish_git(process) for process in self._processes)
        except GitError:
            self.close()
            return None  # git hangs: find_checkout says no checkout then
        checkout = checkout_from(self._desk, top)
        if checkout is None:
            return None
        from editor.core.git_status import LastChanges, last_change_file
        from editor.core.git_status import desk_status as read_desk_status

        saved = last_change_file(checkout)  # the window's file too: one map per checkout
        try:
            status = read_desk_status(checkout, status_ran)
            cache = LastChanges.load(checkout, saved) if saved else LastChanges(checkout)
            changes = cache.refresh_kept(saved, head_ran)
        except GitError as error:
            err(f"git status not shown: {error}")
            return None
        return DeskGit(status.files, status.unpushed, changes)

    def close(self) -> None:
        """End the processes not read yet (a listing that failed midway)."""
        for process in self._processes:
            if process.returncode is None:
                with contextlib.suppress(OSError):
                    process.kill()
                process.communicate()


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "commit": change.commit,
        "author": change.author,
        "email": change.email,
        "time": dt.datetime.fromtimestamp(change.time, dt.UTC).isoformat(),
        "subject": change.subject,
    }


# --- sync -------------------------------------------------------------------------------------------


def cmd_sync(args: argparse.Namespace) -> int:
    where = existing(args.path, folder_ok=True).resolve()
    checkout = _checkout_of(where)
    if checkout is None:
        raise CommandError(
            f"{shown_path(args.path)}: not inside a git checkout; there is nothing to sync"
        )
    try:
        from editor.core.git_sync import sync

        result = sync(checkout, set_upstream=args.set_upstream)
    except GitError as error:
        raise CommandError(str(error)) from None
    pulled = result.pull
    if pulled.conflicts:
        err(f"the {pulled.operation or 'pull'} stopped on conflicts in:")
        for path in pulled.conflicts:
            err(f"  {path}")
        err(
            "resolve them in the window (or edit and git add them), then continue; "
            f"or abort with git {pulled.operation or 'merge'} --abort. Nothing was pushed."
        )
        return 1
    out("pulled: new commits" if pulled.changed else "pulled: already up to date")
    if result.push is not None:
        if result.push.set_upstream:
            out("pushed, and the upstream is set")
        else:
            out("pushed" if result.push.pushed else "nothing to push")
            if not result.push.pushed:
                _say_not_committed(checkout)
    return 0


SHOWN_NOT_COMMITTED = 5  # files named after "nothing to push"; the rest counted


def _say_not_committed(checkout: Checkout) -> None:
    """After "nothing to push": the desk's files with changes that are not committed, which a
    sync never sends (``set`` and the other writing commands commit only with ``--commit``)."""
    from editor.core.git_status import FileState
    from editor.core.git_status import desk_status as read_desk_status

    try:
        status = read_desk_status(checkout)
    except GitError:
        return  # the sync itself went through; this is only a hint
    waiting = sorted(
        path
        for path, entry in status.files.items()
        if entry.state is not FileState.CONFLICTED and entry.state is not FileState.CLEAN
    )
    if not waiting:
        return
    files = (
        "1 file in the desk has" if len(waiting) == 1 else f"{len(waiting)} files in the desk have"
    )
    out(f"{files} changes that are not committed, so they were not pushed:")
    for path in waiting[:SHOWN_NOT_COMMITTED]:
        out(f"  {shown_path(path)} ({status.files[path].state})")
    if len(waiting) > SHOWN_NOT_COMMITTED:
        out(f"  … and {len(waiting) - SHOWN_NOT_COMMITTED} more")
    out("commit them (git add, then git commit; or write with --commit next time), then sync again")


# --- log --------------------------------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    from editor.core.git_history import file_history
    from editor.core.history_text import when_text

    path = existing(args.file, folder_ok=False).absolute()
    checkout = _checkout_of(path)
    if checkout is None:
        raise CommandError(
            f"{shown_path(args.file)}: not inside a git checkout; there is no history"
        )
    relpath = path.resolve().relative_to(checkout.desk).as_posix()
    try:
        versions = file_history(checkout, relpath, args.max_count)
    except GitError as error:
        raise CommandError(f"{shown_path(args.file)}: {error}") from None
    if not versions:
        out(f"{shown_path(args.file)}: no commits yet")
        return 0
    entries = [_entry(version) for version in versions]
    if args.json:
        out(json_text(entries))
        return 0
    for version, entry in zip(versions, entries, strict=True):
        when = when_text(version.change)
        out(f"{entry['commit'][:10]}  {when}  {entry['author']} <{entry['email']}>")
        out(f"  {entry['subject']}")
        for line in entry["summary"]:
            out(f"    {line}")
        if args.body and entry["body_diff"]:
            for line in entry["body_diff"].splitlines():
                out(f"    | {line}")
        out()
    return 0


def _json_value(value: Any) -> Any:
    from editor.core.field_changes import MISSING

    return None if value is MISSING else jsonable(value)


def _entry(version: Version) -> dict[str, Any]:
    """One commit and what it changed in the file against its own first parent, worded as the
    History panel words it (editor.core.history_text)."""
    from editor.core.history_text import story_lines, story_of

    story = story_of(version)
    return {
        **_change_json(version.change),
        "path": version.git_path,
        "status": version.status,
        "renamed_from": version.old_git_path,
        "merge": version.merge,
        "fields": [
            {"key": item.key, "old": _json_value(item.old), "new": _json_value(item.new)}
            for item in story.fields
        ],
        "body_diff": story.body_diff,
        "summary": story_lines(story),
    }
