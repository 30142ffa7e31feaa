"""The open article's Merge: my edits put on top of the version on disk, fields both changed asked
about in the resolver.

:class:`MergeFlow` reads the three versions (as opened, mine as Save would write it, on disk now),
runs :func:`editor.core.merge.merge`, and stages the result on a freshly loaded copy of the file,
unsaved; the session shows that copy. A version that does not parse is never merged into: the user
is told which and why (a dialog, or :attr:`MergeFlow.conflict_found` for the conflict bar).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.files import current_bytes
from editor.core.frontmatter import FrontMatterError
from editor.core.names import shown_path
from editor.core.service import DocumentService, PathError
from editor.ui.article import outside_change
from editor.ui.common import dialogs


class Merged(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """A merge that succeeded: the file as loaded now with the merge staged, and what to say."""

    article: Article
    message: str


class MergeFlow(QObject):
    """Merges the open article's edits with the version on disk; dialogs go over ``window``."""

    conflict_found = Signal(str, bool)
    """The merge cannot go on: the text for the conflict bar, and whether Merge stays offered."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window

    def versions(self, article: Article) -> tuple[bytes, bytes, bytes | None] | None:
        """(as opened, mine as Save would write it, on disk now or None); None when unreadable."""
        try:
            mine = article.bytes_to_save()
            theirs = current_bytes(article.path)
        except (EditError, OSError, FrontMatterError) as error:
            dialogs.report_error(self.window, self.tr("Cannot merge"), describe_error(error))
            return None
        return article.split.encode(), mine, theirs

    def merge(self, article: Article, service: DocumentService) -> Merged | None:
        """Put ``article``'s edits on top of the version on disk; None when not merged (the user
        was told why, or cancelled the resolver)."""
        versions = self.versions(article)
        if versions is None:
            return None
        from editor.core.merge import MergeError, merge  # on the first merge, not at start-up
        from editor.ui.article import resolver

        base, mine, theirs = versions
        relpath = article.relpath
        if theirs is None:
            self.conflict_found.emit(
                self.tr(
                    "{0} was deleted or moved by another program; there is nothing to merge with."
                ).format(shown_path(relpath)),
                False,
            )
            return None
        try:
            result = merge(base, mine, theirs)
            data = (
                result.data
                if result.clean
                else resolver.resolve_conflicts(self.window, base, mine, theirs, result)
            )
        except MergeError as error:
            dialogs.report_error(
                self.window,
                self.tr("Cannot merge"),
                self.tr(
                    "{0} cannot be merged with the version on disk.\n\n{1}\n\n"
                    "Reload shows the version on disk; Keep Mine writes yours over it."
                ).format(shown_path(relpath), error),
            )
            return None
        if data is None:
            return None  # the resolver was cancelled: the bar stays
        try:
            fresh = service.load(relpath)
        except (FrontMatterError, PathError, OSError) as error:
            dialogs.report_error(self.window, self.tr("Cannot merge"), describe_error(error))
            return None
        if not fresh.fingerprint.same_content(theirs):
            self.conflict_found.emit(
                self.tr("{0} changed again on disk while merging; merge again.").format(
                    shown_path(relpath)
                ),
                True,
            )
            return None
        try:
            fresh.stage_version(data)
        except FrontMatterError as error:
            dialogs.report_error(self.window, self.tr("Cannot merge"), describe_error(error))
            return None
        return Merged(
            fresh,
            self.tr("Merged with the version on disk: {0}. Not saved yet.").format(
                outside_change.merge_summary(result)
            ),
        )
