"""One article's history: the commits that touched it (following renames), with the file's bytes at
each and at the commit's first parent, so a caller can show what that commit changed field by field
(editor.core.field_changes, issue 7) and the body diff, or stage an old version as an unsaved edit.

Once history has branched, the next entry of ``git log`` is not a commit's parent (two editors'
commits interleave by date), so each commit is compared with its own first parent; a merge is shown
by what it changed against its first parent (what it brought into that line), as ``git log
--diff-merges=first-parent`` lists it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from editor.core.field_changes import FieldChange, field_changes
from editor.core.frontmatter import read
from editor.core.git import Checkout, read_blobs
from editor.core.git_status import LOG_FORMAT, Change, parse_log


@dataclass(frozen=True, slots=True)
class Version:
    """The file as one commit left it; ``data`` is None when that commit deleted it."""

    change: Change
    git_path: str  # its name at that commit (renames followed), from the top of the work tree
    status: str  # "A" added, "M" modified, "R" renamed, "D" deleted, ... (git's letters)
    data: bytes | None
    old_git_path: str | None = None  # the name before, for a rename
    parent_data: bytes | None = None  # the file at the commit's first parent; None: created here
    merge: bool = False  # a merge commit, compared with its first parent


def file_history(checkout: Checkout, path: str, limit: int | None = None) -> list[Version]:
    """Newest first: every commit that touched the desk file ``path`` (``git log --follow``), with
    its bytes at each and at its first parent (one ``cat-file --batch``). Two git processes whatever
    the history's length. Merges that changed the file against their first parent are listed too."""
    args = ["log", "--follow", _LOG_FORMAT, "--name-status", "-z", "--diff-merges=first-parent"]
    if limit is not None:
        args.append(f"--max-count={limit}")
    ran = checkout.check(*args, "--", checkout.to_git(path))
    entries: list[tuple[Change, str, str, str | None, bool]] = []
    for change, tokens in parse_log(ran.stdout):
        if not tokens:
            continue  # a merge that changed nothing against its first parent
        merge = " " in change.subject.partition("\x1d")[0]
        change = change._replace(subject=change.subject.partition("\x1d")[2])
        status = tokens[0]
        letter = status[:1]
        if letter in "RC" and len(tokens) >= 3:
            entries.append((change, tokens[2], letter, tokens[1], merge))
        elif len(tokens) >= 2:
            entries.append((change, tokens[1], letter, None, merge))
    specs: list[str] = []
    for change, git_path, letter, old, _merge in entries:
        specs.append(f"{change.commit}:{git_path}" if letter != "D" else "")
        # Added here: nothing before it (and a root commit has no parent to ask for).
        specs.append(f"{change.commit}^1:{old or git_path}" if letter != "A" else "")
    wanted = [index for index, spec in enumerate(specs) if spec]
    blobs = read_blobs(checkout, [specs[index] for index in wanted])
    data: dict[int, bytes | None] = dict(zip(wanted, blobs, strict=True))
    return [
        Version(change, git_path, letter, data.get(2 * n), old, data.get(2 * n + 1), merge)
        for n, (change, git_path, letter, old, merge) in enumerate(entries)
    ]


# The parents' ids ride in front of the subject (a space between two: a merge), so that one log
# pass says which commits are merges.
_LOG_FORMAT = LOG_FORMAT.replace("%s", "%P%x1d%s")


def version_changes(version: Version) -> tuple[tuple[FieldChange, ...], str]:
    """What ``version``'s commit changed in the file, against its first parent: the keys (as
    :func:`changes_between`) and the body diff; nothing for a version that created or deleted it.
    Raises FrontMatterError when a version cannot be read."""
    if version.data is None or version.parent_data is None:
        return (), ""
    return changes_between(version.parent_data, version.data)


def changes_between(old: bytes, new: bytes) -> tuple[tuple[FieldChange, ...], str]:
    """The keys that differ between two versions (editor.core.field_changes: keys as Hugo reads
    them, MISSING where a version lacks one) and the body's unified diff ("" when the same).
    Raises FrontMatterError when a version cannot be read."""
    old_split, old_meta = read(old)
    new_split, new_meta = read(new)
    diff = difflib.unified_diff(
        old_split.body.splitlines(),
        new_split.body.splitlines(),
        "before",
        "after",
        lineterm="",
        n=1,
    )
    return field_changes(old_meta, new_meta), "\n".join(diff)
