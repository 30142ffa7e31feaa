"""Adding a field to the form: the key box that offers this desk's keys first, and the kind of editor
a new key gets (the kind its values usually have on the desk)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from editor.core import vocabulary as vocab
from editor.ui.common.icons import font_icon
from editor.ui.form.field_editors import mute_text
from editor.ui.form.field_kinds import KNOWN_KINDS, FieldKind

_BY_VOCABULARY = {
    vocab.TEXT: FieldKind.TEXT,
    vocab.DATE: FieldKind.DATE,
    vocab.DATETIME: FieldKind.DATETIME,
    vocab.BOOL: FieldKind.BOOL,
    vocab.INT: FieldKind.INT,
    vocab.FLOAT: FieldKind.FLOAT,
    vocab.LIST: FieldKind.LIST,
}
_TO_VOCABULARY = {kind: name for name, kind in _BY_VOCABULARY.items()}
_TO_VOCABULARY.update({FieldKind.LINK: vocab.TEXT, FieldKind.MULTILINE: vocab.TEXT})
# Keys whose meaning Hugo fixes, for a desk that does not use them yet.
_HUGO_KINDS = {
    "date": FieldKind.DATETIME,
    "publishdate": FieldKind.DATETIME,
    "expirydate": FieldKind.DATETIME,
    "lastmod": FieldKind.DATETIME,
    "tags": FieldKind.LIST,
    "categories": FieldKind.LIST,
    "keywords": FieldKind.LIST,
    "aliases": FieldKind.LIST,
    "weight": FieldKind.INT,
    "headless": FieldKind.BOOL,
}


def kind_for_new_key(key: str, usual: str | None) -> FieldKind:
    """The editor for a key being added: the desk's usual kind for it, else what the key means."""
    lowered = key.lower()
    known = KNOWN_KINDS.get(lowered) or _HUGO_KINDS.get(lowered)
    if usual in _BY_VOCABULARY:
        by_desk = _BY_VOCABULARY[usual]
        # A text key the form knows better (a link, a summary) keeps its own editor.
        return known if known is not None and by_desk is FieldKind.TEXT else by_desk
    return known or FieldKind.TEXT


def start_value(kind: FieldKind) -> Any:
    """The value a new field starts with (None: it starts empty and is staged once typed in)."""
    return vocab.default_value(_TO_VOCABULARY.get(kind))


class AddFieldBar(QWidget):
    """An editable key box (the desk's keys, most used first) and an Add button."""

    add_requested = Signal(str)
    """The person asked to add a field: its key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addFieldBar")
        self._offers: Callable[[], list[tuple[str, int, int]]] = list
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        outer.setSpacing(3)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.keys = _KeyBox(self)
        self.keys.setObjectName("addFieldKey")
        self.keys.setEditable(True)
        self.keys.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.keys.lineEdit().setPlaceholderText(self.tr("Add a field…"))
        self.keys.setAccessibleName(self.tr("Key of the field to add"))
        self.keys.setMinimumContentsLength(8)  # never the widest thing in the form
        self.keys.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.keys.about_to_pop_up.connect(self._fill)
        self.keys.lineEdit().returnPressed.connect(self._add)
        self.keys.activated.connect(lambda _index: self._add())
        self.button = QToolButton(self)
        self.button.setObjectName("addFieldButton")
        self.button.setIcon(
            font_icon("mdi6.plus", color=self.palette().color(QPalette.ColorRole.ButtonText))
        )
        self.button.setText(self.tr("Add"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setToolTip(self.tr("Add this field to the article"))
        self.button.clicked.connect(self._add)
        row.addWidget(self.keys, 1)
        row.addWidget(self.button)
        outer.addLayout(row)
        self.note = QLabel(self)
        self.note.setObjectName("addFieldNote")
        self.note.setWordWrap(True)
        mute_text(self.note, self.palette())
        self.note.hide()
        outer.addWidget(self.note)

    def focus_chain(self) -> list[QWidget]:
        return [self.keys, self.button]

    def set_offers(self, offers: Callable[[], list[tuple[str, int, int]]]) -> None:
        """``offers()`` gives (key, files using it, files on the desk), most used first."""
        self._offers = offers

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def offered(self) -> list[str]:
        self._fill()
        return [self.keys.itemText(index) for index in range(self.keys.count())]

    def _fill(self) -> None:
        typed = self.keys.currentText()
        self.keys.blockSignals(True)
        try:
            self.keys.clear()
            for key, count, files in self._offers():
                self.keys.addItem(key)
                self.keys.setItemData(
                    self.keys.count() - 1,
                    self.tr("Used in {0} of {1} articles").format(count, files),
                    Qt.ItemDataRole.ToolTipRole,
                )
            self.keys.setCurrentIndex(-1)
            self.keys.setEditText(typed)
        finally:
            self.keys.blockSignals(False)

    def _add(self) -> None:
        key = self.keys.currentText().strip()
        if key:
            self.add_requested.emit(key)
            self.keys.setEditText("")


class _KeyBox(QComboBox):
    about_to_pop_up = Signal()
    """The list is about to open: fill it with the desk's keys as they are now."""

    def showPopup(self) -> None:
        self.about_to_pop_up.emit()
        super().showPopup()
