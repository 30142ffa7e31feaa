"""The desk's git state in two passes for the whole desk, never one git process per file: the status
of every file (one ``git status``), and the last commit that touched each (one ``git log``, kept and
extended incrementally). Committing exactly the files an action wrote lives here too, since it is the
one write that status reflects.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.cache_file import default_cache_dir, name_key
from editor.core.git import (
    IDENTITY_SIGNS,
    Checkout,
    Failure,
    GitError,
    Ran,
    classify,
    decode_path,
    in_progress_error,
)

# --- status ----------------------------------------------------------------------------------------


class FileState(StrEnum):
    """One file's git state, most urgent first; ``unpushed`` and ``incoming`` are separate flags."""

    CONFLICTED = "conflicted"
    UNTRACKED = "untracked"
    NEW = "new"
    MODIFIED = "modified"
    DELETED = "deleted"
    CLEAN = "clean"


class FileStatus(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    path: str  # desk path
    state: FileState
    staged: bool = False  # some of it is in the index (the user's own staging, kept as is)


class DeskStatus:
    """The whole desk's status from one ``git status`` pass (and one ``git log @{u}..`` pass).

    Not a dataclass: importing dataclasses (with inspect) was 8 ms of a warm listing's quick
    answer (editor.cli_kept), a sixth of it; it is filled in field by field as git's lines come."""

    __slots__ = ("ahead", "behind", "branch", "files", "unpushed", "upstream")

    def __init__(
        self,
        branch: str | None,  # None when detached
        upstream: str | None,
        ahead: int,
        behind: int,
        files: dict[str, FileStatus] | None = None,  # only files that are not clean
        unpushed: set[str] | None = None,  # committed, not yet on the upstream
    ) -> None:
        self.branch = branch
        self.upstream = upstream
        self.ahead = ahead
        self.behind = behind
        self.files: dict[str, FileStatus] = {} if files is None else files
        self.unpushed: set[str] = set() if unpushed is None else unpushed

    def __repr__(self) -> str:
        return (
            f"DeskStatus(branch={self.branch!r}, upstream={self.upstream!r}, ahead={self.ahead}, "
            f"behind={self.behind}, files={len(self.files)}, unpushed={len(self.unpushed)})"
        )

    def state_of(self, path: str) -> FileState:
        entry = self.files.get(path)
        return entry.state if entry else FileState.CLEAN

    def paths_in(self, state: FileState) -> list[str]:
        return sorted(path for path, entry in self.files.items() if entry.state is state)

    @property
    def conflicted(self) -> list[str]:
        return self.paths_in(FileState.CONFLICTED)


def _state_from_xy(xy: str) -> tuple[FileState, bool]:
    index, tree = xy[0], xy[1]
    staged = index != "."
    if index == "A":
        return FileState.NEW, staged
    if "D" in (index, tree):
        return FileState.DELETED, staged
    return FileState.MODIFIED, staged


# git status's options for desk_status; porcelain paths are from the top wherever git runs.
STATUS = ("status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--no-renames")


def desk_status(checkout: Checkout, ran: Ran | None = None) -> DeskStatus:
    """Status of every file below the desk: one ``git status --porcelain=v2 -z`` pass, plus one
    ``git log @{u}..HEAD --name-only`` pass for the committed-but-unpushed files. ``ran``: that
    status pass, run already (:data:`STATUS` and ``-- .`` in the desk's folder: the same answer),
    so that a caller can start it before other work (desk_git.EarlyGit)."""
    if ran is None:
        ran = checkout.check(*STATUS, *checkout.desk_pathspec())
    elif not ran.ok:
        raise classify(ran)
    status = DeskStatus(branch=None, upstream=None, ahead=0, behind=0)
    tokens = iter(ran.stdout.split(b"\0"))
    for token in tokens:
        if not token:
            continue
        kind = token[:1]
        if kind == b"#":
            _branch_header(status, token.decode("utf-8", "replace"))
            continue
        if kind == b"1":
            fields = token.split(b" ", 8)
            state, staged = _state_from_xy(fields[1].decode())
            raw = fields[8]
        elif kind == b"2":  # only with renames on; the original path follows as its own token
            fields = token.split(b" ", 9)
            state, staged = _state_from_xy(fields[1].decode())
            raw = fields[9]
            next(tokens, None)
        elif kind == b"u":
            raw = token.split(b" ", 10)[10]
            state, staged = FileState.CONFLICTED, True
        elif kind == b"?":
            raw = token[2:]
            state, staged = FileState.UNTRACKED, False
        else:
            continue
        desk_path = checkout.from_git(decode_path(raw))
        if desk_path is not None:
            status.files[desk_path] = FileStatus(desk_path, state, staged)
    if status.upstream and status.ahead:
        status.unpushed = set(_names_in_log(checkout, "@{u}..HEAD"))
    return status


def _branch_header(status: DeskStatus, line: str) -> None:
    name, _, value = line[2:].partition(" ")
    if name == "branch.head":
        status.branch = None if value == "(detached)" else value
    elif name == "branch.upstream":
        status.upstream = value
    elif name == "branch.ab":
        ahead, behind = value.split()
        status.ahead, status.behind = int(ahead), -int(behind)


def _names_in_log(checkout: Checkout, revisions: str) -> list[str]:
    ran = checkout.check(
        "log",
        "--format=",
        "--name-only",
        "-z",
        "--no-renames",
        revisions,
        *checkout.desk_pathspec(),
    )
    names = []
    for raw in ran.stdout.split(b"\0"):
        raw = raw.lstrip(b"\n")
        if raw:
            desk_path = checkout.from_git(decode_path(raw))
            if desk_path is not None:
                names.append(desk_path)
    return names


# --- last change per file ----------------------------------------------------------------------------

LOG_FORMAT = "--format=%x1e%H%x1f%ct%x1f%at%x1f%an%x1f%ae%x1f%s"


class Change(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """A commit as the desk shows it: who, when (author time, Unix seconds), which commit."""

    commit: str
    author: str
    email: str
    time: int
    subject: str = ""
    commit_time: int = 0  # orders commits when an incremental pass meets an older merged one


def parse_log(data: bytes) -> Iterable[tuple[Change, list[str]]]:
    """Records of ``git log LOG_FORMAT --name-only -z``: each commit and the git paths it touched."""
    for record in data.split(b"\x1e"):
        if not record:
            continue
        header, _, rest = record.partition(b"\0")
        parts = header.decode("utf-8", "replace").split("\x1f")
        if len(parts) < 6:
            continue
        commit, ctime, atime, author, email, subject = parts[:6]
        if rest.startswith(b"\n"):
            rest = rest[1:]
        names = [decode_path(raw) for raw in rest.split(b"\0") if raw]
        change = Change(commit, author, email, int(atime or 0), subject, int(ctime or 0))
        yield change, names


HEAD_COMMIT = ("rev-parse", "--verify", "--quiet", "HEAD")  # LastChanges.refresh's first question


class LastChanges:
    """The last commit that touched each desk file, from one ``git log --name-only`` pass.

    Warm refreshes read only the commits made since the last pass (``cached..HEAD``); a history that
    was rewritten (the old head is no longer an ancestor) is read again from the start.
    """

    def __init__(self, checkout: Checkout) -> None:
        self.checkout = checkout
        self.head: str | None = None
        self.changes: dict[str, Change] = {}
        self.commits_read = (
            0  # of the last refresh: lets tests and the bench see it was incremental
        )

    def get(self, path: str) -> Change | None:
        return self.changes.get(path)

    def refresh(self, head_ran: Ran | None = None) -> dict[str, Change]:
        """Bring the map up to HEAD; returns it (desk path → Change). ``head_ran``: git's answer
        to :data:`HEAD_COMMIT`, asked already (anywhere in the work tree)."""
        if head_ran is None:
            head_ran = self.checkout.run(*HEAD_COMMIT)
        head = head_ran.stdout.decode().strip() if head_ran.ok else None
        if head is None:  # no commit yet
            self.head, self.changes, self.commits_read = None, {}, 0
            return self.changes
        if head == self.head:
            self.commits_read = 0
            return self.changes
        incremental = self.head is not None and self._is_ancestor(self.head, head)
        revisions = f"{self.head}..{head}" if incremental else head
        # No pathspec: git then checks every commit against its parent twice (pruning, then the
        # names), twice the time on 5,000 commits (4.1 s against 2.2 s); paths outside the desk are
        # dropped below instead.
        ran = self.checkout.check("log", LOG_FORMAT, "--name-only", "-z", "--no-renames", revisions)
        fresh: dict[str, Change] = {} if not incremental else self.changes
        seen: set[str] = set()
        count = 0
        for change, names in parse_log(ran.stdout):
            count += 1
            for name in names:
                desk_path = self.checkout.from_git(name)
                if desk_path is None or desk_path in seen:
                    continue
                seen.add(desk_path)
                old = fresh.get(desk_path)
                if not incremental or old is None or change.commit_time >= old.commit_time:
                    fresh[desk_path] = change
        self.head, self.changes, self.commits_read = head, fresh, count
        return self.changes

    def _is_ancestor(self, old: str, new: str) -> bool:
        return self.checkout.run("merge-base", "--is-ancestor", old, new).returncode == 0

    # A saved map makes the next start warm: only the commits made since are read.

    def save(self, file: Path) -> None:
        """Keep the map in ``file`` (a cache the caller places, e.g. the app's cache folder)."""
        commits: dict[str, list[Any]] = {}
        files: dict[str, str] = {}
        for path, change in self.changes.items():
            files[path] = change.commit
            commits.setdefault(
                change.commit,
                [change.author, change.email, change.time, change.subject, change.commit_time],
            )
        document = {
            "version": _CACHE_VERSION,
            "top": str(self.checkout.top),
            "prefix": self.checkout.prefix,
            "head": self.head,
            "commits": commits,
            "files": files,
        }
        file.parent.mkdir(parents=True, exist_ok=True)
        from editor.core.atomic import (
            replace_checked,  # here: a listing that writes none needs none
        )

        replace_checked(file, json.dumps(document, ensure_ascii=False).encode())

    @staticmethod
    def file_in(folder: Path, checkout: Checkout) -> Path:
        """Where the map of this checkout and desk is kept inside a cache ``folder``."""
        key = name_key(f"{checkout.top}\0{checkout.prefix}")
        return folder / f"last-change-{key}.json"

    def refresh_kept(self, file: Path | None, head_ran: Ran | None = None) -> dict[str, Change]:
        """:meth:`refresh`, then keep the map in ``file`` when it changed (a cache: a failure to
        write it only makes the next start slower)."""
        head = self.head
        changes = self.refresh(head_ran)
        if file is not None and self.head != head:
            with contextlib.suppress(OSError):
                self.save(file)
        return changes

    @classmethod
    def load(cls, checkout: Checkout, file: Path) -> LastChanges:
        """The map saved for this checkout and desk, or an empty one (missing, damaged, other desk)."""
        cache = cls(checkout)
        try:
            document = json.loads(file.read_bytes())
            if (document["version"], document["top"], document["prefix"]) != (
                _CACHE_VERSION,
                str(checkout.top),
                checkout.prefix,
            ):
                return cache
            commits = {
                sha: Change(sha, author, email, int(when), subject, int(ctime))
                for sha, (author, email, when, subject, ctime) in document["commits"].items()
            }
            cache.changes = {path: commits[sha] for path, sha in document["files"].items()}
            cache.head = document["head"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(checkout)
        return cache


_CACHE_VERSION = 1


def last_change_folder() -> Path | None:
    """The one folder where the last-change maps are kept, for the window and the command line
    alike (one checkout, one file, whichever wrote it last): ``git`` in the user cache folder
    :func:`editor.core.cache_file.default_cache_dir` names (``COPYDESK_CACHE_DIR`` honoured); None when
    ``COPYDESK_NO_CACHE`` is set (no map kept: each run reads the whole log)."""
    if os.environ.get("COPYDESK_NO_CACHE"):
        return None
    return default_cache_dir() / "git"


def last_change_file(checkout: Checkout) -> Path | None:
    """Where the last-change map of ``checkout`` (and its desk) is kept, or None (no cache)."""
    folder = last_change_folder()
    return LastChanges.file_in(folder, checkout) if folder is not None else None


# --- committing exactly the written files ---------------------------------------------------------


def commit_message(action: str, titles: Sequence[str], keys: Sequence[str] = ()) -> str:
    """``Publish: <title>``, ``Edit title, summary: <title>``, ``Back to draft: 3 articles`` + list."""
    subject = action
    if keys:
        subject = f"{action} {', '.join(keys)}"
    shown = [" ".join(title.split()) or "(no title)" for title in titles]
    if len(shown) == 1:
        return f"{subject}: {shown[0]}"
    lines = [f"{subject}: {len(shown)} articles", ""]
    lines.extend(f"- {title}" for title in shown)
    return "\n".join(lines)


class CommitResult(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    commit: str | None  # None when there was nothing to commit
    paths: tuple[str, ...]


def commit_paths(checkout: Checkout, paths: Sequence[str], message: str) -> CommitResult:
    """Commit exactly ``paths`` (desk paths) with ``message``; the user's other staged and unstaged
    work stays as it was. Raises GitError (a failing hook, no identity, a merge in progress); the
    files on disk are never touched either way."""
    if not paths:
        return CommitResult(None, ())
    git_paths = [checkout.to_git(path) for path in dict.fromkeys(paths)]
    tracked = set(_tracked(checkout, git_paths))
    added = [path for path in git_paths if path not in tracked and _exists(checkout, path)]
    if added:  # a new file must be known to git before "commit --only" can take it
        checkout.check("add", "--", *added)
    ran = checkout.run("commit", "--only", "--no-edit", "--quiet", "-m", message, "--", *git_paths)
    if ran.ok:
        head = checkout.check("rev-parse", "HEAD").stdout.decode().strip()
        return CommitResult(head, tuple(paths))
    if added:  # put the index back as it was: the new files are untracked again, still on disk
        checkout.run("rm", "--cached", "--quiet", "--", *added)
    low = ran.text.lower()
    if "nothing to commit" in low or "no changes added" in low or "nothing added" in low:
        return CommitResult(None, ())
    raise _commit_error(checkout, ran)


def _tracked(checkout: Checkout, git_paths: Sequence[str]) -> list[str]:
    ran = checkout.check("ls-files", "-z", "--", *git_paths)
    return [decode_path(raw) for raw in ran.stdout.split(b"\0") if raw]


def _exists(checkout: Checkout, git_path: str) -> bool:
    return os.path.lexists(checkout.top / git_path)


def _commit_error(checkout: Checkout, ran: Ran) -> GitError:
    # Not classify() first: a hook's own output may say anything ("rejected", "permission denied").
    low = ran.text.lower()
    if (
        any(sign in low for sign in IDENTITY_SIGNS)
        or not checkout.run("var", "GIT_COMMITTER_IDENT").ok
    ):
        return classify(Ran(ran.args, 1, b"", b"Author identity unknown"))
    if "partial commit during a merge" in low or "middle of a merge" in low:
        return in_progress_error("merge", ran.text)
    hook = _failing_hook(checkout)
    if hook:
        output = ran.text or "(the hook printed nothing)"
        return GitError(
            Failure.HOOK,
            f"The repository's {hook} hook refused the commit; the file is saved but not committed.",
            f"Fix what the hook reports, then commit again. The hook said: {output}",
            ran.text,
        )
    return classify(ran)


def _failing_hook(checkout: Checkout) -> str | None:
    hooks = checkout.git_path("hooks")
    configured = checkout.run("config", "--get", "core.hooksPath")
    if configured.ok and configured.stdout.strip():
        hooks = checkout.top / os.fsdecode(configured.stdout.strip())
    for name in ("pre-commit", "prepare-commit-msg", "commit-msg"):
        hook = hooks / name
        if hook.is_file() and os.access(hook, os.X_OK):
            return name
    return None
