"""The date and date-time field editor: a moment shown in the zone the file wrote it in.

:class:`DateTimeEditor` shows seconds and the zone, keeps the file's zone and microseconds when the
person edits, lets Tab leave the field (not walk its sections), and ignores a mouse wheel that only
meant to scroll the form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QSizePolicy,
    QWidget,
)

from editor.core.values import parse_date
from editor.ui.form.field_editors import FieldEditor


class _WheelGuard(QObject):
    """Spin boxes change their value on a mouse wheel that only meant to scroll the form; not here."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False


class _ZoneKeepingDateTimeEdit(QDateTimeEdit):
    """A QDateTimeEdit whose time-zone section does not step.

    The zone is the one the file wrote; Qt has no way to edit it, and stepping its section moved the
    seconds instead, backwards (08:00:00 → 07:59:59), which Save then wrote.
    """

    def _on_zone(self) -> bool:
        # Qt does not expose its zone section: it reads as NoSection (the last one, with "t").
        return self.currentSection() == QDateTimeEdit.Section.NoSection

    def stepBy(self, steps: int) -> None:
        if not self._on_zone():
            super().stepBy(steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self._on_zone():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return super().stepEnabled()


class DateTimeEditor(FieldEditor):
    """A moment shown in the zone the file wrote it in, with seconds and the zone visible."""

    def __init__(self, key: str, date_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.date_only = date_only
        self._zone: dt.tzinfo = dt.UTC
        self._microsecond = 0
        self._mixed_text = ""  # several articles, different dates: shown as this, not as one's
        self._mixed_start: Any = None
        self._touched = False
        self.edit = QDateEdit() if date_only else _ZoneKeepingDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd" if date_only else "yyyy-MM-dd HH:mm:ss t")
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._guard = _WheelGuard(self)
        self.edit.installEventFilter(self._guard)
        self.edit.dateTimeChanged.connect(self._changed)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self._install(self.edit, row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QDateTimeEdit spends Tab on its sections (seven presses to leave a date); in a form Tab goes
        # to the next field. Arrows, typing and the mouse still move between sections.
        # (Undo/Redo go to the window as in every field: FieldEditor.eventFilter.)
        if watched is self.edit and self._mixed_text and not self._touched:
            if event.type() == QEvent.Type.FocusIn:
                self._leave_mixed()
            elif (
                event.type() == QEvent.Type.FocusOut
                and event.reason() != Qt.FocusReason.PopupFocusReason  # the calendar opened
            ):
                self._show_mixed()
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:  # a QKeyEvent
            shift, other = (
                Qt.KeyboardModifier.ShiftModifier,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
            )
            if (
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & other
            ):
                self.focusNextPrevChild(
                    event.key() == Qt.Key.Key_Tab and not event.modifiers() & shift
                )
                return True
        return super().eventFilter(watched, event)

    def set_value(self, value: Any) -> None:
        moment = parse_date(value)
        if moment is None:
            return
        blocked = self.edit.blockSignals(True)
        try:
            if self.date_only:
                self.edit.setDate(QDate(moment.year, moment.month, moment.day))
            else:
                self._zone = moment.tzinfo or dt.UTC
                self._microsecond = moment.microsecond
                seconds = int(moment.utcoffset().total_seconds()) if moment.utcoffset() else 0
                zone = QTimeZone.utc() if seconds == 0 else QTimeZone.fromSecondsAheadOfUtc(seconds)
                self.edit.setTimeZone(zone)
                self.edit.setDateTime(
                    QDateTime(
                        QDate(moment.year, moment.month, moment.day),
                        QTime(moment.hour, moment.minute, moment.second),
                        zone,
                    )
                )
        finally:
            self.edit.blockSignals(blocked)
        self.edit.setToolTip(self._tip(value, moment))

    def set_mixed(self, text: str, start: Any) -> None:
        """The articles hold different dates: show ``text`` and none of their dates. Going into the
        field starts it at ``start`` (one of them) to edit from; leaving it unchanged shows ``text``
        again, and nothing is edited until the person changes the date."""
        self._mixed_text, self._mixed_start = text, start
        self._show_mixed()

    def _show_mixed(self) -> None:
        blocked = self.edit.blockSignals(True)
        try:
            self.edit.setSpecialValueText(self._mixed_text)  # Qt shows it at the minimum
            self.edit.setDateTime(self.edit.minimumDateTime())
        finally:
            self.edit.blockSignals(blocked)
        self.edit.setToolTip(self._mixed_text)
        # Muted like the other fields' "Mixed" placeholder: a hint, not a value.
        palette = self.edit.palette()
        palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
        self.edit.setPalette(palette)

    def _leave_mixed(self) -> None:
        self.edit.setPalette(QPalette())
        self.edit.setSpecialValueText("")
        self.set_value(self._mixed_start)

    def _tip(self, value: Any, moment: dt.datetime) -> str:
        written = value.isoformat() if isinstance(value, dt.date) else str(value)
        tip = self.tr("In the file: {0}").format(written)
        if not self.date_only:
            local = moment.astimezone()
            tip += "\n" + self.tr("Your time: {0}").format(local.strftime("%Y-%m-%d %H:%M:%S %Z"))
            if (
                isinstance(value, str)
                and parse_date(value) is not None
                and not re.search(r"(Z|z|UTC|[+-]\d\d:?\d\d)\s*$", value)
            ):
                tip += "\n" + self.tr(
                    "The file gives no time zone; Hugo reads it as UTC unless the site sets one."
                )
        return tip

    def current(self) -> dt.date | dt.datetime:
        if self.date_only:
            day = self.edit.date()
            return dt.date(day.year(), day.month(), day.day())
        moment = self.edit.dateTime()
        day, clock = moment.date(), moment.time()
        return dt.datetime(
            day.year(),
            day.month(),
            day.day(),
            clock.hour(),
            clock.minute(),
            clock.second(),
            self._microsecond,
            tzinfo=self._zone,
        )

    def _changed(self, _moment: QDateTime) -> None:
        self._touched = True
        self.edited.emit(self.current())
