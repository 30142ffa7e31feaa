"""``python -m editor`` (and the frozen app, built from editor/__main__.py)."""

from __future__ import annotations

import multiprocessing
import runpy
import sys

import pytest

import editor.entry


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    monkeypatch.setattr(editor.entry, "main", lambda: made.append("main") or 0)
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: made.append("freeze_support"))
    return made


def test_run_as_main_readies_frozen_workers_then_runs_the_cli(
    calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("editor", run_name="__main__")
    assert exit_info.value.code == 0
    assert calls == ["freeze_support", "main"]


def test_run_from_source_runs_the_cli_without_multiprocessing(calls: list[str]) -> None:
    """freeze_support does nothing unless frozen: not importing multiprocessing saves start-up."""
    assert not getattr(sys, "frozen", False)
    with pytest.raises(SystemExit):
        runpy.run_module("editor", run_name="__main__")
    assert calls == ["main"]


def test_an_index_reader_process_does_not_run_the_cli(calls: list[str]) -> None:
    # A spawned child imports the parent's main module under this name.
    runpy.run_module("editor", run_name="__mp_main__")
    assert calls == []
