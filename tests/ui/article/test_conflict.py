"""Outside changes to the open article: reload when clean, the conflict bar when there are edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.ui.article import resolver
from editor.ui.article.conflict_bar import unified_diff
from editor.ui.common import dialogs
from editor.ui.desk.article_model import Column
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import LANCHI, LANCHI_TITLE, title_field, type_title

OUTSIDE_TITLE = "Lanchi shows its semi-solid battery car"


@pytest.fixture
def article(sample_desk: Path) -> Path:
    return sample_desk / "content" / LANCHI


def write_outside(path: Path, data: bytes, *, atomic: bool = False) -> None:
    """Another program writes the file: in place, or the way editors save (a new file renamed over)."""
    if atomic:
        temporary = path.with_name(".outside-editor.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    else:
        path.write_bytes(data)


def outside_version(path: Path) -> bytes:
    return path.read_bytes().replace(LANCHI_TITLE.encode(), OUTSIDE_TITLE.encode())


def test_unified_diff() -> None:
    assert unified_diff("a\nb\n", "a\nb\n", "old", "new") == ""
    diff = unified_diff("a\nb\nc\n", "a\nB\nc\n", "old", "new")
    assert diff.splitlines() == ["--- old", "+++ new", "@@ -1,3 +1,3 @@", " a", "-b", "+B", " c"]
    assert "\\ No newline at end of file" in unified_diff("a\nb", "a\nc", "old", "new")


@pytest.mark.parametrize("atomic", [False, True], ids=["in-place", "replaced"])
def test_outside_change_without_edits_reloads(
    qtbot, window: MainWindow, article: Path, atomic: bool
) -> None:
    assert window.select_path(LANCHI)
    write_outside(article, outside_version(article), atomic=atomic)
    qtbot.waitUntil(lambda: window.session.article.value("title") == OUTSIDE_TITLE, timeout=10_000)
    assert title_field(window).text() == OUTSIDE_TITLE
    assert "reloaded" in window.statusBar().currentMessage()
    assert not window.conflict_bar.isVisible()
    qtbot.waitUntil(lambda: window.model.index_of(LANCHI, Column.TITLE).data() == OUTSIDE_TITLE)


def raise_conflict(
    qtbot, window: MainWindow, article: Path, *, atomic: bool = True
) -> tuple[bytes, bytes]:
    """Edit the title to "Mine", then let another program change the file; returns (original, theirs)."""
    original = article.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    theirs = outside_version(article)
    write_outside(article, theirs, atomic=atomic)
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=10_000)
    assert article.read_bytes() == theirs  # nothing was overwritten
    assert window.session.article.value("title") == "Mine"
    return original, theirs


def confirm_with(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[list[str]]:
    """Answer the overwrite question; returns the lists of outside changes it was asked about."""
    asked: list[list[str]] = []

    def confirm(_parent: object, _relpath: str, discarded: list[str]) -> bool:
        asked.append(list(discarded))
        return answer

    monkeypatch.setattr(dialogs, "confirm_overwrite", confirm, raising=False)
    return asked


@pytest.mark.parametrize("atomic", [False, True], ids=["in-place", "replaced"])
def test_outside_change_with_edits_shows_the_bar_and_keep_mine_writes_mine(
    qtbot, window: MainWindow, article: Path, atomic: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = confirm_with(monkeypatch, True)
    original, _theirs = raise_conflict(qtbot, window, article, atomic=atomic)
    assert "changed on disk" in window.conflict_bar.message.text()
    assert window.conflict_bar.merge_button.isEnabled()
    window.conflict_bar.keep_button.click()
    assert asked == [["title (changed)"]]
    assert article.read_bytes() == original.replace(LANCHI_TITLE.encode(), b"Mine")
    assert not window.conflict_bar.isVisible()
    assert not window.session.dirty


def test_keep_mine_names_the_outside_changes_and_a_no_writes_nothing(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 7: Keep Mine wrote at once, and the outside change to source was gone.
    asked = confirm_with(monkeypatch, False)
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    theirs = article.read_bytes().replace(b"Northgate Tech Report", b"Agency wire")
    write_outside(article, theirs)
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=10_000)
    window.conflict_bar.keep_button.click()
    assert asked == [["source (changed)"]]
    assert article.read_bytes() == theirs
    assert window.session.dirty and window.conflict_bar.isVisible()


def test_reload_drops_my_edits(qtbot, window: MainWindow, article: Path) -> None:
    _original, theirs = raise_conflict(qtbot, window, article)
    window.conflict_bar.reload_button.click()
    assert article.read_bytes() == theirs
    assert not window.session.dirty
    assert window.session.article.value("title") == OUTSIDE_TITLE
    assert title_field(window).text() == OUTSIDE_TITLE
    assert not window.model.is_dirty(LANCHI)
    assert not window.conflict_bar.isVisible()


def test_show_changes_is_three_way(qtbot, window: MainWindow, article: Path) -> None:
    raise_conflict(qtbot, window, article)
    window.conflict_bar.diff_button.click()
    dialog = window.session.diffs.dialog
    assert dialog is not None and dialog.isVisible()
    mine_part, theirs_part = dialog.text.split("=== What changed outside ===")
    assert mine_part.startswith("=== What you changed ===")

    def changed(part: str) -> list[str]:
        return [
            line
            for line in part.splitlines()
            if line.startswith(("+", "-")) and line[:3] not in ("+++", "---")
        ]

    assert changed(mine_part) == [f'-title = "{LANCHI_TITLE}"', '+title = "Mine"']
    assert changed(theirs_part) == [f'-title = "{LANCHI_TITLE}"', f'+title = "{OUTSIDE_TITLE}"']
    dialog.close()
    assert window.conflict_bar.isVisible()  # still undecided


def test_our_own_save_does_not_raise_the_bar(qtbot, window: MainWindow, article: Path) -> None:
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Saved by us")
    with qtbot.waitSignal(
        window.watcher.rescanned, timeout=10_000
    ):  # the folder watch saw the write
        assert window.save()
    window.session.check_disk()  # what a change notice for the file itself would do
    assert not window.conflict_bar.isVisible()
    assert window.statusBar().currentMessage() == f"Saved {LANCHI}"
    assert window.session.article.value("title") == "Saved by us"


def test_save_into_a_conflicting_change_asks_the_resolver_and_writes_nothing_on_cancel(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(resolver, "resolve_conflicts", lambda *args: asked.append(args[-1]) or None)
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    window.watcher.stop()  # the change is not noticed before Save
    theirs = outside_version(article)
    write_outside(article, theirs)
    assert not window.save()
    assert [conflict.key for conflict in asked[0].conflicts] == ["title"]
    assert article.read_bytes() == theirs
    assert window.conflict_bar.isVisible()
    assert window.session.dirty


def test_deleted_while_editing_keep_mine_writes_it_back(
    qtbot, window: MainWindow, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = confirm_with(monkeypatch, True)
    original = article.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    article.unlink()
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=10_000)
    assert "deleted" in window.conflict_bar.message.text()
    assert not window.conflict_bar.merge_button.isEnabled()
    window.conflict_bar.keep_button.click()
    assert asked == [["the deletion of the file"]]
    assert article.read_bytes() == original.replace(LANCHI_TITLE.encode(), b"Mine")
    qtbot.waitUntil(lambda: window.model.summary(LANCHI) is not None, timeout=10_000)


def test_deleted_without_edits_closes_the_article(qtbot, window: MainWindow, article: Path) -> None:
    assert window.select_path(LANCHI)
    article.unlink()
    qtbot.waitUntil(lambda: window.session.article is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.summary(LANCHI) is None, timeout=10_000)
    assert not window.conflict_bar.isVisible()


def replace_by_folder(article: Path) -> None:
    """Another program puts a folder where the article was (git checkout of a branch that has one)."""
    article.unlink()
    article.mkdir()
    (article / "index.md").write_bytes(b'+++\ntitle = "Inside"\n+++\n')


def test_replaced_by_a_folder_while_editing_shows_the_bar(
    qtbot, window: MainWindow, article: Path
) -> None:
    """It showed nothing until Save (which refused): the watch read "cannot be read for now"."""
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Mine")
    replace_by_folder(article)
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=10_000)
    text = window.conflict_bar.message.text()
    assert "no longer a file" in text and "Your edits are not saved" in text
    assert not window.conflict_bar.merge_button.isEnabled()
    assert window.session.dirty and window.session.article.value("title") == "Mine"
    assert article.is_dir()


def test_replaced_by_a_folder_without_edits_closes_the_article(
    qtbot, window: MainWindow, article: Path
) -> None:
    assert window.select_path(LANCHI)
    said: list[str] = []
    window.session.message.connect(said.append)
    replace_by_folder(article)
    qtbot.waitUntil(lambda: window.session.article is None, timeout=10_000)
    assert any("no longer a file" in text for text in said), said
    assert not window.conflict_bar.isVisible()
