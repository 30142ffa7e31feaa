"""The form never clips a field sideways: it is as wide as its widest field needs, no scrollbar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QScrollArea, QSplitter, QWidget

from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import field, load, show

ARTICLE = (
    '+++\ntitle = "A headline"\ndate = 2026-03-02T08:00:00+02:00\n[params]\n'
    '  region = "EMEA"\n  long_nested_key_name = "a rather long nested value, wider than the form"\n'
    "+++\nBody\n"
)


def test_a_narrow_form_shows_the_whole_date_and_no_sideways_scrollbar(
    qtbot, stack, desk: Path
) -> None:
    """The form got a horizontal scrollbar and cut off a UTC+02:00 date and a [params] table."""
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    form = MetadataForm(stack)
    splitter.addWidget(form)
    splitter.addWidget(QWidget())
    splitter.setChildrenCollapsible(False)
    splitter.resize(900, 700)
    splitter.show()
    show(qtbot, form, load(desk, "a.md", ARTICLE))
    qtbot.waitUntil(lambda: form.minimumSizeHint().width() > 200)
    splitter.setSizes([120, 780])  # as a person dragging the handle far to the left
    scroll = form.findChild(QScrollArea, "metadataScroll")
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    assert not scroll.horizontalScrollBar().isVisible()
    date = field(form, "date", QDateTimeEdit)
    right = date.mapTo(scroll.viewport(), QPoint(date.width(), 0)).x()
    assert right <= scroll.viewport().width()
    assert date.width() >= date.minimumSizeHint().width()


def test_a_nested_value_does_not_hold_the_form_wide(qtbot, stack, desk: Path) -> None:
    """etcd's home page has a "features" list: the read-only note under it, on one line, held the
    form 400 px wide, and at 1000 px the body beside it was left a word a line."""
    text = (
        "---\ntitle: etcd\nfeatures:\n  - title: Simple interface\n    icon: interface.svg\n"
        "---\nBody\n"
    )
    form = MetadataForm(stack)
    qtbot.addWidget(form)
    form.resize(600, 500)
    form.show()
    show(qtbot, form, load(desk, "_index.md", text))
    hint = form.findChild(QLabel, "readonly_hint_features")
    qtbot.waitUntil(hint.isVisible)
    assert hint.minimumSizeHint().width() < hint.fontMetrics().horizontalAdvance(hint.text()) / 2
    assert form.minimumSizeHint().width() < 330
