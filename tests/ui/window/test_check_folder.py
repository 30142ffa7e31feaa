"""Check Folder in the main window on a real sample desk: the Problems panel, a click that selects
the article, and what the check says about the folder (moved out of test_main_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLabel

from editor.core.problem import Level
from editor.ui.desk.article_model import Column, Role
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import BROKEN, LANCHI, title_field

# --- check folder -----------------------------------------------------------------------------------


def test_check_folder_lists_problems_and_a_click_selects_the_article(
    qtbot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.check_finished, timeout=10_000) as blocker:
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    result = blocker.args[0]
    panel = window.check_panel
    assert panel.isVisible()
    problems = panel.model.problems()
    # The same problems, the errors first (test_check_panel.py).
    assert sorted(problems, key=str) == sorted(result.problems, key=str)
    errors = [problem.level is Level.ERROR for problem in problems]
    assert errors == sorted(errors, reverse=True)
    assert {problem.path for problem in problems} >= {BROKEN, "world/vallombra-water-rationing.md"}
    assert "error" in panel.summary.text() and "17 files checked" in panel.summary.text()
    row = next(
        n
        for n, problem in enumerate(problems)
        if problem.path == "world/vallombra-water-rationing.md"
    )
    panel.view.activated.emit(panel.model.index(row, 0))
    assert window.session.path == "world/vallombra-water-rationing.md"
    assert window.list_view.currentIndex().data(Role.PATH) == "world/vallombra-water-rationing.md"


def test_switching_articles_from_the_list_keeps_focus_in_the_list(
    qtbot, window: MainWindow
) -> None:
    # A field focused earlier must not pull focus back when another article (with other keys) opens:
    # keys meant for the list would edit the new article.
    assert window.select_path(LANCHI)
    qtbot.waitUntil(title_field(window).isVisible)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    title_field(window).setFocus()
    assert title_field(window).hasFocus()
    window.list_view.setFocus()
    assert window.select_path(
        "world/port-avalen-ferry-strike.md"
    )  # JSON: a different set of fields
    assert window.list_view.hasFocus()
    qtbot.keyClicks(window.list_view, "x")
    assert not window.session.dirty


def test_an_unreadable_file_says_why_in_place_of_the_form(
    window: MainWindow, sample_desk: Path
) -> None:
    before = (sample_desk / "content" / BROKEN).read_bytes()
    placeholder = window.form.findChild(QLabel, "formPlaceholder")
    assert window.select_path(BROKEN)
    assert placeholder.isVisible()
    text = placeholder.text()
    assert text.startswith("This file cannot be opened:") and BROKEN in text
    assert "Malformed TOML" in text and "line " in text  # the reason, with where
    assert "Copydesk will not write it" in text
    assert window.select_path(LANCHI)
    assert not placeholder.isVisible()
    window.session.close()
    assert placeholder.text().startswith("No article open")
    assert (sample_desk / "content" / BROKEN).read_bytes() == before


def test_undo_shortcut_works_in_a_date_field(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.select_path(LANCHI)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    date = window.findChild(QDateTimeEdit, "field_date")
    date.setFocus()
    assert date.hasFocus()
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert window.session.dirty
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(date, undo.key(), undo.keyboardModifiers())
    assert not window.session.dirty
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    qtbot.keyClick(date, redo.key(), redo.keyboardModifiers())
    assert window.session.dirty


def test_a_tall_summary_keeps_its_count_below_it_in_the_window(qtbot, window) -> None:
    """The Chinese summary wraps onto more lines than the editor starts with; its row must grow."""
    window.resize(1440, 900)
    window.splitter.setSizes([600, 840])
    window.editor_splitter.setSizes([470, 370])
    path = "technology/shenzhen-lanchi-semi-solid-battery.md"
    window.select_path(path)
    qtbot.waitUntil(lambda: window.session.path == path)
    editor = window.form.editor("summary")
    qtbot.waitUntil(lambda: editor.text.height() > editor.text.fontMetrics().lineSpacing() * 3)
    qtbot.waitUntil(
        lambda: editor.count.geometry().top() >= editor.text.geometry().bottom(), timeout=1000
    )


def test_clicking_the_row_qt_made_current_on_focus_opens_it(qtbot, window: MainWindow) -> None:
    """Qt makes the first row current (unselected) when the table gets the focus; that alone opens
    nothing, and a click on that very row must open it (it changes the selection, not the current
    row)."""
    view = window.list_view
    first = window.proxy.index(0, Column.TITLE)
    view.selectionModel().setCurrentIndex(first, view.selectionModel().SelectionFlag.NoUpdate)
    assert window.session.path is None
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
    )
    assert window.session.path == first.data(Role.PATH)


def test_a_folder_holding_a_site_warns_that_its_templates_are_listed_as_pages(
    qtbot, make_window, tmp_path: Path
) -> None:
    """linkerd's repository opened from the top: 71 templates listed as invalid pages, and the
    window said nothing (the CLI warns, from the same rule: site.sites_held)."""
    site = tmp_path / "repo" / "linkerd.io"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "L"\n', encoding="utf-8")
    (site / "content" / "a.md").write_text("+++\ntitle = 'A'\n+++\n", encoding="utf-8")
    (site / "layouts").mkdir()
    (site / "layouts" / "baseof.md").write_text("{{ block }}\n", encoding="utf-8")
    window = make_window(tmp_path / "repo")
    qtbot.waitUntil(lambda: "holds the Hugo site" in window.current_message(), timeout=10_000)
    text = window.current_message()
    assert "linkerd.io/" in text and "templates are listed as pages" in text
    window.open_folder(site)
    qtbot.waitUntil(lambda: not window.scanning, timeout=10_000)
    assert "holds the Hugo site" not in window.current_message()


def test_the_held_sites_note_says_only_what_is_there(qtbot, make_window, tmp_path: Path) -> None:
    """It said "templates" of a site that had none."""
    site = tmp_path / "repo" / "docs"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "D"\n', encoding="utf-8")
    (site / "content" / "a.md").write_text("+++\ntitle = 'A'\n+++\n", encoding="utf-8")
    window = make_window(tmp_path / "repo")
    qtbot.waitUntil(lambda: "holds the Hugo site" in window.current_message(), timeout=10_000)
    text = window.current_message()
    assert "docs/" in text and "templates" not in text
    assert "read without its config" in text
    (site / "archetypes").mkdir()
    (site / "archetypes" / "default.md").write_text("+++\n+++\n", encoding="utf-8")
    window.open_folder(tmp_path / "repo")
    qtbot.waitUntil(lambda: "archetypes are listed as pages" in window.current_message())
    assert "templates" not in window.current_message()
