"""The body of the open article: rendered (QTextBrowser) and source (QPlainTextEdit) tabs.

(Interface skeleton, being implemented. The main window relies on exactly this API.)
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from editor.core.article import Article


class BodyView(QTabWidget):
    body_edited = Signal(str)
    """The source text was edited by the editor: the whole new body."""

    link_activated = Signal(QUrl)
    """A link in the rendered body was clicked (the window decides whether to open it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s body (current text, including unsaved edits)."""
