"""Publishing the open article publishes what the form shows: its unsaved edits are checked and
written with the flag, in one write (issue 9: a typed title was neither checked nor published)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from editor.core.state import PublishState
from editor.ui.common import dialogs
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import select_rows, title_field, type_title

UNTITLED = b'+++\ntitle = ""\ndraft = true\ntags = ["a"]\n+++\nBody\n'
TITLED = b'+++\ntitle = "A headline"\ndraft = false\ntags = ["a"]\n+++\nBody\n'


def _run(qtbot, window: MainWindow, action: ActionId) -> None:
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[action].trigger()


def test_publish_checks_and_writes_the_title_typed_in_the_form(
    qtbot, make_window, desk: Path, asked
) -> None:
    (desk / "untitled.md").write_bytes(UNTITLED)
    window = make_window(desk)
    assert window.select_path("untitled.md")
    type_title(qtbot, window, "A headline")
    _run(qtbot, window, ActionId.PUBLISH)
    assert asked.calls == []  # no "title is missing": the title is there
    assert (desk / "untitled.md").read_bytes() == TITLED
    assert not window.session.dirty
    assert window.model.summary("untitled.md").state is PublishState.PUBLISHED
    # One write: one undo puts the file back as it was, and the edits back in the form, unsaved.
    window.action_registry[ActionId.UNDO].trigger()
    assert (desk / "untitled.md").read_bytes() == UNTITLED
    assert window.session.dirty and window.session.article.value("title") == "A headline"
    assert title_field(window).text() == "A headline"
    window.action_registry[ActionId.REDO].trigger()
    assert (desk / "untitled.md").read_bytes() == TITLED
    assert not window.session.dirty


def test_undo_gives_the_edits_back_after_moving_to_another_article(
    qtbot, make_window, desk: Path, asked
) -> None:
    (desk / "untitled.md").write_bytes(UNTITLED)
    (desk / "other.md").write_bytes(TITLED)
    window = make_window(desk)
    assert window.select_path("untitled.md")
    type_title(qtbot, window, "A headline")
    _run(qtbot, window, ActionId.PUBLISH)
    assert window.select_path("other.md")
    window.action_registry[ActionId.UNDO].trigger()
    assert (desk / "untitled.md").read_bytes() == UNTITLED
    assert "untitled.md" in window.unsaved
    assert window.select_path("untitled.md")
    assert window.session.dirty and window.session.article.value("title") == "A headline"


def test_toggle_to_published_writes_the_edits_too(qtbot, make_window, desk: Path, asked) -> None:
    (desk / "untitled.md").write_bytes(UNTITLED)
    window = make_window(desk)
    assert window.select_path("untitled.md")
    type_title(qtbot, window, "A headline")
    _run(qtbot, window, ActionId.TOGGLE_DRAFT)
    assert asked.calls == []
    assert (desk / "untitled.md").read_bytes() == TITLED


def test_an_edit_that_makes_an_error_is_what_the_question_names(
    qtbot, make_window, desk: Path, asked
) -> None:
    """The check is of the bytes to publish: a title cleared in the form is missing, not the file's."""
    (desk / "titled.md").write_bytes(TITLED.replace(b"false", b"true"))
    window = make_window(desk)
    assert window.select_path("titled.md")
    field = title_field(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert window.session.article.value("title") == ""
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.CANCEL)
    window.action_registry[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: asked.calls != [], timeout=10_000)
    ((named, total),) = [args[:2] for args in asked.named("ask_publish_with_problems")]
    assert total == 1 and named[0][1] == ["title is empty"]
    assert (desk / "titled.md").read_bytes() == TITLED.replace(b"false", b"true")


def test_an_outside_change_is_never_written_over(qtbot, make_window, desk: Path, asked) -> None:
    (desk / "untitled.md").write_bytes(UNTITLED)
    window = make_window(desk)
    assert window.select_path("untitled.md")
    type_title(qtbot, window, "A headline")
    outside = UNTITLED.replace(b"Body", b"Body changed elsewhere")
    (desk / "untitled.md").write_bytes(outside)
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.ALL)  # the file's own title
    window.action_registry[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: not window.bulk.running, timeout=10_000)
    written = (desk / "untitled.md").read_bytes()
    if written == outside:  # the conflict bar decides
        assert window.session.dirty and window.session.article.value("title") == "A headline"
    else:  # the watcher merged first: the merge is what was shown, and published
        assert written == TITLED.replace(b"Body", b"Body changed elsewhere")


def test_back_to_draft_and_a_selection_of_several_keep_writing_only_the_flag(
    qtbot, make_window, desk: Path, asked
) -> None:
    """Their form does not show the open article's edits (several), or nothing reaches readers
    (back to draft): the edits stay unsaved on top, as before."""
    (desk / "titled.md").write_bytes(TITLED)
    (desk / "other.md").write_bytes(UNTITLED.replace(b'""', b'"Other"'))
    window = make_window(desk)
    assert window.select_path("titled.md")
    type_title(qtbot, window, "Retitled")
    _run(qtbot, window, ActionId.DRAFT)
    assert (desk / "titled.md").read_bytes() == TITLED.replace(b"false", b"true")
    assert window.session.dirty and window.session.article.value("title") == "Retitled"
    select_rows(window, ["titled.md", "other.md"])
    asked.answer("confirm_bulk", True)
    _run(qtbot, window, ActionId.PUBLISH)
    assert (desk / "titled.md").read_bytes() == TITLED
    assert window.session.dirty
