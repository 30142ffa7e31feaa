"""The window's smaller promises: a preview that follows the article, messages that belong to it."""

from __future__ import annotations

from pathlib import Path

from editor.ui.images.cover_preview import CoverPreviewDialog
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, LANCHI_TITLE

QUILLON = "technology/quillon-robotics-picking-arm.md"


def test_the_cover_preview_follows_the_open_article_and_names_it(qtbot, window: MainWindow) -> None:
    """It kept showing the first story's images, saying nothing of whose they were."""
    assert window.select_path(LANCHI)
    window.actions[ActionId.OPEN_COVER].trigger()
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
    window.actions[ActionId.OPEN_COVER].trigger()
    dialog = window.findChild(CoverPreviewDialog, "coverPreview")
    qtbot.waitUntil(dialog.isVisible)
    assert window.select_path("b.md")
    assert dialog.panels == []
    assert dialog.heading.text() == "Without"
    dialog.close()
