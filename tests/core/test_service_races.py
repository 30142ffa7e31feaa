"""Saves racing between processes: no update is ever lost (issue 11, "Lost updates").

Several processes each do read-modify-write updates of one counter through the document service,
retrying on ConflictError; the file must end with exactly as many increments as saves that
succeeded. Before the atomic check-and-replace, 2 processes lost updates within a few hundred saves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import atomic
from editor.core.service import ConflictError, DocumentService

WORKER = r"""
import os, sys, time
from pathlib import Path
from editor.core.service import ConflictError, DocumentService

root, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
service = DocumentService(root)
while not os.path.exists(go):
    time.sleep(0.001)
done = conflicts = 0
while done < count:
    article = service.load(name)
    article.set_value("counter", int(article.metadata["counter"]) + 1)
    try:
        _, written = service.save(article)
    except ConflictError:
        conflicts += 1
        continue
    assert written
    done += 1
print(done, conflicts)
"""

FILES = {
    "toml": b'+++\ntitle = "Counter"\ncounter = 0\n+++\nBody\n',
    "yaml": b"---\ntitle: Counter\ncounter: 0\n---\nBody\n",
}


def run_race(root: Path, name: str, processes: int, count: int) -> tuple[int, int]:
    go = root.parent / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), name, str(count), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(processes)
    ]
    time.sleep(0.3)  # let every worker import and wait, so they start together
    go.write_text("go")
    successes = conflicts = 0
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        done, refused = map(int, out.split())
        successes += done
        conflicts += refused
    return successes, conflicts


@pytest.mark.parametrize("fmt", ["toml", "yaml"])
@pytest.mark.parametrize(("processes", "count"), [(2, 60), (8, 15)])
def test_racing_saves_lose_no_update(desk: Path, fmt: str, processes: int, count: int) -> None:
    path = desk / "counter.md"
    path.write_bytes(FILES[fmt])
    successes, _ = run_race(desk, "counter.md", processes, count)
    final = DocumentService(desk).load("counter.md").metadata["counter"]
    assert successes == processes * count
    assert final == successes  # every successful save is in the file: none was overwritten
    assert sorted(os.listdir(desk)) == ["counter.md"]  # no temporary or lock file left behind


def test_exchange_swaps_two_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_bytes(b"A")
    second.write_bytes(b"B")
    if not atomic.exchange(first, second):
        pytest.skip("this OS or filesystem has no atomic exchange")
    assert (first.read_bytes(), second.read_bytes()) == (b"B", b"A")


def test_a_write_by_another_program_just_before_the_swap_is_kept(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another program (no lock) replaces the file after the service's check, before its swap:
    # the swapped-out bytes are not the version loaded, so theirs goes back and the save refuses.
    path = desk / "a.md"
    path.write_bytes(FILES["toml"])
    theirs = FILES["toml"].replace(b"counter = 0", b"counter = 41")
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("counter", 1)
    real_exchange = atomic.exchange
    if not real_exchange(desk / "a.md", desk / "a.md"):
        pytest.skip("this OS or filesystem has no atomic exchange")

    def exchange_after_their_write(first: Path | str, second: Path | str) -> bool:
        if Path(second).read_bytes() != theirs:
            other = desk / "theirs.tmp"
            other.write_bytes(theirs)
            os.replace(other, path)
        return real_exchange(first, second)

    monkeypatch.setattr(atomic, "exchange", exchange_after_their_write)
    with pytest.raises(ConflictError, match="changed on disk"):
        service.save(article)
    assert path.read_bytes() == theirs
    assert sorted(os.listdir(desk)) == ["a.md"]
    saved, written = service.save(article, force=True)  # forcing still overwrites, knowingly
    assert written and saved.metadata["counter"] == 1


def test_stale_temporary_files_are_removed_on_the_next_save(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    path = desk / "a.md"
    path.write_bytes(FILES["toml"])
    stale = desk / ".a.md.k1ll3d00.copydesk-tmp"  # a save killed mid-write
    busy = desk / ".a.md.wr1t1ng0.copydesk-tmp"  # another process's save in progress (locked)
    other = desk / ".notes.md.swp"  # not ours: never touched
    for leftover in (stale, busy, other):
        leftover.write_bytes(b"half a save")
    # A just-written file is young: the next save leaves it (a save may be just starting).
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("counter", 1)
    service.save(article)
    assert sorted(os.listdir(desk)) == sorted(["a.md", stale.name, busy.name, other.name])
    # An hour later (ctime cannot be set back, so the clock moves instead): the unlocked one goes.
    monkeypatch.setattr(atomic, "STALE_AFTER_S", -3600.0)
    with open(busy, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        service = DocumentService(desk)
        article = service.load(path)
        article.set_value("counter", 2)
        service.save(article)
        assert sorted(os.listdir(desk)) == sorted(["a.md", busy.name, other.name])
    assert atomic.clean_stale_temps(desk) == [busy.name]  # once its writer is gone
    assert path.read_bytes() == FILES["toml"].replace(b"counter = 0", b"counter = 2")
