"""Typed settings over a throwaway INI file, and the window's state surviving a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt

from editor.ui.common.settings import (
    COLUMN_WIDTHS,
    LAST_FOLDER,
    MAX_RECENT_FOLDERS,
    RECENT_FOLDERS,
    SETTINGS_VERSION,
    SORT_COLUMN,
    WINDOW_GEOMETRY,
    Settings,
)
from editor.ui.desk.article_model import Column


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "copydesk.ini"


def reopen(ini: Path) -> Settings:
    return Settings.in_file(ini)


def test_defaults_when_nothing_is_stored(qapp, ini: Path) -> None:
    settings = reopen(ini)
    assert settings.get(RECENT_FOLDERS) == []
    assert settings.get(COLUMN_WIDTHS) == []
    assert settings.get(SORT_COLUMN) == Column.DATE
    assert settings.get(WINDOW_GEOMETRY).isEmpty()
    assert settings.last_folder() is None
    assert settings.stored_version() == SETTINGS_VERSION  # a new file gets the current layout


def test_values_round_trip_with_their_types(qapp, ini: Path, tmp_path: Path) -> None:
    settings = reopen(ini)
    settings.set(COLUMN_WIDTHS, [100, 250, 130])
    settings.set(SORT_COLUMN, 1)
    settings.set(WINDOW_GEOMETRY, QByteArray(b"\x01\x02\x00\xff"))
    settings.add_recent_folder(tmp_path)
    settings.sync()
    again = reopen(ini)
    assert again.get(COLUMN_WIDTHS) == [100, 250, 130]
    assert again.get(SORT_COLUMN) == 1
    assert bytes(again.get(WINDOW_GEOMETRY)) == b"\x01\x02\x00\xff"
    assert again.get(RECENT_FOLDERS) == [str(tmp_path.resolve())]
    assert again.last_folder() == tmp_path.resolve()
    assert "[settings]\nversion=1\n" in ini.read_text()


def test_a_wrong_type_in_the_file_falls_back_to_the_default(qapp, ini: Path) -> None:
    ini.write_text(
        "[list]\nsortColumn=title\ncolumnWidths=wide, narrow\n[window]\ngeometry=42\n",
        encoding="utf-8",
    )
    settings = reopen(ini)
    assert settings.get(SORT_COLUMN) == Column.DATE
    assert settings.get(COLUMN_WIDTHS) == []
    assert settings.get(WINDOW_GEOMETRY).isEmpty()


def test_recent_folders_most_recent_first_unique_capped_and_pruned(
    qapp, ini: Path, tmp_path: Path
) -> None:
    folders = []
    for number in range(MAX_RECENT_FOLDERS + 3):
        folder = tmp_path / f"desk{number}"
        folder.mkdir()
        folders.append(folder)
    settings = reopen(ini)
    for folder in folders:
        settings.add_recent_folder(folder)
    settings.add_recent_folder(folders[5])  # opened again: moves to the top, not listed twice
    recent = settings.recent_folders()
    assert recent[0] == str(folders[5])
    assert len(recent) == MAX_RECENT_FOLDERS == len(set(recent))
    assert recent[1] == str(folders[-1])
    folders[-1].rmdir()
    assert str(folders[-1]) not in reopen(ini).recent_folders()
    settings.clear_recent_folders()
    assert reopen(ini).recent_folders() == []


def test_a_newer_settings_file_is_read_but_its_version_kept(qapp, ini: Path) -> None:
    ini.write_text("[settings]\nversion=99\n[list]\nsortColumn=3\n", encoding="utf-8")
    settings = reopen(ini)
    assert settings.get(SORT_COLUMN) == 3
    assert settings.stored_version() == 99
    settings.sync()
    assert QSettings(str(ini), QSettings.Format.IniFormat).value("settings/version") in ("99", 99)


def test_missing_last_folder_is_forgotten(qapp, ini: Path, tmp_path: Path) -> None:
    settings = reopen(ini)
    settings.set(LAST_FOLDER, str(tmp_path / "gone"))
    assert settings.last_folder() is None


def test_window_state_survives_a_restart(make_window, sample_desk: Path, ini: Path) -> None:
    first_settings = Settings.in_file(ini)
    window = make_window(sample_desk, first_settings)
    window.resize(720, 520)  # fits the offscreen screen (800x600), which restoreGeometry clamps to
    window.splitter.setSizes([300, 400])
    header = window.list_view.horizontalHeader()
    header.resizeSection(Column.SOURCE, 133)
    window.list_view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    sizes = window.splitter.sizes()
    assert window.close()

    second = make_window(None, Settings.in_file(ini))
    assert (second.size().width(), second.size().height()) == (720, 520)
    assert second.splitter.sizes() == sizes
    # Kept as set (a narrow list may show it narrower: the title's room comes first).
    assert second.list_panel.columns.preferred(Column.SOURCE) == 133
    assert second.list_view.horizontalHeader().sortIndicatorSection() == Column.TITLE
    assert second.list_view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert second.model.sort_column == Column.TITLE
    assert Settings.in_file(ini).recent_folders() == [str((sample_desk / "content").resolve())]
