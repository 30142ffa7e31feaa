"""The right of the main window: the conflict and unreadable bars over the form | body splitter,
whose form side shows the one article's form or, with several rows selected, the form of the
fields they share.

Only the widgets and their arrangement live here (the git wiring puts its bar on top, the bulk
runner disables the panel while its file is written); what they show is the session's and the
window's doing. The window keeps a name for each part (``window.form``, ``window.body``…).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from editor.core.vocabulary import Vocabulary
from editor.ui.article.body_view import BodyView
from editor.ui.article.conflict_bar import ConflictBar
from editor.ui.article.unreadable_bar import UnreadableBar
from editor.ui.form.metadata_form import MetadataForm
from editor.ui.form.multi_edit import MultiEditForm
from editor.ui.window.window_layout import side_by_side


class EditorPanel(QWidget):
    """The forms, the body and the bars above them; the forms' keys and list values come from
    ``vocabulary`` (asked when they are needed), their undo steps go onto ``undo_stack``."""

    def __init__(
        self,
        undo_stack: QUndoStack,
        vocabulary: Callable[[], Vocabulary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.form = MetadataForm(undo_stack, self)
        self.form.set_vocabulary_source(vocabulary)
        self.multi_form = MultiEditForm(self)
        self.multi_form.set_label_source(self.form.label_text)
        self.multi_form.set_list_items(
            lambda key: vocabulary().items(key) or vocabulary().all_items()
        )
        self.form_pages = QStackedWidget(self)
        self.form_pages.setObjectName("formPages")
        self.form_pages.addWidget(self.form)
        self.form_pages.addWidget(self.multi_form)
        self.body = BodyView(self)
        self.conflict_bar = ConflictBar(self)
        self.unreadable_bar = UnreadableBar(self)
        self.editor_splitter = side_by_side(
            "editorSplitter", self.form_pages, self.body, (1, 1), self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 0)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.unreadable_bar)
        layout.addWidget(self.editor_splitter, 1)
