"""Checks before publishing: the files' errors, the across-desk ones, and a memory of the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import validate
from editor.core.publish_check import PublishChecker, problems_before_publishing


def test_problems_before_publishing_name_errors_of_the_files_asked_about(desk: Path) -> None:
    (desk / "untitled.md").write_text("+++\ndraft = true\n+++\n")
    (desk / "one.md").write_text('+++\ntitle = "One"\narticle_id = 7\ndraft = true\n+++\n')
    (desk / "two.md").write_text('+++\ntitle = "Two"\narticle_id = 7\n+++\n')
    (desk / "fine.md").write_text('+++\ntitle = "Fine"\nsummary = "' + "x" * 400 + '"\n+++\n')
    (desk / "broken.md").write_text('+++\ntitle = "no end\n+++\n')
    found = problems_before_publishing(desk, ["untitled.md", "one.md", "fine.md"])
    assert sorted(found) == ["one.md", "untitled.md"]  # a long summary is only a warning
    assert "title is missing" in found["untitled.md"][0].message
    assert "duplicate article_id" in found["one.md"][0].message
    assert "two.md" in found["one.md"][0].message


def test_the_checker_reads_only_what_changed_and_what_is_published(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        (desk / f"a{n}.md").write_text(f'+++\ntitle = "A{n}"\narticle_id = {n}\n+++\n')
    read: list[str] = []
    real = validate.read_regular  # where check_file reads

    def counting(path):
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(validate, "read_regular", counting)
    checker = PublishChecker(desk)
    assert checker.problems(["a0.md"]) == {}
    assert sorted(read) == [f"a{n}.md" for n in range(5)]
    read.clear()
    assert checker.problems(["a1.md"]) == {}
    assert read == ["a1.md"]  # the others are remembered
    read.clear()
    (desk / "a3.md").write_text('+++\ntitle = "A3"\narticle_id = 1\n+++\n')  # a duplicate now
    found = checker.problems(["a1.md"])
    assert sorted(read) == ["a1.md", "a3.md"]
    assert (
        "duplicate article_id" in found["a1.md"][0].message and "a3.md" in found["a1.md"][0].message
    )


def test_publishing_and_check_folder_report_a_file_in_the_same_words(desk: Path) -> None:
    """One per-file check (validate.check_file) behind both: a link to nothing, a broken file."""
    from editor.core.validate import Level, check_folder

    (desk / "gone.md").symlink_to(desk / "nowhere.md")
    (desk / "broken.md").write_text('+++\ntitle = "no end\n+++\n')
    (desk / "untitled.md").write_text("+++\ndraft = true\n+++\n")
    names = ["gone.md", "broken.md", "untitled.md"]
    before = problems_before_publishing(desk, names)
    folder = check_folder(desk)
    for name in names:
        errors = [p for p in folder.problems if p.path == name and p.level is Level.ERROR]
        assert before[name] == errors, name
    assert "symbolic link to a missing file" in before["gone.md"][0].message


def test_a_desk_reached_through_a_symbolic_link_is_checked(desk: Path, tmp_path: Path) -> None:
    """The walk gives resolved paths; a root named through a link raised ValueError (relative_to)."""
    (desk / "one.md").write_text('+++\ntitle = "One"\narticle_id = 7\ndraft = true\n+++\n')
    (desk / "two.md").write_text('+++\ntitle = "Two"\narticle_id = 7\n+++\n')
    link = tmp_path / "desk-link"
    link.symlink_to(desk, target_is_directory=True)
    found = PublishChecker(link).problems(["one.md"])
    assert "duplicate article_id" in found["one.md"][0].message
