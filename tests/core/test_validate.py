"""Validation rules, the lines they point at in each front matter format, and the folder-wide checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import read
from editor.core.key_lines import key_lines
from editor.core.service import DocumentService
from editor.core.site import find_site_root
from editor.core.validate import (
    DESCRIPTION_LIMIT,
    SUMMARY_LIMIT,
    Level,
    Problem,
    check_article,
    check_folder,
    check_loaded,
)


def check_text(text: str, relpath: str = "a.md", **kwargs: object) -> list[Problem]:
    split_file, metadata = read(text.encode("utf-8"))
    return check_article(relpath, split_file, metadata, **kwargs)


def found(problems: list[Problem]) -> list[tuple[int | None, Level, str | None]]:
    return [(problem.line, problem.level, problem.key) for problem in problems]


GOOD_TOML = """+++
title = "A story"
date = 2026-03-02T09:30:00Z
source_link = "https://example.com/a"
+++
Body
"""


def test_a_clean_article_has_no_problems() -> None:
    assert check_text(GOOD_TOML) == []


# --- the rules ---------------------------------------------------------------------------------------


def test_missing_title_is_an_error_at_the_opening_delimiter() -> None:
    problems = check_text('\n\n+++\ndate = "2026-01-01"\n+++\n')
    assert found(problems) == [(3, Level.ERROR, "title")]
    assert problems[0].message == "title is missing"
    assert str(problems[0]) == "a.md:3: error: title is missing"


@pytest.mark.parametrize("value", ['""', '"   "'])
def test_empty_title_is_an_error_on_its_line(value: str) -> None:
    problems = check_text(f"+++\ndraft = true\ntitle = {value}\n+++\n")
    assert found(problems) == [(3, Level.ERROR, "title")]
    assert "empty" in problems[0].message


def test_a_file_without_front_matter_lacks_a_title_at_line_one() -> None:
    assert found(check_text("Just a body\n")) == [(1, Level.ERROR, "title")]


def test_a_key_not_in_lower_case_wins_like_in_hugo() -> None:
    # Hugo reads "Title" over "title" wherever each is written.
    assert found(check_text('+++\nTitle = ""\ntitle = "Fine"\n+++\n')) == [
        (2, Level.ERROR, "Title")
    ]
    assert check_text('+++\ntitle = ""\nTitle = "Fine"\n+++\n') == []


def test_keys_are_matched_case_insensitively_like_hugo() -> None:
    problems = check_text('+++\nTitle = "Fine"\nPublishDate = "next week"\n+++\n')
    assert found(problems) == [(3, Level.ERROR, "PublishDate")]
    assert problems[0].message.startswith('PublishDate "next week" is not a date')


@pytest.mark.parametrize(
    "line",
    [
        'date = "2026-11-24"',
        'date = "2026-11-24T09:00:00+01:00"',
        'date = "2026-11-24 09:00:00"',
        "date = 2026-11-24",
        "date = 2026-11-24T09:00:00",
        'expiryDate = "2027-01-01T00:00:00Z"',
    ],
)
def test_readable_dates_pass(line: str) -> None:
    assert check_text(f'+++\ntitle = "T"\n{line}\n+++\n') == []


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('date = "Tuesday"', "date"),
        ('date = "2026-13-01"', "date"),
        ("date = 12:30:00", "date"),
        ('lastmod = "yesterday"', "lastmod"),
        ('expiryDate = "2026/12/31"', "expiryDate"),
        ('date = "  "', "date"),
        ("date = true", "date"),
        ("date = 2024.5", "date"),
        # Hugo stops the build on these, though a person reads them as dates
        ('date = "2026-11-24 09:00"', "date"),
        ('date = "2026-11-24T09:00:00z"', "date"),
    ],
)
def test_unreadable_dates_are_errors_on_their_line(line: str, key: str) -> None:
    problems = check_text(f'+++\ntitle = "T"\n{line}\n+++\n')
    assert found(problems) == [(3, Level.ERROR, key)]


def test_a_yaml_date_with_no_value_counts_as_not_set() -> None:
    assert check_text("---\ntitle: T\ndate:\n---\n") == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/story",
        "www.example.com/story",
        "/news/story",
        "https:///no-host",
        "https://example.com/a story",
        "mailto:desk@example.com",
    ],
)
def test_source_link_must_be_an_http_url(url: str) -> None:
    problems = check_text(f'+++\ntitle = "T"\nsource_link = "{url}"\n+++\n')
    assert found(problems) == [(3, Level.ERROR, "source_link")]
    assert "is not an http(s) URL" in problems[0].message


def test_empty_link_fields_are_not_reported() -> None:
    assert (
        check_text('+++\ntitle = "T"\nsource_link = ""\nenclosure = ""\nqrcode = ""\n+++\n') == []
    )


def test_a_non_text_link_is_an_error() -> None:
    assert found(check_text('+++\ntitle = "T"\nqrcode = 42\n+++\n')) == [(3, Level.ERROR, "qrcode")]


def test_image_keys_accept_urls_and_reject_unknown_local_paths(tmp_path: Path) -> None:
    article = tmp_path / "content" / "a.md"
    article.parent.mkdir(parents=True)
    text = '+++\ntitle = "T"\nenclosure = "https://img.example.org/a.png"\nqrcode = "/images/missing.webp"\n+++\n'
    problems = check_text(text, article_path=article, site_root=tmp_path)
    assert found(problems) == [(4, Level.ERROR, "qrcode")]
    assert "static/images/missing.webp" in problems[0].message


def test_image_keys_accept_existing_local_files(tmp_path: Path) -> None:
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "cover.png").write_bytes(b"png")
    bundle = tmp_path / "content" / "story"
    bundle.mkdir(parents=True)
    (bundle / "qr.webp").write_bytes(b"webp")
    text = '+++\ntitle = "T"\nenclosure = "/images/cover.png"\nqrcode = "qr.webp"\n+++\n'
    assert check_text(text, article_path=bundle / "index.md", site_root=tmp_path) == []
    # Without knowing where the article is, a local path cannot be confirmed.
    assert {problem.key for problem in check_text(text)} == {"enclosure", "qrcode"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # issue 6: each of these got a different answer from another part of the app
        ("//cdn.example.com/a.png", []),
        ("https://example.com/%zz", []),
        ("https://ex ample.com", [(3, Level.ERROR, "source_link")]),
        # issue 11: the link policy
        ("https://example.org@evil.example/", [(3, Level.ERROR, "source_link")]),
        ("https://user:secret@example.org/", [(3, Level.ERROR, "source_link")]),
        ("https://example.org\\\\@evil.example/", [(3, Level.ERROR, "source_link")]),
        ("http://169.254.169.254/latest/meta-data/", [(3, Level.WARNING, "source_link")]),
        ("http://localhost:1313/story/", [(3, Level.WARNING, "source_link")]),
        ("http://192.168.1.20/cover.png", [(3, Level.WARNING, "source_link")]),
    ],
)
def test_links_follow_the_one_policy(url: str, expected: list[tuple[int, Level, str]]) -> None:
    problems = check_text(f'+++\ntitle = "T"\nsource_link = "{url}"\n+++\n')
    assert found(problems) == expected


def test_a_local_image_is_valid_exactly_where_it_loads(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("", encoding="utf-8")
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "s.png").write_bytes(b"png")
    bundle = tmp_path / "content" / "posts" / "story"
    (bundle / "images").mkdir(parents=True)
    (bundle / "images" / "local.png").write_bytes(b"png")

    def check(reference: str) -> list[Problem]:
        text = f'+++\ntitle = "T"\nenclosure = "{reference}"\n+++\n'
        return check_text(text, article_path=bundle / "index.md", site_root=tmp_path)

    assert check("/images/s.png") == []
    assert check("images/local.png") == []
    # beside the article, but not at /images/local.png on the site
    beside = check("/images/local.png")
    assert found(beside) == [(3, Level.ERROR, "enclosure")]
    assert "static/images/local.png" in beside[0].message
    # inside the site, but not served at that address
    climbed = check("../../../static/images/s.png")
    assert found(climbed) == [(3, Level.ERROR, "enclosure")]
    assert "/images/s.png" in climbed[0].message


def test_summary_and_description_limits_are_warnings() -> None:
    at_limit = f'+++\ntitle = "T"\nsummary = "{"s" * SUMMARY_LIMIT}"\ndescription = "{"d" * DESCRIPTION_LIMIT}"\n+++\n'
    assert check_text(at_limit) == []
    over = f'+++\ntitle = "T"\nsummary = "{"s" * 301}"\ndescription = "{"é" * 161}"\n+++\n'
    problems = check_text(over)
    assert found(problems) == [(3, Level.WARNING, "summary"), (4, Level.WARNING, "description")]
    assert problems[0].message == "summary is 301 characters long; keep it to 300 or fewer"
    assert problems[1].message == "description is 161 characters long; keep it to 160 or fewer"


def test_limits_count_characters_not_bytes() -> None:
    text = f'+++\ntitle = "T"\ndescription = "{"澜" * DESCRIPTION_LIMIT}"\n+++\n'
    assert check_text(text) == []


# --- lines per format --------------------------------------------------------------------------------


def test_toml_lines_skip_strings_arrays_and_tables() -> None:
    front = "\n".join(
        [
            "+++",
            "# a comment",
            'summary = """',
            'title = "not a key"',
            "[not_a_table]",
            'ends with \\""" quote """"',
            "tags = [",
            "  [1],",
            '  "x = 1",',
            "]",
            "'title' = \"\"",
            'inline = { a = [1, 2], b = """',
            '[no]""" }',
            "source_link = 'ftp://x' # [",
            "[params]",
            'date = "not checked: in a table"',
            "+++",
            "",
        ]
    )
    problems = check_text(front)
    assert found(problems) == [(11, Level.ERROR, "title"), (14, Level.ERROR, "source_link")]
    split_file, _ = read(front.encode())
    assert key_lines(split_file) == {
        "summary": 3,
        "tags": 7,
        "title": 11,
        "inline": 12,
        "source_link": 14,
        "params": 15,
    }


def test_yaml_lines_come_from_the_parser() -> None:
    text = (
        "\n---\n"
        "summary: |\n"
        "  title: inside a block\n"
        'description: "a quoted\n'
        'title: still quoted"\n'
        "title: ''\n"
        "qrcode: ftp://x\n"
        "---\n"
    )
    problems = check_text(text)
    assert found(problems) == [(7, Level.ERROR, "title"), (8, Level.ERROR, "qrcode")]


def test_json_lines_come_from_the_decoder() -> None:
    text = (
        "{\n"
        '  "params": {"title": "nested"},\n'
        '  "tags": ["a",\n'
        '    "b"],\n'
        '  "ti\\u0074le": "",\n'
        '  "date": "soon"\n'
        "}\n"
        "Body\n"
    )
    problems = check_text(text)
    assert found(problems) == [(5, Level.ERROR, "title"), (6, Level.ERROR, "date")]


def test_a_key_added_by_an_unsaved_edit_points_at_the_front_matter_start() -> None:
    split_file, metadata = read(b'+++\ntitle = "T"\n+++\n')
    problems = check_article("a.md", split_file, {**metadata, "source_link": "nope"})
    assert found(problems) == [(1, Level.ERROR, "source_link")]


def test_check_loaded_sees_unsaved_edits(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD_TOML, encoding="utf-8")
    article = DocumentService(tmp_path).load("a.md")
    article.set_value("title", "")
    assert found(check_loaded(article, tmp_path)) == [(2, Level.ERROR, "title")]


# --- sites and local images ------------------------------------------------------------------------


def test_find_site_root_walks_up_to_the_hugo_site(sample_desk: Path, tmp_path: Path) -> None:
    site = sample_desk
    article = site / "content" / "technology" / "quillon-robotics-picking-arm.md"
    assert find_site_root(article) == site
    assert find_site_root(article.parent) == site
    assert find_site_root(tmp_path / "elsewhere") is None
    bare = tmp_path / "bare"
    (bare / "static").mkdir(parents=True)
    assert find_site_root(bare / "post.md") == bare


# --- whole folders -----------------------------------------------------------------------------------


def test_check_folder_on_the_sample_desk(sample_desk: Path) -> None:
    result = check_folder(sample_desk)
    assert result.files == 17
    assert [(p.path, p.line, p.level, p.key) for p in result] == [
        ("content/business/broken-front-matter.md", 2, Level.ERROR, None),
        ("content/business/calder-bay-container-volumes.md", 7, Level.WARNING, "description"),
        ("content/business/tidewater-renewables-green-bond.md", 5, Level.WARNING, "summary"),
        ("content/world/vallombra-water-rationing.md", 1, Level.ERROR, "title"),
    ]
    assert result.problems[0].message.startswith("Malformed TOML front matter")
    assert (result.errors, result.warnings) == (2, 2)


def test_check_folder_resolves_local_covers_against_the_site(sample_desk: Path) -> None:
    site = sample_desk
    article = site / "content" / "technology" / "quillon-robotics-picking-arm.md"
    assert check_folder(article).problems == []  # enclosure = "/images/desk-cover.png" exists
    (site / "static" / "images" / "desk-cover.png").unlink()
    problems = check_folder(article).problems
    assert [(p.path, p.line, p.key) for p in problems] == [
        ("quillon-robotics-picking-arm.md", 8, "enclosure")
    ]


def test_unreadable_files_are_errors_with_the_parser_line(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b'+++\ntitle = "T"\ndate = \n+++\n')
    (tmp_path / "latin1.md").write_bytes(b'+++\ntitle = "caf\xe9"\n+++\n')
    (tmp_path / "empty.md").write_bytes(b"")
    result = check_folder(tmp_path)
    assert [(p.path, p.line, p.level) for p in result] == [
        ("bad.md", 3, Level.ERROR),
        ("empty.md", None, Level.ERROR),
        ("latin1.md", 2, Level.ERROR),
    ]
    assert "UTF-8" in result.problems[2].message


def test_duplicates_are_reported_on_every_file_naming_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "A"\narticle_id = 304122\nsource_link = "https://example.com/same"\n+++\n',
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        '---\ntitle: B\n\nsource_link: https://example.com/same\narticle_id: "304122"\n---\n',
        encoding="utf-8",
    )
    (tmp_path / "c.md").write_text(
        '{\n"title": "C",\n"feed_item_id": 7,\n"article_id": 304122\n}\n', encoding="utf-8"
    )
    (tmp_path / "d.md").write_text(
        '+++\ntitle = "D"\narticle_id = 1\nfeed_item_id = 8\n+++\n', encoding="utf-8"
    )
    result = check_folder(tmp_path)
    assert [(p.path, p.line, p.key, p.message) for p in result] == [
        ("a.md", 3, "article_id", 'duplicate article_id "304122": also in b.md, c.md'),
        (
            "a.md",
            4,
            "source_link",
            'duplicate source_link "https://example.com/same": also in b.md',
        ),
        (
            "b.md",
            4,
            "source_link",
            'duplicate source_link "https://example.com/same": also in a.md',
        ),
        ("b.md", 5, "article_id", 'duplicate article_id "304122": also in a.md, c.md'),
        ("c.md", 4, "article_id", 'duplicate article_id "304122": also in a.md, b.md'),
    ]
    assert all(problem.level is Level.ERROR for problem in result)


def test_many_duplicates_are_summarised(tmp_path: Path) -> None:
    for index in range(6):
        (tmp_path / f"{index}.md").write_text(
            f'+++\ntitle = "{index}"\nfeed_item_id = 5\n+++\n', encoding="utf-8"
        )
    messages = [problem.message for problem in check_folder(tmp_path) if problem.path == "0.md"]
    assert messages == ['duplicate feed_item_id "5": also in 1.md, 2.md, 3.md and 2 more']


def test_a_draft_that_is_not_true_or_false_is_a_warning_saying_how_hugo_reads_it() -> None:
    problems = check_text('+++\ntitle = "T"\ndraft = "yes"\n+++\n')
    assert found(problems) == [(3, Level.WARNING, "draft")]
    assert "Hugo reads as published (not a draft)" in problems[0].message
    problems = check_text('+++\ntitle = "T"\ndraft = "true"\n+++\n')
    assert "Hugo reads as a draft" in problems[0].message
    assert check_text('+++\ntitle = "T"\ndraft = true\n+++\n') == []


def test_check_folder_does_not_read_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text('+++\ndate = "not a date"\n+++\n', encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "link.md").symlink_to(outside)
    problems = list(check_folder(desk))
    assert [(p.path, p.level) for p in problems] == [("link.md", Level.ERROR)]
    assert "outside the folder" in problems[0].message


def test_each_article_rule_is_one_function_that_reports_only_its_own_keys() -> None:
    """The rules are a list: each one alone finds its own problem in a front matter that has one of
    each, and nothing else."""
    from editor.core.hugo_keys import fold_keys
    from editor.core.validate import ARTICLE_RULES, ArticleContext

    found = fold_keys(
        {"draft": "yes", "date": "soon", "source_link": "ftp://x", "summary": "s" * 400}
    )
    keys_by_rule = {}
    for rule in ARTICLE_RULES:
        keys: list[str] = []
        rule(found, ArticleContext(), lambda _level, key, _message, into=keys: into.append(key))
        keys_by_rule[rule.__name__] = keys
    assert keys_by_rule == {
        "draft_is_a_boolean": ["draft"],
        "title_is_given": ["title"],
        "dates_are_readable": ["date"],
        "links_lead_somewhere": ["source_link"],
        "texts_fit_their_limits": ["summary"],
    }


# Values under a date key, and whether the hugo binary stops the build on them (checked by hand with
# Hugo 0.168: `hugo list all` lists "", 2024 and the dates, and refuses the others).
DATE_VALUES = [
    ('date = "2026-11-24T09:00:00Z"', False),
    ("date = 2026-11-24", False),
    ('date = ""', False),
    ("date = 2024", False),
    ('date = "  "', True),
    ("date = true", True),
    ("date = 2024.5", True),
    ("date = [1]", True),
    ('date = "2026-11-24 09:00"', True),
    ('publishDate = "soon"', True),
]


@pytest.mark.parametrize(("line", "stops_the_build"), DATE_VALUES)
def test_the_list_and_check_folder_judge_a_date_by_the_one_rule(
    tmp_path: Path, line: str, stops_the_build: bool
) -> None:
    from editor.core.index import summarize
    from editor.core.state import PublishState
    from editor.core.values import date_problem

    data = f'+++\ntitle = "T"\n{line}\n+++\n'
    (tmp_path / "a.md").write_text(data)
    row = summarize(tmp_path, tmp_path / "a.md")
    errors = [p for p in check_text(data) if p.level is Level.ERROR]
    key = line.partition(" = ")[0]
    _, metadata = read(data.encode())
    problem = date_problem(key, metadata[key])
    assert (problem is not None) is stops_the_build
    assert (row.state is PublishState.INVALID) is stops_the_build
    assert [p.message for p in errors] == ([problem] if problem else [])
    assert row.error == problem


def test_an_empty_or_numeric_date_is_a_warning_not_an_error() -> None:
    problems = check_text('+++\ntitle = "T"\ndate = 2024\nlastmod = ""\n+++\n')
    assert found(problems) == [(3, Level.WARNING, "date"), (4, Level.WARNING, "lastmod")]
    assert "1970-01-01T00:33:44Z" in problems[0].message


def test_a_folder_reached_through_a_symlink_is_checked_like_the_folder(tmp_path: Path) -> None:
    # The walk gives the real paths: check_folder raised ValueError (relative_to) on the link.
    real = tmp_path / "real"
    (real / "content" / "news").mkdir(parents=True)
    (real / "hugo.toml").write_text("title = 'Site'\n")
    (real / "content" / "news" / "a.md").write_text("+++\ntitle = ''\n+++\nBody\n")
    (tmp_path / "link").symlink_to(real)
    through_link = check_folder(tmp_path / "link" / "content")
    direct = check_folder(real / "content")
    assert through_link.files == direct.files == 1
    assert [(p.path, p.line, p.message) for p in through_link] == [
        (p.path, p.line, p.message) for p in direct
    ]
    assert [p.path for p in direct] == ["news/a.md"]


def test_a_home_or_section_page_without_a_title_is_no_error(tmp_path: Path) -> None:
    """dapr's docs: content/en/_index.md has no title (Hugo shows the site's), and check called
    it an error; a section's _index without one shows its folder's name."""
    site = tmp_path / "site"
    (site / "content" / "guides").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Docs"\n', encoding="utf-8")
    (site / "content" / "_index.md").write_text("---\ntype: docs\n---\nWelcome\n")
    (site / "content" / "guides" / "_index.md").write_text("---\nweight: 2\n---\n")
    (site / "content" / "guides" / "a.md").write_text("---\nweight: 1\n---\n")
    problems = {(p.path, p.level, p.message) for p in check_folder(site / "content").problems}
    assert problems == {
        (
            "guides/_index.md",
            Level.WARNING,
            "title is missing: Hugo shows the section's name instead",
        ),
        ("guides/a.md", Level.ERROR, "title is missing"),
    }
