"""Undo commands for the metadata form: each one stages a value on the Article and shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from editor.core.article import Article
from editor.core.field_changes import MISSING  # the key was not there: undo removes it again
from editor.core.values import same_value

if TYPE_CHECKING:
    from collections.abc import Hashable


class ValueView(Protocol):
    """What a command needs from the form: show a staged value without recording a new edit."""

    def show_staged(
        self, article: Article, key: str, value: Any, *, update_editor: bool
    ) -> None: ...


class SetValueCommand(QUndoCommand):
    """Set ``key`` from ``old`` to ``new`` on ``article``; undo puts ``old`` back.

    ``old`` is the value the article held before (``article.value(key)``), or MISSING for a new key.

    Commands with the same article, key and ``merge_group`` (one focus session of one field, given by
    the form) merge, so typing a headline is one undo step; a merge that returns to ``old`` makes the
    command obsolete and the stack drops it.
    """

    MERGE_ID = 0xC0DE5

    def __init__(
        self,
        article: Article,
        key: str,
        old: Any,
        new: Any,
        view: ValueView,
        *,
        label: str | None = None,
        merge_group: Hashable | None = None,
    ) -> None:
        text = QCoreApplication.translate("SetValueCommand", "Edit {0}").format(label or key)
        super().__init__(text)
        self.article = article
        self.key = key
        self.old = old
        self.new = new
        self.merge_group = merge_group
        self._view = view
        # The first redo happens while the person is typing: the editor already shows the value, and
        # setting it again would move the cursor.
        self._first = True

    def redo(self) -> None:
        staged = self.article.set_value(self.key, self.new)
        self._view.show_staged(self.article, self.key, staged, update_editor=not self._first)
        self._first = False

    def undo(self) -> None:
        if self.old is MISSING:
            self.article.edits.pop(self.key, None)
            staged = self.article.value(self.key)
        else:
            staged = self.article.set_value(self.key, self.old)
        self._view.show_staged(self.article, self.key, staged, update_editor=True)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_group is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand):
            return False
        if (
            other.article is not self.article
            or other.key != self.key
            or other.merge_group != self.merge_group
        ):
            return False
        self.new = other.new
        self.setObsolete(
            self.old is not MISSING and same_value(self.article.value(self.key), self.old)
        )
        return True


class RemoveKeyCommand(QUndoCommand):
    """Remove ``key`` from ``article`` (staged: Save deletes its line); undo brings back exactly the
    staged state there was before (the file's value, or the edit pending on it)."""

    def __init__(
        self, article: Article, key: str, view: ValueView, *, label: str | None = None
    ) -> None:
        text = QCoreApplication.translate("SetValueCommand", "Remove {0}").format(label or key)
        super().__init__(text)
        self.article = article
        self.key = key
        self._view = view
        self._had_edit = key in article.edits
        self._edit = article.edits.get(key)

    def redo(self) -> None:
        self.article.remove_value(self.key)
        self._view.show_staged(self.article, self.key, None, update_editor=True)

    def undo(self) -> None:
        if self._had_edit:
            self.article.edits[self.key] = self._edit
        else:
            self.article.edits.pop(self.key, None)
        self._view.show_staged(
            self.article, self.key, self.article.value(self.key), update_editor=True
        )
