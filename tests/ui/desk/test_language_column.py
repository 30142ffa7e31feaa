"""The Language column: shown on a multilingual site (as `copydesk list` shows LANG), hidden else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.desk.article_model import Column
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import column_texts, shown_paths
from tests.ui.conftest import wait_idle


@pytest.fixture
def multilingual(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "hugo.toml").write_text(
        '[languages.en]\ncontentDir = "en"\nweight = 1\n[languages.nb]\ncontentDir = "nb"\n',
        encoding="utf-8",
    )
    for name, title in (("en/b.md", "Harbour"), ("nb/a.md", "Havn"), ("en/c.md", "Ferry")):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"+++\ntitle = '{title}'\n+++\n", encoding="utf-8")
    return site


def test_a_multilingual_site_shows_each_rows_language_by_the_title(
    make_window: Callable[..., MainWindow], multilingual: Path
) -> None:
    """The window had no Language column where the CLI's list has one."""
    window = make_window(multilingual)
    header = window.list_view.horizontalHeader()
    assert not header.isSectionHidden(Column.LANGUAGE)
    assert header.visualIndex(Column.LANGUAGE) == header.visualIndex(Column.TITLE) + 1
    assert window.model.headerData(Column.LANGUAGE, Qt.Orientation.Horizontal) == "Language"
    window.list_view.sortByColumn(Column.LANGUAGE, Qt.SortOrder.DescendingOrder)
    assert shown_paths(window) == ["nb/a.md", "en/c.md", "en/b.md"]
    assert column_texts(window, Column.LANGUAGE) == ["nb", "en", "en"]
    window.list_view.sortByColumn(Column.LANGUAGE, Qt.SortOrder.AscendingOrder)
    assert column_texts(window, Column.LANGUAGE) == ["en", "en", "nb"]
    assert column_texts(window, Column.TITLE)[:2] == ["Harbour", "Ferry"]  # ties go by path


def test_a_site_of_one_language_has_no_language_column(
    qtbot, make_window: Callable[..., MainWindow], multilingual: Path, sample_desk: Path
) -> None:
    window = make_window(sample_desk)
    header = window.list_view.horizontalHeader()
    assert header.isSectionHidden(Column.LANGUAGE)
    assert set(column_texts(window, Column.LANGUAGE)) == {""}
    assert window.open_folder(multilingual)  # the desk decides, each time one is opened
    wait_idle(qtbot, window)
    assert not header.isSectionHidden(Column.LANGUAGE)
    assert window.open_folder(sample_desk)
    wait_idle(qtbot, window)
    assert header.isSectionHidden(Column.LANGUAGE)
