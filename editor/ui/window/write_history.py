"""Undo for the writes the window's actions make (publish, back to draft, toggle draft).

Form edits are undone on the form's own stack while they are unsaved; an action writes files at once,
so undoing it means writing the previous bytes back. Each action's results (which carry the bytes they
replaced) become one :class:`WriteCommand` on a stack of the window's; undo and redo go through
:meth:`DocumentService.restore`, whose conflict check refuses a file that changed since.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from editor.core.article import Article
from editor.core.service import DocumentService, FileResult


class WriteCommand(QUndoCommand):
    """One action's writes; undo restores what each file held before, redo what the action left."""

    def __init__(
        self,
        text: str,
        results: list[FileResult],
        history: WriteHistory,
        edited: Article | None = None,
    ) -> None:
        super().__init__(text)
        self._results = [result for result in results if result.undoable]
        self._history = history
        self._edited = edited  # unsaved edits the action wrote along: unsaved again after undo
        self._first = True  # pushed after the action already wrote

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._results = self._history.restore(self._results, self.text())

    def undo(self) -> None:
        self._results = self._history.restore(self._results, self.text(), self._edited)


class WriteHistory(QObject):
    """The undoable writes of one window (of the folder open in it)."""

    restored = Signal(str, object)
    """An undo or redo wrote files: the action's name, and the list of FileResults."""

    def __init__(
        self, service: Callable[[], DocumentService | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.stack = QUndoStack(self)

    def record(self, text: str, results: list[FileResult], edited: Article | None = None) -> bool:
        """Make an action's writes undoable; True when it changed any file. ``edited``: the open
        article as it was, when the action wrote its unsaved edits along (publish)."""
        if not any(result.undoable for result in results):
            return False
        self.stack.push(WriteCommand(text, results, self, edited))
        return True

    def restore(
        self, results: list[FileResult], text: str, edited: Article | None = None
    ) -> list[FileResult]:
        """Write back what ``results`` replaced; returns the results of that (for the way back).

        The unsaved edits an action wrote along (``edited``) are staged again on the file put back:
        undo returns to the moment before the action, edits unsaved in the form as they were."""
        service = self._service()
        if service is None:
            return []
        done = service.restore_all(results)
        for result in done:
            article = result.article
            if edited is not None and article is not None and article.relpath == edited.relpath:
                article.carry_edits(edited, except_draft=True)
        self.restored.emit(text, done)
        return [result for result in done if result.undoable]

    def clear(self) -> None:
        self.stack.clear()


class UndoRouter(QObject):
    """Undo and Redo of the window: the form's unsaved edits first, then the writes of actions.

    Form edits after an action come later in time, and the form's stack starts afresh with each
    write, so this order is the order things happened in.
    """

    def __init__(
        self,
        form_stack: QUndoStack,
        history: WriteHistory,
        undo_action: QAction,
        redo_action: QAction,
        busy: Callable[[], bool],
        form_hidden: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(history)
        self._form = form_stack
        self._history = history
        self._undo_action = undo_action
        self._redo_action = redo_action
        self._busy = busy
        # With several rows selected the open article's form (and its steps) waits behind the
        # many-articles form: Undo and Redo then reach only the writes of actions.
        self._form_hidden = form_hidden

    def _form_can_undo(self) -> bool:
        return self._form.canUndo() and not self._form_hidden()

    def _form_can_redo(self) -> bool:
        return self._form.canRedo() and not self._form_hidden()

    def undo(self) -> None:
        if self._form_can_undo():
            self._form.undo()
        elif self._history.stack.canUndo() and not self._busy():
            self._history.stack.undo()

    def redo(self) -> None:
        if self._form_can_redo():
            self._form.redo()
        elif self._history.stack.canRedo() and not self._busy():
            self._history.stack.redo()

    def shortcut_text(self) -> str:
        keys = self._undo_action.shortcut()
        return keys.toString(QKeySequence.SequenceFormat.NativeText)

    def update_texts(self) -> None:
        """Name what Undo and Redo would do ("Undo Publish “Title”") when it is an action's write."""
        history = self._history.stack
        if not self._form_can_undo() and history.canUndo():
            self._undo_action.setText(
                QCoreApplication.translate("WriteHistory", "&Undo {0}").format(history.undoText())
            )
        else:
            self._undo_action.setText(QCoreApplication.translate("WriteHistory", "&Undo"))
        if not self._form_can_redo() and history.canRedo():
            self._redo_action.setText(
                QCoreApplication.translate("WriteHistory", "&Redo {0}").format(history.redoText())
            )
        else:
            self._redo_action.setText(QCoreApplication.translate("WriteHistory", "&Redo"))
