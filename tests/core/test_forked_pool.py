"""forked_pool.ForkedReaders: every answer in order, big ones through narrow pipes without a
wait for ever, a task's exception raised, a lost reader said at once, tasks dropped before a
reader has them, and no process left. Each case runs in a fresh interpreter (a script here):
a fork beside the test run's own threads could inherit a held lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="readers are forked")

_SCRIPT = """
import gc, os, signal, sys
from editor.core import forked_pool
from editor.core.forked_pool import ForkedReaders, ReaderLost

SEEN = []

def setup(word):
    SEEN.append(word)

def echo(number, size):
    return number, os.getpid(), SEEN, gc.isenabled(), b"x" * size

def fail(text):
    raise ValueError(text)

case = sys.argv[1]
if case == "narrow":  # pipes left at the system's width: answers of a MiB each still come
    forked_pool._widen = lambda end: None
readers = ForkedReaders(2, setup, "rules")
if case in ("order", "narrow"):
    size = 1 << 20 if case == "narrow" else 10
    answers = [readers.submit(echo, number, size) for number in range(60)]
    got = [answer.result() for answer in answers]
    assert [number for number, *_ in got] == list(range(60))
    assert {pid for _, pid, *_ in got} == set(readers.pids), "both readers worked"
    assert all(seen == ["rules"] and collecting for _, _, seen, collecting, _ in got)
    assert all(len(data) == size for *_, data in got)
elif case == "error":
    failed = readers.submit(fail, "no such date")
    after = readers.submit(echo, 7, 1)
    try:
        failed.result()
    except ValueError as error:
        assert str(error) == "no such date"
    else:
        raise AssertionError("no error")
    assert after.result()[0] == 7  # the reader goes on
elif case == "lost":
    held = [readers.submit(echo, number, 10) for number in range(3)]
    held[0].result()
    for pid in readers.pids:
        os.kill(pid, signal.SIGKILL)
    try:
        for answer in held[1:] + [readers.submit(echo, 9, 10)]:
            answer.result()
    except ReaderLost:
        pass
    else:
        raise AssertionError("a lost reader went unsaid")
elif case == "cancel":
    answers = [readers.submit(echo, number, 10) for number in range(40)]
    assert not answers[0].cancel()  # a reader holds it
    assert answers[-1].cancel()
    assert answers[-2].result()[0] == 38
    try:
        answers[-1].result()
    except ReaderLost:
        pass
    else:
        raise AssertionError("a cancelled task answered")
pids = readers.pids
readers.shutdown()
readers.shutdown()  # once
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError:
    print("no child left", len(pids))
"""


@pytest.mark.parametrize("case", ["order", "narrow", "error", "lost", "cancel"])
def test_forked_readers(tmp_path: Path, case: str) -> None:
    script = tmp_path / "readers.py"
    script.write_text(_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), case],
        capture_output=True,
        text=True,
        timeout=60,  # a wait for ever fails here
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "no child left 2\n"
