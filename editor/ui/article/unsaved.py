"""The window's unsaved edits: every article with pending edits, journaled so a crash loses nothing.

A thin Qt layer over :class:`editor.core.journal.EditStore`: the session hands it the open article
after each edit, and it writes the journal once typing pauses (and at once when the editor moves to
another article or the window closes). Save All writes them all through the document service, one
result per file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.article import Article
from editor.core.edit_common import EditError
from editor.core.journal import EditStore, Journal, Restoration, find_merge
from editor.core.service import (
    ConflictError,
    DocumentService,
    FileResult,
    Outcome,
    PathError,
    describe_error,
)

JOURNAL_PAUSE_MS = 300  # typing writes the journal once it pauses, not once per keystroke


def title_of(article: Article) -> str:
    """The name an editor knows an article by: its title, else its path."""
    title = article.value("title")
    return title if isinstance(title, str) and title.strip() else article.relpath


class UnsavedEdits(QObject):
    """Pending edits per article of the open desk; ``journal_dir`` None keeps them in memory only."""

    changed = Signal()
    """The set of articles with unsaved edits (or one of their edits) changed."""

    journal_failed = Signal(str)
    """The journal could not be written (the edits are still kept in memory): the reason."""

    def __init__(self, journal_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = Journal(journal_dir) if journal_dir is not None else None
        self.store: EditStore | None = None
        self._waiting: Article | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(JOURNAL_PAUSE_MS)
        self._timer.timeout.connect(self.flush)

    # --- the desk ----------------------------------------------------------------------------------

    def open_desk(self, service: DocumentService | None) -> list[Restoration]:
        """Switch to the desk of ``service`` and bring back what its journal holds."""
        self.flush()
        self.store = EditStore(service.root, self.journal) if service is not None else None
        results = self.store.restore(service, find_merge()) if service is not None else []
        self.changed.emit()
        return results

    # --- keeping -----------------------------------------------------------------------------------

    def __contains__(self, relpath: object) -> bool:
        return self.store is not None and relpath in self.store

    def __len__(self) -> int:
        pending = len(self.store) if self.store is not None else 0
        waiting = self._waiting
        if waiting is not None and waiting.relpath not in self and waiting.is_dirty:
            pending += 1
        return pending

    def get(self, relpath: str) -> Article | None:
        self.flush()
        return self.store.get(relpath) if self.store is not None else None

    def keep(self, article: Article, *, now: bool = False) -> None:
        """``article``'s edits changed: keep it (journaled after a pause, or ``now``)."""
        if self._waiting is not None and self._waiting is not article:
            self.flush()
        was = article.relpath in self
        self._waiting = article
        if now or was != article.is_dirty:
            self.flush()  # a new or newly clean article: the list and Save All follow at once
        else:
            self._timer.start()

    def flush(self) -> None:
        """Write the waiting article to the store and journal now."""
        self._timer.stop()
        article, self._waiting = self._waiting, None
        if article is None or self.store is None:
            return
        if not self.store.put(article):
            self.journal_failed.emit(self.store.last_error or "")
        self.changed.emit()

    def forget(self, relpath: str) -> None:
        """The edits of ``relpath`` were saved or dropped."""
        if self._waiting is not None and self._waiting.relpath == relpath:
            self._timer.stop()
            self._waiting = None
        if self.store is not None:
            self.store.forget(relpath)
        self.changed.emit()

    def forget_all(self) -> None:
        self._timer.stop()
        self._waiting = None
        if self.store is not None:
            self.store.forget_all()
        self.changed.emit()

    def carry(self, fresh: Article) -> bool | None:
        """An action (publish, draft, undo) wrote ``fresh``'s file while it waited here with
        edits: put them on the version written, as for the open article (a pending draft edit gives
        way to the flag the action wrote). Whether it still has edits; None when it had none."""
        waiting = self.get(fresh.relpath)
        if waiting is None or waiting is fresh:
            return None
        fresh.carry_edits(waiting, except_draft=True)
        self.keep(fresh, now=True)
        return fresh.is_dirty

    def articles(self) -> list[Article]:
        self.flush()
        return self.store.articles() if self.store is not None else []

    def paths(self) -> list[str]:
        return [article.relpath for article in self.articles()]

    def titles(self) -> list[str]:
        return [title_of(article) for article in self.articles()]

    # --- saving ------------------------------------------------------------------------------------

    def save(self, service: DocumentService, article: Article) -> tuple[FileResult, Article | None]:
        """Write one article's edits; the result, and the article as now on disk (None on failure)."""
        try:
            saved, written = service.save(article)
        except (ConflictError, EditError, PathError, OSError, ValueError) as error:
            return FileResult(article.relpath, Outcome.FAILED, describe_error(error)), None
        self.forget(article.relpath)
        outcome = Outcome.CHANGED if written else Outcome.UNCHANGED
        return FileResult(saved.relpath, outcome, "", saved), saved
