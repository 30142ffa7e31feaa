"""Fetch, pull, push and sync the desk, incoming changes, and the conflicts a pull leaves.

Each operation checks what git would otherwise have to guess about first (a detached HEAD, no
upstream, a merge or rebase already under way) and refuses with a plain message and a next step.
Local work is never thrown away: there is no reset, stash or checkout here; git itself refuses a pull
that would overwrite uncommitted changes, and that refusal is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor.core.git import (
    NETWORK_TIMEOUT_S,
    Checkout,
    Failure,
    GitError,
    classify,
    decode_path,
    in_progress_error,
    read_blobs,
)
from editor.core.git_status import LOG_FORMAT, Change, parse_log

_OPERATIONS = (  # the marker git leaves in its folder, and the operation's name
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("MERGE_HEAD", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
)


@dataclass(frozen=True, slots=True)
class Branch:
    """Where the checkout stands: its branch (None when detached), upstream, and the ahead/behind counts."""

    name: str | None
    upstream: str | None
    ahead: int
    behind: int
    head: str | None  # commit id; None before the first commit
    unmerged: tuple[str, ...] = ()  # git paths with conflicts


def branch_state(checkout: Checkout) -> Branch:
    """One ``git status --branch`` pass over the whole work tree (untracked files not scanned)."""
    ran = checkout.check("status", "--porcelain=v2", "-z", "--branch", "--untracked-files=no")
    name = upstream = head = None
    ahead = behind = 0
    unmerged = []
    for token in ran.stdout.split(b"\0"):
        if token.startswith(b"# "):
            key, _, value = token[2:].decode("utf-8", "replace").partition(" ")
            if key == "branch.head" and value != "(detached)":
                name = value
            elif key == "branch.upstream":
                upstream = value
            elif key == "branch.oid" and value != "(initial)":
                head = value
            elif key == "branch.ab":
                plus, minus = value.split()
                ahead, behind = int(plus), -int(minus)
        elif token.startswith(b"u "):
            unmerged.append(decode_path(token.split(b" ", 10)[10]))
    return Branch(name, upstream, ahead, behind, head, tuple(unmerged))


def operation_in_progress(checkout: Checkout) -> str | None:
    """ "merge", "rebase", "cherry-pick" or "revert" when one is under way, else None."""
    git_dir = _git_dir(checkout)
    for marker, operation in _OPERATIONS:
        if (git_dir / marker).exists():
            return operation
    return None


def _git_dir(checkout: Checkout) -> Path:
    ran = checkout.check("rev-parse", "--absolute-git-dir")
    return Path(decode_path(ran.stdout.rstrip(b"\n")))


def _refuse_unless_on_branch(checkout: Checkout, *, need_upstream: bool) -> Branch:
    operation = operation_in_progress(checkout)
    if operation:
        raise in_progress_error(operation)
    branch = branch_state(checkout)
    if branch.name is None:
        raise GitError(
            Failure.DETACHED,
            "The checkout is not on a branch (detached HEAD), so there is nothing to pull into.",
            "Switch to a branch (git switch main), then try again.",
        )
    if need_upstream and branch.upstream is None:
        raise GitError(
            Failure.NO_UPSTREAM,
            f"The branch {branch.name} has no upstream branch on a remote.",
            "Push it once with its upstream set (copydesk sync --set-upstream, or git push -u), "
            "or set one with git branch -u.",
        )
    return branch


# --- fetch and incoming changes --------------------------------------------------------------------


def fetch(checkout: Checkout) -> None:
    """Fetch the branch's remote (``origin`` when the branch has none); raises a classified GitError."""
    if not checkout.run("remote").stdout.strip():
        raise GitError(
            Failure.NO_UPSTREAM,
            "This checkout has no remote to sync with.",
            "Add one with git remote add origin URL.",
        )
    checkout.check("fetch", "--quiet", timeout=NETWORK_TIMEOUT_S)


def incoming(checkout: Checkout) -> dict[str, Change]:
    """Desk files changed on the upstream since the last pull (after a fetch): path → latest change.

    The set is the upstream's side of the fork (``HEAD...@{u}``); who and when come from one log of
    the commits not yet pulled. Empty when there is no upstream.
    """
    if branch_state(checkout).upstream is None:
        return {}
    ran = checkout.check(
        "diff", "--name-only", "-z", "--no-renames", "HEAD...@{u}", *checkout.desk_pathspec()
    )
    changed = {decode_path(raw) for raw in ran.stdout.split(b"\0") if raw}
    if not changed:
        return {}
    log = checkout.check(
        "log", LOG_FORMAT, "--name-only", "-z", "--no-renames", "HEAD..@{u}",
        *checkout.desk_pathspec(),
    )  # fmt: skip
    found: dict[str, Change] = {}
    for change, names in parse_log(log.stdout):
        for name in names:
            desk_path = checkout.from_git(name)
            if name in changed and desk_path is not None and desk_path not in found:
                found[desk_path] = change
    return found


# --- pull, push, sync -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PullResult:
    before: str | None
    after: str | None
    conflicts: tuple[
        str, ...
    ] = ()  # desk paths left with conflicts (a merge or rebase is under way)
    operation: str | None = None  # "merge" or "rebase" when conflicts stopped it

    @property
    def changed(self) -> bool:
        return self.before != self.after or bool(self.conflicts)


def pull(checkout: Checkout) -> PullResult:
    """Pull the upstream into the branch (the user's ``pull.rebase`` applies; merge when unset).

    Conflicts are a result, not an error: the files are listed and the merge or rebase waits to be
    continued or aborted. Everything else that stops the pull raises a classified GitError.
    """
    branch = _refuse_unless_on_branch(checkout, need_upstream=True)
    args = ["pull", "--no-edit", "--quiet"]
    if not checkout.run("config", "--get", "pull.rebase").stdout.strip():
        args.append("--no-rebase")  # git >= 2.27 refuses to choose on divergent branches otherwise
    ran = checkout.run(*args, timeout=NETWORK_TIMEOUT_S)
    after = branch_state(checkout)
    if ran.ok:
        return PullResult(branch.head, after.head)
    if after.unmerged:
        desk_paths = tuple(
            path for path in map(checkout.from_git, after.unmerged) if path is not None
        )
        return PullResult(branch.head, after.head, desk_paths, operation_in_progress(checkout))
    raise classify(ran)


@dataclass(frozen=True, slots=True)
class PushResult:
    pushed: bool  # False when there was nothing to push
    set_upstream: bool = False


def push(checkout: Checkout, *, set_upstream: bool = False) -> PushResult:
    """Push the branch to its upstream; with no upstream, push to the branch's remote (or origin)
    and set it, when ``set_upstream``. A rejected push raises NON_FAST_FORWARD: pull first."""
    branch = _refuse_unless_on_branch(checkout, need_upstream=not set_upstream)
    if branch.upstream is None:
        remote = _push_remote(checkout, branch.name or "")
        checkout.check("push", "--quiet", "-u", remote, "HEAD", timeout=NETWORK_TIMEOUT_S)
        return PushResult(True, True)
    if branch.ahead == 0:
        return PushResult(False)
    checkout.check("push", "--quiet", timeout=NETWORK_TIMEOUT_S)
    return PushResult(True)


def _push_remote(checkout: Checkout, branch: str) -> str:
    configured = checkout.run("config", "--get", f"branch.{branch}.remote").stdout.strip()
    if configured:
        return configured.decode()
    remotes = checkout.run("remote").stdout.decode().split()
    if not remotes:
        raise GitError(
            Failure.NO_UPSTREAM,
            "This checkout has no remote to push to.",
            "Add one with git remote add origin URL.",
        )
    return "origin" if "origin" in remotes else remotes[0]


@dataclass(frozen=True, slots=True)
class SyncResult:
    pull: PullResult
    push: PushResult | None  # None when the pull left conflicts (nothing is pushed then)


def sync(checkout: Checkout, *, set_upstream: bool = False) -> SyncResult:
    """Pull, then push what is ahead; stops after the pull when it left conflicts. A branch with no
    upstream yet is only pushed (setting it) when ``set_upstream``."""
    if set_upstream and branch_state(checkout).upstream is None:
        return SyncResult(PullResult(None, None), push(checkout, set_upstream=True))
    pulled = pull(checkout)
    if pulled.conflicts:
        return SyncResult(pulled, None)
    return SyncResult(pulled, push(checkout))


# --- conflicts --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictVersions:
    """A conflicted file's three versions from git's index (stages 1, 2, 3); None where a side has
    no such file (added on both sides: no base; deleted on one side).

    In a merge stage 2 ("ours") is the local branch and 3 ("theirs") the incoming one; a rebase
    replays local commits onto the upstream, so there the roles swap. ``mine`` and ``incoming``
    say it the way an editor means it.
    """

    path: str
    base: bytes | None
    ours: bytes | None
    theirs: bytes | None
    operation: str | None = None

    @property
    def mine(self) -> bytes | None:
        return self.theirs if self.operation == "rebase" else self.ours

    @property
    def incoming(self) -> bytes | None:
        return self.ours if self.operation == "rebase" else self.theirs


def conflict_versions(checkout: Checkout, path: str) -> ConflictVersions:
    """The base / ours / theirs bytes of one conflicted desk file (one ``ls-files -u`` and one
    ``cat-file --batch``)."""
    git_path = checkout.to_git(path)
    ran = checkout.check("ls-files", "-u", "-z", "--", git_path)
    blobs: dict[int, str] = {}
    for entry in ran.stdout.split(b"\0"):
        if not entry:
            continue
        info, _, _name = entry.partition(b"\t")
        _mode, sha, stage = info.decode().split()
        blobs[int(stage)] = sha
    if not blobs:
        raise GitError(Failure.OTHER, f"{path} has no conflict to resolve.")
    stages = (1, 2, 3)
    found = read_blobs(checkout, [blobs[stage] for stage in stages if stage in blobs])
    by_stage = dict(zip([stage for stage in stages if stage in blobs], found, strict=True))
    return ConflictVersions(
        path, by_stage.get(1), by_stage.get(2), by_stage.get(3), operation_in_progress(checkout)
    )


def mark_resolved(checkout: Checkout, paths: list[str]) -> None:
    """Stage the resolved files (written through the document service first)."""
    if paths:
        checkout.check("add", "--", *(checkout.to_git(path) for path in paths))


@dataclass(frozen=True, slots=True)
class ContinueResult:
    done: bool  # False when a rebase stopped again on the next commit's conflicts
    conflicts: tuple[str, ...] = field(default=())


def continue_operation(checkout: Checkout) -> ContinueResult:
    """Finish the merge (commit it) or continue the rebase; refuses while files still conflict."""
    operation = operation_in_progress(checkout)
    if operation is None:
        raise GitError(Failure.OTHER, "No merge or rebase is in progress.")
    if branch_state(checkout).unmerged:
        raise GitError(
            Failure.CONFLICTS,
            "Some files still have conflicts.",
            "Resolve each conflicted article, then continue.",
        )
    args = ["commit", "--no-edit"] if operation == "merge" else [operation, "--continue"]
    ran = checkout.run(*args)
    if ran.ok:
        return ContinueResult(operation_in_progress(checkout) is None)
    left = branch_state(checkout).unmerged
    if left:
        return ContinueResult(False, tuple(p for p in map(checkout.from_git, left) if p))
    raise classify(ran)


def abort_operation(checkout: Checkout) -> None:
    """Abort the merge or rebase: back to the state before the pull. Changes that were not staged
    when it began are kept by git (``merge --abort`` is ``reset --merge``)."""
    operation = operation_in_progress(checkout)
    if operation is None:
        raise GitError(Failure.OTHER, "No merge or rebase is in progress.")
    checkout.check(operation, "--abort")
