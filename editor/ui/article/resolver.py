"""The resolver: settle each field (and body hunk) that both versions changed, one row each.

It is built from three versions of one file as bytes (the common one, mine, theirs) and gives back the
resolved bytes, so the window uses it for an outside change and the git view can use it for a merge
conflict (base/ours/theirs from the index stages) with its own labels. Nothing is written here: the
caller stages the bytes, and Save writes them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.edit_common import REMOVE
from editor.core.field_changes import MISSING
from editor.core.line_merge import Hunk
from editor.core.merge import FieldConflict, MergeError, MergeResult, merge
from editor.core.values import parse_new_value, parse_text_like, same_value

SIDES = ("mine", "theirs", "base")
RESOLVER_WIDTH, RESOLVER_HEIGHT = 980, 620  # px: the most the dialog opens at
RESOLVER_CHROME = 32  # px: the layout's margins and spacing around the intro, rows and buttons


def shown(value: Any) -> str:
    """A value as a person reads and types it: text as is, the rest as JSON (dates in ISO)."""
    if value is MISSING:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def read_typed(text: str, like: Any) -> Any:
    """A value typed in the result box, given the type of ``like``; raises ValueError."""
    if isinstance(like, str) or like is MISSING or like is None:
        return text if isinstance(like, str) else parse_new_value(text)
    if isinstance(like, dict):
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError(
                QCoreApplication.translate(
                    "ResolverDialog", "a table is written as a JSON object, {...}"
                )
            )
        return value
    return parse_text_like(like, text)


@dataclass
class _Row:
    """One conflict's widgets."""

    choice: QComboBox
    result: QPlainTextEdit
    values: dict[str, Any]  # side → value (MISSING where that version lacks it), or text for hunks


class ResolverDialog(QDialog):
    """One row per conflicting field and body hunk: the three versions, a choice, an editable result."""

    def __init__(
        self,
        base: bytes | None,
        mine: bytes,
        theirs: bytes,
        parent: QWidget | None = None,
        *,
        labels: Sequence[str] | None = None,
        result: MergeResult | None = None,
        note: str | None = None,
    ) -> None:
        """``labels`` name (mine, theirs, base); ``note`` replaces the intro (what Use These does:
        a git conflict's result is written and staged at once); raises MergeError when a version
        does not parse."""
        super().__init__(parent)
        self.setObjectName("resolverDialog")
        self.setWindowTitle(self.tr("Resolve Changes"))
        self.result = result if result is not None else merge(base, mine, theirs)
        names = list(labels or (self.tr("Yours"), self.tr("Outside"), self.tr("Common version")))
        self.labels = dict(zip(SIDES, names, strict=True))
        self.resolved: bytes | None = None
        self.field_rows: dict[str, _Row] = {}
        self.hunk_rows: list[_Row] = []
        intro = QLabel(
            note
            or self.tr(
                "Both versions changed these. Pick a version for each, or edit the result. "
                "Nothing is saved until you save the article."
            ),
            self,
        )
        intro.setWordWrap(True)
        rows = QWidget(self)
        rows_layout = QVBoxLayout(rows)
        for conflict in self.result.conflicts:
            rows_layout.addWidget(self._field_row(conflict))
        for number, hunk in enumerate(self.result.body_conflicts, 1):
            rows_layout.addWidget(self._hunk_row(number, hunk))
        rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        self.error = QLabel(self)
        self.error.setObjectName("resolverError")
        self.error.setStyleSheet("color: #cf222e;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use These"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # As tall as the rows need, up to the old fixed size (then they scroll): one conflicting
        # title sat in a 620 px dialog, most of it empty.
        wanted = sum(part.sizeHint().height() for part in (intro, rows, buttons))
        self.resize(RESOLVER_WIDTH, min(RESOLVER_HEIGHT, wanted + RESOLVER_CHROME))

    # --- rows ----------------------------------------------------------------------------------------

    def _field_row(self, conflict: FieldConflict) -> QGroupBox:
        values = {side: getattr(conflict, side) for side in SIDES}
        box = QGroupBox(conflict.key, self)
        box.setObjectName(f"resolveField_{conflict.key}")
        texts = {side: self._side_text(value) for side, value in values.items()}
        row = self._row(box, texts, values)
        self.field_rows[conflict.key] = row
        return box

    def _hunk_row(self, number: int, hunk: Hunk) -> QGroupBox:
        texts = {side: hunk.text(side) for side in SIDES}  # type: ignore[arg-type]
        box = QGroupBox(self.tr("Body, part {0}").format(number), self)
        box.setObjectName(f"resolveBody_{number}")
        row = self._row(box, texts, dict(texts), both=True)
        self.hunk_rows.append(row)
        return box

    def _side_text(self, value: Any) -> str:
        return self.tr("(not in this version)") if value is MISSING else shown(value)

    def _row(
        self, box: QGroupBox, texts: dict[str, str], values: dict[str, Any], *, both: bool = False
    ) -> _Row:
        grid = QGridLayout(box)
        for column, side in enumerate(SIDES):
            grid.addWidget(QLabel(self.labels[side], box), 0, column)
            view = QPlainTextEdit(texts[side], box)
            view.setReadOnly(True)
            view.setObjectName(f"side_{side}")
            view.setMaximumHeight(90)
            grid.addWidget(view, 1, column)
        choice = QComboBox(box)
        choice.setObjectName("choice")
        for side in SIDES:
            choice.addItem(self.tr("Take: {0}").format(self.labels[side]), side)
        if both:
            choice.addItem(self.tr("Take both (yours first)"), "both")
        result = QPlainTextEdit(box)
        result.setObjectName("result")
        result.setMaximumHeight(90)
        grid.addWidget(QLabel(self.tr("Result"), box), 0, 3)
        grid.addWidget(result, 1, 3)
        grid.addWidget(choice, 2, 3)
        row = _Row(choice, result, values)

        def chosen(_index: int) -> None:
            side = choice.currentData()
            if side == "both":
                result.setPlainText(row.values["mine"] + row.values["theirs"])
            elif isinstance(row.values[side], str) or row.values[side] is MISSING:
                value = row.values[side]
                result.setPlainText(value if isinstance(value, str) else "")
            else:
                result.setPlainText(shown(row.values[side]))
            result.setEnabled(row.values.get(side) is not MISSING)

        choice.currentIndexChanged.connect(chosen)
        chosen(0)
        return row

    # --- answers -------------------------------------------------------------------------------------

    def choose(self, key: str, side: str) -> None:
        """Pick ``side`` ("mine", "theirs", "base", or "both" for a hunk) for a field key or for
        "body:N" (1-based), as the choice box would."""
        row = self.hunk_rows[int(key[5:]) - 1] if key.startswith("body:") else self.field_rows[key]
        row.choice.setCurrentIndex(row.choice.findData(side))

    def set_result(self, key: str, text: str) -> None:
        row = self.hunk_rows[int(key[5:]) - 1] if key.startswith("body:") else self.field_rows[key]
        row.result.setPlainText(text)

    def resolved_values(self) -> dict[str, Any]:
        """Each conflicting key's chosen value (REMOVE to drop it); raises ValueError for a typed
        result that does not read as a value of the key's type."""
        values: dict[str, Any] = {}
        for key, row in self.field_rows.items():
            side = row.choice.currentData()
            chosen = row.values[side]
            text = row.result.toPlainText()
            if chosen is MISSING:
                values[key] = REMOVE
            elif text == shown(chosen):
                values[key] = chosen
            else:
                like = next((v for v in row.values.values() if v is not MISSING), MISSING)
                try:
                    typed = read_typed(text, chosen if chosen is not None else like)
                except (ValueError, TypeError) as error:
                    raise ValueError(self.tr("{0}: {1}").format(key, error)) from None
                values[key] = chosen if same_value(typed, chosen) else typed
        return values

    def resolved_body(self) -> list[str]:
        return [row.result.toPlainText() for row in self.hunk_rows]

    def resolved_bytes(self) -> bytes:
        """The file with every conflict settled as the rows say; raises ValueError or MergeError."""
        return self.result.resolve(self.resolved_values(), self.resolved_body())

    def accept(self) -> None:
        try:
            self.resolved = self.resolved_bytes()
        except (ValueError, MergeError) as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


def resolve_conflicts(
    parent: QWidget | None,
    base: bytes | None,
    mine: bytes,
    theirs: bytes,
    result: MergeResult | None = None,
    *,
    labels: Sequence[str] | None = None,
    note: str | None = None,
) -> bytes | None:
    """Ask the user to settle the conflicts; the resolved bytes, or None when cancelled."""
    dialog = ResolverDialog(base, mine, theirs, parent, result=result, labels=labels, note=note)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.resolved
