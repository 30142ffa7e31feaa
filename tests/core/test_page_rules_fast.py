"""``SiteRules.page_rules`` with what a folder's pages share kept per folder and language (the zone
and the cascades), and ``disableKinds``/``ignoreFiles``/``:git`` asked only where the site has
them, gives exactly what the version before gave (kept here as ``_plain_page_rules``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.index import desk_rules
from editor.core.site_rules import (
    SiteRules,
    _branch_kind,
    _excluded,
    _is_plain_absolute,
    _split_lang,
)
from editor.core.state import PageRules


def _plain_page_rules(self: SiteRules, path: Path | str) -> tuple[PageRules, str]:
    """page_rules as it was (session 15), the reference."""
    site = self.site
    if _is_plain_absolute(path):
        file = str(path)
        parent, _, filename = file.rpartition(os.sep)
        parent = parent or os.sep
        if filename[:1] == ".":
            stem = os.path.splitext(filename)[0]
        else:
            head, dot, _ = filename.rpartition(".")
            stem = head if dot else filename
    else:
        file = os.path.abspath(path)
        parent, filename = os.path.split(file)
        stem = os.path.splitext(filename)[0]
    place = self._folders.get(parent) or self._folder(parent)
    stem, lang = _split_lang(stem, site.languages)
    lang = place.lang or lang or site.default_language
    folders, virtual = place.folders, place.virtual
    if stem.lower() == "_index":
        kind = _branch_kind(virtual, site.taxonomies)
        segments = folders
    elif stem.lower() == "index" and folders:
        kind, segments, filename = "page", folders, folders[-1]
    else:
        kind, segments = "page", (*folders, stem)
    page_path = "/" + "/".join((*place.prefix, *segments)).lower().replace(" ", "-")
    rules = PageRules(
        site.dates,
        site.zone(lang),
        self._chain(place, lang),
        page_path,
        kind,
        lang,
        filename,
        _excluded(site, file, kind),
        self._git_date(file),
    )
    return rules, lang if site.multilingual else ""


CONFIGS = {
    "plain": 'baseURL = "https://example.org/"\n',
    "zoned": 'timeZone = "Europe/Paris"\n[frontmatter]\ndate = [":filename", ":default"]\n',
    "excluding": (
        'disableKinds = ["section", "taxonomy"]\nignoreFiles = ["\\\\.draft\\\\.md$", "secret"]\n'
    ),
    "languages": (
        'defaultContentLanguage = "fr"\n[languages.fr]\nweight = 1\ntimeZone = "Europe/Paris"\n'
        '[languages.en]\nweight = 2\ntimeZone = "America/New_York"\n'
    ),
    "mounted": '[[module.mounts]]\nsource = "posts"\ntarget = "content/blog"\n'
    '[[module.mounts]]\nsource = "content"\ntarget = "content"\n',
    "git": "enableGitInfo = true\n[frontmatter]\ndate = [':git', 'date']\n",
}

FOLDERS = st.lists(
    st.sampled_from(["news", "News", "tags", "a b", "posts", "x.y", "Σ"]), max_size=3
)
NAMES = st.sampled_from(
    ["a.md", "_index.md", "_INDEX.md", "index.md", "Index.fr.md", "a.en.md", "a.fr.md",
     "b.draft.md", "secret.md", ".hidden.md", "2024-01-02-x.md", "noext", "a b.MD", "ΟΔΟΣ.md"]
)  # fmt: skip


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for name, config in CONFIGS.items():
        root = tmp_path_factory.mktemp(name)
        (root / "hugo.toml").write_text(config)
        for folder in ("content", "content/news", "posts"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        (root / "content" / "_index.md").write_text("+++\n[cascade]\ndraft = true\n+++\n")
        (root / "content" / "news" / "_index.fr.md").write_text(
            "+++\n[[cascade]]\nexpiryDate = 2020-01-01\n+++\n"
        )
        made[name] = root.resolve()
    return made


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    site=st.sampled_from(sorted(CONFIGS)),
    pages=st.lists(
        st.tuples(st.sampled_from(["content", "posts", "content/news"]), FOLDERS, NAMES),
        min_size=1,
        max_size=8,
    ),
)
def test_page_rules_are_what_they_were(
    sites: dict[str, Path], site: str, pages: list[tuple[str, list[str], str]]
) -> None:
    root = sites[site]
    fast, plain = desk_rules(root), desk_rules(root)  # each keeps what its pages share
    for _ in range(2):  # the second time from what was kept
        for top, folders, name in pages:
            path = os.path.join(root, top, *folders, name)
            for candidate in (path, Path(path), path + "/../" + name):  # a Path, a path not plain
                assert fast.page_rules(candidate) == _plain_page_rules(plain, candidate)


def test_a_folders_pages_share_the_zone_and_cascades_per_language(sites: dict[str, Path]) -> None:
    rules = desk_rules(sites["languages"])
    folder = sites["languages"] / "content" / "news"
    french, _ = rules.page_rules(str(folder / "a.md"))
    english, language = rules.page_rules(str(folder / "a.en.md"))
    assert (french.lang, english.lang, language) == ("fr", "en", "en")
    assert french.zone != english.zone
    # The section's _index.fr.md and the home's _index.md (the default language's) reach the
    # French pages only.
    assert [cascade.origin for cascade in french.cascades] == [
        "content/news/_index.fr.md",
        "content/_index.md",
    ]
    assert english.cascades == ()
