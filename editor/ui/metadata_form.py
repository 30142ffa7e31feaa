"""The metadata form: typed editors for the front matter of the open article.

(Interface skeleton, being implemented. The main window relies on exactly this API.)
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.core.validate import Problem


class MetadataForm(QWidget):
    """Edits go onto ``undo_stack`` as commands that change the Article's staged edits."""

    value_edited = Signal(str, object)
    """A field's value was staged on the article (after an edit, an undo or a redo): key, value."""

    open_link_requested = Signal(str, str)
    """The open button next to a link field was pressed: key, url."""

    preview_cover_requested = Signal(str)
    """The cover thumbnail (or the open button of enclosure/qrcode) asks for the preview: key."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataForm")

    def set_article(self, article: Article | None) -> None:
        """Show ``article`` (None clears the form); builds one editor per front matter key."""

    def set_problems(self, problems: list[Problem]) -> None:
        """Show validation problems next to their fields (Problem.key)."""

    def refresh(self) -> None:
        """Re-read every editor's value from the article (after revert or reload)."""

    def set_cover_thumbnail(self, image: object | None, message: str = "") -> None:
        """Show a QImage thumbnail of the cover (None with a message when it could not load)."""
