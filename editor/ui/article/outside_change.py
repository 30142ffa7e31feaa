"""An outside change to the open article: whether its file still is what was opened
(:func:`disk_state`), and the words about it: what the conflict bar and the status bar say, what a
merge took from each side, and what overwriting the file would drop. Built from the core's small
data (merge ``taken``, field changes) so that every phrase goes through Qt's translation.

The session (:class:`~editor.ui.article.article_session.ArticleSession`) decides what to do; this
module only looks at the file and words it. The phrases the session first wrote keep its
translation context ("ArticleSession")."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from editor.core.article import Article
from editor.core.field_changes import ChangeKind, describe_keys, version_changes
from editor.core.files import current_bytes
from editor.core.frontmatter import FrontMatterError
from editor.core.names import shown_path

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


class DiskState(Enum):
    SAME = "same"  # what we loaded (or last saved) is what is on disk
    CHANGED = "changed"
    MISSING = "missing"
    NOT_A_FILE = "not a file"  # a folder (or a pipe, a link to nothing) is where the file was


def disk_state(article: Article | None) -> DiskState:
    """Whether ``article``'s file on disk is still what was loaded (or last saved); SAME for none."""
    if article is None:
        return DiskState.SAME
    try:
        data = current_bytes(article.path)
    except FrontMatterError:  # read_regular's refusal of what is no regular file
        return DiskState.NOT_A_FILE
    except OSError:
        return DiskState.SAME  # unreadable for now; the next change event will tell
    if data is None:
        return DiskState.MISSING
    return DiskState.SAME if article.fingerprint.same_content(data) else DiskState.CHANGED


def dropped_by_overwrite(article: Article) -> list[str]:
    """Each change on disk since ``article`` was opened, named for the overwrite question."""
    try:
        theirs = current_bytes(article.path)
    except (OSError, FrontMatterError) as error:
        return [
            QCoreApplication.translate(
                "ArticleSession", "the file on disk, which cannot be read ({0})"
            ).format(error)
        ]
    return discarded(article.split.encode(), theirs)


def conflict_text(state: DiskState, relpath: str, author: str | None) -> str:
    """What the conflict bar says when the file of an article with edits changed (``state`` is not
    SAME); ``author``: the pull's commit author ("" not known), None when it was no pull."""
    if state is DiskState.MISSING:
        text = QCoreApplication.translate(
            "ArticleSession",
            "{0} was deleted or moved by another program. Your edits are not saved.",
        )
    elif state is DiskState.NOT_A_FILE:
        text = QCoreApplication.translate(
            "ArticleSession",
            "{0} is no longer a file: another program put a folder or something else in "
            "its place. Your edits are not saved; once it is moved away, Keep Mine writes "
            "them back.",
        )
    elif author is not None:
        text = (
            QCoreApplication.translate(
                "ArticleSession",
                "{0} was changed by the pull (a commit by {1}). Your edits are not "
                "saved: Merge puts them on top of the new version.",
            )
            if author
            else QCoreApplication.translate(
                "ArticleSession",
                "{0} was changed by the pull. Your edits are not saved: Merge puts them "
                "on top of the new version.",
            )
        )
    else:
        text = QCoreApplication.translate(
            "ArticleSession",
            "{0} was changed on disk by another program. Your edits are not saved: "
            "Merge puts them on top of the new version.",
        )
    return text.format(shown_path(relpath), author or "")


def gone_text(state: DiskState, relpath: str) -> str:
    """What the status bar says when the file of an article without edits went (``state`` is
    MISSING or NOT_A_FILE): the article is closed."""
    if state is DiskState.MISSING:
        text = QCoreApplication.translate(
            "ArticleSession", "{0} was deleted or moved by another program"
        )
    else:
        text = QCoreApplication.translate(
            "ArticleSession",
            "{0} is no longer a file: another program put a folder or something else in its place",
        )
    return text.format(shown_path(relpath))
