"""Typed editors for single front matter values, used by the metadata form.

Each editor is a small widget around one input (named ``field_<key>`` for tests and accessibility). It
shows a value with ``set_value`` without reporting it, and reports what the person typed with
``edited``, already as the Python type ``Article.set_value`` expects (a datetime for a date, an int for
an id), so the file keeps its own types and shapes. Values an editor cannot represent faithfully are
shown read-only instead, so nothing can be damaged from here. The date editor is in
:mod:`editor.ui.form.date_editor`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.frontmatter import Format
from editor.ui.common.icons import font_icon
from editor.ui.form.field_kinds import INT64_MAX, INT64_MIN, nested_text


def warning_color(palette: QPalette) -> QColor:
    """An amber that reads on both light and dark window colours."""
    return (
        QColor("#f0b429")
        if palette.color(QPalette.ColorRole.Window).lightness() < 128
        else QColor("#9a5b00")
    )


def error_color(palette: QPalette) -> QColor:
    return (
        QColor("#ff8a80")
        if palette.color(QPalette.ColorRole.Window).lightness() < 128
        else QColor("#b3261e")
    )


def muted_color(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def mute_text(widget: QWidget, palette: QPalette) -> None:
    """Show ``widget``'s text (a hint, a note, a header) in ``palette``'s muted colour: the one
    look of the form's secondary text."""
    own = widget.palette()
    own.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
    widget.setPalette(own)


class FieldEditor(QWidget):
    """One value's editor; subclasses build ``self.input`` and implement ``set_value``/``current``."""

    edited = Signal(object)
    """The person changed the value: the new value, typed for Article.set_value."""

    merges_typing = True  # consecutive edits in one focus session form one undo step

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.edit_session = 0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def _install(self, widget: QWidget, row: QWidget | None = None) -> None:
        self.input = widget
        widget.setObjectName(f"field_{self.key}")
        widget.installEventFilter(self)
        self._layout.addWidget(row or widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.input:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self.edit_session += 1
        elif event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        ):
            # Line edits, text edits and spin boxes claim Undo/Redo for their own text history,
            # which knows nothing of the form's steps or of an action's write (and whose undo
            # came back as a new edit). Ignoring the override lets the window's Undo/Redo take
            # the keys; the key press that follows when there is nothing to undo is dropped.
            if event.type() == QEvent.Type.ShortcutOverride:
                event.ignore()
            else:
                event.accept()  # an ignored key press would travel on to the parents
            return True
        return False

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``edited``."""
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in order."""
        return [self.input]

    def set_accessible_name(self, name: str) -> None:
        self.input.setAccessibleName(name)


class TextEditor(FieldEditor):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(False)
        self.line.textEdited.connect(self.edited.emit)
        self._build()

    def _build(self) -> None:
        self._install(self.line)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)


class LinkEditor(TextEditor):
    """A URL with a button that opens it (or previews it, for images)."""

    open_requested = Signal()
    """The open button was pressed."""

    def __init__(self, key: str, icon_name: str, tip: str, parent: QWidget | None = None) -> None:
        self._icon_name, self._tip = icon_name, tip
        super().__init__(key, parent)
        self.line.textChanged.connect(lambda text: self.button.setEnabled(bool(text.strip())))

    def _build(self) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.button = QToolButton()
        self.button.setObjectName(f"open_{self.key}")
        self.button.setIcon(
            font_icon(self._icon_name, color=self.palette().color(QPalette.ColorRole.ButtonText))
        )
        self.button.setToolTip(self._tip)
        self.button.setAccessibleName(self._tip)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setEnabled(False)
        self.button.clicked.connect(self.open_requested.emit)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self._install(self.line, row)

    def focus_chain(self) -> list[QWidget]:
        return [self.line, self.button]


class MultiLineEditor(FieldEditor):
    """Wrapped text that grows with its content (``lines`` to ``max_lines`` high), with a live count
    against a length limit when there is one."""

    def __init__(
        self,
        key: str,
        lines: int = 3,
        limit: int | None = None,
        parent: QWidget | None = None,
        *,
        max_lines: int = 8,
    ) -> None:
        super().__init__(key, parent)
        self.limit = limit
        self._filling = False
        # The final line break of a block scalar ("summary: >") is the syntax's: hidden in the editor
        # (where typing after it went unseen onto a new line) and given back to the value.
        self._ending = ""
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        spacing = self.text.fontMetrics().lineSpacing()
        self._min_height, self._max_height = spacing * lines, spacing * max_lines
        # Measured once the layout has settled: during documentSizeChanged the block is not laid out yet.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_height)
        self.text.document().documentLayout().documentSizeChanged.connect(self._fit_timer.start)
        self._fit_height()
        self.text.textChanged.connect(self._changed)
        self._install(self.text)
        self.count = QLabel()
        self.count.setObjectName(f"count_{key}")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = self.count.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.count.setFont(font)
        # Into the layout before setVisible: a parentless label would become a window of its own.
        self._layout.addWidget(self.count)
        self.count.setVisible(limit is not None)
        self._update_count()

    def _fit_height(self, *_args: object) -> None:
        # Pixel height of the wrapped text (CJK lines are taller than the font's own line spacing).
        content, block = 0.0, self.text.document().firstBlock()
        while block.isValid():
            content += self.text.blockBoundingRect(block).height()
            block = block.next()
        frame = self.text.frameWidth() * 2 + 2 * self.text.document().documentMargin()
        height = round(min(max(content, self._min_height), self._max_height) + frame + 2)
        if height != self.text.height() or self.text.minimumHeight() != height:
            self.text.setFixedHeight(height)
            self._grow_rows_above()

    def _grow_rows_above(self) -> None:
        """Lay out every level up to the form again, bottom up, so the row takes this editor's new
        height. The form's rows are sized from their hints, and only posting the change
        (updateGeometry) now and then (often under load) left the fields' QFormLayout at the old
        row height, with the count label drawn over the text and nothing asking again."""
        widget: QWidget | None = self
        while widget is not None and widget.objectName() != "metadataForm":
            widget.updateGeometry()
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()
            widget = widget.parentWidget()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # The count label's text (or visibility) also changes the hint, after the last fit.
        if event.type() == QEvent.Type.LayoutRequest and self.sizeHint().height() > self.height():
            self._grow_rows_above()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _changed(self) -> None:
        self._update_count()
        if not self._filling:
            text = self.text.toPlainText()
            self.edited.emit(text + self._ending if text else text)

    def _update_count(self) -> None:
        if self.limit is None:
            return
        length = len(self.text.toPlainText())
        self.count.setText(self.tr("{0} / {1}").format(length, self.limit))
        palette = self.count.palette()
        color = (
            warning_color(self.palette()) if length > self.limit else muted_color(self.palette())
        )
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.count.setPalette(palette)
        over = self.tr("over the limit of {0} characters").format(self.limit)
        self.count.setToolTip(over if length > self.limit else "")

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._ending = "\n" if text.endswith("\n") else ""
        text = text.removesuffix("\n")
        if self.text.toPlainText() == text:
            return
        self._filling = True
        try:
            self.text.setPlainText(text)
        finally:
            self._filling = False


class BoolEditor(FieldEditor):
    merges_typing = False

    def __init__(self, key: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.box = QCheckBox(text)
        self.box.toggled.connect(self.edited.emit)
        self._install(self.box)

    def set_value(self, value: Any) -> None:
        blocked = self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(blocked)


class NumberEditor(FieldEditor):
    """An integer or a float typed as text: no spin box, whose 32-bit range would clip large ids."""

    def __init__(self, key: str, is_float: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.is_float = is_float
        self._shown: Any = None
        # The value from before this visit to the field (set_value, never typing): what an unfinished
        # entry falls back to, so clearing "304095" digit by digit never leaves "3" staged.
        self._settled: Any = None
        self.line = QLineEdit()
        pattern = r"[+-]?(\d[\d_]*)?(\.\d*)?([eE][+-]?\d*)?" if is_float else r"[+-]?\d*"
        # QRegularExpression (~1 ms) is made with the first number field, not before the first paint
        from PySide6.QtCore import QRegularExpression
        from PySide6.QtGui import QRegularExpressionValidator

        self.line.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self.line))
        self.line.textEdited.connect(self._changed)
        self.line.editingFinished.connect(self._settle)
        self.line.installEventFilter(self)
        self._install(self.line)

    def parse(self, text: str) -> int | float | None:
        try:
            number: int | float = float(text) if self.is_float else int(text)
        except ValueError:
            return None
        if isinstance(number, int) and not INT64_MIN <= number <= INT64_MAX:
            return None
        return number

    def _changed(self, text: str) -> None:
        number = self.parse(text)
        self._mark_invalid(number is None)
        if number is not None:
            self._shown = number
            self.edited.emit(number)

    def _mark_invalid(self, invalid: bool) -> None:
        palette = self.line.palette()
        color = (
            error_color(self.palette())
            if invalid
            else self.palette().color(QPalette.ColorRole.Text)
        )
        palette.setColor(QPalette.ColorRole.Text, color)
        self.line.setPalette(palette)
        tip = self.tr("Enter a whole number") if not self.is_float else self.tr("Enter a number")
        self.line.setToolTip(tip if invalid else "")

    def _settle(self) -> None:
        # An unfinished number ("", "-") is never staged; leaving it puts back (and stages) the value
        # from before this visit, not the last prefix that happened to parse.
        number = self.parse(self.line.text())
        if number is None:
            typed = self._shown
            self.set_value(self._settled)
            if typed != self._settled:
                self.edited.emit(self._settled)
        else:
            self._settled = number

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.FocusOut:
            self._settle()
        return super().eventFilter(watched, event)

    def set_value(self, value: Any) -> None:
        self._shown = self._settled = value
        text = "" if value is None else repr(value) if self.is_float else str(value)
        if self.parse(self.line.text()) != value or self.line.text() == "":
            self.line.setText(text)
        self._mark_invalid(False)


class ReadOnlyEditor(FieldEditor):
    """Nested tables and unusual values: shown in the file's syntax, never edited here."""

    merges_typing = False

    def __init__(self, key: str, fmt: Format, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.fmt = fmt
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        self.text.setFont(font)
        self._install(self.text)
        hint = QLabel(self.tr("Read-only here; edit nested values in a text editor."))
        hint.setObjectName(f"readonly_hint_{key}")
        # Wrapped: on one line it held the form 400 px wide, and at 1000 px the body beside it
        # was left a word a line (etcd's home page, with its "features" list).
        hint.setWordWrap(True)
        hint_font = hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        hint.setFont(hint_font)
        mute_text(hint, self.palette())
        self._layout.addWidget(hint)

    def set_value(self, value: Any) -> None:
        text = nested_text(value, self.fmt, self.key)
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)
        lines = min(max(text.count("\n") + 1, 1), 10)
        margins = self.text.contentsMargins()
        height = (
            self.text.fontMetrics().lineSpacing() * lines
            + 2 * self.text.document().documentMargin()
            + margins.top()
            + margins.bottom()
            + 4
        )
        scrollbar = (
            self.text.horizontalScrollBar().sizeHint().height()
            if max(map(len, text.splitlines() or [""])) > 60
            else 0
        )
        self.text.setFixedHeight(round(height + scrollbar))
