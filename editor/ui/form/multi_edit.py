"""The form for several selected articles: the fields they share, mixed values shown as such.

Only the fields the editor sets are written, to every selected file, by one Save (the window runs it
through the document service and reports one result per file). Nothing is staged on the articles
themselves: until Save, the edits live in this form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import Article
from editor.core.values import coerce_like
from editor.ui.common.wording import counted
from editor.ui.form.chips import ChipsEditor
from editor.ui.form.date_editor import DateTimeEditor
from editor.ui.form.field_editors import (
    BoolEditor,
    FieldEditor,
    MultiLineEditor,
    NumberEditor,
    TextEditor,
    mute_text,
)
from editor.ui.form.field_kinds import FieldKind, kind_for

if TYPE_CHECKING:  # what several articles share is worked out when several are first selected
    from editor.core.multi import SharedField

MAX_ARTICLES = 200  # read on the GUI thread; more than this at once is a bulk action, not a form


class MultiEditForm(QWidget):
    """Edits the shared fields of many articles; ``save_requested`` carries what to write."""

    save_requested = Signal(object, object)
    """Save was pressed: the relative paths, and the {key: value} the editor set."""

    changed = Signal()
    """The set edits changed (the window re-evaluates Save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiEditForm")
        self.paths: list[str] = []
        self.edits: dict[str, Any] = {}
        self._fields: dict[str, SharedField] = {}
        self._editors: dict[str, FieldEditor] = {}
        self._labels: dict[str, QLabel] = {}
        self._list_items: Any = lambda _key: []
        self._label_of: Any = str

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 12)
        outer.setSpacing(8)
        self.header = QLabel()
        self.header.setObjectName("multiEditHeader")
        self.header.setWordWrap(True)
        font = QFont(self.header.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.header.setFont(font)
        outer.addWidget(self.header)
        self.note = QLabel()
        self.note.setObjectName("multiEditNote")
        self.note.setWordWrap(True)
        mute_text(self.note, self.palette())
        outer.addWidget(self.note)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self._scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("multiDiscard")
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton()
        self.save_button.setObjectName("multiSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self._update_buttons()

    # --- public API ----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self.edits)

    def set_list_items(self, source: Any) -> None:
        """``source(key)``: the desk's values for a list key (chips completion)."""
        self._list_items = source

    def set_label_source(self, source: Any) -> None:
        """``source(key)``: the label the single-article form gives a key."""
        self._label_of = source

    def show_articles(self, articles: list[Article], skipped: int = 0, held: int = 0) -> None:
        """Show the shared fields of ``articles`` (their current values, unsaved edits included)."""
        from editor.core.multi import shared_fields  # with the first articles shown together

        self.paths = [article.relpath for article in articles]
        self.edits = {}
        self._fields = {
            field.key: field
            for field in shared_fields([article.current_metadata() for article in articles])
        }
        self.header.setText(self.tr("Editing {0} articles").format(len(articles)))
        notes = [self.tr("Fields all of them have; a change is written to every one.")]
        if skipped:
            notes.append(
                counted(
                    skipped,
                    self.tr("1 selected file cannot be read and is left out."),
                    self.tr("{0} selected files cannot be read and are left out."),
                )
            )
        if held:
            notes.append(
                counted(
                    held,
                    self.tr(
                        "1 of them has unsaved edits of its own: Save leaves it out "
                        "(save or revert it first)."
                    ),
                    self.tr(
                        "{0} of them have unsaved edits of their own: Save leaves them out "
                        "(save or revert them first)."
                    ),
                )
            )
        self.note.setText(" ".join(notes))
        self._build()
        self._update_buttons()

    def editor(self, key: str) -> FieldEditor | None:
        return self._editors.get(key)

    def is_mixed(self, key: str) -> bool:
        field = self._fields.get(key)
        return field is not None and field.mixed and key not in self.edits

    def save(self) -> None:
        if self.edits and self.paths:
            self.save_requested.emit(list(self.paths), dict(self.edits))

    def discard(self) -> None:
        self.edits = {}
        self._build()
        self._update_buttons()

    # --- building ------------------------------------------------------------------------------------

    def _build(self) -> None:
        content = QWidget()
        form = QFormLayout(content)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: labels go above
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._editors, self._labels = {}, {}
        for key, field in self._fields.items():
            editor = self._make_editor(key, field)
            if editor is None:
                continue
            label = QLabel()
            label.setObjectName(f"multi_label_{key}")
            label.setBuddy(editor.input)
            self._labels[key] = label
            self._editors[key] = editor
            self._set_label(key)
            form.addRow(label, editor)
        if not self._editors:
            empty = QLabel(self.tr("These articles share no field that can be edited together."))
            empty.setWordWrap(True)
            form.addRow(empty)
        self._scroll.setWidget(content)

    def _make_editor(self, key: str, field: SharedField) -> FieldEditor | None:
        kind = kind_for(key, field.value)
        mixed_text = self.tr("Mixed: type to set all")
        editor: FieldEditor
        if kind in (FieldKind.TEXT, FieldKind.LINK):
            editor = TextEditor(key)
            editor.line.setMinimumWidth(editor.fontMetrics().horizontalAdvance("M") * 8)
            editor.line.setPlaceholderText(mixed_text if field.mixed else "")
        elif kind is FieldKind.MULTILINE:
            editor = MultiLineEditor(key, lines=2, max_lines=6)
            editor.text.setPlaceholderText(mixed_text if field.mixed else "")
        elif kind is FieldKind.BOOL:
            editor = BoolEditor(key)
            if field.mixed:
                editor.box.setTristate(True)
                editor.box.setCheckState(Qt.CheckState.PartiallyChecked)
                # Once clicked it is on or off for all: no way back to "mixed" but Discard.
                editor.box.clicked.connect(lambda _checked, e=editor: e.box.setTristate(False))
        elif kind in (FieldKind.INT, FieldKind.FLOAT):
            editor = NumberEditor(key, is_float=kind is FieldKind.FLOAT)
            editor.line.setPlaceholderText(mixed_text if field.mixed else "")
        elif kind in (FieldKind.DATE, FieldKind.DATETIME):
            editor = DateTimeEditor(key, date_only=kind is FieldKind.DATE)
            if field.mixed:
                editor.set_mixed(mixed_text, field.value)  # never one article's date as all's
        elif kind is FieldKind.LIST:
            editor = ChipsEditor(key, lambda k=key: self._list_items(k))
            editor.line.setPlaceholderText(mixed_text if field.mixed else self.tr("Add…"))
        else:
            return None  # nested values are edited one file at a time
        if not field.mixed:
            editor.set_value(field.value)
        editor.input.setObjectName(f"multi_field_{key}")  # the single form has field_<key>
        editor.set_accessible_name(key)
        editor.edited.connect(lambda value, k=key: self._edited(k, value))
        return editor

    def _set_label(self, key: str) -> None:
        label = self._labels[key]
        name = self._label_of(key)
        label.setToolTip(key)
        if key in self.edits:
            label.setText(self.tr("{0} (changed)").format(name))
        elif self.is_mixed(key):
            label.setText(self.tr("{0} (mixed)").format(name))
        else:
            label.setText(name)

    def _edited(self, key: str, value: Any) -> None:
        field = self._fields[key]
        try:
            value = coerce_like(field.value, value)
        except (TypeError, ValueError):
            return
        if not field.mixed and value == field.value:
            self.edits.pop(key, None)
        else:
            self.edits[key] = value
        self._set_label(key)
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self.paths)
        self.save_button.setText(
            self.tr("Save to {0} Articles").format(count) if count != 1 else self.tr("Save")
        )
        self.save_button.setEnabled(bool(self.edits))
        self.discard_button.setEnabled(bool(self.edits))
        self.changed.emit()
