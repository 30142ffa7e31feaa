"""One article's history: the commits that touched it (following renames), with the file's bytes at
each, so a caller can show what changed field by field (editor.core.field_changes, issue 7) and the
body diff, or stage an old version as an unsaved edit."""

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


def file_history(checkout: Checkout, path: str, limit: int | None = None) -> list[Version]:
    """Newest first: every commit that touched the desk file ``path`` (``git log --follow``), with
    its bytes at each (one ``cat-file --batch``). Two git processes whatever the history's length."""
    args = ["log", "--follow", LOG_FORMAT, "--name-status", "-z"]
    if limit is not None:
        args.append(f"--max-count={limit}")
    ran = checkout.check(*args, "--", checkout.to_git(path))
    entries: list[tuple[Change, str, str, str | None]] = []
    for change, tokens in parse_log(ran.stdout):
        if not tokens:
            continue  # a merge that did not change the file
        status = tokens[0]
        letter = status[:1]
        if letter in "RC" and len(tokens) >= 3:
            entries.append((change, tokens[2], letter, tokens[1]))
        elif len(tokens) >= 2:
            entries.append((change, tokens[1], letter, None))
    specs = [f"{change.commit}:{git_path}" for change, git_path, _, _ in entries]
    wanted = [index for index, entry in enumerate(entries) if entry[2] != "D"]
    blobs = read_blobs(checkout, [specs[index] for index in wanted])
    data: dict[int, bytes | None] = dict(zip(wanted, blobs, strict=True))
    return [
        Version(change, git_path, letter, data.get(index), old)
        for index, (change, git_path, letter, old) in enumerate(entries)
    ]


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
