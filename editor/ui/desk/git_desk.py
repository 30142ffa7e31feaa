"""The window's side of the team desk over git: one snapshot of the desk's git state, refreshed on a
worker, and pull / push / sync / commit run there too, one job at a time.

Git work never runs on the GUI thread and never one process per file: a refresh is one
``git status`` pass, one incremental ``git log`` pass and, after a fetch, one incoming pass
(editor.core.git_status / git_sync). Jobs run in order on the shared pool, so the last-change cache
is only ever touched by one worker; refreshes asked for while one is queued are merged into it.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from editor.core.git import Checkout, Failure, GitError, find_checkout
from editor.core.git_refs import RefsStamp, git_folders, remote_refs_stamp
from editor.core.git_status import (
    Change,
    CommitResult,
    DeskStatus,
    LastChanges,
    commit_message,
    commit_paths,
    desk_status,
)
from editor.core.service import DocumentService
from editor.ui.common.workers import Task, run_task
from editor.ui.desk.git_columns import GitCell, cells_of, git_counts

if TYPE_CHECKING:
    from editor.core.git_sync import ConflictVersions, PullResult


def _sync() -> ModuleType:
    """:mod:`editor.core.git_sync`, imported by the first git job (on a worker, after the window's
    first paint) rather than with the window."""
    from editor.core import git_sync

    return git_sync


class GitSnapshot(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """The desk's git state at one moment (plain data, built on a worker)."""

    checkout: Checkout
    status: DeskStatus
    changes: dict[str, Change]
    incoming: dict[str, Change]
    operation: str | None  # "merge" / "rebase" when one waits to be continued or aborted
    cells: dict[str, GitCell]
    counts: Counter[str]
    remote_refs: RefsStamp = ()  # as they were when ``incoming`` was read (git_refs)


# Jobs of the app's own (a timer's, the start-up pull): no progress indicator, and a failure is a
# status-bar note, not a dialog every few minutes while offline.
_QUIET = ("refresh", "find", "auto-pull")
_PULLS = ("pull", "auto-pull", "sync")
PULL_NOTICE_S = 15.0  # how long after a pull a change of a file it brought is put down to it


@dataclass(slots=True)
class _Job:
    name: str  # "refresh", "pull", "push", "sync", "commit"
    work: Callable[[], Any]
    done: Callable[[Any], None] | None = None
    paths: list[str] | None = None  # a refresh's rows, brought up to date while it waits


class GitDesk(QObject):
    """Git for one window's desk; knows nothing of widgets, reports with signals."""

    checkout_found = Signal(object)
    """The desk's checkout (a Checkout), or None: the folder is not in a git work tree."""

    snapshot_changed = Signal(object)
    """A new GitSnapshot: the list's columns, filters and banners follow it."""

    busy_changed = Signal(bool)
    """A pull, push, sync or commit started (True) or the last one ended (False)."""

    message = Signal(str)
    """A short note for the status bar."""

    failed = Signal(str, object)
    """A git action failed: what was being done, and the GitError (plain message and next step)."""

    resolved = Signal(object)
    """A conflicted file was resolved (written and staged): its desk path."""

    def __init__(
        self,
        pool: QThreadPool,
        paths: Callable[[], list[str]],
        parent: QObject | None = None,
        cache_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        # The last-change map is kept here between runs, so a start reads only the new commits.
        self._cache_folder = cache_folder
        self._paths = paths  # the listed desk paths, read on the GUI thread when a refresh starts
        self.checkout: Checkout | None = None
        self.snapshot: GitSnapshot | None = None
        self._cache: LastChanges | None = None
        self._incoming: dict[str, Change] = {}
        self._ref_folders: tuple[Path, ...] = ()  # where a fetch from outside the app shows
        self._refs_stamp: RefsStamp | None = None
        self._jobs: deque[_Job] = deque()
        self._task: Task | None = None
        self._running: str | None = None
        # What was incoming when the last pull or sync started, and when it ended: a change of
        # the open file seen then is the pull's, not another program's (pull_author).
        self._pull_incoming: dict[str, Change] = {}
        self._pull_ended: float | None = None
        self._generation = 0  # a job of a folder no longer open delivers nothing

    # --- state ---------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.checkout is not None

    @property
    def busy(self) -> bool:
        """A user-started job (not a refresh) is queued or running."""
        return any(job.name not in _QUIET for job in self._jobs) or (
            self._running is not None and self._running not in _QUIET
        )

    @property
    def idle(self) -> bool:
        return self._running is None and not self._jobs

    def incoming_change(self, path: str) -> Change | None:
        return self._incoming.get(path)

    def pull_author(self, path: str) -> str | None:
        """When a pull or sync of the window is what changed ``path`` on disk: the author of the
        incoming commit ("" when not known); None when it is not (no pull now or just now)."""
        if self._running in _PULLS or any(job.name in _PULLS for job in self._jobs):
            change = self._pull_incoming.get(path) or self._incoming.get(path)
            return change.author if change is not None else ""
        ended = self._pull_ended
        change = self._pull_incoming.get(path)
        if ended is not None and change is not None and time.monotonic() - ended < PULL_NOTICE_S:
            return change.author
        return None

    # --- opening ---------------------------------------------------------------------------------

    def open(self, root: Path | None) -> None:
        """Follow the desk at ``root`` (None: none); finds its checkout on a worker."""
        self._generation += 1
        self._jobs.clear()
        self.checkout, self.snapshot, self._cache, self._incoming = None, None, None, {}
        self._ref_folders, self._refs_stamp = (), None
        if root is None:
            self.checkout_found.emit(None)
            return
        generation = self._generation

        def find() -> tuple[Checkout, LastChanges, tuple[Path, ...]] | None:
            checkout = find_checkout(root)
            if checkout is None:
                return None
            saved = self._cache_file(checkout)
            cache = LastChanges.load(checkout, saved) if saved else LastChanges(checkout)
            return checkout, cache, git_folders(checkout)

        def found(value: tuple[Checkout, LastChanges, tuple[Path, ...]] | None) -> None:
            if generation != self._generation:
                return
            self.checkout, self._cache, self._ref_folders = value if value else (None, None, ())
            self.checkout_found.emit(self.checkout)
            if self.checkout is not None:
                self.refresh()

        self._queue(_Job("find", find, found))

    def _cache_file(self, checkout: Checkout) -> Path | None:
        if self._cache_folder is None:
            return None
        return LastChanges.file_in(self._cache_folder, checkout)

    # --- jobs ----------------------------------------------------------------------------------

    def refresh(self, *, fetch_first: bool = False, refs_moved: bool = False) -> None:
        """Read the desk's git state again (after a fetch, when ``fetch_first``; the incoming
        changes too, when ``refs_moved``: something outside the app fetched)."""
        if self.checkout is None or self._cache is None:
            return
        for job in self._jobs:
            if job.name == "refresh" and not fetch_first:
                # One queued refresh reads everything that changed before it runs; the rows it
                # joins are taken again now (on a first start it was queued mid-scan, and the
                # scan's end would otherwise be dropped with its rows).
                if job.paths is not None:
                    job.paths[:] = self._paths()
                return
        checkout, cache = self.checkout, self._cache
        paths = self._paths()  # the job has not started: its list may still be brought up to date
        known_incoming = dict(self._incoming)
        folders = self._ref_folders

        def work() -> GitSnapshot:
            coming = known_incoming
            if fetch_first:
                _sync().fetch(checkout)
            refs = remote_refs_stamp(folders)  # before reading: a later move is noticed again
            if fetch_first or refs_moved or coming:
                coming = _sync().incoming(checkout)  # a pull may have brought them in
            status = desk_status(checkout)
            changes = dict(cache.refresh_kept(self._cache_file(checkout)))
            cells = cells_of(status, changes, coming, paths, time.time())
            operation = _sync().operation_in_progress(checkout)
            return GitSnapshot(
                checkout, status, changes, coming, operation, cells, git_counts(cells), refs
            )

        self._queue(_Job("refresh", work, self._snapshot_ready, paths))

    def _snapshot_ready(self, snapshot: GitSnapshot) -> None:
        self.snapshot = snapshot
        self._incoming = snapshot.incoming
        self._refs_stamp = snapshot.remote_refs
        self.snapshot_changed.emit(snapshot)

    def check_remote_refs(self) -> bool:
        """A fetch (or pull, push) made outside the app moved the remote refs: read the incoming
        changes again (one refresh; a few stats and no git when nothing moved). True if it did."""
        if self.checkout is None or self._refs_stamp is None or not self.idle:
            return False  # a job is running: the refresh that follows it takes the refs again
        stamp = remote_refs_stamp(self._ref_folders)
        if stamp == self._refs_stamp:
            return False
        self._refs_stamp = stamp
        self.refresh(refs_moved=True)
        return True

    def fetch(self) -> None:
        """Fetch, then mark what changed on the remote (the timer's job: nothing local changes)."""
        if self.snapshot is not None and self.snapshot.status.upstream is None:
            return  # a branch with no upstream has nothing to fetch for
        self.refresh(fetch_first=True)

    def pull(self, *, automatic: bool = False) -> None:
        """Pull; ``automatic`` (start-up, timer): quietly, and only with an upstream."""
        if not automatic:
            self._user_job(
                "pull",
                lambda checkout: _sync().pull(checkout),
                QCoreApplication.translate("GitDesk", "Pulled"),
            )
            return
        if self.checkout is None or (
            self.snapshot is not None and self.snapshot.status.upstream is None
        ):
            return
        checkout = self.checkout

        def done(result: PullResult) -> None:
            if result.conflicts:
                self.message.emit(
                    QCoreApplication.translate(
                        "GitDesk", "The pull stopped on conflicts in {0} file(s): resolve them"
                    ).format(len(result.conflicts))
                )
            elif result.changed:
                self.message.emit(
                    QCoreApplication.translate("GitDesk", "Pulled the desk's new commits")
                )

        self._queue(_Job("auto-pull", lambda: _sync().pull(checkout), done))
        self.refresh()

    def push(self) -> None:
        self._user_job(
            "push",
            lambda checkout: _sync().push(checkout, set_upstream=True),
            QCoreApplication.translate("GitDesk", "Pushed"),
        )

    def sync(self) -> None:
        self._user_job(
            "sync",
            lambda checkout: _sync().sync(checkout, set_upstream=True),
            QCoreApplication.translate("GitDesk", "Synced"),
        )

    def commit(
        self, action: str, paths: Sequence[str], titles: Sequence[str], keys: Sequence[str] = ()
    ) -> None:
        """Commit exactly ``paths`` (desk paths the app just wrote) with a message by action."""
        if self.checkout is None or not paths:
            return
        message = commit_message(action, titles, keys)
        checkout = self.checkout
        subject = message.splitlines()[0]

        def done(result: CommitResult) -> None:
            if result.commit:
                self.message.emit(
                    QCoreApplication.translate("GitDesk", "Committed: {0}").format(subject)
                )

        self._queue(
            _Job("commit", lambda: commit_paths(checkout, list(paths), message), done),
            report=QCoreApplication.translate("GitDesk", "Commit"),
        )
        self.refresh()

    def continue_operation(self) -> None:
        self._user_job(
            "continue",
            lambda checkout: _sync().continue_operation(checkout),
            QCoreApplication.translate("GitDesk", "The merge is finished"),
        )

    def abort_operation(self) -> None:
        self._user_job(
            "abort",
            lambda checkout: _sync().abort_operation(checkout),
            QCoreApplication.translate("GitDesk", "The merge was aborted"),
        )

    def resolve(self, service: DocumentService, path: str, mine: bool) -> None:
        """Resolve a conflicted desk file with my version or the incoming one."""
        if self.checkout is None:
            return
        checkout = self.checkout

        def chosen() -> bytes:
            versions = _sync().conflict_versions(checkout, path)
            data = versions.mine if mine else versions.incoming
            if data is None:
                side = (
                    QCoreApplication.translate("GitDesk", "Your side")
                    if mine
                    else QCoreApplication.translate("GitDesk", "The incoming side")
                )
                raise GitError(
                    Failure.OTHER,
                    QCoreApplication.translate(
                        "GitDesk", "{0} deleted {1}; resolve it with git."
                    ).format(side, path),
                )
            return data

        self._write_resolution(service, path, chosen)

    def versions(self, path: str, ready: Callable[[ConflictVersions], None]) -> None:
        """Read a conflicted file's base / ours / theirs (index stages 1-3), then call ``ready``."""
        if self.checkout is not None:
            checkout = self.checkout
            self._queue(
                _Job("versions", lambda: _sync().conflict_versions(checkout, path), ready),
                report=QCoreApplication.translate("GitDesk", "Read the conflict"),
            )

    def write_resolution(self, service: DocumentService, path: str, data: bytes) -> None:
        """Write the resolved bytes (the resolver's) through the document service and stage them."""
        self._write_resolution(service, path, lambda: data)

    def _write_resolution(
        self, service: DocumentService, path: str, data: Callable[[], bytes]
    ) -> None:
        if self.checkout is None:
            return
        checkout = self.checkout

        def work() -> str:
            service.replace_bytes(path, data())
            _sync().mark_resolved(checkout, [path])
            return path

        def done(resolved: str) -> None:
            self.resolved.emit(resolved)
            self.message.emit(
                QCoreApplication.translate("GitDesk", "{0} is resolved and staged").format(resolved)
            )

        self._queue(
            _Job("resolve", work, done), report=QCoreApplication.translate("GitDesk", "Resolve")
        )
        self.refresh()

    def _user_job(self, name: str, operation: Callable[[Checkout], Any], note: str) -> None:
        if self.checkout is None:
            return
        checkout = self.checkout

        def work() -> Any:
            result = operation(checkout)
            return result

        def done(result: Any) -> None:
            conflicts = getattr(result, "conflicts", None) or getattr(
                getattr(result, "pull", None), "conflicts", None
            )
            if conflicts:
                self.message.emit(
                    QCoreApplication.translate(
                        "GitDesk",
                        "The pull stopped on conflicts in {0} file(s): resolve them, then continue",
                    ).format(len(conflicts))
                )
            else:
                self.message.emit(note)

        words = {
            "pull": QCoreApplication.translate("GitDesk", "Pull"),
            "push": QCoreApplication.translate("GitDesk", "Push"),
            "sync": QCoreApplication.translate("GitDesk", "Sync"),
            "continue": QCoreApplication.translate("GitDesk", "Continue the merge"),
            "abort": QCoreApplication.translate("GitDesk", "Abort the merge"),
        }
        self._queue(_Job(name, work, done), report=words[name])
        self.refresh()

    def _queue(self, job: _Job, report: str | None = None) -> None:
        was_busy = self.busy
        if report is not None:
            job.done = self._reporting(job, report)
        self._jobs.append(job)
        if self.busy != was_busy:
            self.busy_changed.emit(True)
        self._run_next()

    def _reporting(self, job: _Job, report: str) -> Callable[[Any], None]:
        inner = job.done

        def done(value: Any) -> None:
            if isinstance(value, GitError):
                self.failed.emit(report, value)
            elif inner is not None:
                inner(value)

        return done

    def _run_next(self) -> None:
        if self._task is not None or not self._jobs:
            return
        job = self._jobs.popleft()
        generation = self._generation
        self._running = job.name
        if job.name in _PULLS:
            self._pull_incoming, self._pull_ended = dict(self._incoming), None

        def work() -> Any:
            try:
                return job.work()
            except GitError as error:  # a result: the GUI side reports it in plain words
                return error
            except (OSError, ValueError) as error:  # a write while resolving, say
                return GitError(Failure.OTHER, str(error))

        def delivered(value: Any) -> None:
            if generation != self._generation:
                return
            if isinstance(value, GitError) and job.name in _QUIET:
                self.message.emit(QCoreApplication.translate("GitDesk", "Git: {0}").format(value))
                return
            if job.done is not None:
                job.done(value)

        def finished() -> None:
            was_busy = self.busy
            if job.name in _PULLS:
                self._pull_ended = time.monotonic()
            self._task, self._running = None, None
            if was_busy and not self.busy:
                self.busy_changed.emit(False)
            self._run_next()

        self._task = run_task(self._pool, work, delivered, self._crashed, finished)

    def _crashed(self, error: BaseException) -> None:
        self.message.emit(
            QCoreApplication.translate("GitDesk", "Git failed unexpectedly: {0}").format(error)
        )

    def shutdown(self) -> None:
        self._generation += 1
        self._jobs.clear()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._running = None
