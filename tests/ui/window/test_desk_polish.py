"""The window's smaller promises: a preview that follows the article, messages that belong to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from editor.ui.images.cover_preview import CoverPreviewDialog
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, LANCHI_TITLE, type_title

QUILLON = "technology/quillon-robotics-picking-arm.md"


def test_the_cover_preview_follows_the_open_article_and_names_it(qtbot, window: MainWindow) -> None:
    """It kept showing the first story's images, saying nothing of whose they were."""
    assert window.select_path(LANCHI)
    window.action_registry[ActionId.OPEN_COVER].trigger()
    dialog = window.findChild(CoverPreviewDialog, "coverPreview")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.heading.text() == LANCHI_TITLE
    assert LANCHI_TITLE in dialog.windowTitle()
    lanchi_cover = window.session.article.value("enclosure")
    assert dialog.panel("enclosure").reference == lanchi_cover
    assert window.select_path(QUILLON)
    title = window.session.article.value("title")
    assert dialog.isVisible()
    assert dialog.heading.text() == title and title in dialog.windowTitle()
    assert dialog.panel("enclosure").reference == "/images/desk-cover.png"
    dialog.close()


def test_the_cover_preview_says_when_the_article_has_no_cover(
    qtbot, make_window, desk: Path
) -> None:
    (desk / "a.md").write_text('+++\ntitle = "With"\nenclosure = "/a.png"\n+++\n')
    (desk / "b.md").write_text('+++\ntitle = "Without"\n+++\n')
    window = make_window(desk)
    assert window.select_path("a.md")
    window.action_registry[ActionId.OPEN_COVER].trigger()
    dialog = window.findChild(CoverPreviewDialog, "coverPreview")
    qtbot.waitUntil(dialog.isVisible)
    assert window.select_path("b.md")
    assert dialog.panels == []
    assert dialog.heading.text() == "Without"
    dialog.close()


# --- cosmetic ---------------------------------------------------------------------------------------


def test_a_status_message_goes_with_its_article(qtbot, window: MainWindow) -> None:
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Saved title")
    assert window.save()
    assert window.statusBar().currentMessage().startswith("Saved ")
    assert window.select_path(QUILLON)
    assert window.statusBar().currentMessage() == ""


def test_a_desk_wide_message_stays_when_the_article_changes(qtbot, window: MainWindow) -> None:
    window.show_message("Outside changes: 2 files removed")
    assert window.select_path(QUILLON)
    assert window.statusBar().currentMessage() == "Outside changes: 2 files removed"


def test_a_file_without_front_matter_does_not_read_none(qtbot, make_window, desk: Path) -> None:
    (desk / "plain.md").write_text("Just text.\n")
    window = make_window(desk)
    assert window.select_path("plain.md")
    header = window.form.findChild(QLabel, "metadataHeader")
    assert "NONE" not in header.text() and "no front matter" in header.text()


def test_the_problems_panel_does_not_come_back_empty_at_start(
    qtbot, make_window, sample_desk: Path, settings
) -> None:
    window = make_window(sample_desk)
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    assert window.check_panel.isVisible()
    window.save_settings()
    again = make_window(sample_desk)
    assert not again.check_panel.isVisible()


def test_the_date_column_fits_a_date_with_an_offset(qtbot, make_window, sample_desk: Path) -> None:
    from editor.ui.desk.article_model import Column

    # A row whose date shows its offset (on a desk of UTC dates the column is narrower:
    # tests/ui/desk/test_column_sizing.py).
    (sample_desk / "content" / "offset.md").write_text(
        '+++\ntitle = "Offset"\ndate = 2026-03-02T08:00:00+02:00\n+++\n'
    )
    window = make_window(sample_desk)
    window.resize(1400, 900)
    window.splitter.setSizes([700, 700])  # room enough: only a narrow list narrows the date
    qtbot.waitUntil(lambda: window.list_view.viewport().width() > 600)
    metrics = window.list_view.fontMetrics()
    needed = metrics.horizontalAdvance("2026-03-02 08:00 +0200")
    assert window.list_view.horizontalHeader().sectionSize(Column.DATE) > needed + 8


def test_the_state_icon_stays_on_a_selected_row() -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from editor.core.state import PublishState
    from editor.ui.desk.state_display import state_icon

    icon = state_icon(PublishState.PUBLISHED)
    normal = icon.pixmap(QSize(16, 16), QIcon.Mode.Normal).toImage()
    selected = icon.pixmap(QSize(16, 16), QIcon.Mode.Selected).toImage()
    assert selected == normal  # not tinted into the highlight colour


def test_at_1024_px_the_title_column_gets_room(
    qtbot, make_window, sample_desk: Path, settings
) -> None:
    """The title was ~100 px while the source (and date) columns kept their full widths."""
    from editor.ui.desk.article_model import Column

    window = make_window(sample_desk)
    window.resize(1024, 700)
    window.splitter.setSizes([420, 604])
    header = window.list_view.horizontalHeader()
    viewport = window.list_view.viewport()
    qtbot.waitUntil(lambda: viewport.width() < 420)
    assert header.sectionSize(Column.TITLE) >= 130  # it was ~90 here
    assert header.sectionSize(Column.SOURCE) > 40  # narrowed, not gone
    window.resize(1800, 900)
    window.splitter.setSizes([1200, 600])
    qtbot.waitUntil(
        lambda: (
            header.sectionSize(Column.SOURCE) == window.list_panel.columns.preferred(Column.SOURCE)
        )
    )


def test_an_empty_source_column_takes_no_room(qtbot, make_window, desk: Path) -> None:
    from editor.ui.desk.article_model import Column

    for n in range(3):
        (desk / f"a{n}.md").write_text(f'+++\ntitle = "Story {n}"\n+++\n')
    window = make_window(desk)
    header = window.list_view.horizontalHeader()
    metrics = window.list_view.fontMetrics()
    assert header.sectionSize(Column.SOURCE) <= metrics.horizontalAdvance("Source") + 30


def test_the_form_header_keeps_the_format_on_the_path_line(window: MainWindow) -> None:
    """A narrow form (History open) wrapped "· TOML" onto a line of its own."""
    assert window.select_path(LANCHI)
    header = window.form.findChild(QLabel, "metadataHeader")
    path, _dot, fmt = header.text().partition("·")
    assert path.endswith("\u00a0") and fmt.startswith("\u00a0") and " " not in path[-2:] + fmt[:2]


def test_a_long_status_message_does_not_run_under_the_folder_label(window: MainWindow) -> None:
    """QStatusBar does not clip its message: the labels on its right are opaque over it, and the
    whole message is the bar's tool tip."""
    for label in (window.folder_label, window.scan_label, window.count_label):
        assert label.autoFillBackground()
    text = "A long message " * 20
    window.show_message(text)
    assert window.statusBar().toolTip() == text
