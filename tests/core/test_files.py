"""Files that are not plain UTF-8 articles get listed with what they really are (issue 11)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core import atomic
from editor.core.frontmatter import FrontMatterError, split
from editor.core.listing import scan_all
from editor.core.service import DocumentService
from editor.core.state import PublishState
from editor.core.validate import check_folder

GOOD = b'+++\ntitle = "Good"\n+++\nBody\n'
TEXT = '+++\ntitle = "Café"\n+++\nBody\n'


@pytest.mark.parametrize(
    ("data", "named"),
    [
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), "UTF-16 (little-endian)", id="le-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16 (big-endian)", id="be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "UTF-16 (little-endian)", id="le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "UTF-16 (big-endian)", id="be-no-bom"),
        pytest.param(TEXT.encode("utf-32"), "UTF-32", id="utf-32"),
    ],
)
def test_utf16_text_is_named_and_hugo_needs_utf8(data: bytes, named: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split(data)
    assert named in caught.value.message
    assert "UTF-8" in caught.value.message and "binary" not in caught.value.message


def test_binary_is_still_binary() -> None:
    with pytest.raises(FrontMatterError, match="binary"):
        split(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
def test_special_files_are_listed_as_invalid_with_the_reason(desk: Path, tmp_path: Path) -> None:
    (desk / "good.md").write_bytes(GOOD)
    os.mkfifo(desk / "pipe.md")
    (desk / "loop.md").symlink_to("loop.md")
    (desk / "ping.md").symlink_to("pong.md")
    (desk / "pong.md").symlink_to("ping.md")
    (desk / "null.md").symlink_to("/dev/null")
    (desk / "dangling.md").symlink_to("nowhere.md")
    (desk / "folder-link.md").symlink_to(tmp_path, target_is_directory=True)  # a folder: skipped
    rows = {row.path: row for row in scan_all(desk)}
    assert sorted(rows) == [
        "dangling.md",
        "good.md",
        "loop.md",
        "null.md",
        "ping.md",
        "pipe.md",
        "pong.md",
    ]
    assert rows["good.md"].state is PublishState.PUBLISHED
    reasons = {name: row.error or "" for name, row in rows.items() if name != "good.md"}
    assert all(rows[name].state is PublishState.INVALID for name in reasons)
    assert "named pipe" in reasons["pipe.md"]
    for name in ("loop.md", "ping.md", "pong.md"):
        assert "loop" in reasons[name] and "no longer exists" not in reasons[name]
    assert "device" in reasons["null.md"]
    assert "missing" in reasons["dangling.md"]
    # copydesk check says the same, file by file.
    checked = {problem.path: problem.message for problem in check_folder(desk).problems}
    assert {name: checked[name] for name in reasons} == reasons


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
def test_the_service_names_a_loop_and_a_device(desk: Path) -> None:
    (desk / "loop.md").symlink_to("loop.md")
    (desk / "null.md").symlink_to("/dev/null")
    service = DocumentService(desk)
    [loop, null] = service.publish(["loop.md", "null.md"])
    assert not loop.ok and "loop" in loop.message and "Unexpected" not in loop.message
    assert not null.ok and "outside the opened folder" in null.message  # refused before reading


def test_temporary_files_are_never_listed_and_stale_ones_are_cleaned_by_a_scan(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (desk / "a.md").write_bytes(GOOD)
    (desk / "sub").mkdir()
    stale = desk / "sub" / ".b.md.k1ll3d00.copydesk-tmp"
    fresh = desk / ".a.md.wr1t1ng0.copydesk-tmp"
    stale.write_bytes(GOOD)
    fresh.write_bytes(GOOD)
    assert [row.path for row in scan_all(desk)] == ["a.md"]
    assert stale.exists() and fresh.exists()  # young: a save may be writing them
    # An hour later (ctime cannot be set back, so the threshold moves): the unlocked one goes.
    import fcntl

    monkeypatch.setattr(atomic, "STALE_AFTER_S", -3600.0)
    with open(fresh, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # a save in progress holds its lock
        assert [row.path for row in scan_all(desk)] == ["a.md"]
    assert not stale.exists() and fresh.exists()
