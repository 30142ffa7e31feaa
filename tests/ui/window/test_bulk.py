"""Publish, back to draft and toggle draft: counts that agree, one rule for the open article, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core.state import PublishState
from editor.ui.desk.article_model import Role
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, select_rows, shown_paths, title_field, type_title

DRAFT = '+++\ntitle = "Draft {0}"\ndraft = true\n+++\nBody\n'


def test_the_question_and_the_result_count_the_same_unreadable_files(
    qtbot, make_window, desk: Path, asked
) -> None:
    """Said "7 unreadable files will be skipped", then "6 could not be changed": a file whose only
    fault is a date Hugo cannot read is readable, and must not be counted as unreadable."""
    for n in range(3):
        (desk / f"draft{n}.md").write_text(DRAFT.format(n))
    for n in range(2):
        (desk / f"broken{n}.md").write_text('+++\ntitle = "no end\n+++\n')
    bad_date = b'+++\ntitle = "Odd date"\ndate = "sometime soon"\n+++\n'
    (desk / "bad-date.md").write_bytes(bad_date)  # invalid in the list, already published
    window = make_window(desk)
    assert window.model.summary("bad-date.md").state is PublishState.INVALID
    select_rows(window, shown_paths(window))
    asked.answer("confirm_bulk", True)
    asked.answer("report_failures", None)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000) as done:
        window.action_registry[ActionId.PUBLISH].trigger()
    assert asked.named("confirm_bulk") == [
        ("Publish 3 articles?", "2 unreadable files will be skipped and reported.")
    ]
    ((_title, failures),) = asked.named("report_failures")
    assert sorted(path for path, _ in failures) == ["broken0.md", "broken1.md"]
    assert "2 could not be changed" in window.statusBar().currentMessage()
    assert "3 articles published" in window.statusBar().currentMessage()
    assert {result.path for result in done.args[0]} == {
        "draft0.md",
        "draft1.md",
        "draft2.md",
        "broken0.md",
        "broken1.md",
    }
    assert (desk / "bad-date.md").read_bytes() == bad_date


def test_a_date_invalid_draft_can_be_published(qtbot, make_window, desk: Path, asked) -> None:
    from editor.ui.common import dialogs

    (desk / "odd.md").write_text('+++\ntitle = "Odd"\ndraft = true\ndate = "soon"\n+++\n')
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.ALL)
    window = make_window(desk)
    assert window.select_path("odd.md")
    assert window.action_registry[ActionId.PUBLISH].isEnabled()
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert "draft = false" in (desk / "odd.md").read_text()


# --- the open article: one rule, whatever the state of the form --------------------------------------


def _toggle(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.TOGGLE_DRAFT].trigger()


def test_toggle_draft_with_unsaved_edits_writes_the_flag_and_keeps_the_edits(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    """It refused before ("needs them saved first"); asked nothing when clean. Now: the same rule."""
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "A new headline")
    _toggle(qtbot, window)
    assert asked.calls == []
    assert path.read_bytes() == before.replace(b"draft = false", b"draft = true", 1)
    assert window.session.dirty
    assert window.session.article.value("title") == "A new headline"
    assert window.session.article.metadata["draft"] is True
    assert window.model.summary(LANCHI).state is PublishState.DRAFT
    assert window.save()
    after = path.read_bytes()
    assert b'title = "A new headline"' in after and b"draft = true" in after


def test_toggle_draft_while_typing_the_title_keeps_the_field_and_its_text(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    assert window.select_path(LANCHI)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_title(qtbot, window, "Half a head")
    field = title_field(window)
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.bulk.running, timeout=10_000)
    assert window.model.summary(LANCHI).state is PublishState.DRAFT
    field = title_field(window)
    qtbot.waitUntil(field.hasFocus)
    assert field.text() == "Half a head"
    qtbot.keyClicks(field, "line")
    assert window.session.article.value("title") == "Half a headline"


def test_a_staged_draft_edit_gives_way_to_the_written_flag(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    from PySide6.QtWidgets import QCheckBox

    path = sample_desk / "content" / LANCHI
    assert window.select_path(LANCHI)
    box = window.findChild(QCheckBox, "field_draft")
    box.click()  # stages draft = true
    assert window.session.dirty
    _toggle(qtbot, window)  # the article on disk is published: toggle writes draft = true
    assert b"draft = true" in path.read_bytes()
    assert not window.session.dirty
    assert window.findChild(QCheckBox, "field_draft").isChecked()


# --- undo of a write ----------------------------------------------------------------------------------


def test_undo_publish_puts_the_previous_bytes_back(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    _toggle(qtbot, window)
    assert path.read_bytes() != before
    undo = window.action_registry[ActionId.UNDO]
    assert undo.isEnabled()
    assert undo.text().replace("&", "").startswith("Undo Back to Draft “")
    undo.trigger()
    assert path.read_bytes() == before
    assert window.model.summary(LANCHI).state is PublishState.PUBLISHED
    assert window.session.article.metadata["draft"] is False
    assert "Undone" in window.statusBar().currentMessage()
    window.action_registry[ActionId.REDO].trigger()
    assert b"draft = true" in path.read_bytes()
    assert window.model.summary(LANCHI).state is PublishState.DRAFT


def test_undo_after_publish_and_next_restores_the_article_left_behind(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    first = "world/lower-marsh-flood-barrier-vote.md"
    path = sample_desk / "content" / first
    before = path.read_bytes()
    assert window.select_path(first)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH_AND_NEXT].trigger()
    qtbot.waitUntil(lambda: window.session.path != first)
    window.action_registry[ActionId.UNDO].trigger()
    assert path.read_bytes() == before
    assert window.model.summary(first).state is PublishState.DRAFT


def test_undo_publish_refuses_a_file_changed_since(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    path = sample_desk / "content" / LANCHI
    assert window.select_path(LANCHI)
    _toggle(qtbot, window)
    outside = path.read_bytes().replace(b"draft = true", b"draft = true # checked", 1)
    path.write_bytes(outside)
    asked.answer("report_failures", None)
    window.action_registry[ActionId.UNDO].trigger()
    ((_title, failures),) = asked.named("report_failures")
    assert failures[0][0] == LANCHI and "changed on disk since" in failures[0][1]
    assert path.read_bytes() == outside


def test_undo_of_form_edits_comes_before_undo_of_the_write(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    _toggle(qtbot, window)
    type_title(qtbot, window, "Typed after")
    window.list_view.setFocus()  # the field's undo step ends with its focus
    window.action_registry[ActionId.UNDO].trigger()
    assert not window.session.dirty
    assert b"draft = true" in path.read_bytes()
    window.action_registry[ActionId.UNDO].trigger()
    assert path.read_bytes() == before


def test_undo_of_a_bulk_action_works_while_its_rows_stay_selected(
    qtbot, make_window, desk: Path, asked
) -> None:
    """It showed "Undo Back to Draft 4 articles" greyed out: with several rows selected, Undo was
    off so as not to change the hidden open article; the write of an action is no such edit."""
    published = '+++\ntitle = "Story {0}"\ndraft = false\n+++\nBody\n'
    for n in range(4):
        (desk / f"story{n}.md").write_text(published.format(n))
    before = {n: (desk / f"story{n}.md").read_bytes() for n in range(4)}
    window = make_window(desk)
    paths = shown_paths(window)
    select_rows(window, paths)
    qtbot.waitUntil(lambda: window.multi.active)
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.DRAFT].trigger()
    assert all(b"draft = true" in (desk / f"story{n}.md").read_bytes() for n in range(4))
    assert window.multi.active and len(window.selected_summaries()) == 4
    undo = window.action_registry[ActionId.UNDO]
    assert undo.text().replace("&", "") == "Undo Back to Draft 4 articles"
    assert undo.isEnabled()
    undo.trigger()
    assert {n: (desk / f"story{n}.md").read_bytes() for n in range(4)} == before
    assert all(window.model.summary(path).state is PublishState.PUBLISHED for path in paths)
    redo = window.action_registry[ActionId.REDO]
    assert redo.isEnabled()
    redo.trigger()
    assert all(b"draft = true" in (desk / f"story{n}.md").read_bytes() for n in range(4))


# --- the review queue and the Date column ---------------------------------------------------------


def test_publish_and_next_says_when_no_draft_is_left(qtbot, make_window, desk: Path) -> None:
    (desk / "a.md").write_text(DRAFT.format("a"))
    (desk / "b.md").write_text('+++\ntitle = "Out"\n+++\n')
    window = make_window(desk)
    assert window.select_path("a.md")
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH_AND_NEXT].trigger()
    assert window.session.path == "a.md"
    assert "no drafts left" in window.statusBar().currentMessage()


def test_the_date_column_shows_the_date_hugo_publishes_on(make_window, desk: Path) -> None:
    from editor.ui.desk.article_model import Column

    (desk / "embargo.md").write_text(
        '+++\ntitle = "E"\ndate = 2026-01-05T09:00:00Z\npublishDate = 2026-06-01T09:00:00Z\n+++\n'
    )
    (desk / "plain.md").write_text('+++\ntitle = "P"\ndate = 2026-02-03T10:00:00Z\n+++\n')
    window = make_window(desk)
    rows = {
        window.proxy.index(row, 0).data(Role.PATH): window.proxy.index(row, Column.DATE)
        for row in range(window.proxy.rowCount())
    }
    assert rows["embargo.md"].data() == "2026-06-01 09:00"
    assert "publishDate" in rows["embargo.md"].data(Qt.ItemDataRole.ToolTipRole)
    assert rows["plain.md"].data() == "2026-02-03 10:00"
    assert "from date" in rows["plain.md"].data(Qt.ItemDataRole.ToolTipRole)


# --- publishing checks first ---------------------------------------------------------------------


def test_publishing_an_article_with_errors_asks_naming_them(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    from editor.ui.common import dialogs

    path = sample_desk / "content" / "world/vallombra-water-rationing.md"  # no title
    before = path.read_bytes()
    assert window.select_path("world/vallombra-water-rationing.md")
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.CANCEL)
    window.action_registry[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: asked.named("ask_publish_with_problems") != [])
    ((problems, total),) = asked.named("ask_publish_with_problems")
    assert total == 1
    assert problems == [("world/vallombra-water-rationing.md", ["title is missing"])]
    qtbot.waitUntil(lambda: not window.bulk.running)
    assert path.read_bytes() == before
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.ALL)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert b"draft = false" in path.read_bytes()


def test_a_bulk_publish_summarises_the_problems_and_can_leave_them_out(
    qtbot, make_window, desk: Path, asked
) -> None:
    from editor.ui.common import dialogs

    for n in range(3):
        (desk / f"ok{n}.md").write_text(DRAFT.format(n))
    (desk / "dup1.md").write_text('+++\ntitle = "D1"\narticle_id = 5\ndraft = true\n+++\n')
    (desk / "dup2.md").write_text('+++\ntitle = "D2"\narticle_id = 5\ndraft = true\n+++\n')
    window = make_window(desk)
    select_rows(window, shown_paths(window))
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.CLEAN_ONLY)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000) as done:
        window.action_registry[ActionId.PUBLISH].trigger()
    ((problems, total),) = asked.named("ask_publish_with_problems")
    assert total == 5 and sorted(name for name, _ in problems) == ["D1", "D2"]
    assert "duplicate article_id" in problems[0][1][0]
    assert asked.named("confirm_bulk") == []  # the one question stood for the confirmation
    assert sorted(result.path for result in done.args[0]) == ["ok0.md", "ok1.md", "ok2.md"]
    assert "draft = true" in (desk / "dup1.md").read_text()


def test_publishing_clean_articles_asks_nothing_more(qtbot, make_window, desk: Path, asked) -> None:
    for n in range(2):
        (desk / f"ok{n}.md").write_text(DRAFT.format(n))
    window = make_window(desk)
    select_rows(window, shown_paths(window))
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert asked.named("ask_publish_with_problems") == []
    assert asked.named("confirm_bulk") == [("Publish 2 articles?",)]


def test_the_form_of_several_rows_shows_what_a_bulk_action_wrote(
    qtbot, make_window, desk: Path, asked
) -> None:
    """After Publish on three selected drafts their form still said Draft ✓ (the values from
    before the action): a Save of another field then showed a state no file had."""
    for n in range(3):
        (desk / f"draft{n}.md").write_text(DRAFT.format(n))
    window = make_window(desk)
    select_rows(window, shown_paths(window))
    qtbot.waitUntil(lambda: window.multi.active)
    form = window.multi.form
    assert form._fields["draft"].value is True
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert all(b"draft = false" in (desk / f"draft{n}.md").read_bytes() for n in range(3))
    assert window.multi.active
    qtbot.waitUntil(lambda: form._fields["draft"].value is False, timeout=2_000)
    assert not form.is_mixed("draft")
