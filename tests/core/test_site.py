"""The site module: root detection, the config as Hugo merges it, content folders, desk_for."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from editor.core.index import summary_for
from editor.core.listing import scan_all
from editor.core.site import (
    NOT_CONTENT,
    ContentDir,
    desk_for,
    find_site_root,
    is_site,
    load_site,
    read_config,
    site_for_desk,
)
from editor.core.site_rules import SiteRules
from editor.core.state import PublishState
from editor.core.walk import would_list

PAGE = b"+++\ntitle = 'T'\n+++\n"


def put(path: Path, data: bytes | str = PAGE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    "marker", ["hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config/_default/hugo.toml"]
)
def test_a_site_is_a_config_file_or_a_config_folder(tmp_path: Path, marker: str) -> None:
    put(tmp_path / marker, "")
    assert is_site(tmp_path)
    assert find_site_root(tmp_path / "content" / "a.md") == tmp_path


def test_a_folder_named_config_is_no_site_and_static_only_finds_images(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    assert not is_site(tmp_path)
    (tmp_path / "static").mkdir()
    assert not is_site(tmp_path) and find_site_root(tmp_path / "a.md") == tmp_path


def test_config_folder_merges_as_hugo_does(tmp_path: Path) -> None:
    put(tmp_path / "hugo.toml", 'title = "Root"\ncontentDir = "root-content"\n')
    put(tmp_path / "config/_default/hugo.toml", 'contentDir = "articles"\n')
    put(tmp_path / "config/_default/params.toml", "Colour = 'blue'\n")
    put(tmp_path / "config/_default/languages.fr.toml", 'contentDir = "content/fr"\nweight = 2\n')
    put(tmp_path / "config/_default/menus.fr.toml", "[[main]]\nname = 'x'\n")
    put(tmp_path / "config/_default/languages.yaml", "en:\n  contentDir: content/en\n")
    put(tmp_path / "config/production/hugo.json", '{"timeZone": "Europe/Oslo"}')
    config = read_config(tmp_path)
    assert config["title"] == "Root" and config["contentdir"] == "articles"
    assert config["params"] == {"colour": "blue"}
    assert config["languages"]["fr"]["contentdir"] == "content/fr"
    assert config["languages"]["fr"]["menus"] == {"main": [{"name": "x"}]}
    assert config["timezone"] == "Europe/Oslo"
    site = load_site(tmp_path)
    assert site.multilingual and set(site.languages) == {"en", "fr"}
    assert {(cd.path.name, cd.lang) for cd in site.content_dirs} == {("en", "en"), ("fr", "fr")}
    assert site.zone("fr") == zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", "title = [unclosed\n"),
        ("hugo.yaml", "a: [b\n"),
        ("hugo.json", "{"),
        ("hugo.toml", b"\xff\xfe"),
    ],
)
def test_a_broken_config_keeps_hugos_defaults_and_says_why(
    tmp_path: Path, name: str, text: str | bytes
) -> None:
    put(tmp_path / name, text)
    put(tmp_path / "content" / "a.md")
    site = load_site(tmp_path)
    assert site.error and site.error.startswith("the site config cannot be read")
    assert site.content_dirs == (ContentDir((tmp_path / "content").resolve()),)
    assert [row.path for row in scan_all(tmp_path)] == ["content/a.md"]


def test_a_changed_config_is_read_again(tmp_path: Path) -> None:
    put(tmp_path / "hugo.toml", 'contentDir = "one"\n')
    assert load_site(tmp_path).content_dirs[0].path.name == "one"
    put(tmp_path / "hugo.toml", 'contentDir = "second"\n')
    assert load_site(tmp_path).content_dirs[0].path.name == "second"


def test_unknown_time_zone_is_utc_and_mounts_replace_the_content_dir(tmp_path: Path) -> None:
    put(
        tmp_path / "hugo.toml",
        'timeZone = "Mars/Olympus"\ncontentDir = "ignored"\n'
        '[[module.mounts]]\nsource = "posts"\ntarget = "content/blog"\n'
        '[[module.mounts]]\nsource = "pictures"\ntarget = "static"\n'
        '[[module.mounts]]\nsource = "src"\ntarget = "assets"\n',
    )
    site = load_site(tmp_path)
    assert site.zone("") is None
    assert site.content_dirs == (ContentDir((tmp_path / "posts").resolve(), "", "blog"),)
    assert site.static_dirs == ((tmp_path / "pictures").resolve(),)


def test_content_dir_at_the_root_skips_what_hugo_reads_as_something_else(tmp_path: Path) -> None:
    put(tmp_path / "hugo.toml", 'contentDir = "."\n')
    put(tmp_path / "post.md")
    put(tmp_path / "section" / "page.md")
    for folder in NOT_CONTENT:
        put(tmp_path / folder / "x.md")
    assert sorted(row.path for row in scan_all(tmp_path)) == ["post.md", "section/page.md"]


def test_desk_for(tmp_path: Path) -> None:
    put(tmp_path / "one/hugo.toml", 'contentDir = "articles"\n')
    article = put(tmp_path / "one/articles/a/b.md")
    one = (tmp_path / "one").resolve()
    assert desk_for(one) == (one / "articles", None)
    assert desk_for(article) == (one / "articles", "a/b.md")
    assert desk_for(put(tmp_path / "one/layouts/x.md")) == (one / "layouts", "x.md")
    put(
        tmp_path / "two/hugo.toml",
        '[languages.en]\ncontentDir = "en"\n[languages.de]\ncontentDir = "de"\n',
    )
    page = put(tmp_path / "two/de/p.md")
    put(tmp_path / "two/en/p.md")
    two = (tmp_path / "two").resolve()
    assert desk_for(two) == (two, None)  # two content folders: listed from the root
    assert desk_for(page) == (two, "de/p.md")
    plain = put(tmp_path / "plain/a.md").parent.resolve()
    assert desk_for(plain) == (plain, None)


def test_a_config_of_another_program_above_is_no_site_for_the_desk(tmp_path: Path) -> None:
    put(tmp_path / "config.toml", 'timeZone = "Asia/Tokyo"\n[[cascade]]\ndraft = true\n')
    put(tmp_path / "notes" / "a.md", b"+++\ntitle = 'T'\ndate = 2025-06-15T10:00:00\n+++\n")
    assert site_for_desk(tmp_path / "notes").root is None
    [row] = scan_all(tmp_path / "notes", as_of=dt.datetime(2025, 6, 15, 9, 0, tzinfo=dt.UTC))
    assert row.state is PublishState.SCHEDULED  # 10:00 UTC, not Tokyo; no cascade from above


def test_opening_a_section_keeps_the_cascade_and_zone_from_above(tmp_path: Path) -> None:
    put(tmp_path / "hugo.toml", 'timeZone = "Asia/Tokyo"\n')
    put(
        tmp_path / "content/_index.md",
        b"+++\ntitle = 'H'\n[cascade]\nexpiryDate = 2025-06-15\n+++\n",
    )
    put(tmp_path / "content/news/a.md", b"+++\ntitle = 'T'\ndate = 2025-06-14T10:00:00\n+++\n")
    clock = dt.datetime(2025, 6, 14, 14, 59, tzinfo=dt.UTC)  # 23:59 in Tokyo
    [row] = scan_all(tmp_path / "content" / "news", as_of=clock)
    assert row.state is PublishState.PUBLISHED
    assert row.date == dt.datetime(2025, 6, 14, 1, 0, tzinfo=dt.UTC)  # 10:00 in Tokyo
    late = dt.datetime(2025, 6, 14, 15, 0, tzinfo=dt.UTC)  # midnight in Tokyo: expired
    [row] = scan_all(tmp_path / "content" / "news", as_of=late)
    assert row.state is PublishState.EXPIRED and row.reason.via == "_index.md"


def test_summary_for_a_loaded_file_follows_the_site(tmp_path: Path) -> None:
    put(tmp_path / "hugo.toml", "")
    put(tmp_path / "content/news/_index.md", b"+++\ntitle = 'N'\n[cascade]\ndraft = true\n+++\n")
    page = put(tmp_path / "content/news/a.md")
    row = summary_for(page, "news/a.md", {"title": "T"})
    assert row.state is PublishState.DRAFT and row.reason.via == "news/_index.md"


def test_site_rules_survive_pickling_for_the_process_pool(tmp_path: Path) -> None:
    import pickle

    put(tmp_path / "hugo.toml", 'timeZone = "Europe/Oslo"\n')
    rules = SiteRules(load_site(tmp_path), tmp_path / "content")
    copy = pickle.loads(pickle.dumps(rules))
    page_rules, _ = copy.page_rules(tmp_path / "content" / "a.md")
    assert page_rules.zone == zoneinfo.ZoneInfo("Europe/Oslo") and page_rules.page_path == "/a"


def test_would_list_agrees_with_the_scan(tmp_path: Path) -> None:
    from editor.core.walk import would_list

    put(tmp_path / "hugo.toml", 'contentDir = "."\n')
    names = [
        "a.md",
        "post/index.md",
        "post/notes.md",
        "post/deeper/index.md",
        "section/_index.md",
        "section/page.md",
        "layouts/x.md",
        "themes/t/y.md",
        "picture.png",
    ]
    for name in names:
        put(tmp_path / name)
    listed = {row.path for row in scan_all(tmp_path)}
    assert listed == {"a.md", "post/index.md", "section/_index.md", "section/page.md"}
    assert {name for name in names if would_list(tmp_path, tmp_path / name)} == listed


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param(
            "hugo.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                for i in range(8)
            ),
            id="alias-bomb",
        ),
        pytest.param("hugo.json", "[" * 5000 + "]" * 5000, id="deep-json"),
        pytest.param("hugo.toml", "a = " + "[" * 500 + "]" * 500 + "\n", id="deep-toml"),
    ],
)
def test_a_hostile_config_is_refused_quickly(tmp_path: Path, name: str, text: str) -> None:
    import time

    put(tmp_path / name, text)
    put(tmp_path / "content" / "a.md")
    start = time.perf_counter()
    site = load_site(tmp_path)
    rows = scan_all(tmp_path)
    assert time.perf_counter() - start < 5
    assert [row.path for row in rows] == ["content/a.md"]
    assert site.error is not None or name == "hugo.json"  # a top-level list is simply no config


def test_a_pipe_named_like_a_config_never_blocks(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "hugo.toml")
    put(tmp_path / "config" / "_default" / "hugo.toml", 'contentDir = "content"\n')
    os.mkfifo(tmp_path / "config" / "_default" / "params.toml")
    put(tmp_path / "content" / "a.md")
    site = load_site(tmp_path)  # returns at once: a pipe is no config file
    assert site.error is None and site.content_dirs[0].path.name == "content"
    assert [row.path for row in scan_all(tmp_path)] == ["content/a.md"]


def test_local_images_come_from_the_sites_static_folders(tmp_path: Path) -> None:
    from editor.core.images import resolve_local_image

    put(
        tmp_path / "hugo.toml",
        'staticDir = ["static", "shared"]\n',
    )
    article = put(tmp_path / "content" / "a.md")
    put(tmp_path / "shared" / "img" / "b.png", b"png")
    put(tmp_path / "static" / "a.png", b"png")
    assert resolve_local_image("/img/b.png", article, tmp_path) == tmp_path / "shared/img/b.png"
    assert resolve_local_image("/a.png", article, tmp_path) == (tmp_path / "static/a.png")
    assert resolve_local_image("/../hugo.toml", article, tmp_path) is None
    put(tmp_path / "hugo.toml", '[[module.mounts]]\nsource = "pictures"\ntarget = "static"\n')
    put(tmp_path / "pictures" / "c.png", b"png")
    assert resolve_local_image("/c.png", article, tmp_path) == tmp_path / "pictures/c.png"
    assert resolve_local_image("/a.png", article, tmp_path) is None  # the mount replaced static/


def test_the_site_rules_have_one_home_and_no_compatibility_copies() -> None:
    """validate.py no longer re-exports the site's names, and the unused atomic_write is gone."""
    from editor.core import service, validate

    assert not hasattr(validate, "__all__") and not hasattr(validate, "SITE_MARKERS")
    assert not hasattr(service, "atomic_write")


def test_the_folder_holding_each_language_s_content_is_a_desk_of_the_site(tmp_path: Path) -> None:
    """``copydesk list content`` of a site whose languages read content/en and content/fr listed
    every article without its language and by Hugo's defaults (no timeZone of the site), while
    the site's root and content/en listed them right."""
    put(
        tmp_path / "hugo.toml",
        'timeZone = "Asia/Tokyo"\n[languages.en]\ncontentDir = "content/en"\n'
        '[languages.fr]\ncontentDir = "content/fr"\n',
    )
    page = b"+++\ntitle = 'T'\ndate = 2025-06-15T10:00:00\n+++\n"
    put(tmp_path / "content" / "en" / "a.md", page)
    put(tmp_path / "content" / "fr" / "a.md", page)
    assert site_for_desk(tmp_path / "content").root == tmp_path.resolve()
    as_of = dt.datetime(2025, 6, 15, 9, 0, tzinfo=dt.UTC)  # 18:00 in Tokyo: 10:00 there is past
    rows = {row.path: row for row in scan_all(tmp_path / "content", as_of=as_of)}
    assert {path: row.language for path, row in rows.items()} == {"en/a.md": "en", "fr/a.md": "fr"}
    assert {row.state for row in rows.values()} == {PublishState.PUBLISHED}
    # A folder beside the content folders, holding none of them, is still no desk of the site.
    put(tmp_path / "notes" / "b.md")
    assert site_for_desk(tmp_path / "notes").root is None


def test_a_desk_holding_the_language_folders_lists_only_what_hugo_reads(tmp_path: Path) -> None:
    """At ``content/`` of such a site, a folder that is no language's (Let's Encrypt keeps
    ``content/base-l10n``) was listed whole as published pages in English; Hugo reads none of it,
    and the site's root lists none of it."""
    put(
        tmp_path / "hugo.toml",
        '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
    )
    page = b"+++\ntitle = 'T'\n+++\n"
    for name in ("en/a.md", "fr/a.md", "base-l10n/a.md", "top.md"):
        put(tmp_path / "content" / name, page)
    at_content = sorted(row.path for row in scan_all(tmp_path / "content"))
    assert at_content == ["en/a.md", "fr/a.md"]
    at_root = sorted(row.path for row in scan_all(tmp_path))
    assert at_root == ["content/en/a.md", "content/fr/a.md"]
    assert would_list(tmp_path / "content", tmp_path / "content" / "en" / "b.md")
    assert not would_list(tmp_path / "content", tmp_path / "content" / "base-l10n" / "b.md")
