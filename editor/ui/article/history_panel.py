"""The History panel: the commits that touched the open article, what each changed field by field and
in the body, and Restore this version (staged as an unsaved edit, reviewed and saved like any other).

The history is read on a worker (two git processes whatever its length); the panel only shows data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.field_changes import MISSING
from editor.core.frontmatter import FrontMatterError
from editor.core.git_history import Version, version_changes
from editor.core.names import shown_path


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit of the panel, with what it changed worked out (on the worker)."""

    version: Version
    heading: str
    details: str


def _value(value: object) -> str:
    if value is MISSING:
        return QCoreApplication.translate("HistoryPanel", "(none)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return f'"{value}"' if isinstance(value, str) else str(value)


def entries_of(versions: list[Version]) -> list[HistoryEntry]:
    """Headings and field-by-field details for each version (newest first), each against its own
    commit's first parent (after a merge, the next entry is not the parent)."""
    entries = []
    for version in versions:
        change = version.change
        when = dt.datetime.fromtimestamp(change.time, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        heading = f"{change.subject}\n{change.author}, {when}"
        lines = [f"{change.commit}  {change.author} <{change.email}>  {when}", change.subject, ""]
        if version.merge:
            lines.append(
                QCoreApplication.translate(
                    "HistoryPanel", "a merge: what it brought in, against its first parent"
                )
            )
        if version.status == "R" and version.old_git_path:
            lines.append(
                QCoreApplication.translate("HistoryPanel", "renamed from {0}").format(
                    version.old_git_path
                )
            )
        if version.data is None:
            lines.append(QCoreApplication.translate("HistoryPanel", "deleted in this commit"))
        elif version.parent_data is None:
            lines.append(QCoreApplication.translate("HistoryPanel", "created in this commit"))
        else:
            try:
                fields, body_diff = version_changes(version)
            except FrontMatterError as error:
                lines.append(
                    QCoreApplication.translate(
                        "HistoryPanel", "front matter not readable here: {0}"
                    ).format(error)
                )
            else:
                lines.extend(f"{f.key}: {_value(f.old)} → {_value(f.new)}" for f in fields)
                if body_diff:
                    lines.extend(
                        ["", QCoreApplication.translate("HistoryPanel", "body:"), body_diff]
                    )
                elif not fields:
                    lines.append(
                        QCoreApplication.translate(
                            "HistoryPanel", "no change to the front matter or the body"
                        )
                    )
        entries.append(HistoryEntry(version, heading, "\n".join(lines)))
    return entries


class HistoryPanel(QDockWidget):
    """A dock beside the form; filled by the window's git wiring."""

    restore_requested = Signal(bytes)
    """Restore this version: the file's bytes at the chosen commit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("History"), parent)
        self.setObjectName("historyPanel")
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("historyList")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.note = QLabel(self)
        self.note.setObjectName("historyNote")
        self.restore_button = QPushButton(self.tr("Restore This Version"), self)
        self.restore_button.setObjectName("historyRestore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.restore_button)
        self.setWidget(body)
        self.entries: list[HistoryEntry] = []
        self.view.selectionModel().currentChanged.connect(self._current_changed)

    def show_loading(self, path: str) -> None:
        self.model.clear()
        self.entries = []
        self.details.clear()
        self.restore_button.setEnabled(False)
        self.note.setText(self.tr("Reading the history of {0}…").format(shown_path(path)))

    def show_entries(self, path: str, entries: list[HistoryEntry]) -> None:
        self.model.clear()
        self.entries = entries
        for entry in entries:
            item = QStandardItem(entry.heading)
            item.setToolTip(entry.version.change.commit)
            self.model.appendRow(item)
        self.note.setText(
            self.tr("{0}: {1} commits").format(path, len(entries))
            if entries
            else self.tr("{0} has no commits yet").format(shown_path(path))
        )
        if entries:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def show_error(self, text: str) -> None:
        self.model.clear()
        self.entries = []
        self.details.clear()
        self.restore_button.setEnabled(False)
        self.note.setText(text)

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def current_entry(self) -> HistoryEntry | None:
        row = self.view.currentIndex().row()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.current_entry()
        self.details.setPlainText(entry.details if entry else "")
        self.restore_button.setEnabled(entry is not None and entry.version.data is not None)

    def _restore(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.version.data is not None:
            self.restore_requested.emit(entry.version.data)
