"""Words about an outside change to the open article: what a merge took from each side, and what
overwriting the file would drop. Built from the core's small data (merge ``taken``, field changes)
so that every phrase goes through Qt's translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.core.field_changes import ChangeKind, describe_keys, version_changes
from editor.core.frontmatter import FrontMatterError
from editor.core.merge import MergeResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutsideChange", text)


def merge_summary(result: MergeResult) -> str:
    """One line: "source changed outside; your title edit kept"."""
    outside = [t.key or _tr("the body") for t in result.taken if t.side == "theirs"]
    kept = [t.key or _tr("body") for t in result.taken if t.side == "mine"]
    parts = []
    if outside:
        parts.append(_tr("{0} changed outside").format(describe_keys(outside)))
    if kept:
        parts.append(_tr("your {0} edit kept").format(describe_keys(kept)))
    settled = len(result.conflicts) + len(result.body_conflicts)
    if settled:
        parts.append(_tr("{0} conflict(s) resolved").format(settled))
    return "; ".join(parts) or _tr("no changes")


def discarded(base: bytes, theirs: bytes | None) -> list[str]:
    """Each outside change (``base`` → ``theirs``, None: deleted) that overwriting would drop."""
    if theirs is None:
        return [_tr("the deletion of the file")]
    if theirs == base:
        return []
    try:
        changes = version_changes(base, theirs)
    except FrontMatterError as error:
        return [_tr("the whole version on disk (it cannot be read: {0})").format(error)]
    kinds = {
        ChangeKind.ADDED: _tr("{0} (added)"),
        ChangeKind.REMOVED: _tr("{0} (removed)"),
        ChangeKind.CHANGED: _tr("{0} (changed)"),
        ChangeKind.RENAMED: _tr("{0} (renamed)"),
    }
    named = [kinds[change.kind].format(change.key) for change in changes.fields]
    if changes.body_changed:
        named.append(_tr("the body"))
    return named or [_tr("changes to comments or spacing")]
