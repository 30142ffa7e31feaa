"""An action that writes the editor's unsaved edits along (publishing the open article): one write,
never over an outside change."""

from __future__ import annotations

from pathlib import Path

from editor.core.publish_check import PublishChecker
from editor.core.service import DocumentService, Outcome

UNTITLED = b'+++\ntitle = ""\ndraft = true\n+++\nBody\n'


def test_publish_with_edits_is_one_write_of_both(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(UNTITLED)
    service = DocumentService(tmp_path)
    edited = service.load("a.md")
    edited.set_value("title", "Typed")
    edited.set_value("draft", True)  # a staged draft edit gives way to the action's flag
    (result,) = service.set_draft(["a.md"], False, edited=edited)
    assert result.outcome is Outcome.CHANGED and result.before == UNTITLED
    assert (tmp_path / "a.md").read_bytes() == b'+++\ntitle = "Typed"\ndraft = false\n+++\nBody\n'


def test_edits_over_a_changed_file_are_not_written(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(UNTITLED)
    service = DocumentService(tmp_path)
    edited = service.load("a.md")
    edited.set_value("title", "Typed")
    (tmp_path / "a.md").write_bytes(UNTITLED.replace(b"Body", b"Other body"))
    (result,) = service.set_draft(["a.md"], False, edited=edited)
    assert result.outcome is Outcome.FAILED and "changed on disk" in result.message
    assert (tmp_path / "a.md").read_bytes() == UNTITLED.replace(b"Body", b"Other body")


def test_edits_of_one_file_go_only_to_that_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(UNTITLED)
    (tmp_path / "b.md").write_bytes(UNTITLED)
    service = DocumentService(tmp_path)
    edited = service.load("a.md")
    edited.set_value("title", "Typed")
    service.set_draft(["a.md", "b.md"], False, edited=edited)
    assert (tmp_path / "b.md").read_bytes() == UNTITLED.replace(b"true", b"false")


def test_the_check_reads_the_bytes_to_publish_not_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(UNTITLED)
    (tmp_path / "b.md").write_bytes(b'+++\ntitle = "B"\narticle_id = "x1"\n+++\n')
    checker = PublishChecker(tmp_path)
    assert "a.md" in checker.problems(["a.md"])
    typed = b'+++\ntitle = "Typed"\narticle_id = "x1"\ndraft = true\n+++\nBody\n'
    found = checker.problems(["a.md"], {"a.md": typed})
    assert [problem.message for problem in found["a.md"]] != ["title is empty"]
    assert any("article_id" in problem.message for problem in found["a.md"])  # a duplicate now
    assert checker.problems(["b.md"]) == {}  # what was pending is not remembered as the file's
