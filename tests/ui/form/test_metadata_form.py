"""The metadata form: its rows in file order, text edits, undo, problems, links and focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from editor.core.validate import DESCRIPTION_LIMIT, SUMMARY_LIMIT, Level, Problem
from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import CHINESE, MIXED, changed_lines, field, load, show


def test_standard_keys_get_their_editors_in_file_order(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    expected = {
        "title": QLineEdit,
        "date": QDateTimeEdit,
        "draft": QCheckBox,
        "summary": QPlainTextEdit,
        "description": QPlainTextEdit,
        "source_link": QLineEdit,
        "enclosure": QLineEdit,
        "article_id": QLineEdit,
        "feed_item_id": QLineEdit,
        "qrcode": QLineEdit,
        "source": QLineEdit,
    }
    for key, kind in expected.items():
        assert isinstance(field(form, key), kind), key
    assert field(form, "title", QLineEdit).text() == "深圳电动车企澜驰汽车发布首款半固态电池样车"
    assert field(form, "article_id", QLineEdit).text() == "303702"
    assert not field(form, "draft", QCheckBox).isChecked()
    date = field(form, "date", QDateTimeEdit)
    assert date.calendarPopup()
    assert date.text() == "2026-10-14 02:30:00 UTC"
    for key in ("source_link", "enclosure", "qrcode"):
        assert form.findChild(QToolButton, f"open_{key}").isEnabled()
    labels = [form.findChild(QLabel, f"label_{key}").text() for key in expected]
    assert labels[:4] == ["Title", "Date", "Draft", "Summary"]
    assert "Cover image" in labels and "QR code" in labels and "Feed item ID" in labels
    # the form's rows follow the file's key order
    rows = [
        form._form.itemAt(row, form._form.ItemRole.LabelRole).widget().objectName()
        for row in range(form._form.rowCount())
    ]
    assert rows == [f"label_{key}" for key in expected]


def test_showing_an_article_stages_nothing(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    with qtbot.assertNotEmitted(form.value_edited):
        form.set_article(article)
        form.refresh()
    assert article.edits == {} and not article.is_dirty
    assert stack.count() == 0


def test_typing_a_title_changes_only_the_title_bytes(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    on_disk = article.path.read_bytes()
    show(qtbot, form, article)
    title = field(form, "title", QLineEdit)
    title.setFocus()
    title.end(False)
    with qtbot.waitSignal(form.value_edited) as blocker:
        qtbot.keyClicks(title, " (v2)")  # QTest types ASCII only
    assert blocker.args[0] == "title"
    assert article.edits == {"title": "深圳电动车企澜驰汽车发布首款半固态电池样车 (v2)"}
    new_text = article.text_to_save()
    assert changed_lines(on_disk.decode(), new_text) == [
        '-title = "深圳电动车企澜驰汽车发布首款半固态电池样车"',
        '+title = "深圳电动车企澜驰汽车发布首款半固态电池样车 (v2)"',
    ]
    assert article.bytes_to_save() == on_disk.replace(
        '样车"\n'.encode(), '样车 (v2)"\n'.encode(), 1
    )
    assert article.path.read_bytes() == on_disk  # nothing is written until Save
    assert stack.count() == 1  # four characters, one undo step


def test_undo_and_redo_restore_value_editor_and_signal(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    source = field(form, "source", QLineEdit)
    source.setFocus()
    source.selectAll()
    qtbot.keyClicks(source, "Desk")
    assert article.value("source") == "Desk"
    with qtbot.waitSignal(form.value_edited) as blocker:
        stack.undo()
    assert blocker.args == ["source", "Northgate Tech Report"]
    assert source.text() == "Northgate Tech Report"
    assert article.edits == {} and not article.is_dirty
    with qtbot.waitSignal(form.value_edited) as blocker:
        stack.redo()
    assert blocker.args == ["source", "Desk"]
    assert source.text() == "Desk" and article.edits == {"source": "Desk"}


def test_edits_in_separate_focus_sessions_are_separate_undo_steps(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    source, title = field(form, "source", QLineEdit), field(form, "title", QLineEdit)
    source.setFocus()
    source.end(False)
    qtbot.keyClicks(source, " A")
    title.setFocus()
    qtbot.keyClicks(title, "!")
    source.setFocus()
    qtbot.keyClicks(source, "B")
    assert stack.count() == 3
    stack.undo()
    assert article.value("source") == "Northgate Tech Report A"
    assert article.value("title").startswith("!")  # a new field is entered at its start


def test_typing_back_to_the_original_leaves_nothing_to_undo(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    source = field(form, "source", QLineEdit)
    source.setFocus()
    source.end(False)
    qtbot.keyClicks(source, "xy")
    qtbot.keyClick(source, Qt.Key.Key_Backspace)
    qtbot.keyClick(source, Qt.Key.Key_Backspace)
    assert article.edits == {}
    assert stack.count() == 0


def test_character_count_warns_over_the_limit(qtbot, form: MetadataForm, sample_desk: Path) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    summary = field(form, "summary", QPlainTextEdit)
    count = form.findChild(QLabel, "count_summary")
    length = len(article.value("summary"))
    assert count.text() == f"{length} / {SUMMARY_LIMIT}"
    normal = count.palette().color(QPalette.ColorRole.WindowText)
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, "x" * (SUMMARY_LIMIT - length))
    assert count.text() == f"{SUMMARY_LIMIT} / {SUMMARY_LIMIT}"
    assert count.palette().color(QPalette.ColorRole.WindowText) == normal
    qtbot.keyClicks(summary, "y")
    assert count.text() == f"{SUMMARY_LIMIT + 1} / {SUMMARY_LIMIT}"
    warning = count.palette().color(QPalette.ColorRole.WindowText)
    assert warning != normal
    assert form.findChild(QLabel, "count_description").text().endswith(f"/ {DESCRIPTION_LIMIT}")
    assert len(article.value("summary")) == SUMMARY_LIMIT + 1


def test_problems_show_next_to_their_fields(qtbot, form: MetadataForm, sample_desk: Path) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    form.set_problems(
        [
            Problem(article.relpath, 4, Level.WARNING, "summary is 400 characters long", "summary"),
            Problem(
                article.relpath, 8, Level.ERROR, "enclosure is not an http(s) URL", "Enclosure"
            ),
            Problem(article.relpath, 1, Level.ERROR, "title is missing", "title_zh"),
            Problem(article.relpath, None, Level.ERROR, "the file changed on disk", None),
        ]
    )
    summary_problems = form.findChild(QWidget, "problems_summary")
    qtbot.waitUntil(summary_problems.isVisible)
    assert summary_problems.messages == ["summary is 400 characters long"]
    assert summary_problems.findChild(QWidget).property("level") == "warning"
    assert form.findChild(QWidget, "problems_enclosure").messages == [
        "enclosure is not an http(s) URL"
    ]
    assert form.findChild(QWidget, "problems_title").isHidden()
    top = form.findChild(QWidget, "formProblems")
    assert not top.isHidden() and top.messages == ["title is missing", "the file changed on disk"]
    form.set_problems([])
    assert summary_problems.isHidden() and top.isHidden()


def test_link_buttons_and_thumbnail_ask_the_window(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    with qtbot.waitSignal(form.open_link_requested) as blocker:
        qtbot.mouseClick(form.findChild(QToolButton, "open_source_link"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["source_link", article.value("source_link")]
    for key in ("enclosure", "qrcode"):
        with qtbot.waitSignal(form.preview_cover_requested) as blocker:
            qtbot.mouseClick(form.findChild(QToolButton, f"open_{key}"), Qt.MouseButton.LeftButton)
        assert blocker.args == [key]
    thumbnail = form.findChild(QLabel, "coverThumbnail")
    assert thumbnail.isHidden()
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    form.set_cover_thumbnail(image)
    qtbot.waitUntil(thumbnail.isVisible)
    assert thumbnail.pixmap().width() == 160
    with qtbot.waitSignal(form.preview_cover_requested) as blocker:
        qtbot.mouseClick(thumbnail, Qt.MouseButton.LeftButton)
    assert blocker.args == ["enclosure"]
    form.set_cover_thumbnail(None, "The server answered 404 Not Found")
    assert thumbnail.isVisible() and thumbnail.text() == "The server answered 404 Not Found"


def test_another_article_clears_undo_and_reuses_editors(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    first = load(sample_desk, CHINESE)
    second = load(sample_desk, "content/world/brennhorn-rail-tunnel-reopens.md")
    show(qtbot, form, first)
    title = field(form, "title", QLineEdit)
    title.setFocus()
    qtbot.keyClicks(title, "x")
    assert stack.count() == 1
    show(qtbot, form, second)
    assert stack.count() == 0
    assert field(form, "title", QLineEdit) is title
    assert title.text() == "Brennhorn Rail Tunnel Reopens After 14-Month Repair"
    assert second.edits == {} and first.edits != {}


def test_refresh_after_revert_shows_the_file_values(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    article = load(sample_desk, CHINESE)
    show(qtbot, form, article)
    source = field(form, "source", QLineEdit)
    source.setFocus()
    qtbot.keyClicks(source, "!")
    article.discard_edits()
    form.refresh()
    assert source.text() == "Northgate Tech Report"
    assert article.edits == {}


def test_yaml_title_edit_keeps_yaml(qtbot, form: MetadataForm, sample_desk: Path) -> None:
    article = load(sample_desk, "content/technology/lockerloop-privacy-review.md")
    on_disk = article.path.read_text(encoding="utf-8")
    show(qtbot, form, article)
    title = field(form, "title", QLineEdit)
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "s")
    assert changed_lines(on_disk, article.text_to_save()) == [
        '-title: "Regulator Opens Privacy Review of Parcel Locker Camera Network"',
        '+title: "Regulator Opens Privacy Review of Parcel Locker Camera Networks"',
    ]


def test_none_clears_the_form(
    qtbot, form: MetadataForm, stack: QUndoStack, sample_desk: Path
) -> None:
    show(qtbot, form, load(sample_desk, CHINESE))
    show(qtbot, form, None)
    assert form.article is None
    assert not field(form, "title").isVisible()
    assert form.findChild(QUndoStack) is None or stack.count() == 0


def test_building_the_form_opens_no_stray_windows(qtbot, form: MetadataForm, desk: Path) -> None:
    from PySide6.QtWidgets import QApplication

    show(qtbot, form, load(desk, "content/mixed.md", MIXED))
    assert form.isActiveWindow()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [form]


def test_json_front_matter_is_edited_in_place(qtbot, form: MetadataForm, sample_desk: Path) -> None:
    article = load(sample_desk, "content/world/port-avalen-ferry-strike.md")
    on_disk = article.path.read_text(encoding="utf-8")
    show(qtbot, form, article)
    source = field(form, "source", QLineEdit)
    source.setFocus()
    source.selectAll()
    qtbot.keyClicks(source, "Atlas")
    assert changed_lines(on_disk, article.text_to_save()) == [
        '-  "source": "Atlas World Bulletin"',
        '+  "source": "Atlas"',
    ]


def test_an_empty_yaml_title_can_be_filled_in(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "content/empty-title.md", "---\ntitle:\ndraft: true\n---\nBody\n")
    show(qtbot, form, article)
    title = field(form, "title", QLineEdit)
    assert title.text() == ""
    title.setFocus()
    qtbot.keyClicks(title, "Filled")
    assert article.text_to_save() == "---\ntitle: Filled\ndraft: true\n---\nBody\n"


def test_tab_goes_from_field_to_field_never_to_the_scroll_area(
    qtbot, form: MetadataForm, sample_desk: Path
) -> None:
    from PySide6.QtWidgets import QApplication, QScrollArea

    show(qtbot, form, load(sample_desk, CHINESE))
    scroll = form.findChild(QScrollArea, "metadataScroll")
    field(form, "title").setFocus()
    visited = []
    for _ in range(40):  # more than the form's fields: Tab wraps round at least once
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert field(form, "title") in visited  # it did wrap round
    assert scroll not in visited


def test_an_article_with_thousands_of_keys_opens_and_closes(
    qtbot, form: MetadataForm, stack: QUndoStack, desk: Path
) -> None:
    extra = "".join(f'key_{n:04d} = "value {n}"\n' for n in range(2000))
    big = load(
        desk, "content/big.md", f'+++\n{extra}title = "Many keys"\ndraft = true\n+++\n\nBody.\n'
    )
    form.set_article(big)
    assert form.editor("key_0000") is not None and form.editor("key_0299") is not None
    assert form.editor("key_0300") is None and form.editor("key_1999") is None
    assert form.editor("title") is not None and form.editor("draft") is not None  # always editable
    more = form.findChild(QPlainTextEdit, "moreKeys")
    assert more is not None and more.isReadOnly()
    assert 'key_0300 = "value 300"' in more.toPlainText()
    assert 'key_1999 = "value 1999"' in more.toPlainText()
    assert form.findChild(QLabel, "label_more_keys").text() == "1700 more keys"
    assert big.edits == {} and not stack.canUndo()
    small = load(desk, "content/small.md", MIXED)
    show(qtbot, form, small)
    assert form.editor("key_0000") is None
    assert form.findChild(QPlainTextEdit, "moreKeys") is None
    assert form.editor("title") is not None


def test_a_missing_title_gets_an_empty_field_that_adds_the_key(
    qtbot, form: MetadataForm, desk: Path
) -> None:
    article = load(
        desk,
        "a.md",
        '+++\ndate = "2026-11-24T09:00:00Z"\n\n[params]\n  region = "EMEA"\n+++\nbody\n',
    )
    form.set_article(article)
    title = field(form, "title", QLineEdit)
    qtbot.waitUntil(title.isVisible)
    assert title.text() == "" and not article.is_dirty
    title.setFocus()
    qtbot.keyClicks(title, "Rail strike")
    assert article.text_to_save() == (
        '+++\ntitle = "Rail strike"\ndate = "2026-11-24T09:00:00Z"\n\n[params]\n  region = "EMEA"\n+++\nbody\n'
    )  # the new title first, where Hugo users expect it
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    assert not article.is_dirty


def test_the_cover_thumbnail_goes_under_a_cover_key_in_any_case(
    qtbot, form: MetadataForm, tmp_path: Path
) -> None:
    """Hugo reads ``Enclosure`` as ``enclosure``; the form placed the thumbnail only under the key
    written in lower case, so the session loaded a cover the form never showed."""
    article = load(
        tmp_path, "a.md", '+++\ntitle = "T"\nEnclosure = "https://example.org/a.png"\n+++\n'
    )
    show(qtbot, form, article)
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    form.set_cover_thumbnail(image)
    thumbnail = form.findChild(QLabel, "coverThumbnail")
    qtbot.waitUntil(thumbnail.isVisible)
