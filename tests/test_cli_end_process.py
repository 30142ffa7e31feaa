"""How a ``copydesk`` process ends (entry.end_process): ``list`` without the interpreter's
teardown, after the ``atexit`` functions and the flushes; every other case as ``sys.exit``."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor import entry


class Ended(Exception):
    """Raised by the fake ``os._exit``: the process would have ended here."""


@pytest.fixture
def ends(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What end_process did, in order: "atexit", then ("_exit", status)."""
    done: list[object] = []

    def fake_exit(status: int) -> None:
        done.append(("_exit", status))
        raise Ended

    monkeypatch.setattr(os, "_exit", fake_exit)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: done.append("atexit"))
    return done


@pytest.mark.parametrize("status", [0, 1, 141])
def test_list_ends_at_once_after_the_exit_functions(ends: list[object], status: int) -> None:
    with pytest.raises(Ended):
        entry.end_process(status, ["list", "--json", "."])
    assert ends == ["atexit", ("_exit", status)]


@pytest.mark.parametrize("arguments", [[], ["show", "a.md"], ["set", "a.md", "x=1"], ["."]])
def test_other_commands_exit_as_before(ends: list[object], arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        entry.end_process(2, arguments)
    assert exit_info.value.code == 2
    assert ends == []


def test_a_thread_left_running_gets_the_usual_exit(ends: list[object]) -> None:
    """The interpreter's exit waits for it; os._exit would not."""
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        with pytest.raises(SystemExit):
            entry.end_process(0, ["list", "."])
    finally:
        release.set()
        thread.join()
    assert ends == []


def test_a_failed_flush_gets_the_usual_exit(
    ends: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Closed:
        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(SystemExit):
        entry.end_process(0, ["list", "."])
    assert ends == ["atexit"]


SCRIPT = """
import atexit, sys
atexit.register(lambda: print("exit function ran", file=sys.stderr))
sys.argv[1:] = ["list", "--json", "--no-cache", sys.argv[1]]
import runpy
runpy.run_module("editor", run_name="__main__")
"""


def test_python_m_editor_list_writes_everything_and_runs_the_exit_functions(
    tmp_path: Path,
) -> None:
    for number in range(3):
        (tmp_path / f"a{number}.md").write_text(f'+++\ntitle = "T{number}"\n+++\nBody\n')
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('"path":') == 3 and done.stdout.endswith("]\n")
    assert done.stderr == "exit function ran\n"
