"""GitDesk's job queue on a real checkout: a refresh asked for while one waits reads the rows listed
by then (the first start: the scan's end must not be dropped as a duplicate)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from editor.ui.desk.git_desk import GitDesk, _Job
from tests.helpers.git import STORY, STORY_TEXT, Team, write

DESK_STORY = STORY.removeprefix("content/")


def test_a_merged_refresh_takes_the_rows_listed_since(qtbot, team: Team) -> None:
    listed: list[str] = []
    pool = QThreadPool()
    desk = GitDesk(pool, lambda: list(listed))
    write(team.bob, STORY, STORY_TEXT.replace("Friday", "Monday"))
    with qtbot.waitSignal(desk.snapshot_changed, timeout=10_000):
        desk.open(team.bob / "content")
    assert desk.snapshot is not None and desk.snapshot.cells == {}  # nothing listed yet

    gate = threading.Event()
    desk._queue(_Job("commit", lambda: gate.wait(10)))  # a job ahead of the refreshes
    desk.refresh()  # queued while the scan still runs: no rows yet
    listed.append(DESK_STORY)  # the scan ends
    desk.refresh()  # merged into the queued one
    gate.set()
    qtbot.waitUntil(lambda: desk.idle, timeout=10_000)

    assert desk.snapshot is not None
    assert desk.snapshot.cells[DESK_STORY].state_text == "Modified"
    desk.shutdown()
    pool.waitForDone(5_000)
