"""The inputs a kept listing notes (editor.core.listing_inputs): the same answers, or none."""

from __future__ import annotations

import os
import time
from pathlib import Path

from editor.core import listing_inputs

LATER = time.time_ns() + 3600 * 1_000_000_000  # every file a test writes counts as old


def _files(tmp_path: Path) -> list[str]:
    (tmp_path / "hugo.toml").write_text("title = 'T'\n")
    (tmp_path / "config").mkdir()
    return [str(tmp_path / "hugo.toml"), str(tmp_path / "config"), str(tmp_path / "hugo.yaml")]


def test_unchanged_inputs_still_hold(tmp_path: Path) -> None:
    noted = listing_inputs.note(str(tmp_path), ["./content", "./more"], _files(tmp_path), LATER)
    assert noted
    assert listing_inputs.still(noted, str(tmp_path)) == ["./content", "./more"]
    assert listing_inputs.still(noted, str(tmp_path / "other")) is None  # another desk


def test_each_change_is_seen(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    changes = [
        lambda: (tmp_path / "hugo.toml").write_text("title = 'U'\n"),  # same size
        lambda: (tmp_path / "hugo.yaml").write_text("title: T\n"),  # a missing file appears
        lambda: (tmp_path / "hugo.toml").unlink(),
        lambda: (tmp_path / "config" / "params.toml").write_text(""),  # the folder's entries
        lambda: os.chmod(tmp_path / "hugo.toml", 0o600),
    ]
    for change in changes:
        noted = listing_inputs.note(str(tmp_path), ["."], paths, LATER)
        assert listing_inputs.still(noted, str(tmp_path)) == ["."]
        change()
        assert listing_inputs.still(noted, str(tmp_path)) is None
        (tmp_path / "hugo.toml").write_text("title = 'T'\n")


def test_nothing_is_noted_for_an_input_in_the_racy_window_or_without_an_answer(
    tmp_path: Path,
) -> None:
    paths = _files(tmp_path)
    assert listing_inputs.note(str(tmp_path), ["."], paths, time.time_ns() - 10**9) == b""
    assert listing_inputs.note(str(tmp_path), ["."], [*paths, "nul\0in a name"], LATER) == b""


def test_anything_else_is_no_inputs(tmp_path: Path) -> None:
    noted = listing_inputs.note(str(tmp_path), ["."], _files(tmp_path), LATER)
    fields = noted.split(b"\0")
    for text in (
        b"",
        b"copydesk-inputs 1",
        noted.replace(b"copydesk-inputs 1", b"copydesk-inputs 2"),
        b"\0".join([*fields[:2], b"x", *fields[3:]]),  # no count
        b"\0".join([*fields[:2], b"0", *fields[3:]]),  # no start
        b"\0".join(fields[:-1]),  # a path without its answer
    ):
        assert listing_inputs.still(text, str(tmp_path)) is None
