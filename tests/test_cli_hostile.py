"""Hostile front matter: every command answers at once with a clear message (issue 11).

A 10 MB one-line YAML list, YAML "billion laughs" aliases and a TOML table nested 500 levels used to
take minutes or die with RecursionError. Each command here runs under a deadline that turns a hang
into a failure (a guard, not a speed target: the limits themselves make the answer immediate), and
the good file beside the bad one is still listed.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core import limits
from tests.helpers.cli import run

GOOD = b'+++\ntitle = "Good"\n+++\nBody\n'


def big_list() -> bytes:
    return b"---\ntitle: Big\ntags: [" + b", ".join([b"tag"] * 2_000_000) + b"]\n---\nBody\n"


def laughs() -> bytes:
    lines = ["---", "title: Laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join([*lines, "draft: true", "---", "Body", ""])).encode()


def deep_toml() -> bytes:
    return b"+++\ntitle = 'Deep'\n[" + b".".join([b"a"] * 500) + b"]\nx = 1\n+++\nBody\n"


def self_alias() -> bytes:
    return b"---\ntitle: Loop\nloop: &loop [*loop, *loop]\n---\nBody\n"


HOSTILE = {
    "big-list.md": (big_list, "KiB"),
    "laughs.md": (laughs, "aliases"),
    "deep.md": (deep_toml, "nested more than"),
    "loop.md": (self_alias, "nested more than"),  # an alias inside its own anchor never ends
}


class Hung(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging for minutes (SIGALRM interrupts a pure-Python loop)."""

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def hostile_desk(desk: Path) -> Path:
    for name, (make, _) in HOSTILE.items():
        (desk / name).write_bytes(make())
    (desk / "good.md").write_bytes(GOOD)
    return desk


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_command_answers_a_hostile_file_with_a_clear_message(
    hostile_desk: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = hostile_desk / name
    data = path.read_bytes()
    expected = HOSTILE[name][1]
    for command in (["show"], ["show", "--json"], ["set", "title=X"], ["draft"], ["publish"]):
        with deadline(10):
            status, out, err = run(capsys, command[0], path, *command[1:])
        assert status == 1, command
        assert expected in err, (command, err)
        assert "unexpected error" not in err and len(err) < 400, err
    with deadline(10):
        status, out, err = run(capsys, "check", path)
    assert status == 1 and expected in out
    assert path.read_bytes() == data  # never written


def test_a_listing_never_waits_on_a_bad_file(
    hostile_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with deadline(10):
        status, out, _ = run(capsys, "list", hostile_desk, "--json")
    assert status == 0
    rows = {row["path"]: row for row in json.loads(out)}
    assert rows["good.md"]["state"] == "published" and rows["good.md"]["title"] == "Good"
    for name, (_, expected) in HOSTILE.items():
        assert rows[name]["state"] == "invalid"
        assert expected in rows[name]["error"]
    with deadline(10):
        status, out, _ = run(capsys, "check", hostile_desk)
    assert "good.md" not in out


def test_the_limits_leave_ordinary_large_front_matter_alone(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Just under the size limit, nested to the depth limit, with a few aliases: all readable.
    items = (limits.MAX_FRONT_MATTER_BYTES - 200) // 6
    tags = ", ".join(["tag"] * items)
    nested = "[" * (limits.MAX_DEPTH - 1) + "1" + "]" * (limits.MAX_DEPTH - 1)
    data = f"---\ntitle: Big\ntags: [{tags}]\nnested: {nested}\nbase: &b [1, 2]\nuse: *b\n---\n"
    (desk / "big.md").write_text(data, encoding="utf-8")
    status, out, err = run(capsys, "show", "--json", desk / "big.md")
    assert status == 0, err
    metadata = json.loads(out)["metadata"]
    assert len(metadata["tags"]) == items and metadata["use"] == [1, 2]
    deeper = "[" * limits.MAX_DEPTH + "1" + "]" * limits.MAX_DEPTH
    (desk / "deeper.md").write_text(data.replace(nested, deeper), encoding="utf-8")
    status, _, err = run(capsys, "show", desk / "deeper.md")
    assert status == 1 and "nested more than" in err
