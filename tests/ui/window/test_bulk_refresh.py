"""After a bulk action the form of several rows shows what the service returned, without reading
every selected file again; a file someone else changed since is read, and shows what it holds."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from editor.ui.window.actions import ActionId
from tests.helpers.window import select_rows, shown_paths

DRAFT = '+++\ntitle = "Draft {0}"\nauthor = "Ada"\ndraft = true\n+++\nBody\n'


def _selected_drafts(qtbot, make_window, desk: Path, count: int = 4):
    for n in range(count):
        (desk / f"draft{n}.md").write_text(DRAFT.format(n))
    window = make_window(desk)
    select_rows(window, shown_paths(window))
    qtbot.waitUntil(lambda: window.multi.active)
    return window


def _loads_on_the_gui_thread(window, monkeypatch) -> list[str]:
    """The files the window reads through the service from now on, outside the service's own
    writes (an action's worker, or set_values reading each file to change it)."""
    service = window.session.service
    loaded: list[str] = []
    writing = []
    original_load, original_set_values = service.load, service.set_values

    def load(path, *args, **kwargs):
        if threading.current_thread() is threading.main_thread() and not writing:
            loaded.append(str(path))
        return original_load(path, *args, **kwargs)

    def set_values(*args, **kwargs):
        writing.append(True)
        try:
            return original_set_values(*args, **kwargs)
        finally:
            writing.pop()

    monkeypatch.setattr(service, "load", load)
    monkeypatch.setattr(service, "set_values", set_values)
    return loaded


def test_a_bulk_publish_does_not_read_the_selected_files_again(
    qtbot, make_window, desk: Path, asked, monkeypatch
) -> None:
    """The form re-read all the selected files from disk although the service had just written
    them (and returned them)."""
    window = _selected_drafts(qtbot, make_window, desk)
    form = window.multi.form
    loaded = _loads_on_the_gui_thread(window, monkeypatch)
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert all(b"draft = false" in (desk / f"draft{n}.md").read_bytes() for n in range(4))
    assert window.multi.active
    assert form._fields["draft"].value is False and not form.is_mixed("draft")
    assert sorted(form.paths) == [f"draft{n}.md" for n in range(4)]
    assert loaded == []


def test_a_file_changed_by_someone_else_after_the_write_still_shows_as_changed(
    qtbot, make_window, desk: Path, asked, monkeypatch
) -> None:
    window = _selected_drafts(qtbot, make_window, desk)
    form = window.multi.form
    service = window.session.service
    original = service.set_draft
    other = desk / "draft2.md"

    def then_someone_writes(paths, value, **kwargs):
        results = original(paths, value, **kwargs)
        # Another program writes one of the files after the service did, before the window looks.
        text = other.read_text().replace('author = "Ada"', 'author = "Someone Else"')
        other.write_text(text)
        info = other.stat()
        os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
        return results

    monkeypatch.setattr(service, "set_draft", then_someone_writes)
    loaded = _loads_on_the_gui_thread(window, monkeypatch)
    assert not form.is_mixed("author")
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert window.multi.active
    assert form.is_mixed("author")  # draft2.md says "Someone Else": read again, as it is now
    assert loaded == ["draft2.md"]
    assert not form.is_mixed("draft")


def test_a_save_of_the_form_does_not_read_the_files_again(
    qtbot, make_window, desk: Path, monkeypatch
) -> None:
    window = _selected_drafts(qtbot, make_window, desk, count=3)
    loaded = _loads_on_the_gui_thread(window, monkeypatch)
    window.multi.save([f"draft{n}.md" for n in range(3)], {"author": "Grace"})
    assert all('author = "Grace"' in (desk / f"draft{n}.md").read_text() for n in range(3))
    form = window.multi.form
    assert form._fields["author"].value == "Grace" and not form.is_mixed("author")
    assert loaded == []


def test_the_window_title_names_the_count_while_several_rows_are_selected(
    qtbot, make_window, desk: Path
) -> None:
    """The title named the current row's article while the form edited several (found by hand:
    "Halden Mutual…" over a form saying "Editing 2 articles")."""
    window = _selected_drafts(qtbot, make_window, desk, count=3)
    assert window.windowTitle().startswith("3 articles")
    select_rows(window, shown_paths(window)[:2])
    qtbot.waitUntil(lambda: window.windowTitle().startswith("2 articles"))
    select_rows(window, shown_paths(window)[:1])
    qtbot.waitUntil(lambda: not window.multi.active)
    assert window.windowTitle().startswith(window.session.title)
