"""The folder watcher keeps the list current when files change outside the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.core import rescan
from editor.core.listing import scan_all
from editor.core.rescan import list_folders, rescan_folders
from editor.core.state import PublishState
from editor.ui.window.main_window import MainWindow

ARTICLE = '+++\ntitle = "{title}"\ndate = 2026-11-20T10:00:00Z\ndraft = {draft}\n+++\nBody\n'


def write(path: Path, title: str, draft: str = "false") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, draft=draft), encoding="utf-8")


# --- the comparison (no Qt) -------------------------------------------------------------------------


def test_rescan_reads_only_what_changed(desk: Path) -> None:
    write(desk / "a.md", "A")
    write(desk / "b.md", "B")
    write(desk / "news" / "c.md", "C")
    known = {row.path: row for row in scan_all(desk)}
    folders = list_folders(desk)
    assert set(folders) == {desk, desk / "news"}
    assert not rescan_folders(desk, folders, known, set(folders))

    write(desk / "b.md", "B, longer title now")
    (desk / "a.md").unlink()
    write(desk / "news" / "d.md", "D")
    result = rescan_folders(desk, folders, known, set(folders))
    assert sorted(row.path for row in result.changed) == ["b.md", "news/d.md"]
    assert result.removed == ["a.md"]


def test_a_rescan_of_the_listed_rows_finds_what_one_of_a_dict_finds(desk: Path) -> None:
    # The window hands its rows grouped by folder (rescan.ListedRows), not as one dict of every
    # row (3.7 MiB at 100k, made for every look): the same files are new, changed and gone.
    from editor.core.rescan import ListedRows

    for name in ("a.md", "b.md", "news/c.md", "news/d.md", "news/old/e.md", "sport/f.md"):
        write(desk / name, name)
    rows = scan_all(desk)
    folders = list_folders(desk)
    write(desk / "b.md", "B, longer title now")
    write(desk / "news" / "g.md", "G")
    (desk / "news" / "c.md").unlink()
    shutil.rmtree(desk / "news" / "old")
    shutil.rmtree(desk / "sport")
    known = {row.path: row for row in rows}
    listed = ListedRows([row.path for row in rows], rows)
    plain = rescan_folders(desk, folders, known, set(folders))
    grouped = rescan_folders(desk, folders, listed, set(folders))
    assert grouped == plain
    assert sorted(row.path for row in grouped.changed) == ["b.md", "news/g.md"]
    assert grouped.removed == ["news/c.md", "news/old/e.md", "sport/f.md"]


def test_rescan_of_one_folder_leaves_the_others_alone(desk: Path) -> None:
    write(desk / "a.md", "A")
    write(desk / "news" / "c.md", "C")
    known = {row.path: row for row in scan_all(desk)}
    (desk / "news" / "c.md").unlink()
    result = rescan_folders(desk, [desk], known, {desk, desk / "news"})
    assert not result  # news/ was not looked at


def test_new_and_removed_subfolders(desk: Path) -> None:
    write(desk / "old" / "x.md", "X")
    write(desk / "old" / "deeper" / "y.md", "Y")
    known = {row.path: row for row in scan_all(desk)}
    watched = set(list_folders(desk))
    shutil.rmtree(desk / "old")
    write(desk / "new" / "inner" / "z.md", "Z")
    (desk / ".hidden").mkdir()
    write(desk / ".hidden" / "h.md", "H")
    result = rescan_folders(desk, [desk], known, watched)
    assert [row.path for row in result.changed] == ["new/inner/z.md"]
    assert result.removed == ["old/deeper/y.md", "old/x.md"]
    assert {desk / "new", desk / "new" / "inner"} <= set(result.folders)


def test_a_rescan_lists_pipes_and_link_loops_as_the_scan_does(desk: Path) -> None:
    """A pipe or a link loop that appears is a row (invalid, with its reason), as in a full scan;
    the rescan dropped them (it kept regular files only) and a loop's status raised."""
    import os

    write(desk / "a.md", "A")
    known = {row.path: row for row in scan_all(desk)}
    os.mkfifo(desk / "pipe.md")
    (desk / "loop.md").symlink_to(desk / "loop.md")
    result = rescan_folders(desk, [desk], known, {desk})
    changed = {row.path: row for row in result.changed}
    scanned = {row.path: row for row in scan_all(desk)}
    assert set(changed) == {"pipe.md", "loop.md"} == set(scanned) - {"a.md"}
    for path in changed:
        assert changed[path].state is PublishState.INVALID
        assert changed[path].error == scanned[path].error
    assert result.removed == []


def test_an_unreadable_file_is_not_read_or_reported_again_until_it_changes(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (desk / "broken.md").write_text('+++\ntitle = "unclosed\n+++\n', encoding="utf-8")
    known = {row.path: row for row in scan_all(desk)}
    assert known["broken.md"].state is PublishState.INVALID
    reads: list[Path] = []
    original = rescan.summarize
    monkeypatch.setattr(
        rescan,
        "summarize",
        lambda root, path, as_of=None, rules=None: (
            reads.append(path) or original(root, path, as_of, rules)
        ),
    )
    assert not rescan_folders(desk, [desk], known, {desk})
    assert reads == []  # its time and size are in the row, unchanged
    (desk / "broken.md").write_text('+++\ntitle = "still unclosed\n+++\n', encoding="utf-8")
    result = rescan_folders(desk, [desk], known, {desk})
    assert [(row.path, row.state) for row in result.changed] == [
        ("broken.md", PublishState.INVALID)
    ]


# --- in the window ----------------------------------------------------------------------------------


def test_window_sees_added_changed_and_removed_files(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    content = sample_desk / "content"
    write(content / "world" / "new-story.md", "A brand new story", draft="true")
    qtbot.waitUntil(lambda: window.model.summary("world/new-story.md") is not None, timeout=10_000)
    assert window.model.summary("world/new-story.md").state is PublishState.DRAFT
    assert window.state_filter.itemText(1) == "Draft (4)"

    (content / "world" / "saltmere-desalination-plant.md").unlink()
    qtbot.waitUntil(
        lambda: window.model.summary("world/saltmere-desalination-plant.md") is None, timeout=10_000
    )
    assert window.model.rowCount() == 17

    write(content / "sport" / "derby.md", "Derby day")  # a new folder
    qtbot.waitUntil(lambda: window.model.summary("sport/derby.md") is not None, timeout=10_000)
    write(
        content / "sport" / "final.md", "Cup final"
    )  # and a file in it, seen through its new watch
    qtbot.waitUntil(lambda: window.model.summary("sport/final.md") is not None, timeout=10_000)
    assert str(content / "sport") in window.watcher.watched_folders()


def test_poll_catches_in_place_edits_of_files_that_are_not_open(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / "world" / "brennhorn-rail-tunnel-reopens.md"
    data = path.read_bytes().replace(b"draft = false", b"draft = true", 1)
    with open(path, "r+b") as handle:  # the same file, rewritten in place
        handle.write(data)
        handle.truncate()
    with qtbot.waitSignal(window.watcher.rescanned, timeout=10_000):
        window.watcher.check_all()
    qtbot.waitUntil(
        lambda: (
            window.model.summary("world/brennhorn-rail-tunnel-reopens.md").state
            is PublishState.DRAFT
        )
    )


def test_a_removed_folder_drops_its_rows(qtbot, window: MainWindow, sample_desk: Path) -> None:
    shutil.rmtree(sample_desk / "content" / "technology")
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=10_000)
    assert not any(
        path.startswith("technology/") for path in (row.path for row in window.model.summaries())
    )


def test_the_watcher_skips_the_folders_the_index_skips(tmp_path: Path) -> None:
    for name in ("news", "a.b", ".git", ".hidden", "node_modules", "__pycache__"):
        (tmp_path / name / "deeper").mkdir(parents=True)
        (tmp_path / name / "deeper" / "x.md").write_text("+++\n+++\n", encoding="utf-8")
    watched = {folder.relative_to(tmp_path).as_posix() for folder in list_folders(tmp_path)}
    assert watched == {".", "news", "news/deeper", "a.b", "a.b/deeper"}
    listed = {row.path.rsplit("/", 2)[0] for row in scan_all(tmp_path)}
    assert listed == {"news", "a.b"}


def test_a_rescan_reads_the_site_s_rules_once_for_all_its_files(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not once per changed file (each re-read every _index cascade, and with enableGitInfo ran
    git log); given the desk's rules, not at all; an _index change builds new ones."""
    known = {row.path: row for row in scan_all(desk)}
    for n in range(3):
        (desk / f"new{n}.md").write_text(f'+++\ntitle = "N{n}"\n+++\n', encoding="utf-8")
    built: list[object] = []
    original = rescan.desk_rules
    monkeypatch.setattr(rescan, "desk_rules", lambda root: built.append(root) or original(root))
    result = rescan_folders(desk, [desk], known, {desk})
    assert len(result.changed) == 3 and len(built) == 1 and result.rules is None
    rules = original(desk)
    result = rescan_folders(desk, [desk], {}, {desk}, rules=rules)
    assert len(built) == 1 and result.rules is None
    (desk / "_index.md").write_text("+++\n[cascade]\ndraft = true\n+++\n", encoding="utf-8")
    result = rescan_folders(desk, [desk], {}, {desk}, rules=rules)
    assert result.rules is not None and result.rules is not rules
    rows = {row.path: row for row in result.changed}
    assert rows["new0.md"].draft  # judged by the new cascade, not the rules given
