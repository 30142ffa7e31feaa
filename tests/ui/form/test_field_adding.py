"""Adding and removing fields in the form: the desk's keys offered first, typed by their usual value,
and a removal that Save writes as a byte-faithful delete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QLineEdit, QToolButton

from editor.core.vocabulary import Vocabulary
from editor.ui.form.chips import ChipsEditor
from editor.ui.form.field_adding import kind_for_new_key
from editor.ui.form.field_kinds import FieldKind
from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import field, load, show

ARTICLE = "+++\ntitle = 'T'\ndraft = true  # still\n# who wrote it\nauthor = 'Ana'\n+++\nBody\n"


def desk_vocabulary() -> Vocabulary:
    rows = [
        ((("title", "text"), ("reviewed", "datetime"), ("tags", "list")), (("tags", ("rail",)),)),
        ((("title", "text"), ("reviewed", "datetime"), ("featured", "bool")), ()),
        ((("title", "text"), ("reviewed", "text"), ("tags", "list")), (("tags", ("ports",)),)),
    ]
    return Vocabulary.of(rows)


@pytest.fixture
def shown(qtbot, form: MetadataForm, desk: Path):
    form.set_vocabulary_source(desk_vocabulary)
    article = load(desk, "content/a.md", ARTICLE)
    show(qtbot, form, article)
    return article


def add(qtbot, form: MetadataForm, key: str) -> None:
    box = form.findChild(QComboBox, "addFieldKey")
    box.setFocus()
    box.setEditText(key)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def test_the_desks_keys_are_offered_by_frequency(form: MetadataForm, shown) -> None:
    assert form._add_bar.offered() == ["reviewed", "tags", "featured"]  # title is on the article


@pytest.mark.parametrize(
    ("key", "usual", "kind"),
    [
        ("reviewed", "datetime", FieldKind.DATETIME),
        ("due", "date", FieldKind.DATE),
        ("featured", "bool", FieldKind.BOOL),
        ("tags", None, FieldKind.LIST),  # Hugo's own list key, unused on this desk yet
        ("summary", "text", FieldKind.MULTILINE),  # a key the form knows keeps its editor
        ("anything", None, FieldKind.TEXT),
    ],
)
def test_kind_for_new_key(key: str, usual: str | None, kind: FieldKind) -> None:
    assert kind_for_new_key(key, usual) is kind


def test_adding_a_date_key_gives_a_date_editor_staged_now(qtbot, form: MetadataForm, shown) -> None:
    add(qtbot, form, "reviewed")
    assert isinstance(field(form, "reviewed"), QDateTimeEdit)
    assert isinstance(shown.edits["reviewed"], dt.datetime)
    assert "\nreviewed = 20" in shown.text_to_save()
    form._stack.undo()
    assert "reviewed" not in shown.edits and form.editor("reviewed") is None


def test_adding_a_bool_and_a_list(qtbot, form: MetadataForm, shown) -> None:
    add(qtbot, form, "featured")
    assert isinstance(field(form, "featured"), QCheckBox)
    add(qtbot, form, "tags")
    assert isinstance(form.editor("tags"), ChipsEditor)
    assert shown.edits == {"featured": False, "tags": []}


def test_adding_a_text_key_waits_for_typing(qtbot, form: MetadataForm, shown) -> None:
    add(qtbot, form, "subtitle")
    line = field(form, "subtitle", QLineEdit)
    assert shown.edits == {} and line.hasFocus()
    qtbot.keyClicks(line, "More")
    assert shown.edits == {"subtitle": "More"}
    assert shown.text_to_save().startswith("+++\ntitle = 'T'\ndraft = true  # still\n")
    assert 'subtitle = "More"\n+++' in shown.text_to_save()


def test_adding_a_key_the_article_has_says_so(qtbot, form: MetadataForm, shown) -> None:
    add(qtbot, form, "AUTHOR")
    assert "already has" in form._add_bar.note.text()
    assert shown.edits == {}


def test_removing_a_field_deletes_only_its_line_on_save(
    qtbot, form: MetadataForm, shown, desk: Path
) -> None:
    qtbot.mouseClick(form.findChild(QToolButton, "remove_draft"), Qt.MouseButton.LeftButton)
    assert form.editor("draft") is None
    assert shown.text_to_save() == ARTICLE.replace("draft = true  # still\n", "")
    form._stack.undo()
    assert form.editor("draft") is not None and not shown.is_dirty
    form._stack.redo()
    assert not shown.has_key("draft")
