"""The desk's vocabulary for the forms (the keys Add field offers, a new key's usual kind, the list
values to complete), counted over the list's rows when a form first asks after the rows changed.

Counting walks every row's small profile (:class:`~editor.core.vocabulary.Vocabulary`), so it is
done once per change of the rows, never at each keystroke, and not at all until a form asks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from editor.core.vocabulary import Vocabulary
from editor.ui.desk.article_model import ArticleModel


class DeskVocabulary(QObject):
    """Call it for the vocabulary of ``model``'s rows now."""

    def __init__(self, model: ArticleModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._counted: Vocabulary | None = None
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self.forget)

    def __call__(self) -> Vocabulary:
        if self._counted is None:
            self._counted = Vocabulary.of(
                (summary.fields, summary.lists) for summary in self._model.summaries()
            )
        return self._counted

    def forget(self, *_args: object) -> None:
        """The rows changed: count again when next asked."""
        self._counted = None
