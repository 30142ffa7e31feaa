"""``plain_rows.json_row`` (a cold ``list --json``'s row of the usual article in one call) gives
exactly the row the general path gives (the row's values, ``index.json_document``, orjson) where
it answers, and answers for the usual article.

Checked on generated front matter (every date key in several cases, dates of every kind, zone and
layout Hugo reads or refuses, drafts as booleans, strings and numbers, the unlisted keys) under
generated site rules (``timeZone``, ``[frontmatter]`` lists with and without handlers, cascades,
languages, ``ignoreFiles``) and clocks, and on every file of the sample desk and the Hugo agreement
tests.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.index import _values_inside, desk_judged_keys, desk_rules, json_document
from editor.core.packed_rows import json_rows
from editor.core.plain_rows import json_row, plain_plan
from editor.core.site_rules import SiteRules
from editor.core.verdicts import document_bytes
from editor.core.walk import _desk_entries, regular_flags

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
CLOCKS = [
    AS_OF,
    dt.datetime(2024, 3, 23, 2, 26, 14, tzinfo=dt.UTC),
    dt.datetime(2040, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
]

CONFIGS = {
    "plain": 'baseURL = "https://example.org/"\n',
    "zoned": 'timeZone = "America/New_York"\n',
    "custom dates": (
        '[frontmatter]\ndate = ["my_date", ":default"]\npublishDate = ["lastmod", "pubdate"]\n'
        'expiryDate = ["my_expiry", ":default"]\nlastmod = [":git", "modified"]\n'
    ),
    # publishDate falls back on the lastmod Hugo resolved (from my_date): lastmod is judged too.
    "fallbacks": '[frontmatter]\nlastmod = ["my_date"]\npublishDate = ["lastmod"]\n',
    "filename dates": '[frontmatter]\npublishDate = [":filename", ":default"]\n',
    "file time": '[frontmatter]\nlastmod = [":fileModTime"]\npublishDate = ["lastmod"]\n',
    "languages": (
        'defaultContentLanguage = "fr"\n[languages.fr]\nweight = 1\ntimeZone = "Europe/Paris"\n'
        '[languages.en]\nweight = 2\ntimeZone = "America/New_York"\n'
    ),
    "excluding": 'ignoreFiles = ["\\\\.skip\\\\.md$"]\n',
}
FOLDERS = ("content/news", "content/other", "content")
NAMES = ("a.md", "b.fr.md", "2024-01-02-c.md", "d.skip.md", "e.en.md")

KEYS = st.sampled_from(
    ["title", "Title", "TITLE", "date", "Date", "DATE", "publishDate", "publishdate", "pubdate",
     "pubDate", "published", "lastmod", "lastMod", "modified", "expiryDate", "expirydate",
     "unpublishdate", "my_date", "my_expiry", "draft", "Draft", "source", "Source", "source_link",
     "enclosure", "summary", "headless", "build", "_build", "tags", "x"]
)  # fmt: skip
VALUES = st.sampled_from(
    ['"2024-03-23T02:26:14Z"', '"2024-03-23"', '"2024-03-23T02:26:14"', '"2031-01-01T00:00:00Z"',
     '"2024-03-23T02:26:14+05:30"', '"2024-03-23 02:26:14"', '"Mon, 02 Jan 2006 15:04:05 -0700"',
     '"02 Jan 06 15:04 MST"', '"2026-12-01T12:00:00Z"', '" 2024-01-01"', '"2024-13-01"',
     '"not a date"', '""', '" "', "2024-03-23T02:26:14Z", "2024-03-23T02:26:14",
     "2024-03-23T02:26:14.123456-07:00", "2024-03-23", "2031-06-01", "02:26:14", "0", "1",
     "1700000000", "-5", "1.5", "true", "false", '"true"', '"false"', '"t"', '"TRUE"', '"1"', '"0"',
     '"yes"', "[1, 2]", '["a", "b"]', "[]", '{list = "never"}', '{list = "local"}',
     '{render = "never"}', '"Σ title é"', '"a\\"quoted\\" title"', '"line\\nbreak"']
)  # fmt: skip
FRONT = st.dictionaries(KEYS, VALUES, max_size=9)


def _desk(root: Path, config: str) -> None:
    (root / "hugo.toml").write_text(config)
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "content" / "news" / "_index.md").write_text(
        "+++\n[[cascade]]\nexpiryDate = 2020-01-01\n[cascade.target]\npath = '/news/a'\n+++\n"
    )
    (root / "content" / "other" / "_index.md").write_text("+++\ntitle = 'Other'\n+++\n")


def _general(root: str, path: str, relpath: str, rules: SiteRules, as_of: dt.datetime) -> tuple:
    """The row the general path makes (what json_rows sent before plain_rows)."""
    values = _values_inside(root, path, relpath, as_of, rules, True, profiled=False)
    text = document_bytes(json_document(values))
    return (values[0], str(values[4]), text)


def _compare(base: Path, as_of: dt.datetime) -> set[str]:
    """Every plain row equal to the general one; the rows json_row answered for."""
    root = str(base)
    rules = desk_rules(base)
    plan = plain_plan(rules)
    keys = desk_judged_keys(rules)
    entries = _desk_entries(base, rules.site)
    answered: set[str] = set()
    for entry, regular in zip(entries, regular_flags(entries), strict=True):
        if not regular:
            continue
        relpath = entry.path[len(root) + 1 :].replace(os.sep, "/")
        expected = _general(root, entry.path, relpath, rules, as_of)
        if plan is None:
            continue
        row = json_row(entry.path, relpath, as_of, rules, keys, plan)
        if row is not None:
            answered.add(relpath)
            assert row == expected, (entry.path, Path(entry.path).read_text())
    paths = [entry.path for entry in entries]
    sent = json_rows(root, paths, as_of, rules, regular_flags(entries))
    assert [row for row in sent if len(row) == 3] == [
        _general(root, entry.path, entry.path[len(root) + 1 :], rules, as_of)
        for entry, row in zip(entries, sent, strict=True)
        if len(row) == 3
    ]
    return answered


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    site=st.sampled_from(sorted(CONFIGS)),
    fronts=st.lists(FRONT, min_size=1, max_size=6),
    as_of=st.sampled_from(CLOCKS),
)
def test_a_plain_row_is_the_general_paths_row(
    site: str, fronts: list[dict[str, str]], as_of: dt.datetime
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder).resolve()
        _desk(base, CONFIGS[site])
        for index, front in enumerate(fronts):
            text = "".join(f"{json.dumps(key)} = {value}\n" for key, value in front.items())
            folder_name = FOLDERS[index % len(FOLDERS)]
            name = NAMES[index % len(NAMES)]
            (base / folder_name / name).write_text(f"+++\n{text}+++\nBody\n", encoding="utf-8")
        _compare(base, as_of)


@pytest.mark.parametrize("site", ["plain", "zoned", "custom dates", "languages"])
def test_the_usual_article_takes_the_plain_path(tmp_path: Path, site: str) -> None:
    _desk(tmp_path, CONFIGS[site])
    fronts = [
        'title = "A"\ndate = "2024-03-23T02:26:14Z"\ndraft = false\nsource = "Wire"\n',
        'title = "B"\ndate = 2024-03-23T02:26:14Z\ndraft = true\n',
        'title = "C"\npublishDate = "2031-01-01"\nexpiryDate = "2032-01-01"\n',
        'title = "D"\ndate = "2020-01-01"\nexpiryDate = "2021-01-01"\n',
        'title = "E"\ndate = "not a date"\n[params]\nx = 1\n',
        # At the very moment of the clock: published (not scheduled), and expired.
        'title = "F"\npublishDate = 2026-12-01T12:00:00Z\n',
        'title = "G"\ndate = 2020-01-01\nexpiryDate = "2026-12-01T12:00:00Z"\n',
        'title = "H"\nlastmod = "2024-01-01"\nDraft = "true"\n',
    ]
    for index, front in enumerate(fronts):
        (tmp_path / "content" / "other" / f"p{index}.md").write_text(f"+++\n{front}+++\nBody\n")
    assert _compare(tmp_path.resolve(), AS_OF) == {
        "content/other/_index.md",
        *(f"content/other/p{index}.md" for index in range(len(fronts))),
    }


def test_the_unusual_page_takes_the_general_path(tmp_path: Path) -> None:
    _desk(tmp_path, CONFIGS["plain"])
    other = tmp_path / "content" / "other"
    (other / "headless.md").write_text("+++\ntitle = 'H'\nheadless = false\n+++\n")
    (other / "built.md").write_text("+++\ntitle = 'B'\n[build]\nlist = 'always'\n+++\n")
    (other / "surrogate.md").write_text('{"title": "\\ud800"}\n')  # orjson refuses to write it
    (other / "broken.md").write_text("+++\ntitle = \n+++\n")
    (other / "link.md").symlink_to(other / "_index.md")
    # A name that is no UTF-8 makes a path with a lone surrogate, which orjson refuses.
    os.mkdir(os.fsencode(other) + b"/\xff")
    (other / os.fsdecode(b"\xff") / "odd.md").write_text("+++\ntitle = 'O'\n+++\n")
    (tmp_path / "content" / "news" / "a.md").write_text("+++\ntitle = 'Cascaded'\n+++\n")
    base = tmp_path.resolve()
    # Each one is left to the general path (and the rows are still equal).
    assert _compare(base, AS_OF) == {"content/other/_index.md"}


def test_yaml_and_json_front_matter_take_the_plain_path_too(tmp_path: Path) -> None:
    _desk(tmp_path, CONFIGS["zoned"])
    other = tmp_path / "content" / "other"
    (other / "y.md").write_text("---\ntitle: Y\ndate: 2024-03-23 02:26:14\ndraft: yes\n---\n")
    (other / "j.md").write_text('{"title": "J", "date": "2031-01-01", "Draft": "false"}\n')
    assert _compare(tmp_path.resolve(), AS_OF) >= {"content/other/y.md", "content/other/j.md"}


@pytest.mark.parametrize("site", sorted(CONFIGS))
def test_only_date_rules_of_front_matter_keys_are_judged_here(tmp_path: Path, site: str) -> None:
    _desk(tmp_path, CONFIGS[site])
    handlers = site in ("filename dates", "file time")  # ":git" alone is passed by without git
    assert (plain_plan(desk_rules(tmp_path.resolve())) is None) is handlers


def _module(name: str, file: str) -> Any:
    """A test module, loaded for the cases it holds."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(file))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_desks_rows_are_the_general_paths(tmp_path: Path) -> None:
    desk = tmp_path / "samples"
    shutil.copytree(ROOT / "resources" / "samples", desk)
    for as_of in (AS_OF, dt.datetime(2020, 1, 1, tzinfo=dt.UTC)):
        assert len(_compare(desk.resolve(), as_of)) > 3


@pytest.mark.parametrize("site", ["plain", "zoned", "languages"])
def test_the_files_the_tests_hold_give_the_general_paths_rows(tmp_path: Path, site: str) -> None:
    _desk(tmp_path, CONFIGS[site])
    held = list(_module("hugo_agreement_cases", "test_hugo_agreement.py").SITE.values())
    held += [
        f"+++\n{text}\n+++\nbody\n".encode("utf-8", "surrogatepass")
        for text in _module("fast_parser_cases", "test_fast_parsers.py").TOML_EDGE_CASES
    ]
    held += [path.read_bytes() for path in (ROOT / "resources" / "samples").rglob("*.md")]
    for index, data in enumerate(held):
        folder = tmp_path / FOLDERS[index % len(FOLDERS)]
        (folder / f"{index}-{NAMES[index % len(NAMES)]}").write_bytes(data)
    assert len(_compare(tmp_path.resolve(), AS_OF)) > 20


@pytest.mark.parametrize("site", sorted(CONFIGS))
def test_a_folders_zone_is_every_files_page_rules_there(tmp_path: Path, site: str) -> None:
    _desk(tmp_path, CONFIGS[site])
    (tmp_path / "content" / "other" / "deep").mkdir()
    names = (*NAMES, "_index.md", "index.md", "x.fr.md", "x.EN.md", ".hidden.md")
    files = [
        tmp_path / folder / name for folder in (*FOLDERS, "content/other/deep") for name in names
    ]
    rules, plain = desk_rules(tmp_path.resolve()), desk_rules(tmp_path.resolve())
    shared = 0
    for file in files:
        path = str(file.resolve())
        found = rules.folder_zone(path.rpartition(os.sep)[0])
        if found is not None:
            shared += 1
            page, language = plain.page_rules(path)
            assert (page.zone, page.cascades, page.excluded, page.git_date, language) == (
                found[0],
                (),
                None,
                None,
                "",
            ), path
    # The news folder has a cascade over it; a site of two languages or with exclusions, none.
    one_language = site not in ("languages", "excluding")
    assert shared == (len(names) * 3 if one_language else 0)
    assert rules.folder_zone(str(tmp_path / "content" / ".." / "content")) is None


def test_a_date_falls_back_on_the_one_hugo_resolved_before_it(tmp_path: Path) -> None:
    _desk(tmp_path, CONFIGS["fallbacks"])
    page = tmp_path / "content" / "other" / "later.md"
    page.write_text('+++\ntitle = "L"\nmy_date = "2031-01-01"\n+++\n')
    assert _compare(tmp_path.resolve(), AS_OF) >= {"content/other/later.md"}
    rules = desk_rules(tmp_path.resolve())
    row = json_row(
        str(page.resolve()), "x", AS_OF, rules, desk_judged_keys(rules), plain_plan(rules)
    )
    assert row is not None and json.loads(row[2])["reason"]["key"] == "my_date"
    assert row[1] == "scheduled"
