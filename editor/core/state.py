"""Publish state by Hugo's rules, and the reason that decided it.

Hugo reads front matter keys case-insensitively (hugo_keys.py is the one place that folds them)
and takes each of a page's four dates from the first entry of a list that is set; the lists are the
site's ``[frontmatter]`` configuration, by default (with Hugo's aliases):

* ``date``: date, publishdate, pubdate, published, lastmod, modified
* ``publishDate``: publishdate, pubdate, published, date (the *resolved* date, so ``lastmod`` too)
* ``expiryDate``: expirydate, unpublishdate

A date written without an offset is in the site's ``timeZone`` (default UTC). Values missing from a
page's own front matter come from the ``cascade`` of its sections' ``_index.md`` files (nearest first,
each entry only where its ``target``/``_target`` matches) and then from the site config's ``cascade``
(:mod:`editor.core.cascade` reads those entries and matches their targets).

A page Hugo leaves out of every list (``build.list`` never or local, a headless bundle, a kind in
``disableKinds``, a file ``ignoreFiles`` matches) is *unlisted*; otherwise it is a *draft* when
``draft`` is true, *scheduled* when its publish date is after now, *expired* when its expiry date is
before now, and *published* otherwise. "Now" can be moved, like ``hugo --clock``, to review an
embargo. :func:`judge` gives the state with a :class:`StateReason`: which
key decided it, its value, and the file whose cascade set it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from editor.core.hugo_keys import STATE_KEYS, fold_keys, lowered_keys
from editor.core.hugo_keys import hugo_key as hugo_key  # its home: hugo_keys (for git_wiring)
from editor.core.slot_builder import builder
from editor.core.values import parse_date

if TYPE_CHECKING:
    from editor.core.cascade import Cascade

SITE_CONFIG = "site config"  # the origin of a cascade from hugo.toml and its kin


class PublishState(StrEnum):
    """Where an article stands for readers."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    EXPIRED = "expired"
    UNLISTED = "unlisted"  # Hugo lists it nowhere (build.list never/local, or headless)
    INVALID = "invalid"


# --- dates -----------------------------------------------------------------------------------------


_DEFAULT_DATES = {
    "date": ("date", "publishdate", "lastmod"),
    "lastmod": (":git", "lastmod", "date", "publishdate"),
    "publishdate": ("publishdate", "date"),
    "expirydate": ("expirydate",),
}
_ALIASES = {
    "lastmod": ("modified",),
    "publishdate": ("pubdate", "published"),
    "expirydate": ("unpublishdate",),
}
# Hugo resolves the four dates in this order; a later one may fall back on an earlier one's result.
DATE_FIELDS = ("date", "lastmod", "publishdate", "expirydate")


def _expand(identifiers: Iterable[str], defaults: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for identifier in identifiers:
        for item in defaults if identifier == ":default" else (identifier,):
            for name in (item, *_ALIASES.get(item, ())):
                if name not in out:
                    out.append(name)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DateRules:
    """Where each of Hugo's four dates comes from: the site's ``[frontmatter]``, expanded."""

    date: tuple[str, ...] = _expand(_DEFAULT_DATES["date"], ())
    lastmod: tuple[str, ...] = _expand(_DEFAULT_DATES["lastmod"], ())
    publishdate: tuple[str, ...] = _expand(_DEFAULT_DATES["publishdate"], ())
    expirydate: tuple[str, ...] = _expand(_DEFAULT_DATES["expirydate"], ())

    @classmethod
    def from_config(cls, frontmatter: Mapping[str, Any] | None) -> DateRules:
        """The rules of a ``[frontmatter]`` table (keys in any case; ``:default`` expands)."""
        given = lowered_keys(frontmatter) if isinstance(frontmatter, Mapping) else {}
        lists = {}
        for name, defaults in _DEFAULT_DATES.items():
            value = given.get(name)
            if isinstance(value, str):
                value = [value]
            chosen = [str(item).lower() for item in value] if isinstance(value, list) else defaults
            lists[name] = _expand(chosen, defaults)
        return cls(**lists)

    def reads_git(self) -> bool:
        """Whether ``:git`` can decide a date that the state depends on (``lastmod`` cannot)."""
        return ":git" in (*self.date, *self.publishdate, *self.expirydate)

    def date_keys(self) -> frozenset[str]:
        """Every front matter key these rules read as a date."""
        every = (*self.date, *self.lastmod, *self.publishdate, *self.expirydate)
        return frozenset(name for name in every if not name.startswith(":"))


DEFAULT_DATE_RULES = DateRules()


# --- the page and its verdict ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageRules:
    """What besides its own front matter decides a page's state: the site's rules and its place."""

    dates: DateRules = DEFAULT_DATE_RULES
    zone: dt.tzinfo | None = None  # the site's (or the language's) timeZone; None is UTC
    cascades: tuple[Cascade, ...] = ()  # nearest section first, the site config's last
    page_path: str = "/"  # Hugo's path: "/news/a" (lower case, no extension, no language)
    kind: str = "page"  # "page", "section", "home", "taxonomy" or "term"
    lang: str = ""
    filename: str = ""  # the base name ":filename" reads (the folder's, for a bundle)
    # Set when the site config leaves the page out of the build: ("disableKinds", "section") or
    # ("ignoreFiles", the pattern that matched).
    excluded: tuple[str, str] | None = None
    git_date: dt.datetime | None = None  # the author date of the file's last commit (":git")


DEFAULT_RULES = PageRules()


def judged_keys(dates: DateRules | None = None) -> frozenset[str]:
    """The front matter keys (lower case) whose values can decide a page's state under these date
    rules (Hugo's defaults when None): what the index cache keeps of each file."""
    rules = dates if dates is not None else DEFAULT_RULES.dates
    kept = _JUDGED.get(id(rules))  # by identity: hashing the rules for every row cost more
    if kept is not None and kept[0] is rules:
        return kept[1]
    keys = STATE_KEYS | rules.date_keys()
    if len(_JUDGED) > 64:
        _JUDGED.clear()
    _JUDGED[id(rules)] = (rules, keys)  # the rules are kept, so their id is not reused
    return keys


_JUDGED: dict[int, tuple[DateRules, frozenset[str]]] = {}


@dataclass(frozen=True, slots=True)
class StateReason:
    """Why a page has its state: the key that decided (as written), its value, and the cascade."""

    key: str | None = None
    value: str | None = None
    via: str | None = None  # the file whose cascade set the key (or SITE_CONFIG); None: its own

    def describe(self, state: PublishState) -> str:
        """ "scheduled: publishDate 2031-02-10, via cascade from news/_index.md"."""
        text = str(state)  # its value (a StrEnum's str), a quarter of .value's time
        if self.key:
            text += f": {self.key}" + (f" {self.value}" if self.value is not None else "")
        if self.via:
            text += f", via cascade from {self.via}"
        return text

    def to_json(self) -> dict[str, str | None]:
        return {"key": self.key, "value": self.value, "via": self.via}


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """A page's state with its reason and the dates Hugo would give it."""

    state: PublishState
    reason: StateReason
    draft: bool
    date: dt.datetime | None = None
    publish_date: dt.datetime | None = None
    expiry_date: dt.datetime | None = None
    origins: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)


# judge makes a verdict and its reason for every row listed: built slot by slot (slot_builder).
_verdict = builder(PageVerdict)
_reason = builder(StateReason)
_NO_REASON = StateReason()


def _cast_bool(value: Any) -> bool:
    """Hugo's cast.ToBool: anything unreadable is false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip() in ("1", "t", "T", "TRUE", "true", "True")
    return False


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).lower() if isinstance(value, bool) else str(value)


def _filename_date(name: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if len(stem) < 10 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", stem[:10]):
        return None
    return parse_date(stem[:10], zone)


def _build_option(build: Any, name: str) -> str:
    """``build.list`` / ``build.render`` as Hugo reads it: always, local/link, or never."""
    if not isinstance(build, Mapping):
        return "always"
    value = lowered_keys(build).get(name)
    if isinstance(value, bool):
        return "always" if value else "never"
    # Hugo matches the words exactly: "Never" is no option it knows, so the default stands.
    return value if value in ("always", "local", "never", "link") else "always"


def judge(
    metadata: Mapping[str, Any],
    as_of: dt.datetime | None = None,
    rules: PageRules = DEFAULT_RULES,
    *,
    mtime: dt.datetime | None = None,
    folded: Mapping[str, tuple[str, Any]] | None = None,
) -> PageVerdict:
    """The state of a page with this front matter at ``as_of`` (default: now), and why.

    ``folded`` is ``fold_keys(metadata)`` when the caller has it already; ``mtime`` is the file's
    modification time (for ``:fileModTime``).

    This runs once per row of every listing, so it is written for speed (one loop over each date's
    identifiers, each value parsed once even where two dates fall back on it); what it decides is
    the rule set out in the module docstring, and tests/core/test_state_judge.py checks it against
    the plain version of this function on generated pages, cascades and site rules.
    """
    own = fold_keys(metadata) if folded is None else folded
    # Each key Hugo reads → (value, key as written, cascade origin or None).
    params: dict[str, tuple[Any, str, str | None]] = {
        key: (value, written, None) for key, (written, value) in own.items()
    }
    for cascade in rules.cascades:
        if cascade.matches(rules):
            for key, (written, value) in cascade.values.items():
                if key not in params:
                    params[key] = (value, written, cascade.origin)

    resolved: dict[str, tuple[dt.datetime, str, str | None]] = {}
    parsed: dict[str, dt.datetime | None] = {}  # param key → its value read as a date
    zone = rules.zone
    for name, identifiers in _date_plan(rules.dates):
        found: tuple[dt.datetime, str, str | None] | None = None
        for identifier in identifiers:
            if identifier[0] == ":":
                if identifier == ":filename":
                    moment = _filename_date(rules.filename, zone)
                    if moment is not None:
                        found = moment, ":filename", None
                        break
                elif identifier == ":filemodtime":
                    if mtime is not None:
                        found = mtime, ":fileModTime", None
                        break
                elif identifier == ":git" and rules.git_date is not None:  # enableGitInfo
                    found = rules.git_date, ":git", None
                    break
                continue  # no handler Hugo knows
            item = params.get(identifier)
            if item is None:
                continue
            value = item[0]
            if value is None or value == "":
                continue
            if identifier in parsed:
                moment = parsed[identifier]
            else:
                moment = parsed[identifier] = parse_date(value, zone)
            if moment is not None:
                found = moment, item[1], item[2]
                break
        if found is None:
            continue
        resolved[name] = found
        if name not in params:  # Hugo sets the param, so later fields fall back on this one
            params[name] = found
    now = as_of if as_of is not None else now_utc()
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    draft_value = params.get("draft")
    draft = draft_value is not None and _cast_bool(draft_value[0])
    date = resolved.get("date")
    published = resolved.get("publishdate")
    expires = resolved.get("expirydate")
    origins = {name: (written, via) for name, (_, written, via) in resolved.items()}

    unlisted = StateReason(*rules.excluded) if rules.excluded else _unlisted(params)
    if unlisted is not None:
        state, reason = PublishState.UNLISTED, unlisted
    elif draft and draft_value is not None:
        state = PublishState.DRAFT
        reason = _reason(draft_value[1], _show(draft_value[0]), draft_value[2])
    elif published is not None and published[0] > now:
        state, reason = PublishState.SCHEDULED, _date_reason(published)
    elif expires is not None and expires[0] <= now:
        state, reason = PublishState.EXPIRED, _date_reason(expires)
    else:
        state = PublishState.PUBLISHED
        reason = _date_reason(published) if published is not None else _NO_REASON
    return _verdict(
        state,
        reason,
        draft,
        date[0] if date else None,
        published[0] if published else None,
        expires[0] if expires else None,
        origins,
    )


_PLANS: dict[int, tuple[DateRules, tuple[tuple[str, tuple[str, ...]], ...], bool]] = {}


def _date_plan(dates: DateRules) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(field, identifiers) in Hugo's order for these rules, found by the rules' identity (hashing
    the rules for every row cost more than the lookup saves)."""
    return _plan_of(dates)[1]


def reads_file_time(dates: DateRules) -> bool:
    """Whether :func:`judge` can read a file's modification time under these rules (a
    ``:fileModTime`` anywhere in them): else a listing need not make it a datetime for each row."""
    return _plan_of(dates)[2]


def _plan_of(dates: DateRules) -> tuple[DateRules, tuple[tuple[str, tuple[str, ...]], ...], bool]:
    kept = _PLANS.get(id(dates))
    if kept is not None and kept[0] is dates:
        return kept
    plan = tuple((name, getattr(dates, name)) for name in DATE_FIELDS)
    made = (dates, plan, any(":filemodtime" in identifiers for _, identifiers in plan))
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(dates)] = made  # the rules are kept, so their id is not reused
    return made


def stable_interval(
    verdict: PageVerdict,
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The moments ``[from, until)`` (None: unbounded) in which :func:`judge` gives this verdict
    again for the same page and rules: its state moves only when "now" crosses the publish date or
    the expiry date (the index cache keeps a verdict for as long as it holds)."""
    state = verdict.state
    if state is PublishState.UNLISTED or state is PublishState.DRAFT:
        return None, None
    published, expires = verdict.publish_date, verdict.expiry_date
    if state is PublishState.SCHEDULED:  # now < published
        return None, published
    if state is PublishState.EXPIRED and expires is not None:  # published, expires <= now
        return (expires if published is None else max(published, expires)), None
    return published, expires  # published <= now < expires


def _date_reason(found: tuple[dt.datetime, str, str | None]) -> StateReason:
    moment, written, via = found
    return _reason(written, moment.isoformat(), via)


def _unlisted(params: Mapping[str, tuple[Any, str, str | None]]) -> StateReason | None:
    headless = params.get("headless")
    if headless is not None and _cast_bool(headless[0]):
        return StateReason(headless[1], _show(headless[0]), headless[2])
    build = params.get("build", params.get("_build"))
    if build is None:
        return None
    listing = _build_option(build[0], "list")
    if listing in ("never", "local"):
        return StateReason(f"{build[1]}.list", listing, build[2])
    return None


def rendered(own: Mapping[str, tuple[str, Any]], rules: PageRules = DEFAULT_RULES) -> bool:
    """Whether Hugo writes the page out: not when headless, nor with ``build.render`` never (its
    own or cascaded, as in Hugo's docs' ``_common`` snippets the ``include`` shortcode reads: they
    need no title). ``own`` is :func:`fold_keys` of its front matter."""

    def param(key: str) -> Any:
        if key in own:
            return own[key][1]
        for cascade in rules.cascades:
            if key in cascade.values and cascade.matches(rules):
                return cascade.values[key][1]
        return None

    headless = param("headless")
    if headless is not None and _cast_bool(headless):
        return False
    build = param("build")
    build = param("_build") if build is None else build
    return _build_option(build, "render") != "never"


# --- the simple views (Hugo's defaults, no site) -----------------------------------------------------


def first_date(metadata: Mapping[str, Any], keys: tuple[str, ...]) -> dt.datetime | None:
    """The first of ``keys`` (lower case) that holds a readable date, as an aware datetime."""
    lowered = lowered_keys(metadata)
    for key in keys:
        moment = parse_date(lowered.get(key))
        if moment is not None:
            return moment
    return None


def is_draft(metadata: Mapping[str, Any]) -> bool:
    """Hugo's cast.ToBool on ``draft``: a missing key, or anything unreadable, is false."""
    return _cast_bool(lowered_keys(metadata).get("draft"))


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def state_of(
    metadata: Mapping[str, Any], as_of: dt.datetime | None = None, rules: PageRules = DEFAULT_RULES
) -> PublishState:
    """The publish state of an article with this front matter, at ``as_of`` (default: now)."""
    return judge(metadata, as_of, rules).state
