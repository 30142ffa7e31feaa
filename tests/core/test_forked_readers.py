"""``list --json``'s readers forked from the listing's process: the same rows, the same output,
no output written twice, no process left behind, and never a fork beside another thread.

Each listing runs in a fresh interpreter (a script here), so the fork is tried in a process with
one thread whatever the test run itself has started.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from editor.core import pool

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="readers are forked on Linux only"
)

AS_OF = "2026-12-01T12:00:00Z"


def _desk(root: Path, count: int) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    shapes = [
        '+++\ntitle = "T{n}"\ndate = 2024-03-23T02:26:14Z\ndraft = {draft}\ntags = ["a"]\n+++\nb\n',
        '+++\ntitle = "S{n}"\npublishDate = 2031-01-01T00:00:00Z\n+++\n',
        "---\ntitle: Y{n}\nexpiryDate: 2020-01-01\n---\n",
        '+++\ntitle = "bad {n}"\ndate = "someday"\n+++\n',
        '{{"title": "J{n} \\ud800"}}\n',  # a lone surrogate: the reader sends the row packed
        "",
    ]
    for number in range(count):
        text = shapes[number % len(shapes)].format(n=number, draft=str(number % 4 == 0).lower())
        folder = root / "content" / f"s{number % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{number:03d}.md").write_text(text)
    return root


# A listing as `copydesk list --json --no-cache` runs it, with the readers' threshold lowered;
# it prints, on stderr, how the readers were started and what they found in their process.
_LISTING = """
import gc, sys
from editor.core import listing, pool
pool.FORKED_THRESHOLD = int(sys.argv[2])
made = []

def recorded(*args, **kwargs):
    readers = pool_of(*args, **kwargs)
    made.append(readers.submit(_probe).result())
    return readers

def _probe():
    return ["editor.cli" in sys.modules, gc.isenabled()]

pool_of = listing.process_pool
listing.process_pool = recorded
if __name__ == "__main__":
    from editor.cli import main
    status = main(["list", "--json", "--no-cache", "--as-of", sys.argv[3], sys.argv[1]])
    print(made, file=sys.stderr)
    sys.exit(status)
"""


def _list(desk: Path, tmp_path: Path, threshold: int) -> tuple[str, str]:
    script = tmp_path / "listing.py"
    script.write_text(_LISTING)
    done = subprocess.run(
        [sys.executable, str(script), str(desk), str(threshold), AS_OF],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    return done.stdout, done.stderr


def test_forked_readers_write_what_one_process_writes(tmp_path: Path) -> None:
    desk = _desk(tmp_path / "desk", 600)
    alone, started = _list(desk, tmp_path, 10**9)
    assert started.strip() == "[]"  # no readers: one process
    forked, started = _list(desk, tmp_path, 10)
    assert forked == alone
    # Forked (a spawned reader of this script would not have the command line imported), with
    # the collector on although the listing paused its own.
    assert started.strip() == "[[True, True]]"
    rows = json.loads(forked)
    assert len(rows) == 600
    assert {row["state"] for row in rows} >= {"draft", "scheduled", "expired", "invalid"}
    assert any("\\ud800" in json.dumps(row) for row in rows)


_BUFFERED = """
import sys
from editor.core import pool
if __name__ == "__main__":
    sys.stdout.write("BEFORE:")  # left in the buffer of a piped stdout
    with pool.process_pool(2, polite=False, forked=True) as readers:
        print(readers.submit(pool.can_fork).result(), file=sys.stderr)
"""


def test_output_buffered_before_the_fork_is_written_once(tmp_path: Path) -> None:
    script = tmp_path / "buffered.py"
    script.write_text(_BUFFERED)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "True"  # forked, and alone in its process as it runs
    assert done.stdout == "BEFORE:"  # a reader that inherited the buffer ends without writing it


def test_a_process_with_another_thread_never_forks() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not pool.can_fork()
        with pool.process_pool(1, polite=False, forked=True) as readers:  # spawned instead
            assert readers.submit(_has_cli).result() is False
    finally:
        release.set()
        thread.join()
    code = "from editor.core import pool; print(pool.can_fork())"
    alone = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert alone.stdout.strip() == "True"


def _has_cli() -> bool:
    return "editor.cli" in sys.modules


_STOPPED = """
import sys
from editor.core import listing, pool
pool.FORKED_THRESHOLD = 4
made = []
pool_of = listing.process_pool

def recorded(*args, **kwargs):
    made.append(pool_of(*args, **kwargs))
    return made[-1]

listing.process_pool = recorded
if __name__ == "__main__":
    stream = listing.scan_json(sys.argv[1], use_cache=False)
    next(stream)
    pids = made[0].pids
    if sys.argv[2] == "stop":
        stream.close()
        rows = 0
    else:
        rows = sum(len(batch) for batch in stream)
    print(rows, int("multiprocessing" in sys.modules), *pids)
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", ["stop", "all"])
def test_no_forked_reader_outlives_its_listing(tmp_path: Path, how: str) -> None:
    desk = _desk(tmp_path / "desk", 600)
    script = tmp_path / "stopped.py"
    script.write_text(_STOPPED)
    out = subprocess.run(
        [sys.executable, str(script), str(desk), how], capture_output=True, text=True, check=True
    )
    rows, multiprocessing, *pids = (int(word) for word in out.stdout.split())
    assert rows == (0 if how == "stop" else 600 - 256)
    assert len(pids) == 2  # the readers
    assert not multiprocessing  # nor a resource tracker: forked_pool needs none of it
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        time.sleep(0.05)
    assert alive == []
