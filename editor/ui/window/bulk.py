"""Publish, back to draft and toggle draft on the selection (or the open article).

One operation: decide which files change, confirm when there are several, run the document service on
a worker, then update the list rows and the open article from the returned results (the open article's
other unsaved edits carried over, never lost), name the files that failed, and record the writes so
that they can be undone (:meth:`BulkRunner.report_restored` says what an undo put back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.article import Article
from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.index import ArticleSummary
from editor.core.names import shown_path
from editor.core.service import DocumentService, FileResult, Outcome
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.outside_change import DiskState
from editor.ui.common import dialogs
from editor.ui.common.wording import counted
from editor.ui.common.workers import Task, run_task

if TYPE_CHECKING:  # the plan and the publish check load with the first publish or draft
    from editor.core import validate
    from editor.core.draft_plan import DraftPlan
    from editor.core.publish_check import PublishChecker


class BulkHost(Protocol):
    """What the runner needs of the window it works for (the window is one; tests may pass another).

    The runner reports back through its own signals, never by reaching into the window's widgets."""

    pool: QThreadPool
    service: DocumentService | None
    root: Path | None
    session: ArticleSession
    editor_panel: QWidget  # disabled while its file is being written

    def selected_summaries(self) -> list[ArticleSummary]: ...
    def select_only(self, path: str) -> None: ...
    def next_draft(self) -> bool: ...
    def apply_results(self, results: list[FileResult]) -> None: ...
    def record_writes(
        self, name: str, results: list[FileResult], edited: Article | None = None
    ) -> str | None: ...
    def current_message(self) -> str: ...


def action_name(paths: list[str], to_draft: bool, title: str | None) -> str:
    """What the undo step is called: "Publish “Title”", "Back to Draft 3 articles"."""
    if len(paths) == 1 and title:
        text = (
            QCoreApplication.translate("Bulk", "Back to Draft “{0}”")
            if to_draft
            else QCoreApplication.translate("Bulk", "Publish “{0}”")
        )
        return text.format(title)
    if to_draft:
        return counted(
            len(paths),
            QCoreApplication.translate("Bulk", "Back to Draft 1 article"),
            QCoreApplication.translate("Bulk", "Back to Draft {0} articles"),
        )
    return counted(
        len(paths),
        QCoreApplication.translate("Bulk", "Publish 1 article"),
        QCoreApplication.translate("Bulk", "Publish {0} articles"),
    )


class BulkRunner(QObject):
    """Runs draft/publish operations for one window: plan (core.draft_plan), check, confirm, write
    on a worker, report."""

    message = Signal(str, int)
    """A note for the status bar, and how long to show it (ms)."""

    busy_changed = Signal()
    """An operation (or its check) started or ended: the window's actions may change."""

    finished = Signal(object)
    """An operation ended: the list of FileResults."""

    def __init__(self, host: BulkHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self._parent = parent  # dialogs are shown over it
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

        Publishing the open article alone publishes what the form shows: its unsaved edits are
        checked and written with the flag, in one write (the editor sees them and presses Publish; a
        check of the file on disk would question a title already typed in). Otherwise (back to draft,
        or a selection of several, whose form does not show the open article's edits) the draft flag
        is written and the other unsaved edits stay unsaved on top of the written file.
        """
        host = self.host
        if self.running or host.service is None:
            return False
        from editor.core.draft_plan import plan_draft

        plan = plan_draft(host.selected_summaries(), to_draft, host.session.path)
        if plan is None:
            return False
        if not plan.rows:
            self.message.emit(
                QCoreApplication.translate(
                    "Bulk", "Nothing to change: the selection is already in that state"
                ),
                5000,
            )
            return False
        if not plan.to_draft and host.root is not None:
            # Publishing checks first (on a worker: duplicates need the whole desk), then asks.
            if self._checker is None or self._checker.root != host.root.absolute():
                from editor.core.publish_check import PublishChecker

                self._checker = PublishChecker(host.root)
            checker = self._checker
            readable = [row.path for row in plan.rows if row.readable]
            edited = self._edited_open_article(plan)
            pending = {} if edited is None else self._bytes_to_check(edited)
            check = run_task(
                host.pool,
                lambda: checker.problems(readable, pending),
                lambda problems: self._checked(plan, problems, then, edited),
                self._failed,
                lambda: self._check_over(check),
            )
            self._task = check
            self.busy_changed.emit()
            return True
        return self._confirm_and_start(plan, then, self._edited_open_article(plan))

    def _edited_open_article(self, plan: DraftPlan) -> Article | None:
        """The open article, as the form shows it now, when this plan publishes it alone with
        unsaved edits over the version on disk; a copy, so that typing on during the check and the
        question neither changes what was checked nor what is written."""
        session = self.host.session
        article = session.article
        if plan.to_draft or article is None or plan.paths != [article.relpath]:
            return None
        if not article.is_dirty or session.disk_state() is not DiskState.SAME:
            return None  # an outside change: _start_plan hands it to the conflict bar
        return replace(article, edits=dict(article.edits))

    @staticmethod
    def _bytes_to_check(edited: Article) -> dict[str, bytes]:
        try:
            return {edited.relpath: edited.bytes_to_save()}
        except EditError:
            return {}  # the write fails and says why; the file on disk is checked meanwhile

    def _check_over(self, check: Task) -> None:
        if self._task is check:  # not the write the check may have started
            self._task = None
        self.busy_changed.emit()

    def _checked(
        self,
        plan: DraftPlan,
        problems: dict[str, list[validate.Problem]],
        then: Callable[[], None] | None,
        edited: Article | None = None,
    ) -> None:
        self._task = None
        if problems:
            articles = [row for row in plan.rows if row.readable]
            named = [
                (
                    row.title or shown_path(row.path),
                    [problem.message for problem in problems[row.path]],
                )
                for row in articles
                if row.path in problems
            ]
            # The question stands for the confirmation: it names the files it will skip too.
            skipped = [row.path for row in plan.rows if not row.readable]
            answer = dialogs.ask_publish_with_problems(
                self._parent, named, len(articles), *([skipped] if skipped else [])
            )
            if answer is dialogs.PublishAnswer.CANCEL:
                self.busy_changed.emit()
                return
            if answer is dialogs.PublishAnswer.CLEAN_ONLY:
                plan = plan.without(list(problems))
            # The question named the count and the problems: it was the confirmation too.
            self._start_plan(plan, then, edited)
            return
        self._confirm_and_start(plan, then, edited)

    def _confirm_and_start(
        self, plan: DraftPlan, then: Callable[[], None] | None, edited: Article | None = None
    ) -> bool:
        if plan.needs_confirmation:
            articles, unreadable = plan.articles, plan.unreadable
            question = (
                counted(
                    articles,
                    QCoreApplication.translate("Bulk", "Move 1 article back to draft?"),
                    QCoreApplication.translate("Bulk", "Move {0} articles back to draft?"),
                )
                if plan.to_draft
                else counted(
                    articles,
                    QCoreApplication.translate("Bulk", "Publish 1 article?"),
                    QCoreApplication.translate("Bulk", "Publish {0} articles?"),
                )
            )
            skipped = counted(
                unreadable,
                QCoreApplication.translate(
                    "Bulk", "1 unreadable file will be skipped and reported."
                ),
                QCoreApplication.translate(
                    "Bulk", "{0} unreadable files will be skipped and reported."
                ),
            )
            if not dialogs.confirm_bulk(self._parent, question, *([skipped] if unreadable else [])):
                self.busy_changed.emit()
                return False
        return self._start_plan(plan, then, edited)

    def _start_plan(
        self, plan: DraftPlan, then: Callable[[], None] | None, edited: Article | None = None
    ) -> bool:
        paths = plan.paths
        session = self.host.session
        if session.path in paths and session.dirty and session.disk_state() is not DiskState.SAME:
            # Edits over a file someone else changed: the conflict bar decides, not this action.
            session.check_disk()
            paths.remove(session.path)
        if not paths:
            self.busy_changed.emit()
            return False
        self._start(
            paths, plan.to_draft, then, edited if edited and paths == [edited.relpath] else None
        )
        return True

    def publish_and_next(self) -> None:
        """Publish the open article, then go to the next draft in the list (the review queue)."""
        path = self.host.session.path
        if path is None:
            return
        self.host.select_only(path)
        self.set_draft(False, then=self._next_draft)

    def _next_draft(self) -> None:
        if not self.host.next_draft():
            said = self.host.current_message()
            left = QCoreApplication.translate("Bulk", "no drafts left in the list")
            self.message.emit(f"{said} — {left}" if said else left, 8000)

    def _start(
        self,
        paths: list[str],
        to_draft: bool,
        then: Callable[[], None] | None,
        edited: Article | None = None,
    ) -> None:
        host = self.host
        service = host.service
        assert service is not None
        title = host.session.title if paths == [host.session.path] else None
        name = action_name(paths, to_draft, title)
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and host.editor_panel.isAncestorOf(focus) else None
        host.editor_panel.setEnabled(False)  # no edits to a file while it is being written
        self.message.emit(
            counted(
                len(paths),
                QCoreApplication.translate("Bulk", "Moving 1 article back to draft…"),
                QCoreApplication.translate("Bulk", "Moving {0} articles back to draft…"),
            )
            if to_draft
            else counted(
                len(paths),
                QCoreApplication.translate("Bulk", "Publishing 1 article…"),
                QCoreApplication.translate("Bulk", "Publishing {0} articles…"),
            ),
            0,
        )
        self._task = run_task(
            host.pool,
            lambda: service.set_draft(paths, to_draft, edited=edited),
            lambda results: self._done(results, to_draft, name, then, edited),
            self._failed,
            self._finished,
        )
        self.busy_changed.emit()

    def _done(
        self,
        results: list[FileResult],
        to_draft: bool,
        name: str,
        then: Callable[[], None] | None,
        edited: Article | None = None,
    ) -> None:
        self._task = None
        self._enable_editor()
        self.host.apply_results(results)
        changed = sum(result.outcome is Outcome.CHANGED for result in results)
        failed = [result for result in results if result.outcome is Outcome.FAILED]
        if to_draft:
            text = counted(
                changed,
                QCoreApplication.translate("Bulk", "1 article moved back to draft"),
                QCoreApplication.translate("Bulk", "{0} articles moved back to draft"),
            )
        else:
            text = counted(
                changed,
                QCoreApplication.translate("Bulk", "1 article published"),
                QCoreApplication.translate("Bulk", "{0} articles published"),
            )
        if failed:
            text += "; " + counted(
                len(failed),
                QCoreApplication.translate("Bulk", "1 could not be changed"),
                QCoreApplication.translate("Bulk", "{0} could not be changed"),
            )
        undo_keys = self.host.record_writes(name, results, edited)
        if undo_keys is not None:
            text += " " + QCoreApplication.translate("Bulk", "(Undo: {0})").format(undo_keys)
        self.message.emit(text, 8000)
        if failed:
            dialogs.report_failures(
                self._parent,
                QCoreApplication.translate("Bulk", "Some articles were not changed"),
                [(result.path, result.message) for result in failed],
            )
        self.finished.emit(results)
        if then is not None and not failed:
            then()

    def report_restored(self, name: str, results: list[FileResult]) -> None:
        """An undo (or redo) of the action ``name`` wrote ``results``: show them, and name the
        files that were not put back. Its strings keep the window's translation context."""
        self.host.apply_results(results)
        failed = [result for result in results if result.outcome is Outcome.FAILED]
        text = QCoreApplication.translate("MainWindow", "Undone: {0}").format(name)
        self.message.emit(text if not failed else "", 8000)
        if failed:
            dialogs.report_failures(
                self._parent,
                QCoreApplication.translate("MainWindow", "Some files were not put back"),
                [(result.path, result.message) for result in failed],
            )

    def _failed(self, error: BaseException) -> None:
        self._enable_editor()
        dialogs.report_error(
            self._parent,
            QCoreApplication.translate("Bulk", "The change failed"),
            describe_error(error),
        )

    def _finished(self) -> None:
        self._task = None
        self._enable_editor()
        self.busy_changed.emit()

    def _enable_editor(self) -> None:
        """Give the form back, with the focus where it was (a title being typed keeps its cursor)."""
        self.host.editor_panel.setEnabled(True)
        focus, self._focus = self._focus, None
        if focus is not None and focus.isVisible() and focus.isEnabled():
            focus.setFocus()
