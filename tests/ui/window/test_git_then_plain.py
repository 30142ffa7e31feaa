"""A window that showed a git desk, then a folder outside git: no empty Git columns or git filters
are left from the first (issue 9), and they come back on a git desk again."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.ui.desk.article_model import Column
from editor.ui.window.main_window import MainWindow
from tests.helpers.git import Team
from tests.ui.window.test_git_window import quiet, wait_git  # noqa: F401 (a fixture)

GIT_ENTRY = "Git: "


def _git_parts_shown(window: MainWindow) -> tuple[bool, bool, bool]:
    header = window.list_view.horizontalHeader()
    combo = window.list_panel.state_filter
    entries = any(combo.itemText(n).startswith(GIT_ENTRY) for n in range(combo.count()))
    return (
        not header.isSectionHidden(Column.GIT),
        not header.isSectionHidden(Column.LAST_CHANGE),
        entries,
    )


@pytest.mark.usefixtures("quiet")
def test_the_git_columns_follow_the_desk(qtbot, make_window, team: Team, sample_desk: Path) -> None:
    window = make_window(team.bob)
    wait_git(qtbot, window)
    assert _git_parts_shown(window) == (True, True, True)
    assert window.open_folder(sample_desk)
    qtbot.waitUntil(lambda: not window.scanning and window.git.desk.idle, timeout=15_000)
    qtbot.waitUntil(lambda: _git_parts_shown(window) == (False, False, False), timeout=5_000)
    assert window.open_folder(team.bob)
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: _git_parts_shown(window) == (True, True, True), timeout=5_000)


@pytest.mark.usefixtures("quiet")
def test_a_layout_saved_on_a_git_desk_shows_no_git_columns_outside_git(
    qtbot, make_window, team: Team, sample_desk: Path
) -> None:
    """The real window's case: widths saved while on a git desk showed the columns, empty, on the
    next start with a folder outside git; they come back, at their width, on a git desk."""
    first = make_window(team.bob)
    wait_git(qtbot, first)
    first.list_view.horizontalHeader().resizeSection(Column.LAST_CHANGE, 222)
    first.save_settings()
    first.close()
    window = make_window(sample_desk)
    qtbot.waitUntil(lambda: not window.git.desk.busy, timeout=15_000)
    assert _git_parts_shown(window) == (False, False, False)
    assert window.open_folder(team.bob)
    wait_git(qtbot, window)
    qtbot.waitUntil(lambda: _git_parts_shown(window) == (True, True, True), timeout=5_000)
    assert window.list_panel.columns.preferred(Column.LAST_CHANGE) == 222
