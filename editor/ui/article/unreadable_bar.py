"""The bar over an unreadable file: it cannot be fixed here, so offer where it can be.

Copydesk never writes a file it cannot read. The Source tab shows the file's text with the error's line
highlighted; this bar names the problem and opens the file in the system's text editor, or its folder
in the file manager, through :func:`open_local` (the one way this app hands a local file to the
desktop).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from editor.core.names import shown_path
from editor.ui.common import dialogs, links


def open_local(path: Path, parent: QWidget | None = None) -> bool:
    """Open a local file or folder with the desktop's default application; say so when none can."""
    if links.launch(QUrl.fromLocalFile(str(path))):
        return True
    dialogs.report_error(
        parent,
        QCoreApplication.translate("UnreadableBar", "Could not open"),
        QCoreApplication.translate("UnreadableBar", "No application could open {0}.").format(
            shown_path(str(path))
        ),
    )
    return False


class UnreadableBar(QFrame):
    """Names why the selected file cannot be opened and offers to open it elsewhere."""

    opened = Signal(object)
    """The file or its folder was handed to the desktop: that path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unreadableBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path: Path | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open in Text Editor"), self)
        self.open_button.setObjectName("openInEditor")
        self.folder_button = QPushButton(self.tr("Show in Folder"), self)
        self.folder_button.setObjectName("showInFolder")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.folder_button)
        self.open_button.clicked.connect(lambda: self._open(self.path))
        self.folder_button.clicked.connect(
            lambda: self._open(self.path.parent if self.path else None)
        )
        self.hide()

    def show_for(self, path: Path | None, line: int | None) -> None:
        """Show the bar for the unreadable file at ``path`` (None hides it)."""
        self.path = path
        if path is None:
            self.hide()
            return
        where = (
            self.tr("Line {0} is highlighted in the Source tab.").format(line)
            if line
            else self.tr("Its text is in the Source tab.")
        )
        self.label.setText(
            self.tr("Copydesk cannot read {0} and will not write it. {1}").format(
                shown_path(path.name), where
            )
        )
        self.show()

    def _open(self, path: Path | None) -> None:
        if path is not None and open_local(path, self):
            self.opened.emit(str(path))
