"""A scan of more files than one batch: the rows arrive in several merge steps, and what was asked
for at the start (one file of the desk) is selected and opened when its step comes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from editor.ui.desk.article_model import Role
from editor.ui.desk.desk_scan import SCAN_BATCH
from editor.ui.desk.row_columns import join, prepare
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
