"""Merge in the window: my edits on top of the version changed outside, the resolver, Save races."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.merge import MergeResult
from editor.ui.article import resolver
from editor.ui.article.resolver import ResolverDialog
from editor.ui.common import dialogs
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, LANCHI_TITLE, title_field, type_title

SOURCE = b'source = "Northgate Tech Report"'
OUTSIDE_SOURCE = b'source = "Agency wire"'
OUTSIDE_TITLE = "Lanchi shows its semi-solid battery car"


@pytest.fixture
def article(sample_desk: Path) -> Path:
    return sample_desk / "content" / LANCHI


def write_outside(path: Path, data: bytes) -> None:
    temporary = path.with_name(".outside-editor.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def edit_then_change_outside(qtbot, window: MainWindow, article: Path, theirs: bytes) -> bytes:
    """Type "Mine" as the title, then let another program write ``theirs``; returns the original."""
    original = article.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    write_outside(article, theirs)
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=10_000)
    return original


def test_merge_puts_my_edits_on_the_new_version_and_leaves_it_unsaved(
    qtbot, window: MainWindow, article: Path
) -> None:
    theirs = article.read_bytes().replace(SOURCE, OUTSIDE_SOURCE)
    edit_then_change_outside(qtbot, window, article, theirs)
    assert window.conflict_bar.merge_button.isDefault()
    window.conflict_bar.merge_button.click()
    assert article.read_bytes() == theirs  # nothing written
    assert not window.conflict_bar.isVisible()
    assert window.session.dirty and window.model.is_dirty(LANCHI)
    assert window.session.article.value("title") == "Mine"
    assert window.session.article.value("source") == "Agency wire"
    assert title_field(window).text() == "Mine"
    message = window.statusBar().currentMessage()
    assert "source changed outside; your title edit kept" in message
    assert window.save()
    assert article.read_bytes() == theirs.replace(LANCHI_TITLE.encode(), b"Mine")


def test_merge_with_a_conflict_goes_through_the_resolver(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = (
        article.read_bytes()
        .replace(LANCHI_TITLE.encode(), OUTSIDE_TITLE.encode())
        .replace(SOURCE, OUTSIDE_SOURCE)
    )
    edit_then_change_outside(qtbot, window, article, theirs)

    def resolve(
        parent: object, base: bytes, mine: bytes, outside: bytes, result: MergeResult
    ) -> bytes:
        dialog = ResolverDialog(base, mine, outside, result=result)
        qtbot.addWidget(dialog)
        assert list(dialog.field_rows) == ["title"]
        dialog.choose("title", "theirs")
        assert dialog.field_rows["title"].result.toPlainText() == OUTSIDE_TITLE
        dialog.set_result("title", "Both titles, edited")
        return dialog.resolved_bytes()

    monkeypatch.setattr(resolver, "resolve_conflicts", resolve)
    window.conflict_bar.merge_button.click()
    assert article.read_bytes() == theirs
    assert window.session.dirty
    assert window.session.article.value("title") == "Both titles, edited"
    assert window.session.article.value("source") == "Agency wire"
    assert "1 conflict(s) resolved" in window.statusBar().currentMessage()


def test_cancelling_the_resolver_keeps_the_bar_and_my_edits(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = article.read_bytes().replace(LANCHI_TITLE.encode(), OUTSIDE_TITLE.encode())
    edit_then_change_outside(qtbot, window, article, theirs)
    monkeypatch.setattr(resolver, "resolve_conflicts", lambda *args: None)
    window.conflict_bar.merge_button.click()
    assert window.conflict_bar.isVisible()
    assert window.session.article.value("title") == "Mine"
    assert article.read_bytes() == theirs


def test_a_save_race_merges_and_saves(qtbot, window: MainWindow, article: Path) -> None:
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    window.watcher.stop()  # the change is not noticed before Save
    theirs = article.read_bytes().replace(SOURCE, OUTSIDE_SOURCE)
    write_outside(article, theirs)
    assert window.save()
    assert article.read_bytes() == theirs.replace(LANCHI_TITLE.encode(), b"Mine")
    assert not window.session.dirty
    assert not window.conflict_bar.isVisible()


def test_an_outside_version_that_does_not_parse_is_not_merged_into(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[str] = []
    monkeypatch.setattr(
        dialogs, "report_error", lambda _p, _t, message, *a: reported.append(message)
    )
    broken = article.read_bytes().replace(b"draft = false", b"draft = = false")
    edit_then_change_outside(qtbot, window, article, broken)
    window.conflict_bar.merge_button.click()
    assert len(reported) == 1
    assert "The other version cannot be merged: Malformed TOML front matter" in reported[0]
    assert "Keep Mine" in reported[0]
    assert article.read_bytes() == broken
    assert window.session.dirty and window.conflict_bar.isVisible()
