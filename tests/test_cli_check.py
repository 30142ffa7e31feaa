"""copydesk check, driven through main() on real files: linter lines, their order, the exit code,
several paths checked together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import (
    BROKEN,
    BUSINESS,
    CALDER,
    DRAFTS,
    run,
)

# --- check -----------------------------------------------------------------------------------------


def test_check_prints_linter_lines_and_fails_on_errors(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "check", sample_desk)
    assert status == 1
    lines = out.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{sample_desk / BROKEN}:2", "error"],
        [f"{sample_desk / CALDER}:7", "warning"],
        [f"{sample_desk / BUSINESS / 'tidewater-renewables-green-bond.md'}:5", "warning"],
        [f"{sample_desk / DRAFTS[2]}:1", "error"],
    ]
    assert lines[1].endswith("description is 165 characters long; keep it to 160 or fewer")
    assert lines[3].endswith(": error: title is missing")
    assert err == "2 errors, 2 warnings in 17 files\n"


def test_check_sorts_by_path_then_line(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (desk / "b.md").write_text('+++\ntitle = "B"\narticle_id = 1\n+++\n', encoding="utf-8")
    (desk / "a.md").write_text(
        f'+++\nsummary = "{"x" * 301}"\narticle_id = 1\ntitle = ""\ndate = "soon"\n+++\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "check", desk)
    assert status == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        f"{desk / 'a.md'}:2",
        f"{desk / 'a.md'}:3",
        f"{desk / 'a.md'}:4",
        f"{desk / 'a.md'}:5",
        f"{desk / 'b.md'}:3",
    ]
    assert err == "4 errors, 1 warning in 2 files\n"


def test_check_warnings_alone_exit_zero(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = desk / "a.md"
    article.write_text(f'+++\ntitle = "T"\ndescription = "{"x" * 200}"\n+++\n', encoding="utf-8")
    status, out, err = run(capsys, "check", article)
    assert status == 0
    assert (
        out
        == f"{article}:3: warning: description is 200 characters long; keep it to 160 or fewer\n"
    )
    assert err == "0 errors, 1 warning in 1 file\n"


def test_check_a_clean_folder(sample_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", sample_desk / "content" / "technology")
    assert (status, out, err) == (0, "", "no problems in 5 files\n")


def test_check_takes_several_paths_and_finds_a_duplicate_across_them(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check took one PATH; like other linters it takes folders and files, checked together."""
    (desk / "world").mkdir()
    (desk / "world" / "w.md").write_text('+++\ntitle = "W"\narticle_id = 7\n+++\n', "utf-8")
    (desk / "world" / "x.md").write_text('+++\ntitle = "X"\n+++\n', "utf-8")
    (desk / "b.md").write_text('+++\ntitle = "B"\narticle_id = 7\n+++\n', "utf-8")
    (desk / "c.md").write_text('+++\ntitle = ""\n+++\n', "utf-8")
    world, b, gone = desk / "world", desk / "b.md", desk / "gone.md"
    status, out, err = run(capsys, "check", world, b, gone, world / "w.md")
    assert status == 1
    assert out.splitlines() == [
        f'{b}:3: error: duplicate article_id "7": also in {world / "w.md"}',
        f'{world / "w.md"}:3: error: duplicate article_id "7": also in {b}',
    ]  # c.md was not asked for; w.md, given twice, is checked once
    assert err.splitlines() == [
        f"copydesk: {gone}: no such file or folder",
        "2 errors, 0 warnings in 3 files",
    ]
    assert run(capsys, "check", world / "x.md", desk / "c.md")[1].splitlines() == [
        f"{desk / 'c.md'}:2: error: title is empty"
    ]
    status, out, err = run(capsys, "check", world / "x.md", gone)
    assert (status, out) == (1, "")  # a path that is not there fails the run
