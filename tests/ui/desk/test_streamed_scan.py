"""A scan of more files than one batch: the rows arrive in several merge steps, and what was asked
for at the start (one file of the desk) is selected and opened when its step comes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from editor.core.row_columns import join, prepare
from editor.ui.desk.article_model import Role
from editor.ui.desk.desk_scan import SCAN_BATCH
from editor.ui.window.main_window import MainWindow
from tests.ui.desk.test_list_order import row

COUNT = SCAN_BATCH * 3 + 7


def test_the_file_asked_for_is_selected_when_its_batch_arrives(
    make_window: Callable[..., MainWindow], desk: Path
) -> None:
    for number in range(COUNT):
        day = number % 28 + 1
        (desk / f"story-{number:05d}.md").write_text(
            f'+++\ntitle = "Story {number}"\ndate = 2026-02-{day:02d}\n+++\nBody.\n',
            encoding="utf-8",
        )
    last = f"story-{COUNT - 1:05d}.md"  # in the last batch of the scan (path order)
    window = make_window(desk / last)
    assert window.proxy.rowCount() == COUNT
    assert window.session.path == last
    assert window.list_view.currentIndex().data(Role.PATH) == last
    # The list is in its sort order (date, newest first), whatever the batches were.
    dates = [window.proxy.index(n, 0).data(Role.SUMMARY).date for n in range(COUNT)]
    assert dates == sorted(dates, reverse=True)


def test_the_file_asked_for_stays_in_view_while_later_rows_arrive_above_it(
    make_window: Callable[..., MainWindow], desk: Path, monkeypatch
) -> None:
    """`copydesk <desk>/content/en/_common/store-methods.md` opened the form and selected the row
    when its batch came, but the rows of the batches after it sorted above it and pushed it out
    of view: the list is scrolled to it again as they arrive."""
    from editor.ui.desk import desk_feed

    monkeypatch.setattr(desk_feed, "STEP_MAX_ROWS", SCAN_BATCH)
    for number in range(COUNT):
        day = 1 if number == 0 else number % 27 + 2  # the first file is the oldest story
        (desk / f"story-{number:05d}.md").write_text(
            f'+++\ntitle = "Story {number}"\ndate = 2026-02-{day:02d}\n+++\nBody.\n',
            encoding="utf-8",
        )
    first = "story-00000.md"  # in the first batch, and last in the list's order (newest first)
    window = make_window(desk / first)
    assert window.proxy.rowCount() == COUNT
    view = window.list_view
    assert view.currentIndex().data(Role.PATH) == first
    assert view.currentIndex().row() == COUNT - 1
    assert view.viewport().rect().contains(view.visualRect(view.currentIndex()))


def test_joined_batches_are_the_batch_of_all_their_rows() -> None:
    rows = [row(f"{n}.md", f"Title {n}", n % 5 + 1) for n in range(10)]
    joined = join([prepare(rows[:3]), prepare(rows[3:4]), prepare(rows[4:])])
    whole = prepare(rows)
    assert (joined.summaries, joined.paths, joined.search, joined.keys) == (
        whole.summaries,
        whole.paths,
        whole.search,
        whole.keys,
    )


def test_no_merge_step_takes_more_than_its_share_and_the_scan_ends_with_every_row(
    make_window: Callable[..., MainWindow], desk: Path, monkeypatch, qtbot
) -> None:
    """A fast warm scan delivered 50,000 rows between two steps and one merge held the window
    160-300 ms: a step takes at most STEP_MAX_ROWS rows, the rest follow, and "finished" comes
    only when all of them are in the list."""
    from editor.ui.desk import desk_feed
    from editor.ui.desk.article_model import ArticleModel

    for number in range(COUNT):
        (desk / f"story-{number:05d}.md").write_text(
            f'+++\ntitle = "Story {number}"\ndate = 2026-03-01\n+++\n', encoding="utf-8"
        )
    monkeypatch.setattr(desk_feed, "STEP_MAX_ROWS", SCAN_BATCH)
    steps: list[int] = []
    put_rows = ArticleModel.put_rows

    def counting(self: ArticleModel, rows) -> None:  # type: ignore[no-untyped-def]
        steps.append(len(rows))
        put_rows(self, rows)

    monkeypatch.setattr(ArticleModel, "put_rows", counting)
    window = make_window(desk)
    finished_with: list[int] = []
    window.feed.scan_finished.connect(lambda: finished_with.append(window.proxy.rowCount()))
    steps.clear()
    with qtbot.waitSignal(window.feed.scan_finished, timeout=20_000):
        window.start_scan()
    assert finished_with == [COUNT]
    assert sum(steps) == COUNT and len(steps) >= 4
    assert max(steps) <= SCAN_BATCH


def test_the_watch_starts_after_the_scan_on_every_folder_and_only_for_the_last_scan(
    make_window: Callable[..., MainWindow], desk: Path, qtbot
) -> None:
    """The folders to watch are listed on a worker once the list is full; a second scan begun
    before they came makes the first one's answer go unused (the second watches when it ends)."""
    from editor.core.rescan import list_folders

    for folder in ("a", "a/b", "c"):
        (desk / folder).mkdir(parents=True)
        (desk / folder / "x.md").write_text('+++\ntitle = "X"\n+++\n', encoding="utf-8")
    window = make_window(desk)
    expected = sorted(str(folder) for folder in list_folders(desk.resolve()))
    assert sorted(window.watcher.watched_folders()) == expected
    feed = window.feed
    with qtbot.waitSignal(feed.scan_finished, timeout=10_000):
        feed.scan(feed.root, None, [])
    number = feed._scans
    feed._start_watching(feed.root, number - 1, [])  # an older scan's folders: not used
    assert feed.watcher.root is None  # stopped by the scan, not watching yet
    qtbot.waitUntil(lambda: feed.watcher.root is not None, timeout=10_000)
    assert sorted(window.watcher.watched_folders()) == expected
