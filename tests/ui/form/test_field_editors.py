"""The typed field editors in the form (editor/ui/field_editors.py): dates, numbers, lists,
the draft checkbox and read-only values, and which kind of editor a value gets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime, QTimeZone
from PySide6.QtGui import QColor, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
)

from editor.core.vocabulary import Vocabulary
from editor.ui.form.chips import ChipsEditor
from editor.ui.form.field_editors import mute_text, muted_color
from editor.ui.form.field_kinds import FieldKind, kind_for
from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import CHINESE, MIXED, changed_lines, field, load, show


def test_other_types_get_typed_or_read_only_editors(qtbot, form: MetadataForm, desk: Path) -> None:
    show(qtbot, form, load(desk, "content/mixed.md", MIXED))
    assert isinstance(field(form, "publishDate"), QDateTimeEdit)
    assert field(form, "publishDate", QDateTimeEdit).text() == "2026-03-04 10:00:00 UTC+08:00"
    assert isinstance(field(form, "lastmod"), QDateEdit)
    assert isinstance(field(form, "expiryDate"), QDateEdit)
    assert field(form, "draft", QCheckBox).isChecked()
    assert field(form, "weight", QLineEdit).text() == "7"
    assert field(form, "ratio", QLineEdit).text() == "0.25"
    assert form.editor("tags").items == ["energy", "batteries"]
    assert field(form, "article_id", QLineEdit).text() == "9007199254740993"
    assert isinstance(field(form, "note"), QPlainTextEdit) and not field(form, "note").isReadOnly()
    assert form.findChild(QToolButton, "open_website") is not None
    for key in ("params", "scores"):
        editor = field(form, key, QPlainTextEdit)
        assert editor.isReadOnly(), key
    assert "region" in field(form, "params", QPlainTextEdit).toPlainText()
    assert field(form, "scores", QPlainTextEdit).toPlainText() == "scores = [1, 2, 3]"


@pytest.mark.parametrize(
    ("key", "value", "kind"),
    [
        ("title", "2025-01-01", FieldKind.TEXT),  # a known key keeps its editor
        ("draft", "true", FieldKind.TEXT),  # a string draft is not silently turned into a bool
        ("article_id", "123", FieldKind.TEXT),
        ("article_id", 2**63, FieldKind.READONLY),  # beyond TOML's integers: never rewrite it
        ("custom", None, FieldKind.READONLY),
        ("title", None, FieldKind.TEXT),  # YAML "title:" with nothing after it can be filled in
        ("custom", ["a, b", "c"], FieldKind.LIST),  # chips keep a comma inside an item
        ("custom", ["two\nlines"], FieldKind.READONLY),
        ("custom", [], FieldKind.LIST),
        ("custom", dt.time(7, 32), FieldKind.READONLY),
        ("custom", "0001-01-01T00:00:00Z", FieldKind.TEXT),
        # an unknown key gets the link editor exactly when the one web-address policy says so
        ("website", "https://example.org/a", FieldKind.LINK),
        ("website", "//cdn.example.com/a.png", FieldKind.LINK),
        ("website", "http://localhost:1313/", FieldKind.LINK),  # opening it asks first
        ("website", "https://ex ample.com", FieldKind.TEXT),
        ("website", "https://example.org@evil.example/", FieldKind.TEXT),
        ("website", "https://example.org\\@evil.example/", FieldKind.TEXT),
        ("website", "javascript:alert(1)", FieldKind.TEXT),
        ("qrcode", "/images/qr.png", FieldKind.LINK),  # an image key names a file too
    ],
)
def test_kind_for_edge_cases(key: str, value: object, kind: FieldKind) -> None:
    assert kind_for(key, value) is kind


def test_date_edit_keeps_the_string_shape(qtbot, form: MetadataForm, sample_desk: Path) -> None:
    article = load(sample_desk, CHINESE)
    on_disk = article.path.read_text(encoding="utf-8")
    show(qtbot, form, article)
    date = field(form, "date", QDateTimeEdit)
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.HourSection)
    with qtbot.waitSignal(form.value_edited):
        qtbot.keyClick(date, Qt.Key.Key_Up)
    assert article.edits == {"date": "2026-10-14T03:30:00Z"}
    assert changed_lines(on_disk, article.text_to_save()) == [
        '-date = "2026-10-14T02:30:00Z"',
        '+date = "2026-10-14T03:30:00Z"',
    ]


def test_dates_keep_zone_type_and_precision(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "content/mixed.md", MIXED)
    show(qtbot, form, article)
    zone8 = QTimeZone.fromSecondsAheadOfUtc(8 * 3600)
    field(form, "publishDate", QDateTimeEdit).setDateTime(
        QDateTime(QDate(2026, 3, 4), QTime(11, 15, 5), zone8)
    )
    field(form, "date", QDateTimeEdit).setDateTime(
        QDateTime(QDate(2026, 3, 2), QTime(10, 0, 0), QTimeZone.utc())
    )
    field(form, "lastmod", QDateEdit).setDate(QDate(2026, 4, 1))
    field(form, "expiryDate", QDateEdit).setDate(QDate(2027, 2, 1))
    assert article.edits["publishDate"] == "2026-03-04T11:15:05+08:00"
    assert article.edits["date"] == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    assert article.edits["lastmod"] == dt.date(2026, 4, 1)
    assert article.edits["expiryDate"] == "2027-02-01"
    text = article.text_to_save()
    assert 'publishDate = "2026-03-04T11:15:05+08:00"\n' in text
    assert "date = 2026-03-02T10:00:00Z\n" in text
    assert "lastmod = 2026-04-01\n" in text
    assert 'expiryDate = "2027-02-01"\n' in text


def test_draft_checkbox_toggles_only_the_draft_line(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    on_disk = article.path.read_text(encoding="utf-8")
    show(qtbot, form, article)
    draft = field(form, "draft", QCheckBox)
    qtbot.mouseClick(draft, Qt.MouseButton.LeftButton, pos=QPoint(8, draft.height() // 2))
    assert article.edits == {"draft": True}
    assert changed_lines(on_disk, article.text_to_save()) == ["-draft = false", "+draft = true"]


def test_large_ids_are_edited_exactly(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "content/mixed.md", MIXED)
    show(qtbot, form, article)
    ident = field(form, "article_id", QLineEdit)
    ident.setFocus()
    ident.end(False)
    qtbot.keyClick(ident, Qt.Key.Key_Backspace)
    qtbot.keyClicks(ident, "5")
    assert article.edits == {"article_id": 9007199254740995}
    assert "article_id = 9007199254740995\n" in article.text_to_save()


def test_unfinished_numbers_are_not_staged_and_revert_on_leaving(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    ident = field(form, "feed_item_id", QLineEdit)
    ident.setFocus()
    ident.selectAll()
    qtbot.keyClick(ident, Qt.Key.Key_Backspace)
    qtbot.keyClicks(ident, "-")
    qtbot.keyClicks(ident, "x1")  # the validator refuses the letter
    assert ident.text() == "-1"
    assert article.edits == {"feed_item_id": -1}
    qtbot.keyClick(ident, Qt.Key.Key_Backspace)
    assert article.edits == {"feed_item_id": -1}  # "-" is not a number: nothing new is staged
    field(form, "source").setFocus()
    # Left unfinished: the value from before this visit comes back, never a half-typed one.
    assert ident.text() == "41490"
    assert article.edits == {}


def test_clearing_a_number_and_leaving_restores_the_value_from_before(
    qtbot, form: MetadataForm, sample_desk: Path, stack: QUndoStack
) -> None:
    article = load(sample_desk, CHINESE)
    before = article.text_to_save()
    show(qtbot, form, article)
    ident = field(form, "article_id", QLineEdit)
    ident.setFocus()
    ident.end(False)
    for _ in range(len("303702")):
        qtbot.keyClick(ident, Qt.Key.Key_Backspace)
    assert ident.text() == ""
    qtbot.keyClick(ident, Qt.Key.Key_Tab)
    assert not ident.hasFocus()
    assert ident.text() == "303702"
    assert article.edits == {}
    assert article.text_to_save() == before
    assert not stack.canUndo()
    # A finished number in an earlier visit stays what the next unfinished visit falls back to.
    ident.setFocus()
    ident.selectAll()
    qtbot.keyClicks(ident, "77")
    field(form, "source").setFocus()
    assert article.edits == {"article_id": 77}
    ident.setFocus()
    ident.selectAll()
    qtbot.keyClicks(ident, "-")
    qtbot.keyClick(ident, Qt.Key.Key_Return)
    assert ident.text() == "77"
    assert article.edits == {"article_id": 77}
    stack.undo()
    assert article.edits == {} and ident.text() == "303702"


def test_list_of_strings_is_edited_as_chips(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "content/mixed.md", MIXED)
    show(qtbot, form, article)
    editor = form.editor("tags")
    assert isinstance(editor, ChipsEditor)
    chips = [form.findChild(QToolButton, f"chip_tags_{n}") for n in range(2)]
    assert [chip.text().split("  ")[0] for chip in chips] == ["energy", "batteries"]
    line = field(form, "tags", QLineEdit)
    line.setFocus()
    qtbot.keyClicks(line, "solid state")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert article.edits == {"tags": ["energy", "batteries", "solid state"]}
    assert 'tags = ["energy", "batteries", "solid state"]\n' in article.text_to_save()
    qtbot.keyClicks(line, "grid, storage,")  # a typed comma ends an item
    assert article.edits["tags"][-2:] == ["grid", "storage"]
    qtbot.mouseClick(form.findChild(QToolButton, "chip_tags_0"), Qt.MouseButton.LeftButton)
    assert article.edits["tags"] == ["batteries", "solid state", "grid", "storage"]
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # the last chip comes back into the line
    assert line.text() == "storage"
    assert article.edits["tags"] == ["batteries", "solid state", "grid"]
    form._stack.undo()
    assert editor.items == ["batteries", "solid state", "grid", "storage"]


def test_chips_complete_from_the_desk(qtbot, form: MetadataForm, desk: Path) -> None:
    form.set_vocabulary_source(
        lambda: Vocabulary.of([((("tags", "list"),), (("tags", ("energy", "ports", "Rail")),))])
    )
    show(qtbot, form, load(desk, "content/mixed.md", MIXED))
    line = field(form, "tags", QLineEdit)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    model = line.completer().model()
    offered = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert offered == ["ports", "Rail"]  # "energy" is on the article already


def test_stepping_a_date_is_one_undo_step_and_the_wheel_needs_focus(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    date = field(form, "date", QDateTimeEdit)
    field(form, "title").setFocus()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(date.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(date, wheel)
    assert article.edits == {}  # scrolling the form past a date never changes it
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
    for _ in range(3):
        qtbot.keyClick(date, Qt.Key.Key_Up)
    assert article.edits == {"date": "2026-10-14T02:33:00Z"}
    assert stack.count() == 1
    stack.undo()
    assert article.edits == {} and date.text() == "2026-10-14 02:30:00 UTC"


@pytest.mark.parametrize(
    ("key", "before", "after"),
    [("date", "title", "publishDate"), ("lastmod", "publishDate", "expiryDate")],
)
def test_tab_leaves_a_date_in_one_press(
    qtbot, form: MetadataForm, desk: Path, key: str, before: str, after: str
) -> None:
    from PySide6.QtWidgets import QApplication

    show(qtbot, form, load(desk, "content/mixed.md", MIXED))
    date = field(form, key, QDateTimeEdit)
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(form, after)
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is field(form, before)


def test_the_forms_secondary_text_is_muted_in_the_colour_given(qtbot) -> None:
    label = QLabel("hint")
    qtbot.addWidget(label)
    source = QPalette(label.palette())
    source.setColor(
        QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText, QColor("#123456")
    )
    mute_text(label, source)
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#123456")
    assert muted_color(source) == QColor("#123456")
    assert label.palette().color(QPalette.ColorRole.Window) == source.color(
        QPalette.ColorRole.Window
    )
