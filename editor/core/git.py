"""The desk's git checkout, through the user's own ``git`` (their config, credentials and hooks apply).

Every call is an argument list (never a shell string), with ``--`` before paths, ``-z`` wherever paths
come back, literal pathspecs (a file named ``*.md`` is that file, not a pattern) and no terminal: a
network command that would ask for a password fails at once instead of hanging, and a timeout ends it
otherwise. Nothing here discards local work: the module has no ``reset --hard``, ``stash`` or
``checkout --`` at all, and refuses where git would have to guess.

This module holds the runner, the checkout and the classified errors; ``git_status`` reads the desk's
state and commits, ``git_sync`` fetches, pulls, pushes and handles conflicts, ``git_history`` reads one
file's past.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported by the first git call: the window makes none before its first paint
    import subprocess

NETWORK_TIMEOUT_S = 120.0  # fetch/pull/push; a stalled connection must not hang the app for ever
LOCAL_TIMEOUT_S = 60.0


class Failure(StrEnum):
    """Why a git operation did not happen; each has a plain message and a next step."""

    NO_GIT = "no-git"
    NOT_A_CHECKOUT = "not-a-checkout"
    OFFLINE = "offline"
    AUTHENTICATION = "authentication"
    NON_FAST_FORWARD = "non-fast-forward"
    DIVERGED = "diverged"
    NO_UPSTREAM = "no-upstream"
    DETACHED = "detached"
    IN_PROGRESS = "in-progress"
    UNCOMMITTED = "uncommitted"
    CONFLICTS = "conflicts"
    HOOK = "hook"
    IDENTITY = "identity"
    TIMEOUT = "timeout"
    OTHER = "other"


class GitError(RuntimeError):
    """A git operation that failed, in plain words: ``message``, ``next_step`` and git's own text."""

    def __init__(self, kind: Failure, message: str, next_step: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.next_step = next_step
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message} {self.next_step}".strip()


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",  # https: fail instead of asking for a user name
        GCM_INTERACTIVE="never",  # Git Credential Manager: no dialog
        GIT_LITERAL_PATHSPECS="1",  # a path is a path, never a glob
        GIT_OPTIONAL_LOCKS="0",  # status never takes the index lock from the user's own git
        GIT_EDITOR="true",  # merge/rebase --continue keep git's message instead of opening an editor
        LC_ALL="C",  # git's messages in English, so that failures can be classified
        LANGUAGE="C",
    )
    # ssh asks for a passphrase on the terminal: with none (start_new_session) it fails at once. The
    # user's own ssh setup (core.sshCommand, agent, askpass) still applies, so nothing else is set.
    return env


class Ran(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """One finished git process."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        """stdout and stderr as text (for messages and classification)."""
        return (self.stdout + b"\n" + self.stderr).decode("utf-8", "replace").strip()


def run_git(
    cwd: Path | str,
    args: Sequence[str],
    *,
    input: bytes | None = None,
    timeout: float = LOCAL_TIMEOUT_S,
    git: str = "git",
) -> Ran:
    """Run ``git args`` in ``cwd`` with no terminal; raises GitError only if git cannot run or hangs."""
    process = start_git(cwd, args, input=input is not None, git=git)
    return finish_git(process, input=input, timeout=timeout)


def start_git(
    cwd: Path | str, args: Sequence[str], *, input: bool = False, git: str = "git"
) -> subprocess.Popen[bytes]:
    """``git args`` started in ``cwd`` with no terminal, not waited for: :func:`finish_git` reads
    it (:func:`run_git` does both; ``copydesk list`` starts git before its scan and reads it
    after). Raises GitError when git cannot start."""
    import subprocess

    command = [git, *args]
    if not os.path.isdir(cwd):  # Popen would say FileNotFoundError, as for a missing git
        raise GitError(Failure.NOT_A_CHECKOUT, f"{cwd} is not a folder (moved or deleted?).")
    try:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.PIPE if input else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # no controlling terminal: nothing can prompt; killable as a group
        )
    except FileNotFoundError:
        raise GitError(
            Failure.NO_GIT, "git is not installed (or not on PATH).", "Install git and try again."
        ) from None


def finish_git(
    process: subprocess.Popen[bytes],
    *,
    input: bytes | None = None,
    timeout: float = LOCAL_TIMEOUT_S,
) -> Ran:
    """What a git process :func:`start_git` started answered, once it ends; GitError (and the
    process killed) when it does not end within ``timeout`` seconds."""
    import subprocess

    command = tuple(str(word) for word in process.args)  # type: ignore[union-attr]
    try:
        stdout, stderr = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise GitError(
            Failure.TIMEOUT,
            f"git {command[1] if len(command) > 1 else ''} did not finish in {timeout:.0f} s.",
            "Check the network connection and try again.",
        ) from None
    return Ran(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        process.kill()
    process.communicate()


def decode_path(raw: bytes) -> str:
    """A path as git printed it with ``-z`` (undecodable bytes kept as surrogates, like os.fsdecode)."""
    return os.fsdecode(raw)


# --- the checkout ----------------------------------------------------------------------------------


class Checkout(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """A desk folder inside a git work tree: ``top`` is the work tree, ``prefix`` the desk below it."""

    top: Path
    desk: Path
    prefix: str  # "" when the desk is the work tree itself, else "content/news/" ("/"-ended)
    git: str = "git"

    def run(self, *args: str, input: bytes | None = None, timeout: float = LOCAL_TIMEOUT_S) -> Ran:
        return run_git(self.top, args, input=input, timeout=timeout, git=self.git)

    def check(
        self, *args: str, input: bytes | None = None, timeout: float = LOCAL_TIMEOUT_S
    ) -> Ran:
        """Run and raise a classified GitError when git fails."""
        ran = self.run(*args, input=input, timeout=timeout)
        if not ran.ok:
            raise classify(ran)
        return ran

    def to_git(self, relpath: str) -> str:
        """A desk path ("news/a.md", as the index names it) as git names it from the top."""
        return self.prefix + relpath

    def from_git(self, git_path: str) -> str | None:
        """A path from git as the desk names it; None when it lies outside the desk."""
        if not git_path.startswith(self.prefix):
            return None
        return git_path[len(self.prefix) :]

    def desk_pathspec(self) -> list[str]:
        """``--`` and the desk folder, so a pass covers the desk only."""
        return ["--", self.prefix] if self.prefix else ["--"]

    def git_path(self, name: str) -> Path:
        """A file inside .git (``MERGE_HEAD``, ``hooks``), as git locates it (worktrees included)."""
        ran = self.check("rev-parse", "--git-path", name)
        found = Path(os.fsdecode(ran.stdout.rstrip(b"\n")))
        return found if found.is_absolute() else self.top / found


def find_checkout(folder: Path | str, git: str = "git") -> Checkout | None:
    """The work tree ``folder`` lies in, or None (no git, not a checkout, a bare repository)."""
    desk = Path(folder).resolve()
    where = desk if desk.is_dir() else desk.parent
    if not may_be_in_a_work_tree(where):
        return None  # no git process at all for a desk that is not in a checkout
    try:
        ran = run_git(where, TOPLEVEL, git=git)
    except GitError:
        return None
    return checkout_from(desk, ran, git)


TOPLEVEL = ("rev-parse", "--show-toplevel")  # what find_checkout asks, run in the desk's folder


def checkout_from(desk: Path, ran: Ran, git: str = "git") -> Checkout | None:
    """The checkout holding ``desk`` (resolved) from git's answer to :data:`TOPLEVEL` there."""
    if not ran.ok or not ran.stdout.strip():
        return None
    top = Path(os.fsdecode(ran.stdout.rstrip(b"\n"))).resolve()
    if not desk.is_relative_to(top):
        return None
    inside = desk.relative_to(top).as_posix()
    prefix = "" if inside == "." else inside + "/"
    return Checkout(top, desk, prefix, git)


def may_be_in_a_work_tree(folder: Path) -> bool:
    """Whether ``folder`` or a parent holds ``.git`` (a folder, or a file for worktrees and
    submodules), or the environment points git elsewhere."""
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        return True
    return any(os.path.lexists(parent / ".git") for parent in (folder, *folder.parents))


# --- classifying failures --------------------------------------------------------------------------

_AUTH = (
    "authentication failed",
    "permission denied (publickey",
    "permission denied, please try again",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "host key verification failed",
    "the requested url returned error: 401",
    "the requested url returned error: 403",
    "invalid username or password",
)
_OFFLINE = (
    "does not appear to be a git repository",
    "could not resolve host",
    "could not resolve hostname",
    "unable to access",
    "connection refused",
    "connection timed out",
    "operation timed out",
    "network is unreachable",
    "no route to host",
    "failed to connect",
    "could not read from remote repository",
    "no such remote",
    "repository not found",
    "unable to look up",
)
IDENTITY_SIGNS = (
    "please tell me who you are",
    "author identity unknown",
    "committer identity unknown",
    "empty ident name",
    "unable to auto-detect email address",
    "invalid ident",
)


class FailureRule(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """One row of :data:`FAILURE_RULES`: git's output holds one of ``signs`` (lower case) → a
    failure of ``kind``, in plain words and with the next step; ``build`` makes the error from
    git's text instead, where the message names what git listed (the files in the way)."""

    signs: tuple[str, ...]
    kind: Failure
    message: str = ""
    next_step: str = ""
    build: Callable[[str], GitError] | None = None

    def matches(self, low: str) -> bool:
        return any(sign in low for sign in self.signs)

    def error(self, text: str) -> GitError:
        if self.build is not None:
            return self.build(text)
        return GitError(self.kind, self.message, self.next_step, text)


def classify(ran: Ran) -> GitError:
    """A failed git process as a GitError with a plain message and a next step: the first rule of
    :data:`FAILURE_RULES` whose sign is in git's output, else git's own first line."""
    text = ran.text
    low = text.lower()
    for rule in FAILURE_RULES:
        if rule.matches(low):
            return rule.error(text)
    first = next((line for line in text.splitlines() if line.strip()), "git failed")
    return GitError(Failure.OTHER, f"git failed: {first.removeprefix('fatal: ')}", "", text)


def _in_the_way(text: str) -> GitError:
    """The pull would overwrite local files: name them as git lists them (a tab-indented list
    after "...would be overwritten by merge:"), the untracked ones apart, with the way out for each."""
    changed: list[str] = []
    untracked: list[str] = []
    into: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("\t") and into is not None:
            into.append(line.strip())
            continue
        low = line.lower()
        into = None
        if "untracked working tree files would be" in low:
            into = untracked
        elif "would be overwritten" in low:
            into = changed
    parts, steps = [], []
    if changed:
        parts.append(f"uncommitted changes in {_names(changed)}")
        steps.append("commit those changes (or save with commit on)")
    if untracked:
        parts.append(f"untracked {'files' if len(untracked) > 1 else 'file'} {_names(untracked)}")
        steps.append(
            f"move {'them' if len(untracked) > 1 else 'it'} out of the way (or add and commit "
            f"{'them' if len(untracked) > 1 else 'it'})"
        )
    if not parts:
        return GitError(
            Failure.UNCOMMITTED,
            "You have uncommitted changes in files the pull would change.",
            "Commit (or save with commit on) those files first; nothing was changed.",
            text,
        )
    return GitError(
        Failure.UNCOMMITTED,
        f"The pull would overwrite {' and '.join(parts)}.",
        f"{' and '.join(steps).capitalize()}, then pull again; nothing was changed.",
        text,
    )


def _names(paths: list[str], shown: int = 5) -> str:
    names = ", ".join(paths[:shown])
    return names + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def in_progress_error(what: str, detail: str = "") -> GitError:
    return GitError(
        Failure.IN_PROGRESS,
        f"A {what} is in progress in this checkout.",
        f"Resolve the conflicted articles and continue the {what}, or abort it.",
        detail,
    )


# First match wins, so the order matters where signs overlap: a refused ssh key also says "Could not
# read from remote repository" (so credentials come before offline).
FAILURE_RULES: tuple[FailureRule, ...] = (
    FailureRule(
        _AUTH,
        Failure.AUTHENTICATION,
        "The remote refused your credentials.",
        "Check your SSH key or credential helper with git on the command line, then try again.",
    ),
    FailureRule(
        IDENTITY_SIGNS,
        Failure.IDENTITY,
        "git does not know who you are, so it cannot commit.",
        'Set your name and email: git config --global user.name "Your Name" and '
        "git config --global user.email you@example.org.",
    ),
    FailureRule(
        _OFFLINE,
        Failure.OFFLINE,
        "The remote cannot be reached (offline, or its address or path is wrong).",
        "Check the network and the remote's address (git remote -v), then try again.",
    ),
    FailureRule(
        ("[rejected]", "non-fast-forward", "fetch first"),
        Failure.NON_FAST_FORWARD,
        "The remote has commits you do not have yet, so the push was refused.",
        "Pull (or Sync) first, then push again.",
    ),
    FailureRule(
        ("no upstream", "no tracking information"),
        Failure.NO_UPSTREAM,
        "This branch has no upstream branch on the remote.",
        "Push it once with an upstream (Push sets it), or set one with git branch -u.",
    ),
    FailureRule(
        ("not currently on a branch", "head detached"),
        Failure.DETACHED,
        "The checkout is not on a branch (detached HEAD).",
        "Switch to a branch (git switch main), then try again.",
    ),
    FailureRule(
        ("would be overwritten", "would be removed", "unstaged changes", "uncommitted changes"),
        Failure.UNCOMMITTED,
        build=_in_the_way,
    ),
    FailureRule(
        ("divergent branches", "not possible to fast-forward"),
        Failure.DIVERGED,
        "Your branch and the remote's have both moved on, and your git settings allow only "
        "fast-forward pulls.",
        "Merge or rebase on the command line (or set pull.ff to allow merges).",
    ),
    FailureRule(
        ("you have not concluded your merge", "merge_head exists"),
        Failure.IN_PROGRESS,
        build=lambda text: in_progress_error("merge", text),
    ),
    FailureRule(
        ("rebase-merge", "rebase-apply", "in the middle of"),
        Failure.IN_PROGRESS,
        build=lambda text: in_progress_error("rebase", text),
    ),
    FailureRule(
        ("unmerged", "fix conflicts"),
        Failure.CONFLICTS,
        "Some files still have conflicts.",
        "Resolve each conflicted article, then continue.",
    ),
)


def read_blobs(checkout: Checkout, specs: Sequence[str]) -> list[bytes | None]:
    """The bytes of each object (``commit:path``, ``:2:path``, a blob id) in one ``cat-file --batch``
    pass; None for one that does not exist (a file deleted in that commit)."""
    results: list[bytes | None] = [None] * len(specs)
    batch = [index for index, spec in enumerate(specs) if "\n" not in spec]
    for index, spec in enumerate(specs):
        if "\n" in spec:  # the batch reads lines: such a name is asked for on its own
            ran = checkout.run("cat-file", "blob", spec)
            results[index] = ran.stdout if ran.ok else None
    if not batch:
        return results
    request = b"".join(os.fsencode(specs[index]) + b"\n" for index in batch)
    ran = checkout.check("cat-file", "--batch", input=request)
    data, at = ran.stdout, 0
    for index in batch:
        end = data.index(b"\n", at)
        line = data[at:end]
        at = end + 1
        if line.endswith(
            (b" missing", b" ambiguous")
        ):  # "<name> missing": the name may hold spaces
            continue
        header = line.split(b" ")
        if len(header) != 3 or header[1] != b"blob":
            if len(header) == 3:  # a tree or commit: skip its content too
                at += int(header[2]) + 1
            continue
        size = int(header[2])
        results[index] = data[at : at + size]
        at += size + 1
    return results
