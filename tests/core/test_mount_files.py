"""Module mounts with file filters, and mounts nested in another content folder (jaegertracing's
docs): each file listed once, the ones Hugo leaves out unlisted, the rest as their mount has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.listing import scan_all
from editor.core.site import load_site, mount_files
from editor.core.site_rules import filtered_out
from editor.core.state import PublishState

PAGE = "---\ntitle: {0}\n---\nBody\n"


@pytest.mark.parametrize(
    ("files", "relative", "expected"),
    [
        (("! docs/v?",), "docs/v1/_index.md", "! docs/v?"),  # a folder above it
        (("! docs/v?",), "docs/v12/a.md", None),  # ? is one character
        (("! docs/v?",), "docs/vx.md", None),
        (("! _*",), "_index.md", "! _*"),
        (("! _*",), "_dev/a.md", "! _*"),
        (("! _*",), "2.20/_index.md", None),  # * stays within a name
        (("! **/_*",), "2.20/_index.md", "! **/_*"),
        (("! *.html",), "A/Page.HTML", None),
        (("! **.html",), "A/Page.HTML", "! **.html"),  # case-insensitive, like Hugo's
        (("**.md",), "a/b.md", None),  # a plain glob takes what it matches...
        (("**.md",), "a/b.html", "**.md"),  # ...and only that
        (("! {drafts,old}/**",), "old/a.md", "! {drafts,old}/**"),
        (("! [ab].md",), "b.md", "! [ab].md"),
        (("! [!ab].md",), "b.md", None),
        ((), "anything.md", None),
    ],
)
def test_a_mounts_file_filter(files: tuple[str, ...], relative: str, expected: str | None) -> None:
    assert filtered_out(files, relative) == expected


def test_the_three_ways_of_writing_the_filters() -> None:
    assert mount_files({"files": "! _*"}) == ("! _*",)
    assert mount_files({"files": ["! docs/v?", " ! x.md "]}) == ("! docs/v?", "! x.md")
    assert mount_files({"excludefiles": ["*.html"], "includefiles": "**.md"}) == (
        "! *.html",
        "**.md",
    )
    assert mount_files({"source": "content"}) == ()


def _jaeger_like(root: Path) -> Path:
    root.mkdir()
    (root / "hugo.yaml").write_text(
        "module:\n"
        "  mounts:\n"
        "    - files: ['! docs/v?', '! _index-pre.md']\n"
        "      source: content\n"
        "      target: content\n"
        "    - files: '! _*'\n"
        "      source: content/docs/v2\n"
        "      target: content/docs\n"
        "    - source: content/docs/v2/_dev\n"
        "      target: content/docs/2.dev\n"
        "    - excludeFiles: '_*'\n"
        "      source: content/docs/v1\n"
        "      target: content/docs\n",
        encoding="utf-8",
    )
    for name in (
        "_index.md",
        "_index-pre.md",
        "about.md",
        "docs/v2/_index.md",
        "docs/v2/2.20/_index.md",
        "docs/v2/2.20/start.md",
        "docs/v2/_dev/next.md",
        "docs/v1/_index.md",
        "docs/v1/1.9/start.md",
    ):
        target = root / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(name), encoding="utf-8")
    return root


def test_nested_mounts_list_each_file_once_and_leave_out_what_hugo_does(tmp_path: Path) -> None:
    """Listed from content/ and again from each mount inside it, the docs were two rows each;
    and the files the filters leave out were published pages."""
    site = _jaeger_like(tmp_path / "site")
    assert [cd.files for cd in load_site(site).content_dirs][:2] == [
        ("! docs/v?", "! _index-pre.md"),
        ("! _*",),
    ]
    rows = scan_all(site, use_cache=False)
    paths = [row.path for row in rows]
    assert len(paths) == len(set(paths)) == 9
    states = {row.path: row.state for row in rows}
    left_out = {path for path, state in states.items() if state is PublishState.UNLISTED}
    assert left_out == {
        "content/_index-pre.md",
        "content/docs/v2/_index.md",
        "content/docs/v1/_index.md",
    }
    assert states["content/docs/v2/2.20/start.md"] is PublishState.PUBLISHED
    assert states["content/docs/v2/_dev/next.md"] is PublishState.PUBLISHED  # its own mount
    reason = next(row.reason for row in rows if row.path == "content/_index-pre.md")
    assert (reason.key, reason.value) == ("module.mounts files", "! _index-pre.md")
    # The cached listing says the same.
    cache = tmp_path / "cache"
    assert [(r.path, r.state) for r in scan_all(site, cache_dir=cache)] == [
        (r.path, r.state) for r in rows
    ]
    assert [(r.path, r.state) for r in scan_all(site, cache_dir=cache)] == [
        (r.path, r.state) for r in rows
    ]
