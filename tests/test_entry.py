"""The copydesk command's entry point: the window straight away for no arguments or one path, the
command line for everything else (which still reads and checks it)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

import editor.app
import editor.cli
from editor import entry
from editor.entry import window_path


def test_no_arguments_open_the_window_on_the_last_folder() -> None:
    assert window_path([]) == (True, None)


def test_one_existing_path_opens_the_window_on_it(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    article = folder / "story.md"
    article.write_bytes(b"+++\ntitle = 'x'\n+++\n")
    assert window_path([str(folder)]) == (True, str(folder.resolve()))
    assert window_path([str(article)]) == (True, str(article.resolve()))
    assert window_path([f"{folder}/../desk"]) == (True, str(folder.resolve()))


@pytest.mark.parametrize(
    "arguments",
    [
        ["list"],  # a command, even with a folder of that name in the working folder
        ["--version"],
        ["-h"],
        ["desk"],  # a bare name: could be a command; the command line decides
        ["list", "/tmp"],
        ["/no/such/folder/anywhere"],  # the command line says it does not exist
        ["/tmp", "--screenshot", "x.png"],
    ],
)
def test_everything_else_goes_to_the_command_line(arguments: list[str]) -> None:
    assert window_path(arguments) == (False, None)


def test_a_special_file_goes_to_the_command_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert window_path([str(fifo)]) == (False, None)


def test_main_dispatches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(editor.app, "main", lambda path, **_: calls.append(("app", path)) or 0)
    monkeypatch.setattr(editor.cli, "main", lambda args, **_: calls.append(("cli", args)) or 3)
    assert entry.main([str(tmp_path)]) == 0
    assert entry.main([]) == 0
    assert entry.main(["list", str(tmp_path)]) == 3
    assert calls == [
        ("app", str(tmp_path.resolve())),
        ("app", None),
        ("cli", ["list", str(tmp_path)]),
    ]


def test_a_missing_folder_gets_the_command_line_s_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "gone"
    assert entry.main([str(missing)]) != 0
    assert "gone" in capsys.readouterr().err


def test_the_window_path_starts_without_the_collector_and_turns_it_back_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    collecting: list[bool] = []
    monkeypatch.setattr(
        editor.app, "main", lambda path, **_: collecting.append(gc.isenabled()) or 0
    )
    assert gc.isenabled()
    assert entry.main([str(tmp_path)]) == 0
    assert collecting == [False]  # off while the window starts (open_window turns it on)
    assert gc.isenabled()  # and on again whatever happened
    monkeypatch.setattr(
        editor.cli, "main", lambda args, **_: collecting.append(gc.isenabled()) or 0
    )
    assert entry.main(["list", str(tmp_path)]) == 0
    assert collecting == [False, True]  # the command line keeps it


def test_the_window_path_starts_the_desks_scan_first_and_ends_it_with_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The scan of the desk given runs in a child process from before the window loads
    (editor.core.scan_child); it is handed to the window and stopped when the window returns."""
    from editor.core import scan_child

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(scan_child, "MIN_CACHE_BYTES", 0)  # (a big desk's, listed before)
    monkeypatch.setattr(scan_child, "second_core_free", lambda: True)
    monkeypatch.delenv("COPYDESK_SCAN_CHILD", raising=False)  # on by default
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.md").write_text('+++\ntitle = "A"\n+++\n', encoding="utf-8")
    given: list[object] = []
    monkeypatch.setattr(
        editor.app, "main", lambda path, early_scan=None: given.append(early_scan) or 0
    )
    assert entry.main([str(desk)]) == 0
    (child,) = given
    assert child is not None and child.root == desk.resolve()
    assert child.process.returncode is not None  # ended and waited for
    assert entry.main([]) == 0 and given[-1] is None  # no path: the window starts it later
