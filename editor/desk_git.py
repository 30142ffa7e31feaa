"""What git says of a listed desk's files, as ``list --json``'s ``git`` and ``last_change``
fields: asked at once, as processes of their own (:class:`EarlyGit`), read when the listing is
written. Light on imports: the quick answer of a warm listing (:mod:`editor.cli_kept`) asks it
before anything else is imported."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.git import GitError
from editor.core.kept_listing import ROW_END

if TYPE_CHECKING:
    from editor.core.git_status import Change


def git_fields(root: Path, paths: Iterable[str]) -> dict[str, dict[str, Any]] | None:
    """The ``git`` and ``last_change`` fields of each listed path, or None outside a checkout.

    Paths with the same fields share one dict (a desk has a few states and one last change per
    commit: an ignored desk's 100,000 paths share one), so ``list --json`` encodes each distinct
    value once (``cli_rows.write_json_rows`` keys its encodings by the dict's identity)."""
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
            self.shared = _ignored()

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
                    "last_change": change_json(change) if change else None,
                }
            fields[path] = found
        return fields


def _ignored() -> dict[str, Any]:
    """The fields of every file of a desk git does not track (a new dict each time)."""
    return {"git": {"state": "ignored", "unpushed": False}, "last_change": None}


# How those fields end each row's JSON text (what verdicts.fields_tail makes of them, which a test
# checks): written here so that the quick answer (editor.cli_kept) need not import the encoder.
IGNORED_TAIL = (
    b',\n    "git": {\n      "state": "ignored",\n      "unpushed": false\n    },\n'
    b'    "last_change": null\n  }'
)


def shared_tail(desk: DeskGit | None) -> bytes | None:
    """What replaces every row's end (``kept_listing.ROW_END``) when all rows of the desk get the
    same git fields (``verdicts.fields_tail``; the end itself outside a checkout, ``desk`` None),
    else None."""
    if desk is None:
        return ROW_END
    if desk.shared is None:
        return None
    if desk.shared == _ignored():
        return IGNORED_TAIL
    from editor.core.verdicts import fields_tail

    return fields_tail(desk.shared)


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
            from editor.cli_common import err

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


def change_json(change: Change) -> dict[str, Any]:
    return {
        "commit": change.commit,
        "author": change.author,
        "email": change.email,
        "time": dt.datetime.fromtimestamp(change.time, dt.UTC).isoformat(),
        "subject": change.subject,
    }
