"""File › Recent Folders: the folders opened before, newest first, filled each time it opens."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from editor.ui.common.settings import Settings


class RecentFoldersMenu(QMenu):
    """The recent folders kept in the settings; picking one asks the window to open it."""

    folder_chosen = Signal(object)
    """A recent folder was picked: its path."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("menuRecentFolders")
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        self.clear()
        folders = self.settings.recent_folders()
        for folder in folders:
            action = self.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self.folder_chosen.emit(f))
        if not folders:
            self.addAction(self.tr("No recent folders")).setEnabled(False)
        else:
            self.addSeparator()
            self.addAction(self.tr("Clear List"), self.settings.clear_recent_folders)
