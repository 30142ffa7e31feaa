"""The open article's differences: Review Changes (the exact lines Save would change) and the
conflict bar's three-way view (what I changed, and what changed outside, since it was opened).

:class:`DiffFlow` keeps one :class:`DiffDialog` over the window and fills it; the three versions come
from the merge flow's reader, so both views read the file the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.files import current_bytes
from editor.core.frontmatter import FrontMatterError
from editor.core.names import shown_path
from editor.ui.article.conflict_bar import DiffDialog, three_way_diff, unified_diff
from editor.ui.common import dialogs

Versions = Callable[[Article], tuple[bytes, bytes, bytes | None] | None]


class DiffFlow(QObject):
    """Shows an article's differences in one dialog over ``window``."""

    def __init__(self, window: QWidget, versions: Versions, parent: QObject | None = None) -> None:
        """``versions(article)``: (as opened, mine, on disk now or None), or None when unreadable
        (the reader has told the user why)."""
        super().__init__(parent)
        self.window = window
        self._versions = versions
        self.dialog: DiffDialog | None = None

    def _dialog(self) -> DiffDialog:
        if self.dialog is None:
            self.dialog = DiffDialog(self.window)
        return self.dialog

    def _disk_text(self, article: Article) -> str:
        try:
            data = current_bytes(article.path) or b""
        except (OSError, FrontMatterError):
            return ""
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")

    def _text_to_save(self, article: Article) -> str | None:
        try:
            return article.text_to_save()
        except EditError as error:
            dialogs.report_error(
                self.window, self.tr("Cannot show the changes"), describe_error(error)
            )
            return None

    def review_changes(self, article: Article | None) -> DiffDialog | None:
        """Show the exact lines Save would change in the file on disk."""
        return self._show_diff(
            article,
            self.tr("Review Changes — {0}"),
            self.tr(
                "Lines starting with − are in the file now; lines starting with + are what Save writes."
            ),
            (self.tr("(on disk)"), self.tr("(after Save)")),
        )

    def show_differences(self, article: Article | None) -> DiffDialog | None:
        """Three-way (conflict bar): what I changed, and what changed outside, since it was opened."""
        if article is None:
            return None
        versions = self._versions(article)
        if versions is None:
            return None
        base, mine, theirs = versions
        relpath = article.relpath
        diff = three_way_diff(
            _text(base),
            _text(mine),
            _text(theirs or b""),
            relpath,
            (self.tr("What you changed"), self.tr("What changed outside"), self.tr("as opened")),
        )
        dialog = self._dialog()
        dialog.show_diff(
            self.tr("Changes — {0}").format(shown_path(relpath)),
            self.tr(
                "Both against the version you opened: first your edits, then the changes made "
                "outside. − lines were in it; + lines are new."
            ),
            diff,
        )
        return dialog

    def _show_diff(
        self, article: Article | None, title: str, explanation: str, labels: tuple[str, str]
    ) -> DiffDialog | None:
        if article is None:
            return None
        mine = self._text_to_save(article)
        if mine is None:
            return None
        relpath = article.relpath
        diff = unified_diff(
            self._disk_text(article), mine, f"{relpath} {labels[0]}", f"{relpath} {labels[1]}"
        )
        dialog = self._dialog()
        dialog.show_diff(title.format(shown_path(relpath)), explanation, diff)
        return dialog


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")
