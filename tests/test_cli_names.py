"""File names a terminal or a JSON reader would choke on, and paths that are not files (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.cli import run

GOOD = b'+++\ntitle = "Good"\ndraft = true\n+++\nBody\n'
LATIN1_NAME = os.fsdecode(b"caf\xe9.md")  # not UTF-8: Python holds it as "caf\udce9.md"


def test_a_newline_in_a_file_name_does_not_split_the_row(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (desk / "two\nlines.md").write_bytes(GOOD)
    (desk / "tab\there.md").write_bytes(GOOD)
    (desk / "plain.md").write_bytes(GOOD)
    status, out, _ = run(capsys, "list", desk)
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 1 + 3
    assert lines[1].endswith("plain.md")
    assert lines[2].endswith('"tab\\there.md"')
    assert lines[3].endswith('"two\\nlines.md"')
    status, out, _ = run(capsys, "list", desk, "--json")
    assert {row["path"] for row in json.loads(out)} == {"two\nlines.md", "tab\there.md", "plain.md"}


def test_a_non_utf8_file_name_prints_valid_utf8_and_still_works(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / LATIN1_NAME
    path.write_bytes(GOOD)
    # The real stdout bytes of `copydesk list --json` must decode as UTF-8.
    completed = subprocess.run(
        [sys.executable, "-m", "editor", "list", str(desk), "--json"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    text = completed.stdout.decode("utf-8")  # strict: raises on invalid UTF-8
    assert "\\udce9" in text  # escaped the way JSON escapes a lone surrogate
    [row] = json.loads(text)
    assert row["path"] == LATIN1_NAME and os.fsencode(row["path"]) == b"caf\xe9.md"
    # The table shows it escaped, and the other commands take the name back.
    status, out, _ = run(capsys, "list", desk)
    assert status == 0 and out.splitlines()[1].endswith('"caf\\udce9.md"')
    out.encode("utf-8")
    assert run(capsys, "show", desk / row["path"])[0] == 0
    status, out, err = run(capsys, "publish", desk / row["path"])
    assert status == 0, err
    out.encode("utf-8")
    assert b"draft = false" in path.read_bytes()
    status, out, err = run(capsys, "show", "--json", desk / row["path"])
    assert status == 0 and json.loads(out)["metadata"]["draft"] is False
    out.encode("utf-8")


@pytest.mark.parametrize("command", ["show", "list", "check", "publish"])
def test_a_link_loop_is_reported_as_a_loop(
    desk: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (desk / "loop.md").symlink_to("loop.md")
    status, out, err = run(capsys, command, desk / "loop.md")
    text = out + err
    assert "loop" in text and "no such file" not in text, text
    assert command == "list" or status == 1


@pytest.mark.parametrize("command", ["list", "check"])
def test_a_device_given_to_list_or_check_is_refused_by_name(
    desk: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``check /dev/null`` said "no problems in 0 files" and exited 0: a device is no desk."""
    fifo = desk / "pipe.md"
    os.mkfifo(fifo)
    for path in (Path("/dev/null"), fifo):
        status, out, err = run(capsys, command, path)
        assert status == 1 and out == ""
        assert err.startswith(f"copydesk: {path}: This is not a regular file"), err


def test_publish_draft_and_set_print_a_newline_name_on_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """publish/draft/set named the file as given: a newline in it split the result line in two."""
    path = desk / "two\nlines.md"
    path.write_bytes(GOOD)
    shown = '"' + str(desk) + '/two\\nlines.md"'
    status, out, err = run(capsys, "publish", path)
    assert status == 0, err
    assert out.splitlines() == [f"{shown}: changed"]
    status, out, err = run(capsys, "draft", path)
    assert status == 0, err
    assert out.splitlines() == [f"{shown}: changed"]
    status, out, err = run(capsys, "set", path, "title=New")
    assert status == 0, err
    assert out.splitlines() == [f'{shown}: title: "Good" -> "New"']
    status, out, err = run(capsys, "set", path, "title=New")
    assert out.splitlines() == [f"{shown}: unchanged"]
    # A failure names it the same way, on one line of stderr.
    path.write_bytes(b"")
    status, out, err = run(capsys, "publish", path)
    assert status == 1
    assert err.splitlines() == [f"copydesk: {shown}: failed: The file is empty"]
    status, out, err = run(capsys, "set", path, "title=x")
    assert status == 1
    assert len(err.splitlines()) == 1 and err.startswith(f"copydesk: {shown}: ")


def test_list_and_show_never_print_a_terminal_control_from_a_value(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title holding ESC [31m (a wire feed's, or a prank) reached the terminal, which acted on
    it: it may recolour, retitle or rewrite what the editor sees."""
    path = desk / "a.md"
    path.write_bytes(
        b'---\ntitle: "Red \\e[31mALERT\\e[0m\\x07"\ntags: ["\\e]0;x\\a"]\n---\nBody\n'
    )
    for command in ("list", "show"):
        status, out, err = run(capsys, command, path)
        assert status == 0, err
        assert not any(ord(ch) < 0x20 and ch not in "\n" for ch in out), repr(out)
        assert "\\x1b[31mALERT" in out


def test_a_non_utf8_file_name_is_listed_through_the_cache_as_without_it(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite takes no lone surrogate: storing the row of an old enough file ended the listing in
    # "unexpected error (UnicodeEncodeError)" (a fresh file is kept out of the cache anyway).
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    (desk / LATIN1_NAME).write_bytes(GOOD)
    (desk / "plain.md").write_bytes(GOOD)
    (desk / "json.md").write_bytes(b'{"title": "Caf\\udce9 \\ud800"}\n\nBody\n')  # a lone surrogate
    hour_ago = time.time() - 3600
    for name in (LATIN1_NAME, "plain.md", "json.md"):
        os.utime(desk / name, (hour_ago, hour_ago))
    uncached = run(capsys, "list", desk, "--json", "--no-cache")
    assert uncached[0] == 0, uncached[2]
    for _ in range(2):  # filling the cache, then from it
        assert run(capsys, "list", desk, "--json") == uncached
        assert run(capsys, "list", desk) == run(capsys, "list", desk, "--no-cache")
