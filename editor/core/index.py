"""The folder index: one summary row per article file, streamed in batches.

Reading uses the fast parsers only (:mod:`editor.core.fast_parsers`); nothing here writes. A file that
cannot be read still gets a row, with state ``invalid`` and the reason in ``error``. A row is made from
the file's :class:`RowFacts` (what it says, apart from the clock and the site's rules) and the rules, so
the index cache (:mod:`editor.core.cache`) keeps the facts and the state is always decided now.

The files are the desk walk's (:mod:`editor.core.walk`: what Hugo reads as pages). Each row's state
follows the site's rules (``cascade``, ``[frontmatter]`` dates, ``timeZone``, ``build``), with the
reason that decided it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.errors import describe_error
from editor.core.files import kind_problem, read_regular
from editor.core.frontmatter import FrontMatterError, read_values
from editor.core.hugo_keys import ALL_DATE_KEYS, fold_and_pick
from editor.core.shared_values import NO_REASON, share_reason, shared_text
from editor.core.site import (
    desk_for,
    site_for_desk,
)
from editor.core.site_rules import SiteRules
from editor.core.slot_builder import builder
from editor.core.state import (
    DEFAULT_RULES,
    PageRules,
    PageVerdict,
    PublishState,
    StateReason,
    judge,
    judged_keys,
    reads_file_time,
)
from editor.core.values import date_problem
from editor.core.vocabulary import Profile, profile

if TYPE_CHECKING:
    from editor.core.article import Article


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list."""

    path: str  # relative to the root, "/"-separated
    title: str
    date: dt.datetime | None
    draft: bool
    state: PublishState
    source: str
    source_link: str
    enclosure: str
    summary: str = ""
    error: str | None = None
    mtime_ns: int = 0
    size: int = 0
    # False when the front matter could not be read at all; an invalid row with a date Hugo cannot
    # read is still readable (its draft flag is known, and publish or draft can change it).
    readable: bool = True
    reason: StateReason = NO_REASON  # which key decided the state, and through which cascade
    language: str = ""  # the page's language where the site is multilingual
    # The date Hugo publishes on (publishDate, falling back to date), and the key (lower case) it
    # came from: what the list's Date column shows.
    publish_date: dt.datetime | None = None
    date_key: str = ""
    # The file's keys with the kind of each value, and its lists of strings (vocabulary.profile):
    # what the form offers when adding a field or completing a tag.
    fields: tuple[tuple[str, str], ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def why(self) -> str:
        """The state and its reason for a person: "scheduled: publishDate 2031-02-10T00:00:00+00:00"."""
        return self.error or self.reason.describe(self.state)

    def to_json(self) -> dict[str, Any]:
        return json_document(_FIELDS_OF(self))


def json_document(values: RowValues) -> dict[str, Any]:
    """The ``list --json`` element of the row with these fields (in the dataclass's order, as
    :func:`judged_values` gives them): a reader process encodes it without building the row."""
    (path, title, date, draft, state, source, source_link, enclosure, _, error) = values[:10]
    reason: StateReason = values[13]
    publish_date = values[15]
    shown = date.isoformat() if date else None
    return {
        "path": path,
        "title": title,
        "date": shown,
        # Without a publishDate, the date Hugo publishes on is the date itself: written once.
        "publish_date": (
            shown if publish_date is date else publish_date.isoformat() if publish_date else None
        ),
        "draft": draft,
        "state": str(state),  # a StrEnum's str is its value: 0.05 µs, .value 0.2–0.5
        "source": source,
        "source_link": source_link,
        "enclosure": enclosure,
        "error": error,
        "state_key": reason.key,
        "reason": {
            "key": reason.key,
            "value": reason.value,
            "via": reason.via,
            "text": error or reason.describe(state),
        },
        "language": values[14] or None,
    }


# Every field of a row, in order: ArticleSummary.to_json reads them as json_document's values.
_FIELDS_OF = attrgetter(*(item.name for item in fields(ArticleSummary)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What a file says, apart from the clock and the site's rules: a row is made from it."""

    readable: bool
    title: str = ""
    source: str = ""
    source_link: str = ""
    enclosure: str = ""
    summary: str = ""
    error: str | None = None
    # What state.judge reads: the folded keys it can read (STATE_KEYS and the site's date keys).
    judged: dict[str, tuple[str, Any]] = field(default_factory=dict)
    profile: Profile = ((), ())  # vocabulary.profile: the keys' kinds, the lists of strings


NO_PROFILE: Profile = ((), ())
_facts = builder(RowFacts)


def desk_judged_keys(rules: SiteRules | None = None) -> frozenset[str]:
    """:func:`state.judged_keys` for a desk's site (its own [frontmatter] dates)."""
    return judged_keys(rules.site.dates if rules is not None else None)


def facts_of_metadata(
    metadata: dict[str, Any], keys: frozenset[str] | None = None, *, profiled: bool = True
) -> RowFacts:
    """The facts of a readable file with this front matter (``keys``: :func:`judged_keys`).

    ``profiled=False`` leaves out the vocabulary profile: ``list --json`` writes none of it, and it
    cost a tenth of a reader's time per row."""
    folded, judged = fold_and_pick(metadata, judged_keys() if keys is None else keys)
    empty = ("", "")  # a missing key's text is ""
    return _facts(  # every field, in order, slot by slot (slot_builder)
        True,
        _text(folded.get("title", empty)[1]),
        _text(folded.get("source", empty)[1]),
        _text(folded.get("source_link", empty)[1]),
        _text(folded.get("enclosure", empty)[1]),
        _text(folded.get("summary", empty)[1]),
        _unreadable_date(folded),
        judged,
        profile(metadata) if profiled else NO_PROFILE,
    )


def summary_of_facts(
    relpath: str,
    facts: RowFacts,
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
    rules: PageRules = DEFAULT_RULES,
    language: str = "",
) -> ArticleSummary:
    """The list row of a file with these facts, at ``as_of`` by ``rules``: the one place a row is
    made, from a fresh parse or from the index cache alike."""
    values, _verdict = judged_values(
        relpath, facts, as_of, mtime_ns=mtime_ns, size=size, rules=rules, language=language
    )
    return ArticleSummary(*values)


# The fields of an ArticleSummary in their order, as judged_values gives them: a reader process
# sends rows back in this shape (editor.core.packed_rows), cheaper to pickle than the dataclass.
RowValues = tuple[Any, ...]


def judged_row(
    relpath: str,
    facts: RowFacts,
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
    rules: PageRules = DEFAULT_RULES,
    language: str = "",
) -> tuple[ArticleSummary, PageVerdict | None]:
    """:func:`summary_of_facts`'s row and the verdict it was judged by (None for a file that could
    not be read: its row depends on neither the clock nor the rules), for the index cache."""
    values, verdict = judged_values(
        relpath, facts, as_of, mtime_ns=mtime_ns, size=size, rules=rules, language=language
    )
    return ArticleSummary(*values), verdict


def judged_values(
    relpath: str,
    facts: RowFacts,
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
    rules: PageRules = DEFAULT_RULES,
    language: str = "",
) -> tuple[RowValues, PageVerdict | None]:
    """The row's fields (in the dataclass's order) and the verdict that decided them."""
    if not facts.readable:
        return _invalid_values(relpath, facts.error or "", mtime_ns, size), None
    mtime = None  # a datetime only where the rules can read it (a third of a µs a row)
    if mtime_ns and reads_file_time(rules.dates):
        mtime = dt.datetime.fromtimestamp(mtime_ns / 1e9, dt.UTC)
    verdict = judge({}, as_of, rules, mtime=mtime, folded=facts.judged)
    state = PublishState.INVALID if facts.error is not None else verdict.state
    publish_date = verdict.publish_date or verdict.date
    origin = verdict.origins.get("publishdate" if verdict.publish_date else "date")
    date_key = shared_text(origin[0].lower()) if origin and publish_date is not None else ""
    fields, lists = facts.profile
    values = (
        relpath,  # path
        facts.title,
        verdict.date,
        verdict.draft,
        state,
        shared_text(facts.source),
        facts.source_link,
        facts.enclosure,
        facts.summary,
        facts.error,
        mtime_ns,
        size,
        True,  # readable
        share_reason(verdict.reason),
        shared_text(language),
        publish_date,
        date_key,
        fields,
        lists,
    )
    return values, verdict


def summarize_metadata(
    relpath: str,
    metadata: dict[str, Any],
    as_of: dt.datetime | None = None,
    *,
    mtime_ns: int = 0,
    size: int = 0,
    rules: PageRules = DEFAULT_RULES,
    language: str = "",
) -> ArticleSummary:
    """The list row for a file with this front matter; keys are read the way Hugo reads them.

    ``rules`` are the site's and the file's place in it (:meth:`SiteRules.page_rules`).
    """
    facts = facts_of_metadata(metadata, judged_keys(rules.dates))
    return summary_of_facts(
        relpath,
        facts,
        as_of,
        mtime_ns=mtime_ns,
        size=size,
        rules=rules,
        language=language,
    )


def summary_of(article: Article, rules: SiteRules | None = None) -> ArticleSummary:
    """The list row of a freshly loaded or saved article, by the desk's ``rules`` (cascades, dates),
    without reading the file again.

    The window passes the rules its scan was listed by (:class:`~editor.core.site_rules.DeskRules`),
    so the row says what the scan's row said; without them (the CLI) they are read for the file.
    """
    return summary_for(
        article.path,
        article.relpath,
        article.metadata,
        mtime_ns=article.fingerprint.mtime_ns,
        size=article.fingerprint.size,
        rules=rules,
    )


def _unreadable_date(folded: dict[str, tuple[str, Any]]) -> str | None:
    """Why Hugo would stop the site's build on this file's dates, if it would (the first key)."""
    for lower in ALL_DATE_KEYS:
        if lower in folded:
            problem = date_problem(*folded[lower])
            if problem is not None:
                return problem
    return None


def summarize(
    root: Path, path: Path, as_of: dt.datetime | None = None, rules: SiteRules | None = None
) -> ArticleSummary:
    """Read one file into a summary row, by the rules of the desk at ``root``; never raises."""
    site_rules = rules if rules is not None else desk_rules(root)
    relpath = path.relative_to(root).as_posix()
    return _summarize_inside(str(root), str(path), relpath, as_of, site_rules)


def summary_for(
    path: Path | str,
    relpath: str,
    metadata: dict[str, Any],
    *,
    mtime_ns: int = 0,
    size: int = 0,
    as_of: dt.datetime | None = None,
    rules: SiteRules | None = None,
) -> ArticleSummary:
    """The row ``relpath`` for the file at ``path`` with this front matter, by the desk's ``rules``
    (read for the file's own desk when not given): for a file just loaded or saved, without reading
    it again."""
    where = Path(path).resolve()
    site_rules = rules if rules is not None else desk_rules(desk_for(where)[0])
    page_rules, language = site_rules.page_rules(where)
    return summarize_metadata(
        relpath,
        metadata,
        as_of,
        mtime_ns=mtime_ns,
        size=size,
        rules=page_rules,
        language=language,
    )


def desk_rules(root: Path | str) -> SiteRules:
    """The rules of the pages of a desk opened at ``root`` (reads the site's config)."""
    return SiteRules(site_for_desk(root), root)


def _file_values(
    path: str,
    relpath: str,
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: bool = False,
    profiled: bool = True,
) -> RowValues:
    facts, info, _ = read_facts(path, desk_judged_keys(rules), regular=regular, profiled=profiled)
    mtime_ns = info.st_mtime_ns if info else 0
    size = info.st_size if info else 0
    if not facts.readable:
        return judged_values(relpath, facts, mtime_ns=mtime_ns, size=size)[0]
    page_rules, language = rules.page_rules(path)  # it makes the path absolute
    return judged_values(
        relpath, facts, as_of, mtime_ns=mtime_ns, size=size, rules=page_rules, language=language
    )[0]


def read_facts(
    path: str, keys: frozenset[str] | None = None, *, regular: bool = False, profiled: bool = True
) -> tuple[RowFacts, os.stat_result | None, bool]:
    """(facts, status of the file read, whether the facts may be cached); never raises.

    The status is that of the bytes parsed. An unreadable file keeps its real modification time and
    size (when it has them), so a rescan sees that it is unchanged without reading it again; a file
    that vanished or could not be opened is never cached. ``regular``: the walk saw a regular file
    there (:func:`files.read_regular`); ``profiled``: see :func:`facts_of_metadata`.
    """
    info: os.stat_result | None = None
    try:
        data, info = read_regular(path, regular=regular)
        metadata = read_values(data)
    except FrontMatterError as error:  # a pipe or folder has no bytes read, but a time and size
        facts = RowFacts(readable=False, error=describe_error(error))
        return facts, info or _stat(path), info is not None  # cached only when bytes were read
    except FileNotFoundError:
        return RowFacts(readable=False, error="The file no longer exists"), None, False
    except OSError as error:
        return RowFacts(readable=False, error=describe_error(error)), info or _stat(path), False
    return facts_of_metadata(metadata, keys, profiled=profiled), info, True


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _invalid(relpath: str, reason: str, info: os.stat_result | None = None) -> RowValues:
    return _invalid_values(
        relpath, reason, info.st_mtime_ns if info else 0, info.st_size if info else 0
    )


def _invalid_values(relpath: str, reason: str, mtime_ns: int, size: int) -> RowValues:
    # The file's real modification time and size (when it has them) let a rescan see that an
    # unreadable file is unchanged, without reading it again.
    return (
        relpath,
        "",
        None,
        False,
        PublishState.INVALID,
        "",
        "",
        "",
        "",
        reason,
        mtime_ns,
        size,
        False,  # readable
        NO_REASON,
        "",
        None,
        "",
        (),
        (),
    )


def _summarize_chunk(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: Sequence[bool] | None = None,
) -> list[ArticleSummary]:
    """The rows of ``paths`` below ``root``; ``regular[i]``: the walk saw a regular file (not a
    link) at ``paths[i]`` (:func:`editor.core.walk.regular_flags`), so it is read without checking
    that first."""
    cut = len(root) + 1
    if regular is None:
        regular = [False] * len(paths)
    return [
        ArticleSummary(
            *_values_inside(root, path, path[cut:].replace(os.sep, "/"), as_of, rules, plain)
        )
        for path, plain in zip(paths, regular, strict=True)
    ]


def _summarize_inside(
    root: str,
    path: str,
    relpath: str,
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: bool = False,
) -> ArticleSummary:
    """A row for ``path``; a symbolic link to a file outside ``root`` is listed, never read."""
    return ArticleSummary(*_values_inside(root, path, relpath, as_of, rules, regular))


def _values_inside(
    root: str,
    path: str,
    relpath: str,
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: bool = False,
    profiled: bool = True,
) -> RowValues:
    if not regular and links_outside(root, path):
        return _invalid(relpath, outside_link_reason(path))
    return _file_values(path, relpath, as_of, rules, regular, profiled)


OUTSIDE_LINK = "This is a link to a file outside the folder; Copydesk does not open it"


def outside_link_reason(path: str | Path) -> str:
    """Why a link out of the folder is not read: what it points to (a device, say), if that is
    not a regular file, else that it leads outside. The target itself is never opened."""
    return kind_problem(path) or OUTSIDE_LINK


def links_outside(root: str | Path, path: str | Path) -> bool:
    """Whether ``path`` is a symbolic link whose target lies outside ``root``."""
    if not os.path.islink(path):
        return False
    real_root = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), real_root]) != real_root
