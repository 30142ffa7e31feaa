"""Words about an outside change to the open article: what a merge took from each side, and what
overwriting the file would drop. Built from the core's small data (merge ``taken``, field changes)
so that every phrase goes through Qt's translation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from editor.core.field_changes import ChangeKind, describe_keys, version_changes
from editor.core.frontmatter import FrontMatterError

if TYPE_CHECKING:  # the merge engine loads with the first merge, not with the window
    from editor.core.merge import MergeResult


def merge_summary(result: MergeResult) -> str:
    """One line: "source changed outside; your title edit kept"."""
    outside = [
        t.key or QCoreApplication.translate("OutsideChange", "the body")
        for t in result.taken
        if t.side == "theirs"
    ]
    kept = [
        t.key or QCoreApplication.translate("OutsideChange", "body")
        for t in result.taken
        if t.side == "mine"
    ]
    parts = []
    if outside:
        parts.append(
            QCoreApplication.translate("OutsideChange", "{0} changed outside").format(
                describe_keys(outside)
            )
        )
    if kept:
        parts.append(
            QCoreApplication.translate("OutsideChange", "your {0} edit kept").format(
                describe_keys(kept)
            )
        )
    settled = len(result.conflicts) + len(result.body_conflicts)
    if settled:
        parts.append(
            QCoreApplication.translate("OutsideChange", "{0} conflict(s) resolved").format(settled)
        )
    return "; ".join(parts) or QCoreApplication.translate("OutsideChange", "no changes")


def discarded(base: bytes, theirs: bytes | None) -> list[str]:
    """Each outside change (``base`` → ``theirs``, None: deleted) that overwriting would drop."""
    if theirs is None:
        return [QCoreApplication.translate("OutsideChange", "the deletion of the file")]
    if theirs == base:
        return []
    try:
        changes = version_changes(base, theirs)
    except FrontMatterError as error:
        return [
            QCoreApplication.translate(
                "OutsideChange", "the whole version on disk (it cannot be read: {0})"
            ).format(error)
        ]
    kinds = {
        ChangeKind.ADDED: QCoreApplication.translate("OutsideChange", "{0} (added)"),
        ChangeKind.REMOVED: QCoreApplication.translate("OutsideChange", "{0} (removed)"),
        ChangeKind.CHANGED: QCoreApplication.translate("OutsideChange", "{0} (changed)"),
        ChangeKind.RENAMED: QCoreApplication.translate("OutsideChange", "{0} (renamed)"),
    }
    named = [kinds[change.kind].format(change.key) for change in changes.fields]
    if changes.body_changed:
        named.append(QCoreApplication.translate("OutsideChange", "the body"))
    return named or [QCoreApplication.translate("OutsideChange", "changes to comments or spacing")]
