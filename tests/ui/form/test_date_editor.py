"""The date editor's time-zone section: the zone is the file's, and stepping it changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit

from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import field, load, show

ARTICLE = '+++\ntitle = "T"\ndate = 2026-03-02T08:00:00+02:00\n+++\nBody\n'


@pytest.mark.parametrize("key", [Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp])
def test_stepping_the_zone_section_changes_nothing(
    qtbot, form: MetadataForm, desk: Path, key: Qt.Key
) -> None:
    """With the zone selected (End), Up and Down stepped the seconds, backwards, and Save wrote it."""
    article = load(desk, "a.md", ARTICLE)
    show(qtbot, form, article)
    date = field(form, "date", QDateTimeEdit)
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_End)
    assert date.currentSectionIndex() == date.sectionCount() - 1  # the zone
    before = date.text()
    qtbot.keyClick(date, key)
    qtbot.keyClick(date, key)
    assert date.text() == before
    assert not article.is_dirty


def test_the_seconds_still_step(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "a.md", ARTICLE)
    show(qtbot, form, article)
    date = field(form, "date", QDateTimeEdit)
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.SecondSection)
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.text().startswith("2026-03-02 08:00:01")
    assert article.is_dirty
