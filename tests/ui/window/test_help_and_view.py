"""The View and Help menus, and the status bar saying which folder is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMenu

from editor import __version__
from editor.bundled import docs_dir
from editor.ui.desk.article_model import Column
from editor.ui.window import help as help_windows
from editor.ui.window.actions import ActionId
from editor.ui.window.help import AppPlaces
from editor.ui.window.main_window import MainWindow


def _menu(window: MainWindow, name: str) -> list[str]:
    menu = window.menuBar().findChild(QMenu, name)
    assert menu is not None, name
    return [action.objectName() for action in menu.actions() if not action.isSeparator()]


def test_the_view_and_help_menus_are_there(window: MainWindow) -> None:
    assert _menu(window, "menuView") == ["actionShowProblems", "actionColumns"]
    assert _menu(window, "menuHelp") == ["actionShortcuts", "actionGuide", "actionAbout"]


def test_the_problems_panel_is_shown_and_hidden_from_view(qtbot, window: MainWindow) -> None:
    action = window.action_registry[ActionId.SHOW_PROBLEMS]
    assert not action.isChecked() and not window.check_panel.isVisible()
    action.trigger()
    assert window.check_panel.isVisible()
    action.trigger()
    assert not window.check_panel.isVisible()
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    assert action.isChecked()  # a check shows the panel, and the menu says so


def test_the_columns_menu_shows_and_hides_columns(window: MainWindow) -> None:
    window.columns_menu.aboutToShow.emit()
    actions = {action.text(): action for action in window.columns_menu.actions()}
    assert set(actions) == {"State", "Date", "Source", "Path", "Git", "Last change", "Language"}
    header = window.list_view.horizontalHeader()
    actions["Path"].setChecked(True)
    assert not header.isSectionHidden(Column.PATH)


def test_the_shortcuts_dialog_lists_the_actions_keys(qtbot, window: MainWindow) -> None:
    dialog = window.help.show_shortcuts()
    qtbot.waitExposed(dialog)
    text = dialog.text.toPlainText()
    assert "Ctrl+D" in text and "Toggle Draft" in text
    assert "Ctrl+Shift+P" in text and "Publish" in text
    assert "Tab / Shift+Tab" in text
    dialog.close()


def test_the_guide_is_the_bundled_docs_guide(tmp_path: Path) -> None:
    assert AppPlaces().guide_path() is None
    places = AppPlaces(docs=tmp_path)
    assert places.guide_path() is None  # a copy without the guide says so instead of failing
    (tmp_path / "guide.md").write_text("# guide\n")
    assert places.guide_path() == tmp_path / "guide.md"


def test_f1_shows_the_guide_in_the_app(qtbot, window: MainWindow, asked) -> None:
    """It went to the desktop's app for .md files, which many desktops lack (issue 9)."""
    from PySide6.QtCore import Qt

    from editor.ui.window.guide_window import GuideWindow

    guide = window.places.guide_path()
    assert guide is not None and guide.name == "guide.md" and guide.parent == docs_dir()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = window.findChild(GuideWindow, "guideWindow")
    assert shown is not None
    qtbot.waitUntil(shown.isVisible)
    assert asked.opened == []  # nothing handed to the desktop
    text = shown.text.toPlainText()
    assert "Copydesk — the editor's guide" in text and "1. Open a desk" in text
    assert "![" not in text and "## " not in text  # rendered, not the Markdown source
    assert window.help.open_guide() is shown  # one window, raised again


def test_the_guide_follows_its_anchors_and_sends_web_links_through_the_policy(
    qtbot, tmp_path: Path, asked
) -> None:
    from editor.ui.window.guide_window import GuideWindow, heading_anchor

    assert heading_anchor("1. Open a desk") == "1-open-a-desk"
    assert heading_anchor("Copydesk — the editor's guide") == "copydesk--the-editors-guide"
    filler = "\n\n".join(f"Paragraph {n}." for n in range(200))
    (tmp_path / "guide.md").write_text(
        f"# Guide\n\n[Later](#2-later-part)\n\n{filler}\n\n## 2. Later part\n\nHere.\n"
    )
    guide = GuideWindow(tmp_path / "guide.md")
    qtbot.addWidget(guide)
    guide.show()
    bar = guide.text.verticalScrollBar()
    assert bar.value() == 0
    guide.follow(QUrl("#2-later-part"))
    assert bar.value() > 0
    assert asked.opened == []
    guide.follow(QUrl("https://gohugo.io/content-management/front-matter/"))
    assert asked.opened == ["https://gohugo.io/content-management/front-matter/"]
    asked.answer("report_error", None)
    guide.follow(QUrl("javascript:alert(1)"))
    assert len(asked.opened) == 1 and asked.named("report_error")


def test_about_names_version_licence_settings_and_sample_desk(tmp_path: Path) -> None:
    places = AppPlaces(settings_file="/home/ed/.config/Copydesk.conf", sample_desk=tmp_path / "s")
    text = help_windows.about_text(places)
    assert __version__ in text and "MIT" in text
    assert "/home/ed/.config/Copydesk.conf" in text and str(tmp_path / "s") in text


def test_the_status_bar_names_the_folder(window: MainWindow) -> None:
    assert window.folder_label.text() == f"Folder: {window.root}"


def test_the_status_bar_says_when_the_sample_desk_is_open(
    qtbot, settings, sample_desk: Path
) -> None:
    window = MainWindow(settings, places=AppPlaces(sample_desk=sample_desk))
    qtbot.addWidget(window)
    window.open_folder(sample_desk)
    assert window.folder_label.text() == f"Sample desk: {window.root}"
    qtbot.waitUntil(lambda: not window.scanning, timeout=10_000)
    window.shutdown()
    window.pool.waitForDone(5000)
