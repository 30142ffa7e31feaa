"""A page Hugo never writes out needs no title: Hugo's own docs keep their `include` snippets in a
headless `_common` bundle (`cascade: build: render: never`), and `copydesk check` failed on all 47."""

from __future__ import annotations

from pathlib import Path

from editor.core.hugo_keys import fold_keys
from editor.core.state import PageRules, rendered
from editor.core.validate import check_folder


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_snippets_under_a_cascade_that_never_renders_need_no_title(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "Docs"\n', encoding="utf-8")
    content = tmp_path / "content"
    write(content / "_common" / "_index.md", "---\ncascade:\n  build:\n    render: never\n---\n")
    write(content / "_common" / "snippet.md", "---\n---\nA table to include.\n")
    write(content / "_common" / "deeper" / "other.md", "---\n---\nMore.\n")
    write(content / "own.md", "---\nbuild:\n  render: never\n---\n")
    write(content / "bundle" / "index.md", "---\nheadless: true\n---\n")
    write(content / "listed-nowhere.md", "---\nbuild:\n  list: never\n---\n")  # still rendered
    write(content / "plain.md", "---\ndraft: true\n---\n")
    write(content / "empty.md", '---\ntitle: ""\n---\n')
    result = check_folder(content)
    assert [(problem.path, problem.message) for problem in result] == [
        ("empty.md", "title is empty"),
        ("listed-nowhere.md", "title is missing"),
        ("plain.md", "title is missing"),
    ]
    # The other checks still run on such a page.
    write(content / "_common" / "snippet.md", "---\ndate: soon\n---\n")
    assert [problem.path for problem in check_folder(content)].count("_common/snippet.md") == 1


def test_rendered_reads_the_page_and_its_cascades() -> None:
    assert rendered(fold_keys({}))
    assert rendered(fold_keys({"build": {"list": "never"}}))
    assert not rendered(fold_keys({"Build": {"Render": "never"}}))
    assert not rendered(fold_keys({"_build": {"render": False}}))
    assert not rendered(fold_keys({"headless": True}))
    assert rendered(fold_keys({"headless": "false"}))
    assert rendered(fold_keys({"build": {"render": "Never"}}))  # not a word Hugo knows
    assert rendered(fold_keys({"build": {"render": "always"}}), PageRules())
