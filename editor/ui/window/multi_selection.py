"""Several rows selected: the multi-article form in place of the single one, and its Save; and
what Save, Revert and Review Changes act on (the form shown: several rows' or the open article's).

Save writes the fields that were set to every selected file through ``DocumentService.set_values``
(each file byte-faithfully, one result per file). A file with unsaved edits of its own is left out
and named, so its pending edits are never written behind the editor's back nor overtaken.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from editor.core.article import Article
from editor.core.frontmatter import FrontMatterError
from editor.core.index import ArticleSummary
from editor.core.service import FileResult, PathError
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.unsaved import UnsavedEdits
from editor.ui.common import dialogs
from editor.ui.common.wording import counted
from editor.ui.form.multi_edit import MAX_ARTICLES, MultiEditForm

SETTLE_MS = 150  # a selection being extended (Shift+Down held) is read once it settles


class MultiSelection(QObject):
    """Switches the form page between one article and many, and saves the many."""

    rows_changed = Signal(object)
    """Files were written: their new ArticleSummary rows."""

    message = Signal(str)
    """A short note for the status bar."""

    shown = Signal()
    """The form of several rows shows another set of articles (the window's title counts them)."""

    def __init__(
        self,
        pages: QStackedWidget,
        single: QWidget,
        form: MultiEditForm,
        session: ArticleSession,
        unsaved: UnsavedEdits,
        selected: Callable[[], list[ArticleSummary]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.pages, self.single, self.form = pages, single, form
        self.session, self.unsaved, self._selected = session, unsaved, selected
        self.window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.refresh)
        form.save_requested.connect(self.save)

    @property
    def active(self) -> bool:
        return self.pages.currentWidget() is self.form

    @property
    def dirty(self) -> bool:
        return self.active and self.form.dirty

    def selection_changed(self) -> None:
        # Only loading many articles waits for the selection to settle; back to one row (or none)
        # the single form returns at once, so Save never writes a form that is no longer selected.
        if self.active and len(self._selected()) < 2:
            self.refresh()
        else:
            self._timer.start()

    def refresh(self, written: Mapping[str, Article] | None = None) -> None:
        """Show the form that fits the selection now. ``written``: the files an action just wrote,
        by path, as the service returned them; they are not read again while the disk still holds
        them (a file someone else changed since is read, and shows what it holds)."""
        self._timer.stop()
        written = written or {}
        service = self.session.service
        summaries = self._selected()
        if len(summaries) > MAX_ARTICLES:
            self.message.emit(
                self.tr(
                    "{0} articles selected: the form edits at most {1} together "
                    "(Publish and Back to Draft work on all of them)"
                ).format(len(summaries), MAX_ARTICLES)
            )
        if service is None or len(summaries) < 2 or len(summaries) > MAX_ARTICLES:
            self.pages.setCurrentWidget(self.single)
            return
        articles: list[Article] = []
        skipped = held = 0
        for summary in summaries:
            pending = self.unsaved.get(summary.path)
            if summary.path == self.session.path and self.session.article is not None:
                pending = self.session.article
            if pending is not None:
                articles.append(pending)
                held += pending.is_dirty
                continue
            known = written.get(summary.path)
            if known is not None and service.still_on_disk(known):
                articles.append(known)
                continue
            try:
                articles.append(service.load(summary.path))
            except (FrontMatterError, PathError, OSError):
                skipped += 1
        if len(articles) < 2:
            self.pages.setCurrentWidget(self.single)
            return
        self.form.show_articles(articles, skipped, held)
        self.pages.setCurrentWidget(self.form)
        self.shown.emit()

    def save_shown(self) -> bool:
        """Save: the fields set in the form of several rows, or the open article's edits; True
        when nothing shown is left unsaved."""
        if self.active:
            self.form.save()
            return not self.form.dirty
        return self.session.save()

    def revert_shown(self) -> None:
        """Revert: drop the form of several rows' fields, or the open article's edits."""
        if self.active:
            self.form.discard()
        else:
            self.session.revert()

    def review_shown(self) -> None:
        """Review Changes shows one article's: the open one's, never several rows'."""
        if self.active:
            self.message.emit(
                QCoreApplication.translate(
                    "MainWindow", "Review Changes shows one article: select only that one"
                )
            )
        else:
            self.session.review_changes()

    def save(self, paths: list[str], values: dict[str, Any]) -> None:
        service = self.session.service
        if service is None:
            return
        self.unsaved.flush()
        held = [
            path
            for path in paths
            if path in self.unsaved or (path == self.session.path and self.session.dirty)
        ]
        results = service.set_values([path for path in paths if path not in held], values)
        failures = [(result.path, result.message) for result in results if not result.ok]
        failures += [
            (path, self.tr("it has unsaved edits of its own: save or revert them first"))
            for path in held
        ]
        written = [result for result in results if result.ok and result.article is not None]
        self.rows_changed.emit([self.session.row_of(result.article) for result in written])
        for result in written:
            if result.path == self.session.path and not self.session.dirty:
                self.session.adopt(result.article)
        if failures:
            dialogs.report_failures(self.window, self.tr("Save"), failures)
        self.message.emit(
            counted(len(written), self.tr("Saved 1 article"), self.tr("Saved {0} articles"))
        )
        self.refresh(written_articles(written))


def written_articles(results: Iterable[FileResult]) -> dict[str, Article]:
    """The articles an action's results hold, by path (what :meth:`MultiSelection.refresh` takes)."""
    return {result.article.relpath: result.article for result in results if result.article}
