"""Multi-line text: the line break a YAML block scalar ends with is the syntax's, not the text's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.core.service import DocumentService
from editor.ui.form.metadata_form import MetadataForm
from tests.helpers.form import load, show

FOLDED = (
    "---\ntitle: T\nsummary: >\n  A folded summary\n  over two lines.\ndraft: true\n---\nBody\n"
)


def _type_at_end(qtbot, form: MetadataForm, key: str, text: str) -> None:
    editor = form.editor(key)
    editor.text.setFocus()
    editor.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.text, text)


@pytest.mark.parametrize("style", [">", "|"])
def test_typing_at_the_end_of_a_block_scalar_keeps_it_a_block(
    qtbot, form: MetadataForm, desk: Path, style: str
) -> None:
    """A folded summary gained an invisible trailing line break in its editor: typing at the end
    and saving wrote a double-quoted string with a \\n in it."""
    article = load(desk, "a.md", FOLDED.replace(">", style))
    show(qtbot, form, article)
    editor = form.editor("summary")
    shown = editor.text.toPlainText()
    assert not shown.endswith("\n")
    _type_at_end(qtbot, form, "summary", " More")
    assert article.value("summary").endswith(" More\n")
    DocumentService(desk).save(article)
    text = (desk / "a.md").read_text()
    assert f"summary: {style}\n" in text and '"' not in text
    assert "over two lines. More\n" in text


def test_a_value_without_a_final_line_break_gets_none(
    qtbot, form: MetadataForm, desk: Path
) -> None:
    article = load(desk, "a.md", '+++\ntitle = "T"\nsummary = """one\ntwo"""\n+++\n')
    show(qtbot, form, article)
    _type_at_end(qtbot, form, "summary", "!")
    assert article.value("summary") == "one\ntwo!"


def test_emptying_the_field_empties_the_value(qtbot, form: MetadataForm, desk: Path) -> None:
    article = load(desk, "a.md", FOLDED)
    show(qtbot, form, article)
    editor = form.editor("summary")
    editor.text.setFocus()
    editor.text.selectAll()
    qtbot.keyClick(editor.text, Qt.Key.Key_Delete)
    assert article.value("summary") == ""
