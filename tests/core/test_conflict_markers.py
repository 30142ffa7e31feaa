"""An article a merge left with conflict markers is reported as such, not published by
``copydesk check && hugo`` (the body's markers passed the check) nor named a YAML error."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import FrontMatterError, read
from editor.core.line_merge import conflict_marker_line, merge_lines
from editor.core.validate import Level, check_article, check_folder

MARKED_BODY = (
    "---\ntitle: Flood vote\n---\n"
    "<<<<<<< ours\nLine one A.\n||||||| base\nLine one.\n=======\nLine one B.\n>>>>>>> theirs\n"
    "Line two.\n"
)
MARKED_FRONT = (
    "---\n<<<<<<< ours\ntitle: B title\n||||||| base\ntitle: Flood vote\n=======\n"
    "title: A title\n>>>>>>> theirs\ndraft: true\n---\nBody\n"
)


def test_markers_in_the_body_are_an_error_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MARKED_BODY, encoding="utf-8", newline="")
    result = check_folder(tmp_path)
    assert result.errors == 1
    [problem] = result.problems
    assert (problem.path, problem.line, problem.level) == ("a.md", 4, Level.ERROR)
    assert "conflict" in problem.message and "merge" in problem.message


def test_markers_in_the_front_matter_say_so_instead_of_a_yaml_error() -> None:
    with pytest.raises(FrontMatterError) as raised:
        read(MARKED_FRONT.encode())
    assert raised.value.line == 2
    assert "conflict" in raised.value.message and "Malformed" not in raised.value.message


def test_a_file_the_line_merge_marked_is_found_and_plain_text_is_not() -> None:
    marked = merge_lines("a\nb\n", "a\nB\n", "a\nC\n").marked()
    assert conflict_marker_line(marked) == 2
    split_file, metadata = read(b"---\ntitle: T\n---\n<<<<<<< only an opening\n=======\n")
    assert check_article("a.md", split_file, metadata) == []
    # A line of seven '=' alone is Markdown (a heading underline), not a conflict.
    assert conflict_marker_line("Title\n=======\n>>>>>>>\n") is None
