"""The window's questions and reports about unsaved edits: Save All, the one question before the desk
goes away (quit, another folder), what came back from the journal after a crash, and the edits
carried over what an action (publish, draft, undo) wrote.

A collaborator of the main window: it gets the parts it needs, never the window itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from editor.core.index import ArticleSummary
from editor.core.journal import Restoration, Restored
from editor.core.names import shown_path
from editor.core.service import FileResult
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.unsaved import UnsavedEdits
from editor.ui.common import dialogs
from editor.ui.common.wording import counted


class UnsavedFlow(QObject):
    """Save All, the closing question and the restore report, over the session and the store."""

    rows_changed = Signal(object)
    """Files were written: their new ArticleSummary rows."""

    dirty_marks = Signal(object, bool)
    """Rows to mark (or unmark) as having unsaved edits: their paths, and the mark."""

    message = Signal(str)
    """A short note for the status bar."""

    def __init__(
        self,
        session: ArticleSession,
        unsaved: UnsavedEdits,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.session, self.unsaved, self.window = session, unsaved, window

    def resolve(self) -> bool:
        """Before the desk goes away: one question naming every article with unsaved edits —
        Save All / Discard / Cancel. True when it may go."""
        self.unsaved.flush()
        titles = self.unsaved.titles()
        if not titles:
            return True
        answer = dialogs.ask_unsaved_articles(self.window, titles)
        if answer is dialogs.Answer.SAVE:
            return self.save_all()
        if answer is dialogs.Answer.DISCARD:
            paths = self.unsaved.paths()
            self.session.discard()
            self.unsaved.forget_all()
            self.dirty_marks.emit(paths, False)
            return True
        return False

    def save_all(self) -> bool:
        """Write every article with unsaved edits; failures are named. True when all were saved."""
        service = self.session.service
        if service is None:
            return True
        failures: list[tuple[str, str]] = []
        rows: list[ArticleSummary] = []
        open_path = self.session.path
        for article in self.unsaved.articles():
            if article is self.session.article:
                continue  # saved below through the session (it shows a conflict in place)
            result, saved = self.unsaved.save(service, article)
            if saved is None:
                failures.append((result.path, result.message))
            else:
                rows.append(self.session.row_of(saved))
        if rows:
            self.rows_changed.emit(rows)
            self.dirty_marks.emit([row.path for row in rows], False)
        open_ok = self.session.save() if self.session.dirty else True
        if not open_ok and open_path:
            failures.append((open_path, self.tr("not saved (see the message above the form)")))
        if failures:
            dialogs.report_failures(self.window, self.tr("Save All"), failures)
        if rows:  # the open article's save speaks for itself
            self.message.emit(
                counted(len(rows), self.tr("Saved 1 article"), self.tr("Saved {0} articles"))
            )
        return not failures

    def carry_written(self, results: list[FileResult]) -> None:
        """Files an action wrote: their rows anew, and each file's unsaved edits carried over on
        top of what the action wrote (the open article's in the session, the others' in the
        store), never lost."""
        self.rows_changed.emit(
            [self.session.row_of(result.article) for result in results if result.article]
        )
        open_path = self.session.path
        for result in results:
            if result.article is not None and result.article.relpath == open_path:
                self.session.adopt_written(result.article)
            elif result.article is not None:
                # An article waiting with edits keeps them, on top of what the action wrote.
                still = self.unsaved.carry(result.article)
                if still is None and result.article.is_dirty:  # an undo gave its edits back
                    self.unsaved.keep(result.article, now=True)
                    still = True
                if still is not None:
                    self.dirty_marks.emit([result.article.relpath], still)

    def report_restored(self, restored: list[Restoration]) -> None:
        """Say what came back from the journal (a crash or a kill before this start)."""
        back = [item for item in restored if item.article is not None and item.article.is_dirty]
        conflicts = [item for item in back if item.outcome is Restored.CONFLICT]
        failed = [item for item in restored if item.outcome is Restored.FAILED]
        parts = []
        if back:
            parts.append(
                counted(
                    len(back),
                    self.tr("Unsaved edits of 1 article are back"),
                    self.tr("Unsaved edits of {0} articles are back"),
                )
            )
        if conflicts:
            parts.append(
                counted(
                    len(conflicts),
                    self.tr("1 of them changed on disk since: open it to choose"),
                    self.tr("{0} of them changed on disk since: open them to choose"),
                )
            )
        if failed:
            parts.append(
                self.tr("{0} could not be read back: {1}").format(
                    len(failed),
                    "; ".join(f"{shown_path(item.relpath)}: {item.message}" for item in failed),
                )
            )
        if parts:
            self.message.emit("; ".join(parts))
