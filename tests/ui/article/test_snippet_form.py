"""The form asks no title of a page Hugo never writes out (tests/core/test_validate_rendered.py)."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_validate_rendered import write


def test_the_form_asks_no_title_of_a_snippet(make_window, tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "Docs"\n', encoding="utf-8")
    content = tmp_path / "content"
    write(content / "_common" / "_index.md", "---\ncascade:\n  build:\n    render: never\n---\n")
    write(content / "_common" / "snippet.md", "---\n---\nA table to include.\n")
    write(content / "page.md", "---\n---\nA page.\n")
    window = make_window(tmp_path)
    assert window.select_path("_common/snippet.md")
    assert window.session.form._problems == []
    assert window.select_path("page.md")
    assert [problem.message for problem in window.session.form._problems] == ["title is missing"]
