"""Publish, back to draft and toggle draft on the selection (or the open article).

One operation: decide which files change, confirm when there are several, make sure the open
article's unsaved edits are saved or left out (never lost), run the document service on a worker, then
update the list rows and the open article from the returned results and name the files that failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from editor.core.index import ArticleSummary, summary_of
from editor.core.service import FileResult, Outcome
from editor.core.state import PublishState
from editor.ui.common import dialogs
from editor.ui.common.wording import counted
from editor.ui.common.workers import Task, run_task

if TYPE_CHECKING:
    from editor.ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Bulk", text)


def targets(summaries: list[ArticleSummary], to_draft: bool) -> list[ArticleSummary]:
    """The rows that ``set_draft(to_draft)`` would change; unreadable rows are tried too, so that
    they are reported by name rather than skipped in silence."""
    return [row for row in summaries if row.state is PublishState.INVALID or row.draft != to_draft]


class BulkRunner(QObject):
    """Runs draft/publish operations for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def set_draft(self, to_draft: bool | None, then: Callable[[], None] | None = None) -> bool:
        """Publish (False), back to draft (True) or toggle (None) the selected articles.

        Toggle follows the open (or first selected) article: a draft gets published with the rest of
        the selection, anything else goes back to draft. Returns True when an operation started.
        """
        window = self.window
        if self.running or window.service is None:
            return False
        selected = window.selected_summaries()
        if to_draft is None:
            anchor = next((row for row in selected if row.path == window.session.path), None)
            anchor = anchor or next(
                (row for row in selected if row.state is not PublishState.INVALID), None
            )
            if anchor is None:
                return False
            to_draft = not anchor.draft
        rows = targets(selected, to_draft)
        if not rows:
            window.show_message(
                _tr("Nothing to change: the selection is already in that state"), 5000
            )
            return False
        # Unreadable rows are tried (and reported by name) but not counted as articles to change.
        readable = sum(row.state is not PublishState.INVALID for row in rows)
        if readable > 1:
            question = (
                counted(
                    readable,
                    _tr("Move 1 article back to draft?"),
                    _tr("Move {0} articles back to draft?"),
                )
                if to_draft
                else counted(readable, _tr("Publish 1 article?"), _tr("Publish {0} articles?"))
            )
            skipped = counted(
                len(rows) - readable,
                _tr("1 unreadable file will be skipped and reported."),
                _tr("{0} unreadable files will be skipped and reported."),
            )
            if not dialogs.confirm_bulk(
                window, question, *([skipped] if readable < len(rows) else [])
            ):
                return False
        paths = [row.path for row in rows]
        session = window.session
        if session.path in paths and session.dirty:
            answer = dialogs.ask_bulk_with_unsaved(window, session.title, len(paths))
            if answer is dialogs.BulkAnswer.CANCEL:
                return False
            if answer is dialogs.BulkAnswer.SAVE_FIRST:
                if not session.save():
                    return False
            else:
                paths.remove(session.path)
                if not paths:
                    return False
        self._start(paths, to_draft, then)
        return True

    def publish_and_next(self) -> None:
        """Publish the open article, then go to the next one in the list."""
        window = self.window
        path = window.session.path
        if path is None:
            return
        window.list_view.selectionModel().clearSelection()
        window.select_path(path)
        self.set_draft(False, then=lambda: window.step(1))

    def _start(self, paths: list[str], to_draft: bool, then: Callable[[], None] | None) -> None:
        window = self.window
        service = window.service
        assert service is not None
        window.editor_panel.setEnabled(False)  # no edits to a file while it is being written
        window.show_message(
            counted(
                len(paths),
                _tr("Moving 1 article back to draft…"),
                _tr("Moving {0} articles back to draft…"),
            )
            if to_draft
            else counted(len(paths), _tr("Publishing 1 article…"), _tr("Publishing {0} articles…"))
        )
        self._task = run_task(
            window.pool,
            lambda: service.set_draft(paths, to_draft),
            lambda results: self._done(results, to_draft, then),
            self._failed,
            self._finished,
        )
        window.update_actions()

    def _done(
        self, results: list[FileResult], to_draft: bool, then: Callable[[], None] | None
    ) -> None:
        window = self.window
        self._task = None
        window.editor_panel.setEnabled(True)
        window.update_rows(
            [summary_of(result.article) for result in results if result.article is not None]
        )
        open_article = window.session.article
        for result in results:
            if (
                result.article is not None
                and open_article is not None
                and result.article.relpath == open_article.relpath
            ):
                window.session.adopt(result.article)
        changed = sum(result.outcome is Outcome.CHANGED for result in results)
        failed = [result for result in results if result.outcome is Outcome.FAILED]
        if to_draft:
            text = counted(
                changed,
                _tr("1 article moved back to draft"),
                _tr("{0} articles moved back to draft"),
            )
        else:
            text = counted(changed, _tr("1 article published"), _tr("{0} articles published"))
        if failed:
            text += "; " + counted(
                len(failed), _tr("1 could not be changed"), _tr("{0} could not be changed")
            )
        window.show_message(text, 8000)
        if failed:
            dialogs.report_failures(
                window,
                _tr("Some articles were not changed"),
                [(result.path, result.message) for result in failed],
            )
        window.bulk_finished.emit(results)
        if then is not None and not failed:
            then()

    def _failed(self, error: BaseException) -> None:
        self.window.editor_panel.setEnabled(True)
        dialogs.report_error(self.window, _tr("The change failed"), str(error))

    def _finished(self) -> None:
        self._task = None
        self.window.editor_panel.setEnabled(True)
        self.window.update_actions()
