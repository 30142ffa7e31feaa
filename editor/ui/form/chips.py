"""Lists of strings (tags, categories) as chips, completed from the values the desk already uses.

A chip is one item with a remove button; the line edit after the chips adds one on Enter or a comma
(an item may hold a comma when picked from the completion), and Backspace in the empty line takes the
last chip back into the line for correcting. The chips wrap onto new lines instead of widening the
form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from editor.ui.form.field_editors import FieldEditor


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when the width runs out (Qt's flow example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                width = min(hint.width(), area.width())
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class _ChipLine(QLineEdit):
    """The line after the chips: Backspace at its start takes the last chip back."""

    def __init__(self, editor: ChipsEditor) -> None:
        super().__init__()
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text() and self._editor.items:
            self._editor.take_last()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            popup = self.completer().popup() if self.completer() else None
            if popup is None or not popup.isVisible():
                self._editor.commit_text()
                return
        super().keyPressEvent(event)


class ChipsEditor(FieldEditor):
    """A list of strings as removable chips plus a line to add more."""

    merges_typing = False  # each chip added or removed is one undo step

    def __init__(
        self,
        key: str,
        completions: Callable[[], list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, parent)
        self.items: list[str] = []
        self._completions = completions
        self._chips: list[QToolButton] = []
        self.box = QWidget()
        self.box.setObjectName(f"chips_{key}")
        self.flow = FlowLayout(self.box)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.box.setSizePolicy(policy)
        self.line = _ChipLine(self)
        self.line.setPlaceholderText(self.tr("Add…"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("M") * 8)
        self.line.setFrame(False)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._completion_chosen)
        self.line.setCompleter(completer)
        self.line.textEdited.connect(self._typed)
        self.flow.addWidget(self.line)
        self._install(self.line, self.box)

    # --- FieldEditor ---------------------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        items = [str(item) for item in (value or [])]
        if items != self.items:
            self.items = items
            self._rebuild_chips()

    def focus_chain(self) -> list[QWidget]:
        # The chips come and go; Backspace in the line reaches them from the keyboard.
        return [self.line]

    def set_accessible_name(self, name: str) -> None:
        self.line.setAccessibleName(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.FocusIn:
            self.refresh_completions()
        return super().eventFilter(watched, event)

    # --- editing -------------------------------------------------------------------------------------

    def refresh_completions(self) -> None:
        """Offer the desk's values (those already on this article left out)."""
        if self._completions is None:
            return
        have = {item.casefold() for item in self.items}
        self._model.setStringList(
            [item for item in self._completions() if item.casefold() not in have]
        )

    def add(self, text: str) -> bool:
        item = text.strip()
        if not item or item in self.items:
            return False
        self.items = [*self.items, item]
        self._rebuild_chips()
        self.edited.emit(list(self.items))
        return True

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.items = self.items[:index] + self.items[index + 1 :]
            self._rebuild_chips()
            self.edited.emit(list(self.items))
            self.line.setFocus()

    def take_last(self) -> None:
        """Backspace in the empty line: the last chip goes back into the line, to be corrected."""
        last = self.items[-1]
        self.remove(len(self.items) - 1)
        self.line.setText(last)

    def commit_text(self) -> None:
        if self.add(self.line.text()):
            self.line.clear()
            self.refresh_completions()

    def _typed(self, text: str) -> None:
        if "," in text:  # a typed comma ends an item
            *done, rest = text.split(",")
            for part in done:
                self.add(part)
            self.line.setText(rest.lstrip())
            self.refresh_completions()

    def _completion_chosen(self, text: str) -> None:
        self.add(text)
        # QCompleter writes the choice into the line after this slot; clear it once it has.
        QTimer.singleShot(0, self.line.clear)
        self.refresh_completions()

    def _rebuild_chips(self) -> None:
        for chip in self._chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for index, item in enumerate(self.items):
            chip = QToolButton()
            chip.setObjectName(f"chip_{self.key}_{index}")
            chip.setText(f"{item}  ×")
            chip.setToolTip(self.tr("Remove “{0}”").format(item))
            chip.setAccessibleName(self.tr("{0}, remove").format(item))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _checked=False, n=index: self.remove(n))
            self.flow.insertWidget(index, chip)
            chip.show()
            self._chips.append(chip)
        self.box.updateGeometry()
