from __future__ import annotations

import datetime as dt

import pytest

from editor.core.hugo_keys import EXPIRY_DATE_KEYS, PUBLISH_DATE_KEYS, hugo_key
from editor.core.state import PublishState, first_date, is_draft, state_of

UTC = dt.UTC
NOW = dt.datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
PAST = dt.datetime(2025, 6, 1, tzinfo=UTC)
FUTURE = dt.datetime(2025, 7, 1, tzinfo=UTC)

DRAFT = PublishState.DRAFT
SCHEDULED = PublishState.SCHEDULED
PUBLISHED = PublishState.PUBLISHED
EXPIRED = PublishState.EXPIRED


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        pytest.param({}, PUBLISHED, id="nothing-set"),
        pytest.param({"draft": False}, PUBLISHED, id="draft-false"),
        pytest.param({"draft": True}, DRAFT, id="draft-true"),
        pytest.param({"draft": True, "date": FUTURE, "expiryDate": PAST}, DRAFT, id="draft-wins"),
        pytest.param({"draft": "true"}, DRAFT, id="draft-string-true"),
        pytest.param({"draft": "false"}, PUBLISHED, id="draft-string-false"),
        pytest.param({"draft": "yes"}, PUBLISHED, id="draft-yes-is-not-true-for-hugo"),
        pytest.param({"draft": 1}, DRAFT, id="draft-one"),
        pytest.param({"Draft": True}, DRAFT, id="draft-key-case"),
        pytest.param({"date": FUTURE}, SCHEDULED, id="date-future"),
        pytest.param({"date": PAST}, PUBLISHED, id="date-past"),
        pytest.param({"publishDate": FUTURE, "date": PAST}, SCHEDULED, id="publishdate-over-date"),
        pytest.param(
            {"publishDate": PAST, "date": FUTURE}, PUBLISHED, id="publishdate-past-date-future"
        ),
        pytest.param(
            {"pubdate": FUTURE, "published": PAST}, SCHEDULED, id="pubdate-over-published"
        ),
        pytest.param({"published": FUTURE, "date": PAST}, SCHEDULED, id="published-over-date"),
        pytest.param({"PUBLISHDATE": FUTURE}, SCHEDULED, id="publishdate-upper-case"),
        pytest.param({"publishDate": "2025-07-01T00:00:00Z"}, SCHEDULED, id="publishdate-string"),
        pytest.param({"publishDate": dt.date(2025, 7, 1)}, SCHEDULED, id="publishdate-date"),
        pytest.param({"expiryDate": PAST}, EXPIRED, id="expired"),
        pytest.param({"expiryDate": FUTURE}, PUBLISHED, id="expires-later"),
        pytest.param({"unpublishdate": PAST}, EXPIRED, id="unpublishdate"),
        pytest.param(
            {"expirydate": FUTURE, "unpublishdate": PAST}, PUBLISHED, id="expirydate-over-alias"
        ),
        pytest.param({"ExpiryDate": "2025-06-01"}, EXPIRED, id="expiry-string-case"),
        # Publish date first: an article not out yet is scheduled even if its expiry has passed.
        pytest.param(
            {"publishDate": FUTURE, "expiryDate": PAST}, SCHEDULED, id="future-and-expired"
        ),
        pytest.param({"date": NOW}, PUBLISHED, id="publish-at-now-is-out"),
        pytest.param({"expiryDate": NOW}, EXPIRED, id="expiry-at-now-is-expired"),
        pytest.param(
            {"date": dt.datetime(2025, 6, 15, 12, 30)}, SCHEDULED, id="naive-is-utc-future"
        ),
        pytest.param({"date": dt.datetime(2025, 6, 15, 11, 30)}, PUBLISHED, id="naive-is-utc-past"),
        pytest.param({"date": "2025-06-15T13:30:00+02:00"}, PUBLISHED, id="offset-counts"),
        pytest.param({"date": "2025-06-15T12:30:00-01:00"}, SCHEDULED, id="negative-offset-counts"),
    ],
)
def test_state_follows_hugo_rules(metadata: dict, expected: PublishState) -> None:
    assert state_of(metadata, as_of=NOW) is expected


def test_as_of_moves_now() -> None:
    meta = {"publishDate": "2025-07-01T00:00:00Z", "expiryDate": "2025-08-01T00:00:00Z"}
    assert state_of(meta, as_of=dt.datetime(2025, 6, 30, tzinfo=UTC)) is SCHEDULED
    assert state_of(meta, as_of=dt.datetime(2025, 7, 1, tzinfo=UTC)) is PUBLISHED
    assert state_of(meta, as_of=dt.datetime(2025, 7, 31, 23, 59, 59, tzinfo=UTC)) is PUBLISHED
    assert state_of(meta, as_of=dt.datetime(2025, 8, 1, tzinfo=UTC)) is EXPIRED
    # A naive "now" is read as UTC, like a date without a zone.
    assert state_of(meta, as_of=dt.datetime(2025, 7, 1, 0, 0)) is PUBLISHED
    assert state_of(meta, as_of=dt.datetime(2025, 6, 30, 23, 59)) is SCHEDULED


def test_default_now_is_the_real_clock() -> None:
    today = dt.datetime.now(UTC)
    assert state_of({"date": today + dt.timedelta(days=30)}) is SCHEDULED
    assert state_of({"date": today - dt.timedelta(days=30)}) is PUBLISHED
    assert state_of({"expiryDate": today - dt.timedelta(days=30)}) is EXPIRED


def test_a_key_not_in_lower_case_wins_like_hugo_prepare_params() -> None:
    # Hugo lower-cases keys by moving "PublishDate" onto "publishdate", whatever their order.
    for meta in (
        {"publishdate": PAST, "PublishDate": FUTURE},
        {"PublishDate": FUTURE, "publishdate": PAST},
    ):
        assert state_of(meta, as_of=NOW) is SCHEDULED
        assert hugo_key(meta, "publishdate") == "PublishDate"
    meta = {"draft": False, "Draft": True}
    assert is_draft(meta)
    assert hugo_key(meta, "draft") == "Draft"
    assert hugo_key({"draft": True}, "draft") == "draft"
    assert hugo_key({"title": "x"}, "draft") is None


def test_first_date_and_key_lists() -> None:
    assert PUBLISH_DATE_KEYS == ("publishdate", "pubdate", "published", "date")
    assert EXPIRY_DATE_KEYS == ("expirydate", "unpublishdate")
    meta = {"Date": "2025-01-01", "pubDate": dt.date(2025, 2, 2)}
    assert first_date(meta, PUBLISH_DATE_KEYS) == dt.datetime(2025, 2, 2, tzinfo=UTC)
    assert first_date({"title": "x"}, PUBLISH_DATE_KEYS) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (None, False),
        ("true", True),
        ("TRUE", True),
        ("t", True),
        ("1", True),
        ("false", False),
        ("yes", False),
        ("on", False),
        ("", False),
        (0, False),
        (2, True),
        (0.5, True),
        ([True], False),
    ],
)
def test_is_draft_casts_like_hugo(value: object, expected: bool) -> None:
    assert is_draft({"draft": value}) is expected


# --- one home for key folding, and the site's rules ----------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        pytest.param({}, {}, id="empty"),
        pytest.param({"title": 1}, {"title": ("title", 1)}, id="lower"),
        pytest.param({"Title": 1, "title": 2}, {"title": ("Title", 1)}, id="upper-first-wins"),
        pytest.param({"title": 2, "Title": 1}, {"title": ("Title", 1)}, id="upper-later-wins"),
        pytest.param({"TITLE": 1, "Title": 2}, {"title": ("Title", 2)}, id="last-upper-wins"),
        pytest.param({1: "x"}, {"1": ("1", "x")}, id="non-string-key"),
        pytest.param({"İd": 1}, {"i̇d": ("İd", 1)}, id="unicode-lowering"),
    ],
)
def test_fold_keys_is_the_one_home_of_hugos_key_folding(metadata: dict, expected: dict) -> None:
    from editor.core.hugo_keys import fold_keys, lowered_keys

    assert fold_keys(metadata) == expected
    assert lowered_keys(metadata) == {key: value for key, (_, value) in expected.items()}
    for lower, (written, _) in expected.items():
        assert hugo_key(metadata, lower) == written


def test_date_rules_from_config_expand_default_and_aliases() -> None:
    from editor.core.state import DEFAULT_DATE_RULES, DateRules

    assert DateRules.from_config(None) == DEFAULT_DATE_RULES
    assert DEFAULT_DATE_RULES.date == (
        "date", "publishdate", "pubdate", "published", "lastmod", "modified"
    )  # fmt: skip
    assert DEFAULT_DATE_RULES.publishdate == ("publishdate", "pubdate", "published", "date")
    rules = DateRules.from_config(
        {"Date": [":filename", ":default"], "publishDate": "Release", "lastmod": 3}
    )
    assert rules.date[:3] == (":filename", "date", "publishdate")
    assert rules.publishdate == ("release",)
    assert rules.lastmod == DEFAULT_DATE_RULES.lastmod  # not a list: Hugo's default stays
    assert "release" in rules.date_keys() and ":filename" not in rules.date_keys()


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("/news/**", "/news/a", True),
        ("/news/**", "/news/a/b", True),
        ("/news/**", "/news", False),
        ("/news/*", "/news/a/b", False),
        ("{/news,/news/**}", "/news", True),
        ("/events/20*", "/events/2031-gala", True),
        ("/events/20*", "/events/other", False),
        ("/a?c", "/abc", True),
        ("/[ab]x", "/bx", True),
        ("/[!ab]x", "/cx", True),
        ("{home,section}", "section", True),
        ("/unclosed{", "/unclosed", True),
        ("/a.b", "/axb", False),
    ],
)
def test_cascade_target_globs(pattern: str, path: str, matches: bool) -> None:
    from editor.core.cascade import glob_regex

    assert bool(glob_regex(pattern).match(path)) is matches


def test_judge_gives_the_key_as_written_and_the_cascade_it_came_from() -> None:
    from editor.core.cascade import cascades_of
    from editor.core.state import PageRules, StateReason, judge

    cascade = cascades_of(
        [
            {"PublishDate": FUTURE, "target": {"path": "/news/**"}},
            {"Draft": True, "_target": {"path": "/blog/**", "kind": "page"}},
        ],
        "news/_index.md",
    )
    rules = PageRules(cascades=cascade, page_path="/news/a")
    verdict = judge({"title": "x"}, NOW, rules)
    assert verdict.state is SCHEDULED
    assert verdict.reason == StateReason("PublishDate", FUTURE.isoformat(), "news/_index.md")
    assert verdict.reason.describe(SCHEDULED) == (
        f"scheduled: PublishDate {FUTURE.isoformat()}, via cascade from news/_index.md"
    )
    # Outside the target only the second entry applies; the page's own value always wins.
    other = PageRules(cascades=cascade, page_path="/blog/a")
    assert judge({}, NOW, other).reason == StateReason("Draft", "true", "news/_index.md")
    assert judge({"draft": False}, NOW, other).state is PUBLISHED


def test_lastmod_falls_back_into_date_and_publish_date() -> None:
    from editor.core.state import judge

    verdict = judge({"modified": FUTURE}, NOW)
    assert verdict.state is SCHEDULED and verdict.date == FUTURE == verdict.publish_date
    assert verdict.reason.key == "modified"
    assert judge({"lastmod": FUTURE, "date": PAST}, NOW).state is PUBLISHED


def test_filename_and_mod_time_dates_and_time_zone() -> None:
    import zoneinfo

    from editor.core.state import DateRules, PageRules, judge

    rules = PageRules(
        dates=DateRules.from_config({"date": [":filename"], "expirydate": [":fileModTime"]}),
        zone=zoneinfo.ZoneInfo("Asia/Tokyo"),
        filename="2025-06-15-hello.md",
    )
    verdict = judge({}, NOW, rules, mtime=PAST)
    assert verdict.date == dt.datetime(2025, 6, 14, 15, 0, tzinfo=UTC)  # midnight in Tokyo
    assert verdict.state is EXPIRED and verdict.reason.key == ":fileModTime"
    assert judge({}, NOW, PageRules(zone=rules.zone, filename="notes.md")).date is None


@pytest.mark.parametrize(
    ("metadata", "state", "key"),
    [
        ({"build": {"list": "never"}}, PublishState.UNLISTED, "build.list"),
        ({"Build": {"List": "local"}}, PublishState.UNLISTED, "Build.list"),
        ({"build": {"list": False}}, PublishState.UNLISTED, "build.list"),
        ({"build": {"list": "Never"}}, PUBLISHED, None),  # Hugo knows no "Never"
        ({"build": {"render": "never"}}, PUBLISHED, None),
        ({"build": "never"}, PUBLISHED, None),
        ({"headless": True}, PublishState.UNLISTED, "headless"),
        ({"draft": True, "build": {"list": "never"}}, PublishState.UNLISTED, "build.list"),
    ],
)
def test_build_options(metadata: dict, state: PublishState, key: str | None) -> None:
    from editor.core.state import judge

    verdict = judge(metadata, NOW)
    assert verdict.state is state and verdict.reason.key == key
