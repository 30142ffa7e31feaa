"""The widgets of one metadata form row, built into the form's layout: the label, the field's
editor with its remove button, the problems under it (and the cover thumbnail, in the cover's
row); and the one read-only row that shows the keys beyond the form's editor limit.

:class:`~editor.ui.form.metadata_form.MetadataForm` decides which rows there are, fills and keeps
them; this module only builds them, so that the form's module holds what the form does. Its
strings keep the form's translation context ("MetadataForm"), where they were first written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui.common.icons import font_icon
from editor.ui.form.field_editors import FieldEditor, mute_text, muted_color
from editor.ui.form.form_parts import ProblemList

EXTRA_LINES = 12  # the height of the read-only text of the keys beyond the limit, in lines


class FormRow:
    """One form row: the label, the field's editor and the problems under it."""

    def __init__(
        self,
        key: str,
        label: QLabel,
        editor: FieldEditor,
        container: QWidget,
        problems: ProblemList,
    ) -> None:
        self.key, self.label, self.editor, self.container, self.problems = (
            key,
            label,
            editor,
            container,
            problems,
        )


def new_fields() -> tuple[QWidget, QFormLayout]:
    """An empty widget for the rows, and its form layout."""
    fields = QWidget()
    fields.setObjectName("formFields")
    form = QFormLayout(fields)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(10)
    form.setHorizontalSpacing(12)
    return fields, form


def add_row(
    form: QFormLayout,
    key: str,
    label_text: str,
    editor: FieldEditor,
    remove: Callable[[str], None],
    palette: QPalette,
    thumbnail: QWidget | None = None,
) -> FormRow:
    """Add ``key``'s row to ``form``: ``editor`` under the label ``label_text``, a button that
    calls ``remove(key)`` (muted in ``palette``'s colours) and, in the cover's row, ``thumbnail``."""
    label = QLabel(label_text)
    label.setToolTip(key)
    label.setBuddy(editor.input)
    label.setObjectName(f"label_{key}")
    editor.set_accessible_name(label.text())
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(4)
    line.addWidget(editor, 1)
    line.addWidget(remove_button(key, label.text(), remove, palette), 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(line)
    if thumbnail is not None:
        layout.addWidget(thumbnail)
    problems = ProblemList()
    problems.setObjectName(f"problems_{key}")
    layout.addWidget(problems)
    form.addRow(label, container)
    return FormRow(key, label, editor, container, problems)


def remove_button(
    key: str, label: str, remove: Callable[[str], None], palette: QPalette
) -> QToolButton:
    """The button beside a field that removes ``key`` (its tip names the field's ``label``)."""
    button = QToolButton()
    button.setObjectName(f"remove_{key}")
    button.setIcon(font_icon("mdi6.close", color=muted_color(palette)))
    button.setAutoRaise(True)
    tip = QCoreApplication.translate("MetadataForm", "Remove {0} from this article").format(label)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes field to field
    button.clicked.connect(lambda _checked=False, k=key: remove(k))
    return button


def add_extra_row(
    form: QFormLayout, count: int, palette: QPalette, line_spacing: int
) -> QPlainTextEdit:
    """The ``count`` keys beyond the limit, in the file's syntax, as one read-only text (the form
    fills it); ``line_spacing``: the form's, for the text's height."""
    label = QLabel(QCoreApplication.translate("MetadataForm", "{0} more keys").format(count))
    label.setObjectName("label_more_keys")
    extra = QPlainTextEdit()
    extra.setObjectName("moreKeys")
    extra.setReadOnly(True)
    extra.setTabChangesFocus(True)
    extra.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    extra.setAccessibleName(label.text())
    extra.setMinimumHeight(line_spacing * EXTRA_LINES)
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    extra.setFont(font)
    label.setBuddy(extra)
    hint = QLabel(
        QCoreApplication.translate(
            "MetadataForm",
            "Too many keys to edit one by one here: read-only; edit them in a text editor.",
        )
    )
    hint.setWordWrap(True)
    mute_text(hint, palette)
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(extra)
    layout.addWidget(hint)
    form.addRow(label, container)
    return extra
