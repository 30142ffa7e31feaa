"""The site's rules agree with the real ``hugo`` binary: fallbacks, cascade, build, bundles, config.

Each test builds a small site in tmp_path, runs ``hugo list`` once per list, and compares Hugo's
verdict with Copydesk's listing of the *site root* at several clocks (Hugo's dates do not depend on the
clock, so one ``hugo list all`` gives the verdict at any clock; the first clock is also checked against
Hugo's own drafts/future/expired/published lists). A page Hugo builds but lists nowhere must be
``unlisted`` here, and a file Hugo does not read as a page (a bundle's resource, a template, build
output) must not be listed at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
from pathlib import Path

import pytest
from test_hugo_agreement import hugo_binary, toml, yaml

from editor.core.listing import scan_all
from editor.core.state import PublishState

pytestmark = pytest.mark.hugo

CLOCKS = (
    "2025-06-15T12:00:00Z",
    "2020-01-01T00:00:00Z",
    "2031-02-10T12:00:00Z",
    "2101-01-01T00:00:00Z",
)
ZERO = "0001-01-01T00:00:00Z"
HTML_OK = '[security]\nallowContent = [".*"]\n'


@pytest.fixture(scope="module")
def binary() -> str:
    found = hugo_binary()
    if found is None:
        pytest.skip("the hugo binary is not installed (the 'hugo' package of the test extra)")
    return found


def hugo_rows(binary: str, site: Path, which: str, clock: str = CLOCKS[0]) -> list[dict[str, str]]:
    completed = subprocess.run(
        [binary, "list", which, "--clock", clock, "--source", str(site), "--noBuildLock"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HUGO_CACHEDIR": str(site / ".cache"), "TZ": "Asia/Tokyo"},
    )
    assert completed.returncode == 0, f"hugo list {which}:\n{completed.stdout}\n{completed.stderr}"
    lines = completed.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("path,"))
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))


def _moment(text: str) -> dt.datetime | None:
    return None if text == ZERO else dt.datetime.fromisoformat(text)


def verdict_at(row: dict[str, str], clock: dt.datetime) -> PublishState:
    """Hugo's verdict for a listed page at ``clock``, from the dates and draft flag Hugo resolved."""
    if row["draft"] == "true":
        return PublishState.DRAFT
    published, expires = _moment(row["publishDate"]), _moment(row["expiryDate"])
    if published is not None and published > clock:
        return PublishState.SCHEDULED
    if expires is not None and expires <= clock:
        return PublishState.EXPIRED
    return PublishState.PUBLISHED


def make_site(root: Path, config: str, files: dict[str, bytes]) -> Path:
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n' + config)
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _check_lists(binary: str, site: Path, listed: dict[str, dict[str, str]]) -> None:
    """The dates and flags of ``hugo list all`` put each page in the lists Hugo itself gives."""
    clock = dt.datetime.fromisoformat(CLOCKS[0])

    def ahead(row: dict[str, str]) -> bool:
        moment = _moment(row["publishDate"])
        return moment is not None and moment > clock

    def gone(row: dict[str, str]) -> bool:
        moment = _moment(row["expiryDate"])
        return moment is not None and moment <= clock

    rules = {
        "drafts": lambda row: row["draft"] == "true",
        "future": lambda row: ahead(row) and not gone(row),
        "expired": lambda row: gone(row) and not ahead(row),
    }
    for which, rule in rules.items():
        named = {row["path"] for row in hugo_rows(binary, site, which)}
        assert named == {path for path, row in listed.items() if rule(row)}, which


def disagreements(binary: str, site: Path, unlisted: set[str]) -> dict[str, tuple]:
    """{path: (clock, Hugo's verdict, ours)} for every file where Copydesk and Hugo differ.

    ``hugo list all`` runs at each clock: a section's dates are raised by its pages' (those before
    the clock), so they are Hugo's only at the clock they were listed at.
    """
    found: dict[str, tuple] = {}
    for clock_text in CLOCKS:
        clock = dt.datetime.fromisoformat(clock_text)
        listed = {row["path"]: row for row in hugo_rows(binary, site, "all", clock_text)}
        if clock_text == CLOCKS[0]:
            _check_lists(binary, site, listed)
        ours = {row.path: row for row in scan_all(site, as_of=clock)}
        expected = {path: verdict_at(row, clock) for path, row in listed.items()}
        expected.update(dict.fromkeys(unlisted, PublishState.UNLISTED))
        for path in sorted(set(expected) | set(ours)):
            mine = ours[path].state if path in ours else None
            if expected.get(path) != mine:
                found.setdefault(path, (clock_text, expected.get(path), mine))
        # The dates we show are the ones Hugo resolved (a section's own are raised by its pages).
        for path, row in listed.items():
            if row["kind"] == "page" and path in ours and ours[path].date != _moment(row["date"]):
                found.setdefault(path, ("date", _moment(row["date"]), ours[path].date))
    return found


def test_lastmod_and_modified_are_the_fallback_for_date_and_publish_date(
    binary: str, tmp_path: Path
) -> None:
    files = {
        "content/lastmod-future.md": toml("lastmod = 2031-03-01T00:00:00Z"),
        "content/lastmod-past.md": toml("lastmod = 2024-01-01"),
        "content/modified-future.md": toml('modified = "2031-03-01T00:00:00Z"'),
        "content/lastmod-over-modified.md": toml("lastmod = 2024-01-01", "modified = 2031-03-01"),
        "content/date-over-lastmod.md": toml("date = 2024-01-01", "lastmod = 2031-03-01"),
        "content/publishdate-over-lastmod.md": toml(
            "publishDate = 2024-01-01", "lastmod = 2031-03-01"
        ),
        "content/lastmod-capital.md": yaml("LastMod: 2031-03-01"),
        "content/lastmod-and-expiry.md": toml("lastmod = 2024-01-01", "expiryDate = 2031-01-01"),
        "content/empty-date-lastmod.md": toml('date = ""', "lastmod = 2031-03-01"),
    }
    assert disagreements(binary, make_site(tmp_path, "", files), set()) == {}


CASCADE_SITE = {
    "content/_index.md": toml(
        "[[cascade]]",
        "expiryDate = 2030-01-01",
        "[cascade.target]",
        'path = "/archive/**"',
    ),
    "content/news/_index.md": toml("[cascade]", "draft = true"),
    "content/news/a.md": toml(),
    "content/news/own-draft-false.md": toml("draft = false"),
    "content/news/deep/b.md": toml(),
    "content/news/open/_index.md": toml("[cascade]", "draft = false"),
    "content/news/open/c.md": toml(),
    "content/events/_index.md": toml(
        "[[cascade]]",
        "publishDate = 2031-02-01T09:00:00Z",
        "[cascade._target]",
        'path = "/events/20*"',
        "[[cascade]]",
        "draft = true",
        "[cascade.target]",
        'kind = "section"',
    ),
    "content/events/2031-gala.md": toml(),
    "content/events/2031-own-date.md": toml("publishDate = 2024-01-01"),
    "content/events/other.md": toml(),
    "content/events/sub/_index.md": toml(),
    "content/archive/old.md": toml(),
    "content/archive/_index.md": toml(),
    "content/hidden/_index.md": toml("[cascade.build]", 'list = "never"', 'render = "never"'),
    "content/hidden/snippet.md": toml(),
    "content/site-wide/z.md": toml(),
    "content/yaml/_index.md": yaml(
        "cascade:", "  - lastmod: 2031-01-01", "    target:", "      path: '{/yaml/a*,/yaml/b*}'"
    ),
    "content/yaml/alpha.md": yaml(),
    "content/yaml/beta.md": yaml(),
    "content/yaml/gamma.md": yaml(),
}
CASCADE_CONFIG = '[[cascade]]\nexpiryDate = 2029-01-01\n[cascade.target]\npath = "/site-wide/**"\n'


def test_cascade_from_sections_and_the_site_config(binary: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, CASCADE_CONFIG, CASCADE_SITE)
    unlisted = {"content/hidden/_index.md", "content/hidden/snippet.md"}
    assert disagreements(binary, site, unlisted) == {}
    row = next(r for r in scan_all(site) if r.path == "content/events/2031-gala.md")
    assert row.reason.via == "content/events/_index.md" and row.reason.key == "publishDate"


def test_cascade_reason_names_the_key_and_the_file(tmp_path: Path) -> None:
    site = make_site(tmp_path, CASCADE_CONFIG, CASCADE_SITE)
    clock = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = {row.path: row for row in scan_all(site / "content", as_of=clock)}
    assert rows["events/2031-gala.md"].why == (
        "scheduled: publishDate 2031-02-01T09:00:00+00:00, via cascade from events/_index.md"
    )
    assert rows["news/deep/b.md"].why == "draft: draft true, via cascade from news/_index.md"
    assert rows["news/own-draft-false.md"].why == "published"
    assert rows["hidden/snippet.md"].why == (
        "unlisted: build.list never, via cascade from hidden/_index.md"
    )
    assert rows["site-wide/z.md"].state is PublishState.PUBLISHED
    late = dt.datetime(2029, 6, 1, tzinfo=dt.UTC)
    row = next(r for r in scan_all(site / "content" / "site-wide", as_of=late))
    # The config's keys are folded when it is read, so the key is named in lower case.
    assert row.why == "expired: expirydate 2029-01-01T00:00:00+00:00, via cascade from site config"


def test_build_options_and_headless_bundles(binary: str, tmp_path: Path) -> None:
    files = {
        "content/list-never.md": toml("[build]", 'list = "never"'),
        "content/list-local.md": toml("[build]", 'list = "local"'),
        "content/list-false.md": toml("[build]", "list = false"),
        "content/list-always.md": toml("[build]", 'list = "always"', f"date = {CLOCKS[2]}"),
        "content/list-Never-is-no-option.md": yaml("build:", "  list: Never"),
        "content/render-never.md": toml("[build]", 'render = "never"'),
        "content/render-link.md": toml("[build]", 'render = "link"'),
        "content/no-resources.md": toml("[build]", "publishResources = false"),
        "content/never-and-draft.md": toml("draft = true", "[build]", 'list = "never"'),
        "content/headless/index.md": toml("headless = true"),
        "content/headless/part.md": toml(),
        "content/headless-page.md": toml("headless = true"),
    }
    unlisted = {
        "content/list-never.md",
        "content/list-local.md",
        "content/list-false.md",
        "content/never-and-draft.md",
        "content/headless/index.md",
        "content/headless-page.md",
    }
    assert disagreements(binary, make_site(tmp_path, "", files), unlisted) == {}


def test_leaf_bundle_files_are_resources_and_branch_bundles_hold_pages(
    binary: str, tmp_path: Path
) -> None:
    files = {
        "content/post/index.md": toml(f"date = {CLOCKS[2]}"),
        "content/post/notes.md": toml("draft = true"),
        "content/post/extra.html": toml(),
        "content/post/deeper/index.md": toml(),
        "content/post/deeper/more.md": toml(),
        "content/fr-bundle/index.html": toml(),
        "content/fr-bundle/x.md": toml(),
        "content/section/_index.md": toml(),
        "content/section/page.md": toml("draft = true"),
        "content/section/leaf/index.md": toml(),
        "content/section/leaf/res.md": toml(),
        "content/index-words/indexes.md": toml(),
        "content/index-words/reindex.md": toml(),
    }
    site = make_site(tmp_path, HTML_OK, files)
    assert disagreements(binary, site, set()) == {}
    listed = {row.path for row in scan_all(site)}
    assert "content/post/notes.md" not in listed and "content/section/page.md" in listed


def test_the_sites_frontmatter_dates_and_time_zone(binary: str, tmp_path: Path) -> None:
    config = (
        'timeZone = "America/New_York"\n[frontmatter]\n'
        'date = [":filename", ":default"]\n'
        'publishDate = ["release", ":default"]\n'
        'expiryDate = ["sunset", ":default"]\n'
    )
    files = {
        "content/2031-02-10-from-name.md": toml(),
        "content/2031-02-10-name-loses-to-nothing.md": toml("date = 2024-01-01"),
        "content/release-key.md": toml("release = 2031-02-10T11:00:00", "date = 2024-01-01"),
        "content/sunset-key.md": toml("sunset = 2030-01-01"),
        "content/local-toml.md": toml("date = 2031-02-10T08:00:00"),
        "content/local-string.md": toml('date = "2031-02-10T07:59:59"'),
        "content/local-yaml.md": yaml("date: 2031-02-10 07:30:00"),
        "content/local-date-only.md": toml("date = 2031-02-10"),
        "content/with-offset.md": toml('date = "2031-02-10T12:30:00Z"'),
        "content/2031-02-11-bundle/index.md": toml(),
    }
    assert disagreements(binary, make_site(tmp_path, config, files), set()) == {}


def test_file_mod_time_as_a_date(binary: str, tmp_path: Path) -> None:
    config = '[frontmatter]\npublishDate = ["publishDate", ":fileModTime"]\n'
    files = {"content/touched.md": toml(), "content/explicit.md": toml("publishDate = 2024-01-01")}
    site = make_site(tmp_path, config, files)
    moment = dt.datetime(2031, 2, 10, 6, 0, tzinfo=dt.UTC).timestamp()
    os.utime(site / "content/touched.md", (moment, moment))
    assert disagreements(binary, site, set()) == {}


LAYOUT = {
    "layouts/_default/single.html": b"<html>{{ .Content }}</html>\n",
    "layouts/page.md": toml(),
    "themes/t/layouts/list.html": b"<ul></ul>\n",
    "themes/t/content/theme-page.md": toml(),
    "public/posts/index.html": b"<html></html>\n",
    "archetypes/default.md": toml("draft = true"),
    "assets/notes.md": toml(),
    "data/x.toml": b"a = 1\n",
    "i18n/en.toml": b"[hello]\nother = 'Hello'\n",
    "static/readme.md": toml(),
    "resources/_gen/x.md": toml(),
    "content/stray.md": toml(),
}


def test_a_site_root_lists_only_its_content_dir(binary: str, tmp_path: Path) -> None:
    files = {**LAYOUT, "articles/a.md": toml(), "articles/posts/b.md": toml("draft = true")}
    site = make_site(tmp_path, 'contentDir = "articles"\n' + HTML_OK, files)
    assert disagreements(binary, site, set()) == {}
    assert sorted(row.path for row in scan_all(site)) == ["articles/a.md", "articles/posts/b.md"]


def test_languages_with_their_own_content_dirs_and_zones(binary: str, tmp_path: Path) -> None:
    config = (
        'defaultContentLanguage = "en"\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 1\n'
        '[languages.fr]\ncontentDir = "content/fr"\nweight = 2\ntimeZone = "Europe/Paris"\n'
    )
    files = {
        "content/en/_index.md": toml("[cascade]", "draft = true"),
        "content/en/a.md": toml("date = 2031-02-10T12:30:00"),
        "content/fr/a.md": toml("date = 2031-02-10T12:30:00"),
        "content/fr/b.md": toml("draft = false"),
    }
    site = make_site(tmp_path, config, files)
    assert disagreements(binary, site, set()) == {}
    languages = {row.path: row.language for row in scan_all(site)}
    assert languages == {
        "content/en/_index.md": "en",
        "content/en/a.md": "en",
        "content/fr/a.md": "fr",
        "content/fr/b.md": "fr",
    }


def test_module_mounts_of_content(binary: str, tmp_path: Path) -> None:
    config = (
        '[[module.mounts]]\nsource = "articles"\ntarget = "content"\n'
        '[[module.mounts]]\nsource = "docs"\ntarget = "content/docs"\n'
    )
    files = {
        **LAYOUT,
        "articles/_index.md": toml(
            "[cascade]", "draft = true", "[cascade.target]", 'path = "/docs/**"'
        ),
        "articles/x.md": toml(),
        "docs/d.md": toml(),
        "docs/more/e.md": toml("draft = false"),
    }
    site = make_site(tmp_path, config + HTML_OK, files)
    assert disagreements(binary, site, set()) == {}
    assert "content/stray.md" not in {row.path for row in scan_all(site)}


def test_disabled_kinds_ignored_files_taxonomies_and_the_production_config(
    binary: str, tmp_path: Path
) -> None:
    config = (
        'disableKinds = ["Term", "section"]\nignoreFiles = ["sec/ign", "\\\\.draft\\\\.md$"]\n'
        '[taxonomies]\ntag = "tags"\n'
        '[[cascade]]\ndraft = true\n[cascade.target]\nenvironment = "production"\npath = "/prod"\n'
        '[[cascade]]\nexpiryDate = 2030-01-01\n[cascade.target]\nkind = "taxonomy"\n'
    )
    files = {
        "config/production/hugo.toml": b'timeZone = "Asia/Tokyo"\n',
        "content/sec/_index.md": toml(),
        "content/sec/a.md": toml("date = 2031-02-10T20:00:00"),
        "content/sec/ignored.md": toml(),
        "content/sec/notes.draft.md": toml(),
        "content/prod.md": toml(),
        "content/tags/_index.md": toml(),
        "content/tags/go/_index.md": toml(),
        "content/categories/_index.md": toml(),
    }
    unlisted = {
        "content/sec/_index.md",
        "content/sec/ignored.md",
        "content/sec/notes.draft.md",
        "content/tags/go/_index.md",
        "content/categories/_index.md",
    }
    assert disagreements(binary, make_site(tmp_path, config, files), unlisted) == {}


def test_git_author_dates_with_enable_git_info(binary: str, tmp_path: Path) -> None:
    config = 'enableGitInfo = true\n[frontmatter]\ndate = [":git", ":default"]\n'
    config += 'expiryDate = [":default", ":git"]\n'
    files = {
        "content/a.md": toml(),
        "content/b.md": toml("date = 2020-01-01"),
        "content/later.md": toml(),
    }
    site = make_site(tmp_path, config, files)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }

    def git(*args: str, date: str = "") -> None:
        extra = {"GIT_AUTHOR_DATE": date} if date else {}
        subprocess.run(
            ["git", *args], cwd=site, env={**env, **extra}, check=True, capture_output=True
        )

    git("init", "-q", ".")
    git("add", "hugo.toml", "content/a.md", "content/b.md")
    git("commit", "-qm", "one", date="2031-02-10T10:00:00+02:00")
    (site / "content/b.md").write_bytes(toml("date = 2020-01-01", "weight = 2"))
    git("commit", "-qam", "two", date="2035-06-01T00:00:00Z")
    # later.md is not committed: no git date, as in Hugo.
    assert disagreements(binary, site, set()) == {}


def test_languages_by_file_name_and_their_own_cascades(binary: str, tmp_path: Path) -> None:
    config = '[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\ntimeZone = "Europe/Paris"\n'
    files = {
        "content/news/_index.md": toml("[cascade]", "draft = true"),
        "content/news/a.md": toml(),
        "content/news/a.fr.md": toml("date = 2031-02-10T12:30:00"),
        "content/blog/_index.fr.md": toml("[cascade]", "expiryDate = 2030-01-01"),
        "content/blog/b.md": toml(),
        "content/blog/b.fr.md": toml(),
        "content/blog/b.xx.md": toml(),  # no such language: part of the name
    }
    site = make_site(tmp_path, config, files)
    assert disagreements(binary, site, set()) == {}
    languages = {row.path: row.language for row in scan_all(site)}
    assert languages["content/news/a.fr.md"] == "fr" and languages["content/blog/b.xx.md"] == "en"


def test_index_names_in_any_case_and_an_index_at_the_content_root(
    binary: str, tmp_path: Path
) -> None:
    files = {
        "content/_under.md": toml(),
        "content/with space.md": toml(),
        "content/x/INDEX.md": toml(),
        "content/x/y.md": toml(),
        "content/_sub/z.md": toml(),
        "content/news/_Index.md": toml("[cascade]", "draft = true"),
        "content/news/n.md": toml(),
    }
    site = make_site(tmp_path, 'ignoreLogs = ["warning-home-page-is-leaf-bundle"]\n', files)
    assert disagreements(binary, site, set()) == {}
    # An index.md at the content root makes the home page a leaf bundle: the rest are resources.
    (site / "content" / "index.md").write_bytes(toml())
    assert disagreements(binary, site, set()) == {}
    assert [row.path for row in scan_all(site)] == ["content/index.md"]
