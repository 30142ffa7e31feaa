"""The window's first-run layout, and the layout kept between starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.common.settings import Settings
from editor.ui.desk.article_list import TITLE_ROOM
from editor.ui.desk.article_model import Column
from editor.ui.window.main_window import MainWindow
from editor.ui.window.window_layout import FIRST_RUN_SCREEN_SHARE, first_run_splitter_sizes


def test_first_run_window_takes_most_of_the_screen_centred(window: MainWindow) -> None:
    area = window.screen().availableGeometry()
    assert window.width() == round(area.width() * FIRST_RUN_SCREEN_SHARE)
    assert window.height() == round(area.height() * FIRST_RUN_SCREEN_SHARE)
    centre = window.frameGeometry().center()  # within the frame, unknown before the first show
    assert abs(centre.x() - area.center().x()) <= 4 and abs(centre.y() - area.center().y()) <= 4


def test_at_1440_pixels_the_list_shows_state_title_date_and_source_without_scrolling(
    qtbot, window: MainWindow
) -> None:
    window.resize(1440, 900)
    main_sizes, editor_sizes = first_run_splitter_sizes(window.list_panel.preferred_width(), 1440)
    window.splitter.setSizes(main_sizes)
    window.editor_splitter.setSizes(editor_sizes)
    view = window.list_view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: view.viewport().width() > TITLE_ROOM)
    assert header.length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    for column in (Column.STATE, Column.DATE, Column.SOURCE):
        assert not header.isSectionHidden(column)
        assert header.sectionSize(column) >= view.sizeHintForColumn(column), (
            column.name
        )  # nothing cut
    assert header.sectionSize(Column.TITLE) >= TITLE_ROOM
    assert header.isSectionHidden(Column.PATH)  # shown on request; the form names the file
    assert min(editor_sizes) > 250  # the form and the body keep room too


def test_the_title_takes_the_slack(qtbot, window: MainWindow) -> None:
    header = window.list_view.horizontalHeader()
    window.resize(1440, 900)
    window.splitter.setSizes([600, 840])
    qtbot.waitUntil(lambda: window.list_panel.width() < 620)
    before = [header.sectionSize(column) for column in Column]
    window.splitter.setSizes([800, 640])
    qtbot.waitUntil(lambda: window.list_panel.width() > 780)
    after = [header.sectionSize(column) for column in Column]
    assert after[Column.TITLE] - before[Column.TITLE] >= 150
    assert [size for column, size in enumerate(after) if column != Column.TITLE] == [
        size for column, size in enumerate(before) if column != Column.TITLE
    ]


def test_a_column_shown_or_hidden_from_the_header_menu_stays_so(
    qtbot, make_window, sample_desk: Path, tmp_path: Path
) -> None:
    ini = tmp_path / "layout.ini"
    first = make_window(sample_desk, Settings.in_file(ini))
    menu = first.list_panel.column_menu()
    actions = {action.text(): action for action in menu.actions()}
    assert "Title" not in actions  # the title is always there
    assert not actions["Path"].isChecked() and actions["Source"].isChecked()
    actions["Path"].setChecked(True)
    actions["Source"].setChecked(False)
    header = first.list_view.horizontalHeader()
    assert not header.isSectionHidden(Column.PATH) and header.isSectionHidden(Column.SOURCE)
    header.resizeSection(Column.PATH, 150)
    assert first.close()

    second = make_window(None, Settings.in_file(ini))
    header = second.list_view.horizontalHeader()
    assert header.isSectionHidden(Column.SOURCE)
    assert not header.isSectionHidden(Column.PATH)
    assert (
        second.list_panel.columns.preferred(Column.PATH) == 150
    )  # as set (shown narrower if need be)
    # With room the title stretches (in a list too narrow for the columns it keeps its room and
    # the list scrolls sideways).
    second.resize(1400, 900)
    second.splitter.setSizes([900, 500])
    qtbot.waitUntil(lambda: header.sectionResizeMode(Column.TITLE) == header.ResizeMode.Stretch)
    assert header.sectionSize(Column.PATH) == 150
    assert header.sortIndicatorSection() == Column.DATE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


@pytest.mark.parametrize("width", [1170, 1280])
def test_a_narrow_first_window_leaves_the_body_room_to_read(
    qtbot, window: MainWindow, width: int
) -> None:
    window.resize(width, 800)
    main_sizes, editor_sizes = first_run_splitter_sizes(window.list_panel.preferred_width(), width)
    window.splitter.setSizes(main_sizes)
    window.editor_splitter.setSizes(editor_sizes)
    qtbot.waitUntil(lambda: window.body.width() > 0)
    qtbot.wait(50)
    assert window.body.width() >= 300, (main_sizes, editor_sizes, window.form_pages.width())
    assert window.form_pages.width() >= 300
