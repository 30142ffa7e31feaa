"""The window keeps every article's unsaved edits: switching, Save All, quitting, and a crash."""

from __future__ import annotations

from pathlib import Path

from editor.ui.common import dialogs
from editor.ui.desk.article_model import DIRTY_MARK, Column
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import (
    LANCHI,
    LANCHI_TITLE,
    select_rows,
    title_field,
    type_title,
)

# --- unsaved changes --------------------------------------------------------------------------------


def test_switching_keeps_the_edits_without_asking(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    before = (sample_desk / "content" / LANCHI).read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    window.action_registry[ActionId.NEXT].trigger()
    assert window.session.path != LANCHI
    assert asked.calls == []
    assert (sample_desk / "content" / LANCHI).read_bytes() == before
    assert window.model.is_dirty(LANCHI)
    assert window.model.index_of(LANCHI, Column.TITLE).data().startswith(DIRTY_MARK)
    assert window.action_registry[ActionId.SAVE_ALL].isEnabled()
    assert not window.action_registry[ActionId.SAVE].isEnabled()  # the article shown now is clean
    assert window.select_path(LANCHI)
    assert title_field(window).text() == "Mine"
    assert window.session.dirty and window.action_registry[ActionId.SAVE].isEnabled()


def test_publishing_an_article_waiting_with_edits_keeps_them_on_top(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    waiting, other = "world/lower-marsh-flood-barrier-vote.md", "world/vallombra-water-rationing.md"
    path = sample_desk / "content" / waiting
    before = path.read_bytes()
    assert window.select_path(waiting)
    old_title = window.session.article.value("title")
    type_title(qtbot, window, "Mine")
    select_rows(window, [other, waiting])  # the other one is open now; mine waits with its edit
    qtbot.waitUntil(lambda: window.session.path == other)
    asked.answer("confirm_bulk", True)
    asked.answer("ask_publish_with_problems", dialogs.PublishAnswer.ALL)  # the other has no title
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    published = before.replace(b"draft = true", b"draft = false", 1)
    assert path.read_bytes() == published
    assert window.model.is_dirty(waiting)
    assert window.select_path(waiting)
    assert title_field(window).text() == "Mine" and not window.conflict_bar.isVisible()
    assert window.save()
    assert path.read_bytes() == published.replace(old_title.encode(), b"Mine", 1)


def test_save_all_writes_every_article_with_edits(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    other = "world/port-avalen-ferry-strike.md"
    content = sample_desk / "content"
    before = {path: (content / path).read_bytes() for path in (LANCHI, other)}
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    assert window.select_path(other)
    old_title = window.session.article.value("title")
    type_title(qtbot, window, "Other")
    assert window.select_path("world/vallombra-water-rationing.md")
    window.action_registry[ActionId.SAVE_ALL].trigger()
    assert asked.calls == []
    assert (content / LANCHI).read_bytes() == before[LANCHI].replace(LANCHI_TITLE.encode(), b"Mine")
    assert (content / other).read_bytes() == before[other].replace(old_title.encode(), b"Other", 1)
    assert not window.model.is_dirty(LANCHI) and not window.model.is_dirty(other)
    assert window.model.summary(LANCHI).title == "Mine"
    assert not window.action_registry[ActionId.SAVE_ALL].isEnabled()


def test_save_all_reports_a_failure_by_name_and_saves_the_rest(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    other = "world/port-avalen-ferry-strike.md"
    content = sample_desk / "content"
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    assert window.select_path(other)
    type_title(qtbot, window, "Other")
    assert window.select_path("world/vallombra-water-rationing.md")
    (content / LANCHI).write_bytes((content / LANCHI).read_bytes() + b"\nchanged outside\n")
    asked.answer("report_failures", None)
    window.action_registry[ActionId.SAVE_ALL].trigger()
    ((_title, failures),) = asked.named("report_failures")
    assert [path for path, _reason in failures] == [LANCHI]
    assert "changed on disk" in failures[0][1]
    assert b"Other" in (content / other).read_bytes()
    assert window.model.is_dirty(LANCHI) and not window.model.is_dirty(other)


def test_closing_asks_once_naming_every_unsaved_article(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    other = "world/port-avalen-ferry-strike.md"
    before = (sample_desk / "content" / other).read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    assert window.select_path(other)
    type_title(qtbot, window, "Other")
    asked.answer("ask_unsaved_articles", dialogs.Answer.CANCEL)
    assert not window.close()
    assert asked.named("ask_unsaved_articles") == [(["Mine", "Other"],)]
    assert window.isVisible() and window.session.article.value("title") == "Other"
    asked.answer("ask_unsaved_articles", dialogs.Answer.DISCARD)
    assert window.close()
    assert len(asked.named("ask_unsaved_articles")) == 2
    assert (sample_desk / "content" / other).read_bytes() == before


def test_unsaved_edits_survive_a_crash(
    qtbot, make_window, sample_desk: Path, tmp_path: Path, asked
) -> None:
    journal = tmp_path / "data" / "unsaved"
    content = sample_desk / "content"
    before = (content / LANCHI).read_bytes()
    first = make_window(sample_desk, journal_dir=journal)
    assert first.select_path(LANCHI)
    type_title(qtbot, first, "Mine")
    qtbot.waitUntil(  # journaled once typing pauses
        lambda: any(b'"Mine"' in entry.read_bytes() for entry in journal.rglob("*.pending.json"))
    )
    # The first process is killed here: nothing is saved, nothing is asked.
    second = make_window(sample_desk, journal_dir=journal)
    assert (content / LANCHI).read_bytes() == before
    assert second.model.is_dirty(LANCHI)
    assert "Unsaved edits of 1 article are back" in second.statusBar().currentMessage()
    assert second.select_path(LANCHI)
    assert title_field(second).text() == "Mine"
    assert not second.conflict_bar.isVisible()
    assert second.save()
    assert (content / LANCHI).read_bytes() == before.replace(LANCHI_TITLE.encode(), b"Mine")
    assert not any(journal.rglob("*.pending.json"))


def test_edits_back_from_a_crash_merge_into_a_file_that_moved_on(
    qtbot, make_window, sample_desk: Path, tmp_path: Path, asked
) -> None:
    journal = tmp_path / "data" / "unsaved"
    path = sample_desk / "content" / LANCHI
    first = make_window(sample_desk, journal_dir=journal)
    assert first.select_path(LANCHI)
    type_title(qtbot, first, "Mine")
    first.unsaved.flush()
    theirs = path.read_bytes() + b"\nAdded by someone else.\n"
    path.write_bytes(theirs)
    second = make_window(sample_desk, journal_dir=journal)
    assert "Unsaved edits of 1 article are back" in second.statusBar().currentMessage()
    assert second.select_path(LANCHI)
    assert second.session.dirty and title_field(second).text() == "Mine"
    assert not second.conflict_bar.isVisible()  # the merge put the edit on the new version
    assert path.read_bytes() == theirs  # still unsaved
    assert second.save()
    assert path.read_bytes() == theirs.replace(LANCHI_TITLE.encode(), b"Mine")


def test_edits_back_from_a_crash_that_conflict_show_the_conflict(
    qtbot, make_window, sample_desk: Path, tmp_path: Path, asked
) -> None:
    journal = tmp_path / "data" / "unsaved"
    path = sample_desk / "content" / LANCHI
    first = make_window(sample_desk, journal_dir=journal)
    assert first.select_path(LANCHI)
    type_title(qtbot, first, "Mine")
    first.unsaved.flush()
    theirs = path.read_bytes().replace(LANCHI_TITLE.encode(), b"Theirs")
    path.write_bytes(theirs)
    second = make_window(sample_desk, journal_dir=journal)
    assert "changed on disk since" in second.statusBar().currentMessage()
    assert second.select_path(LANCHI)
    assert second.session.dirty and title_field(second).text() == "Mine"
    assert second.conflict_bar.isVisible()  # never applied blindly
    assert path.read_bytes() == theirs
