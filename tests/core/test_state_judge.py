"""The judge written for speed (state.judge: one loop per date, each value parsed once, the
date-text memo of values.parse_date) decides exactly what the plain version decides.

``_plain_judge`` is state.judge as it was before it was tuned (one call per identifier, every value
parsed again where two dates fall back on it, no memo); hypothesis draws pages, cascades, site
``[frontmatter]`` rules, zones and clocks, and the two verdicts must be equal field for field
(state, reason, draft flag, the three dates and where each came from).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from editor.core import hugo_keys, state, values
from editor.core.cascade import Cascade
from editor.core.hugo_keys import fold_keys
from editor.core.state import (
    DATE_FIELDS,
    DateRules,
    PageRules,
    PageVerdict,
    PublishState,
    StateReason,
    judge,
)

UTC = dt.UTC


def _plain_resolve(
    identifiers: tuple[str, ...],
    params: Mapping[str, tuple[Any, str, str | None]],
    rules: PageRules,
    mtime: dt.datetime | None,
) -> tuple[dt.datetime, str, str | None] | None:
    for identifier in identifiers:
        if identifier == ":filename":
            moment = state._filename_date(rules.filename, rules.zone)
            if moment is not None:
                return moment, ":filename", None
        elif identifier == ":filemodtime":
            if mtime is not None:
                return mtime, ":fileModTime", None
        elif identifier == ":git":
            if rules.git_date is not None:
                return rules.git_date, ":git", None
        elif identifier.startswith(":"):
            continue
        elif identifier in params:
            value, written, via = params[identifier]
            if value is None or value == "":
                continue
            moment = values._parse_date(value, rules.zone)  # never the memo
            if moment is not None:
                return moment, written, via
    return None


def _plain_judge(
    metadata: Mapping[str, Any],
    as_of: dt.datetime,
    rules: PageRules,
    mtime: dt.datetime | None,
) -> PageVerdict:
    own = fold_keys(metadata)
    params: dict[str, tuple[Any, str, str | None]] = {
        key: (value, written, None) for key, (written, value) in own.items()
    }
    for cascade in rules.cascades:
        if cascade.matches(rules):
            for key, (written, value) in cascade.values.items():
                if key not in params:
                    params[key] = (value, written, cascade.origin)
    resolved: dict[str, tuple[dt.datetime, str, str | None]] = {}
    for name in DATE_FIELDS:
        found = _plain_resolve(getattr(rules.dates, name), params, rules, mtime)
        if found is None:
            continue
        resolved[name] = found
        if name not in params:
            params[name] = found
    now = as_of if as_of.tzinfo is not None else as_of.replace(tzinfo=UTC)
    draft_value = params.get("draft")
    draft = draft_value is not None and state._cast_bool(draft_value[0])
    date = resolved.get("date")
    published = resolved.get("publishdate")
    expires = resolved.get("expirydate")
    origins = {name: (written, via) for name, (_, written, via) in resolved.items()}

    def verdict(kind: PublishState, reason: StateReason) -> PageVerdict:
        return PageVerdict(
            kind,
            reason,
            draft,
            date=date[0] if date else None,
            publish_date=published[0] if published else None,
            expiry_date=expires[0] if expires else None,
            origins=origins,
        )

    unlisted = StateReason(*rules.excluded) if rules.excluded else state._unlisted(params)
    if unlisted is not None:
        return verdict(PublishState.UNLISTED, unlisted)
    if draft and draft_value is not None:
        return verdict(
            PublishState.DRAFT,
            StateReason(draft_value[1], state._show(draft_value[0]), draft_value[2]),
        )
    if published is not None and published[0] > now:
        return verdict(PublishState.SCHEDULED, state._date_reason(published))
    if expires is not None and expires[0] <= now:
        return verdict(PublishState.EXPIRED, state._date_reason(expires))
    return verdict(
        PublishState.PUBLISHED,
        state._date_reason(published) if published is not None else StateReason(),
    )


DATE_KEYS = [
    "date",
    "Date",
    "DATE",
    "publishDate",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "expiryDate",
    "expirydate",
    "unpublishdate",
    ":git",  # a front matter key that looks like a handler is never read as one
]
DATE_VALUES = st.one_of(
    st.sampled_from(
        [
            "2024-03-23T02:26:14Z",
            "2031-01-01T00:00:00+02:00",
            "2024-03-23",
            "2024-03-23 10:00",
            "  2024-03-23  ",
            "2024-13-45",
            "yesterday",
            "",
            "Mon, 02 Jan 2006 15:04:05 -0700",
            "02 Jan 06 15:04 MST",
            "2099-12-31T23:59:59Z",
        ]
    ),
    st.none(),
    st.booleans(),
    st.integers(-(10**10), 10**10),
    st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2040, 1, 1),
        timezones=st.sampled_from([None, UTC, dt.timezone(dt.timedelta(hours=-5))]),
    ),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
    st.lists(st.integers(0, 3), max_size=2),
)
FLAG_VALUES = st.sampled_from([True, False, "true", "yes", "T", 1, 0, 0.0, None, "1"])
BUILD_VALUES = st.sampled_from(
    [{"list": "never"}, {"list": "local"}, {"List": "Never"}, {"list": False}, {"render": "x"}, 3]
)


@st.composite
def pages(draw: st.DrawFn) -> dict[str, Any]:
    page: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(DATE_KEYS), max_size=4, unique=True)):
        page[key] = draw(DATE_VALUES)
    if draw(st.booleans()):
        page[draw(st.sampled_from(["draft", "Draft"]))] = draw(FLAG_VALUES)
    if draw(st.integers(0, 9)) == 0:
        page["headless"] = draw(FLAG_VALUES)
    if draw(st.integers(0, 9)) == 0:
        page[draw(st.sampled_from(["build", "_build"]))] = draw(BUILD_VALUES)
    return page


IDENTIFIERS = [
    ":default",
    ":filename",
    ":fileModTime",
    ":git",
    ":nothing",
    "date",
    "publishDate",
    "lastmod",
    "expiryDate",
    "published",
    "unpublishdate",
    "modified",
]


@st.composite
def date_rules(draw: st.DrawFn) -> DateRules:
    if draw(st.booleans()):
        return state.DEFAULT_DATE_RULES
    config = {
        name: draw(st.lists(st.sampled_from(IDENTIFIERS), max_size=3))
        for name in draw(st.lists(st.sampled_from(DATE_FIELDS), max_size=4, unique=True))
    }
    return DateRules.from_config(config)


@st.composite
def cascades(draw: st.DrawFn) -> tuple[Cascade, ...]:
    out = []
    for number in range(draw(st.integers(0, 2))):
        entry = draw(pages())
        if not entry:
            continue
        out.append(
            Cascade(
                fold_keys(entry),
                f"section{number}/_index.md",
                path=draw(st.sampled_from(["", "/news/**", "/other/*"])),
                kind=draw(st.sampled_from(["", "page", "section"])),
            )
        )
    return tuple(out)


ZONES = [None, UTC, dt.timezone(dt.timedelta(hours=2)), zoneinfo.ZoneInfo("Europe/Paris")]


@st.composite
def page_rules(draw: st.DrawFn) -> PageRules:
    return PageRules(
        dates=draw(date_rules()),
        zone=draw(st.sampled_from(ZONES)),
        cascades=draw(cascades()),
        page_path=draw(st.sampled_from(["/news/a", "/other/b", "/c"])),
        kind=draw(st.sampled_from(["page", "section"])),
        filename=draw(st.sampled_from(["a.md", "2024-05-01-a.md", "2031-01-01.md", "x"])),
        excluded=draw(st.sampled_from([None, None, None, ("disableKinds", "section")])),
        git_date=draw(st.sampled_from([None, dt.datetime(2023, 4, 5, tzinfo=UTC)])),
    )


CLOCKS = st.sampled_from(
    [
        dt.datetime(2026, 12, 1, 12, tzinfo=UTC),
        dt.datetime(2024, 3, 23, 2, 26, 14, tzinfo=UTC),  # a seed date: expiry is <=, publish >
        dt.datetime(2020, 1, 1),  # naive: read as UTC
    ]
)
MTIMES = st.sampled_from([None, dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)])


SEED_MOMENT = dt.datetime(2024, 3, 23, 2, 26, 14, tzinfo=UTC)


@settings(max_examples=600, deadline=None)
@given(page=pages(), rules=page_rules(), as_of=CLOCKS, mtime=MTIMES)
@example(
    page={"expiryDate": "2024-03-23T02:26:14Z"}, rules=PageRules(), as_of=SEED_MOMENT, mtime=None
)
@example(
    page={"publishDate": "2024-03-23T02:26:14Z"}, rules=PageRules(), as_of=SEED_MOMENT, mtime=None
)
@example(
    page={"date": "2024-03-23", "Lastmod": ""},
    rules=PageRules(dates=DateRules.from_config({"expiryDate": ["lastmod"]})),
    as_of=SEED_MOMENT,
    mtime=None,
)
def test_the_fast_judge_agrees_with_the_plain_one(
    page: dict[str, Any], rules: PageRules, as_of: dt.datetime, mtime: dt.datetime | None
) -> None:
    expected = _plain_judge(page, as_of, rules, mtime)
    assert judge(page, as_of, rules, mtime=mtime) == expected
    # The index passes the folded keys it keeps: the same verdict again (the memo is warm now).
    assert judge({}, as_of, rules, mtime=mtime, folded=fold_keys(page)) == expected


def test_a_date_read_in_one_zone_is_not_reused_in_an_equal_zone_of_another_name() -> None:
    # timezone(0, "X") == timezone.utc, but a date read in it carries its own name.
    named = dt.timezone(dt.timedelta(0), "Newsroom")
    plain = values.parse_date("2024-03-23 10:00", UTC)
    renamed = values.parse_date("2024-03-23 10:00", named)
    assert plain is not None and renamed is not None
    assert plain.tzinfo is UTC
    assert renamed.tzinfo is named
    assert values.parse_date("2024-03-23 10:00", UTC) == plain


class _UnhashableZone(dt.tzinfo):
    __hash__ = None  # type: ignore[assignment]

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=1)

    def dst(self, moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)


def test_a_zone_that_cannot_be_hashed_is_still_read() -> None:
    zone = _UnhashableZone()
    moment = values.parse_date("2024-03-23 10:00", zone)
    assert moment is not None and moment.tzinfo is zone


def test_the_date_memo_stays_small() -> None:
    for day in range(1, 29):
        for month in range(1, 13):
            values.parse_date(f"2024-{month:02d}-{day:02d}")
    assert len(values._PARSED) <= values._PARSED_KEPT


# --- what a listing skips: the folded keys picked in the same pass, the file time unread --------

KEY_CASES = st.sampled_from(
    ["title", "Title", "TITLE", "draft", "Draft", "date", "Date", "publishDate", "publishdate",
     "expiryDate", "build", "Build", "tags", "lastmod", "LastMod", "summary"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    keys=st.lists(KEY_CASES, max_size=10),
    wanted=st.frozensets(st.sampled_from(["title", "draft", "date", "publishdate", "build", "x"])),
)
def test_the_keys_picked_while_folding_are_the_folded_keys_kept(
    keys: list[str], wanted: frozenset[str]
) -> None:
    page = {key: index for index, key in enumerate(keys)}
    folded, picked = hugo_keys.fold_and_pick(page, wanted)
    assert list(folded.items()) == list(fold_keys(page).items())
    assert list(picked.items()) == [(k, item) for k, item in fold_keys(page).items() if k in wanted]


@settings(max_examples=400, deadline=None)
@given(page=pages(), rules=page_rules(), as_of=CLOCKS)
def test_the_file_time_is_read_only_where_the_rules_say_it_can_be(
    page: dict[str, Any], rules: PageRules, as_of: dt.datetime
) -> None:
    mtime = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    if not state.reads_file_time(rules.dates):
        assert judge(page, as_of, rules, mtime=mtime) == judge(page, as_of, rules, mtime=None)


def test_a_file_time_rule_is_seen_in_any_of_the_four_dates() -> None:
    assert not state.reads_file_time(DateRules())
    for name in DATE_FIELDS:
        rules = DateRules.from_config({name: [":fileModTime"]})
        assert state.reads_file_time(rules)
    rules = PageRules(dates=DateRules.from_config({"publishDate": [":fileModTime"]}))
    mtime = dt.datetime(2031, 1, 2, tzinfo=UTC)
    assert judge({}, SEED_MOMENT, rules, mtime=mtime).state is PublishState.SCHEDULED


def test_a_states_text_is_its_value() -> None:
    # A listing writes str(state) (a StrEnum's str is its value) for the slow enum .value.
    for member in PublishState:
        assert str(member) == member.value and type(str(member)) is str
        assert StateReason("k", "v", "via").describe(member).startswith(member.value + ": k v")
