"""Publish, back to draft and toggle draft on the selection (or the open article).

One operation: decide which files change, confirm when there are several, run the document service on
a worker, then update the list rows and the open article from the returned results (the open article's
other unsaved edits carried over, never lost), name the files that failed, and record the writes so
that they can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QWidget

from editor.core import validate
from editor.core.errors import describe_error
from editor.core.index import ArticleSummary
from editor.core.publish_check import PublishChecker
from editor.core.service import FileResult, Outcome
from editor.ui.article.article_session import DiskState
from editor.ui.common import dialogs
from editor.ui.common.wording import counted
from editor.ui.common.workers import Task, run_task

if TYPE_CHECKING:
    from editor.ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Bulk", text)


def targets(summaries: list[ArticleSummary], to_draft: bool) -> list[ArticleSummary]:
    """The rows that ``set_draft(to_draft)`` would change; rows whose front matter cannot be read are
    tried too, so that they are reported by name rather than skipped in silence."""
    return [row for row in summaries if not row.readable or row.draft != to_draft]


def action_name(paths: list[str], to_draft: bool, title: str | None) -> str:
    """What the undo step is called: "Publish “Title”", "Back to Draft 3 articles"."""
    if len(paths) == 1 and title:
        text = _tr("Back to Draft “{0}”") if to_draft else _tr("Publish “{0}”")
        return text.format(title)
    if to_draft:
        return counted(
            len(paths), _tr("Back to Draft 1 article"), _tr("Back to Draft {0} articles")
        )
    return counted(len(paths), _tr("Publish 1 article"), _tr("Publish {0} articles"))


class BulkRunner(QObject):
    """Runs draft/publish operations for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: Task | None = None
        self._focus: QWidget | None = None
        self._checker: PublishChecker | None = None  # remembers the desk between checks

    @property
    def running(self) -> bool:
        return self._task is not None

    def set_draft(self, to_draft: bool | None, then: Callable[[], None] | None = None) -> bool:
        """Publish (False), back to draft (True) or toggle (None) the selected articles.

        Toggle follows the open (or first selected) article: a draft gets published with the rest of
        the selection, anything else goes back to draft. Publishing checks the articles first and
        asks when they have errors (the question then stands for the confirmation). Returns True
        when an operation (or its check) started.

        The open article follows one rule whatever the state of the form: the draft flag is written
        now, and any other unsaved edits stay unsaved on top of the written file.
        """
        window = self.window
        if self.running or window.service is None:
            return False
        selected = window.selected_summaries()
        if to_draft is None:
            anchor = next((row for row in selected if row.path == window.session.path), None)
            anchor = anchor or next((row for row in selected if row.readable), None)
            if anchor is None:
                return False
            to_draft = not anchor.draft
        rows = targets(selected, to_draft)
        if not rows:
            window.show_message(
                _tr("Nothing to change: the selection is already in that state"), 5000
            )
            return False
        if not to_draft and window.root is not None:
            # Publishing checks first (on a worker: duplicates need the whole desk), then asks.
            if self._checker is None or self._checker.root != window.root.absolute():
                self._checker = PublishChecker(window.root)
            checker = self._checker
            readable = [row.path for row in rows if row.readable]
            check = run_task(
                window.pool,
                lambda: checker.problems(readable),
                lambda problems: self._checked(rows, problems, then),
                self._failed,
                lambda: self._check_over(check),
            )
            self._task = check
            window.update_actions()
            return True
        return self._confirm_and_start(rows, to_draft, then)

    def _check_over(self, check: Task) -> None:
        if self._task is check:  # not the write the check may have started
            self._task = None
        self.window.update_actions()

    def _checked(
        self,
        rows: list[ArticleSummary],
        problems: dict[str, list[validate.Problem]],
        then: Callable[[], None] | None,
    ) -> None:
        self._task = None
        if problems:
            articles = [row for row in rows if row.readable]
            named = [
                (row.title or row.path, [problem.message for problem in problems[row.path]])
                for row in articles
                if row.path in problems
            ]
            answer = dialogs.ask_publish_with_problems(self.window, named, len(articles))
            if answer is dialogs.PublishAnswer.CANCEL:
                self.window.update_actions()
                return
            if answer is dialogs.PublishAnswer.CLEAN_ONLY:
                rows = [row for row in rows if row.path not in problems]
            # The question named the count and the problems: it was the confirmation too.
            self._start_rows(rows, False, then)
            return
        self._confirm_and_start(rows, False, then)

    def _confirm_and_start(
        self, rows: list[ArticleSummary], to_draft: bool, then: Callable[[], None] | None
    ) -> bool:
        window = self.window
        # Rows that cannot be read are tried (and reported by name) but not counted as articles.
        unreadable = sum(not row.readable for row in rows)
        articles = len(rows) - unreadable
        if articles > 1:
            question = (
                counted(
                    articles,
                    _tr("Move 1 article back to draft?"),
                    _tr("Move {0} articles back to draft?"),
                )
                if to_draft
                else counted(articles, _tr("Publish 1 article?"), _tr("Publish {0} articles?"))
            )
            skipped = counted(
                unreadable,
                _tr("1 unreadable file will be skipped and reported."),
                _tr("{0} unreadable files will be skipped and reported."),
            )
            if not dialogs.confirm_bulk(window, question, *([skipped] if unreadable else [])):
                window.update_actions()
                return False
        return self._start_rows(rows, to_draft, then)

    def _start_rows(
        self, rows: list[ArticleSummary], to_draft: bool, then: Callable[[], None] | None
    ) -> bool:
        window = self.window
        paths = [row.path for row in rows]
        session = window.session
        if session.path in paths and session.dirty and session.disk_state() is not DiskState.SAME:
            # Edits over a file someone else changed: the conflict bar decides, not this action.
            session.check_disk()
            paths.remove(session.path)
        if not paths:
            window.update_actions()
            return False
        self._start(paths, to_draft, then)
        return True

    def publish_and_next(self) -> None:
        """Publish the open article, then go to the next draft in the list (the review queue)."""
        window = self.window
        path = window.session.path
        if path is None:
            return
        window.list_view.selectionModel().clearSelection()
        window.select_path(path)
        self.set_draft(False, then=self._next_draft)

    def _next_draft(self) -> None:
        if not self.window.list_panel.next_draft():
            said = self.window.statusBar().currentMessage()
            left = _tr("no drafts left in the list")
            self.window.show_message(f"{said} — {left}" if said else left, 8000)

    def _start(self, paths: list[str], to_draft: bool, then: Callable[[], None] | None) -> None:
        window = self.window
        service = window.service
        assert service is not None
        title = window.session.title if paths == [window.session.path] else None
        name = action_name(paths, to_draft, title)
        focus = QApplication.focusWidget()
        self._focus = (
            focus if focus is not None and window.editor_panel.isAncestorOf(focus) else None
        )
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
            lambda results: self._done(results, to_draft, name, then),
            self._failed,
            self._finished,
        )
        window.update_actions()

    def _done(
        self,
        results: list[FileResult],
        to_draft: bool,
        name: str,
        then: Callable[[], None] | None,
    ) -> None:
        window = self.window
        self._task = None
        self._enable_editor()
        window.apply_results(results)
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
        if window.write_history.record(name, results):
            text += " " + _tr("(Undo: {0})").format(window.undo_router.shortcut_text())
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
        self._enable_editor()
        dialogs.report_error(self.window, _tr("The change failed"), describe_error(error))

    def _finished(self) -> None:
        self._task = None
        self._enable_editor()
        self.window.update_actions()

    def _enable_editor(self) -> None:
        """Give the form back, with the focus where it was (a title being typed keeps its cursor)."""
        self.window.editor_panel.setEnabled(True)
        focus, self._focus = self._focus, None
        if focus is not None and focus.isVisible() and focus.isEnabled():
            focus.setFocus()
