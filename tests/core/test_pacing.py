"""Jobs nobody waits for rest between their steps, so the window's thread gets the GIL (issue 9:
a filter keystroke stalled 60-80 ms while the watcher's first look and the body indexer ran flat
out beside it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.listing import scan_all
from editor.core.pacing import LONGEST_REST_S, Pacer
from editor.core.rescan import list_folders, rescan_folders


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.naps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += seconds


def test_a_pacer_rests_so_the_job_takes_its_share_of_the_time() -> None:
    clock = FakeClock()
    pace = Pacer(0.25, 0.002, clock=clock, sleep=clock.sleep)
    for _ in range(1000):  # steps of 0.1 ms of work
        clock.now += 0.0001
        pace()
    work = 1000 * 0.0001
    assert clock.naps and all(nap == pytest.approx(0.006, rel=0.1) for nap in clock.naps)
    assert work / clock.now == pytest.approx(0.25, abs=0.01)
    assert pace.rested == pytest.approx(sum(clock.naps))


def test_a_slice_stretched_by_others_rests_in_proportion_but_not_forever() -> None:
    clock = FakeClock()
    pace = Pacer(0.5, 0.002, clock=clock, sleep=clock.sleep)
    clock.now += 0.010  # the step waited for the GIL meanwhile
    pace()
    clock.now += 1.0
    pace()
    assert clock.naps == [pytest.approx(0.010), LONGEST_REST_S]


def test_a_short_job_never_rests_and_a_whole_share_never_rests() -> None:
    clock = FakeClock()
    short = Pacer(0.3, 0.002, clock=clock, sleep=clock.sleep)
    clock.now += 0.001
    short()
    whole = Pacer(1.0, 0.002, clock=clock, sleep=clock.sleep)
    clock.now += 1.0
    whole()
    assert clock.naps == []
    with pytest.raises(ValueError, match="share"):
        Pacer(0)


def test_a_paced_rescan_finds_what_an_unpaced_one_finds(tmp_path: Path) -> None:
    for number in range(30):
        folder = tmp_path / f"f{number % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{number}.md").write_text(f"+++\ntitle = 'A{number}'\n+++\n")
    known = {row.path: row for row in scan_all(tmp_path)}
    folders = list_folders(tmp_path)
    (tmp_path / "f0" / "a0.md").write_text("+++\ntitle = 'changed, and longer'\n+++\n")
    (tmp_path / "f1" / "a1.md").unlink()
    (tmp_path / "f2" / "new.md").write_text("+++\ntitle = 'New'\n+++\n")
    calls: list[None] = []
    paced = rescan_folders(tmp_path, folders, known, set(folders), pace=lambda: calls.append(None))
    plain = rescan_folders(tmp_path, folders, known, set(folders))
    assert paced == plain
    assert sorted(row.path for row in paced.changed) == ["f0/a0.md", "f2/new.md"]
    assert paced.removed == ["f1/a1.md"]
    assert len(calls) >= 30  # between files, and the reads of the changed ones


def test_a_hurried_pacer_rests_no_more() -> None:
    clock = FakeClock()
    pace = Pacer(0.3, 0.002, clock=clock, sleep=clock.sleep)
    clock.now += 0.003
    pace()
    pace.hurry()  # a change waits for the look now
    clock.now += 1.0
    pace()
    assert len(clock.naps) == 1
