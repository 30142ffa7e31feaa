"""The walk's fast paths (inlined name checks, bundle indexes found by bisection) against the plain
checks they replaced, on real folders."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core import walk

NAMES = [
    "index.md", "Index.md", "INDEX.MD", "index.fr.md", "index.html", "index.txt", "indexes.md",
    "İndex.md", "ındex.md", "i", "I", "iz.md", "Hello.md", "J.md", "j.md", "_index.md", "a.md",
    ".index.md", "index", "index.", "x.MARKDOWN", "y.Htm", "z.md~", "story.md", "ä.md", "ǐndex.md",
]  # fmt: skip


def _plain_walk(root: str) -> list[str]:
    """The walk as it was written before: every name through is_bundle_index / is_listed_entry."""
    found: list[str] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            items = sorted(entries, key=lambda entry: entry.name)
        if folder != root:
            bundle = [entry for entry in items if walk.is_bundle_index(entry.name)]
            if bundle and any(entry.is_file() for entry in bundle):
                found += [e.path for e in bundle if walk.is_article_name(e.name) and e.is_file()]
                continue
        subfolders = []
        for entry in items:
            if entry.is_dir(follow_symlinks=False):
                if not walk.skips_folder(entry.name):
                    subfolders.append(entry.path)
            elif walk.is_listed_entry(entry):
                found.append(entry.path)
        stack.extend(reversed(subfolders))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAMES), unique=True, max_size=8), max_size=4))
def test_the_walk_lists_what_the_plain_walk_lists(
    tmp_path_factory: object, folders: list[list[str]]
) -> None:
    root = Path(tmp_path_factory.mktemp("desk"))  # type: ignore[attr-defined]
    for number, names in enumerate(folders):
        folder = root / f"f{number}"
        folder.mkdir()
        for name in names:
            (folder / name).write_text("+++\n+++\n")
    (root / "f0" / "sub").mkdir(parents=True, exist_ok=True)
    (root / "f0" / "sub" / "a.md").write_text("")
    assert [e.path for e in walk._walk_entries(str(root))] == _plain_walk(str(root))


def test_the_bisection_finds_every_index_name(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text("")
    with os.scandir(tmp_path) as entries:
        items = sorted(entries, key=lambda entry: entry.name)
    fast = [e.name for e in walk._starting_with_i(items) if walk.is_bundle_index(e.name)]
    assert fast == [e.name for e in items if walk.is_bundle_index(e.name)]
    assert {"index.md", "Index.md", "INDEX.MD", "index.fr.md", "index.html"} <= set(fast)
