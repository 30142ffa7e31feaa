"""What a folder holding Hugo sites lists besides their pages (the notes name only what is there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.held_sites import ARCHETYPES, OTHER, TEMPLATES, listed_extras


def _site(root: Path, files: dict[str, str], config: str = 'title = "S"\n') -> Path:
    (root / "hugo.toml").parent.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    for name, text in {"content/a.md": "+++\ntitle = 'A'\n+++\n", **files}.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, ()),
        ({"layouts/_default/baseof.html": "<html>"}, (TEMPLATES,)),
        ({"themes/t/layouts/list.html": "<ul>"}, (TEMPLATES,)),
        ({"archetypes/default.md": "+++\n+++\n"}, (ARCHETYPES,)),
        ({"README.md": "# Site"}, (OTHER,)),
        ({"static/embed.html": "<p>"}, (OTHER,)),
        ({"layouts/partials/x.html": "", "archetypes/a.md": ""}, (TEMPLATES, ARCHETYPES)),
        # Not named like pages, or in folders the desk never walks: nothing.
        ({"layouts/robots.txt": "", "static/logo.png": "", "assets/x.scss": ""}, ()),
        ({"node_modules/pkg/README.md": "", ".github/PULL_REQUEST.md": ""}, ()),
    ],
)
def test_the_kinds_listed_besides_the_pages(
    tmp_path: Path, files: dict[str, str], expected: tuple[str, ...]
) -> None:
    assert listed_extras([_site(tmp_path / "site", files)]) == expected


def test_a_content_folder_of_the_config_is_pages_not_other_files(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "site",
        {"docs/en/b.md": "+++\ntitle = 'B'\n+++\n", "docs/fr/c.md": ""},
        config='contentDir = "docs/en"\n[languages.fr]\ncontentDir = "docs/fr"\n',
    )
    assert listed_extras([site]) == (OTHER,)  # content/a.md is outside docs/: Hugo reads it not
    (site / "content" / "a.md").unlink()
    assert listed_extras([site]) == ()


def test_the_kinds_of_several_sites_together(tmp_path: Path) -> None:
    one = _site(tmp_path / "one", {"archetypes/a.md": ""})
    two = _site(tmp_path / "two", {"layouts/x.html": ""})
    assert listed_extras([one, two]) == (TEMPLATES, ARCHETYPES)
