"""The History panel: the commits that touched the open article, what each changed field by field and
in the body, and Restore this version (staged as an unsaved edit, reviewed and saved like any other).

The history is read on a worker (two git processes whatever its length); the panel only shows data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.names import shown_path
from editor.ui.common.wording import counted

if TYPE_CHECKING:  # the history's wording (and difflib) load with the first history shown
    from editor.core.git_history import Version
    from editor.core.history_text import Wording


class HistoryEntry(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """One commit of the panel, with what it changed worked out (on the worker)."""

    version: Version
    heading: str
    details: str


def panel_wording() -> Wording:
    """The history's words in the user's language (the sentences and their order are core's)."""
    from editor.core.history_text import Wording

    return Wording(
        merge=QCoreApplication.translate(
            "HistoryPanel", "merge: what it brought in, against its first parent"
        ),
        renamed=QCoreApplication.translate("HistoryPanel", "renamed from {0}"),
        created=QCoreApplication.translate("HistoryPanel", "created in this commit"),
        deleted=QCoreApplication.translate("HistoryPanel", "deleted in this commit"),
        unreadable=QCoreApplication.translate(
            "HistoryPanel", "front matter not readable here: {0}"
        ),
        unchanged=QCoreApplication.translate(
            "HistoryPanel", "no change to the front matter or the body"
        ),
        added=QCoreApplication.translate("HistoryPanel", "{0}: (new) {1}"),
        removed=QCoreApplication.translate("HistoryPanel", "{0}: removed (was {1})"),
        key_renamed=QCoreApplication.translate("HistoryPanel", "{0}: key renamed from {1}"),
        changed=QCoreApplication.translate("HistoryPanel", "{0}: {1} → {2}"),
        body_one=QCoreApplication.translate("HistoryPanel", "body: 1 line changed"),
        body_many=QCoreApplication.translate("HistoryPanel", "body: {0} lines changed"),
    )


def entries_of(versions: list[Version]) -> list[HistoryEntry]:
    """Headings and field-by-field details for each version (newest first), each against its own
    commit's first parent (after a merge, the next entry is not the parent): the lines
    ``copydesk log`` prints (editor.core.history_text), then the body's diff itself."""
    from editor.core.history_text import story_lines, story_of, when_text

    words = panel_wording()
    entries = []
    for version in versions:
        change = version.change
        when = when_text(change)
        heading = f"{change.subject}\n{change.author}, {when}"
        story = story_of(version)
        lines = [f"{change.commit}  {change.author} <{change.email}>  {when}", change.subject, ""]
        lines.extend(story_lines(story, words))
        if story.body_diff:
            lines.extend(["", story.body_diff])
        entries.append(HistoryEntry(version, heading, "\n".join(lines)))
    return entries


class _FitWidth(QStyledItemDelegate):
    """Each entry as wide as the list, so that a long subject ends in "…" (the whole heading is its
    tooltip): as wide as its text, it was cut off at the edge, behind a horizontal scroll bar."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), self._view.viewport().width()), size.height())


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
        self.view.setItemDelegate(_FitWidth(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)  # two lines an entry: where one ends
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
            item.setToolTip(f"{entry.heading}\n{entry.version.change.commit}")
            self.model.appendRow(item)
        name = shown_path(path)
        self.note.setText(
            counted(len(entries), self.tr("{1}: 1 commit"), self.tr("{1}: {0} commits"), name)
            if entries
            else self.tr("{0} has no commits yet").format(name)
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
