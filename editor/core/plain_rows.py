"""``list --json``'s row of a plain article in one call: the cold listing's common case.

A reader of ``list --json --no-cache`` made each row through the general path (facts, page rules,
:func:`state.judge`, the row's nineteen values, :func:`index.json_document`): six objects and a
dozen calls a file that the JSON text never shows, about a fifth of a reader's ~45 µs a row.
:func:`json_row` makes the same ``(relpath, state, JSON text)`` straight from the front matter
for the usual article and the usual page, and answers None for anything else, which then takes the
general path (:func:`packed_rows.json_rows`). It reads and parses through the one reader
(:func:`files.read_regular`, :func:`frontmatter.read_values`: the same guards and errors) and only
judges where :func:`state.judge` would go straight through:

* the page has no cascade over it, is not left out of the build (``disableKinds``,
  ``ignoreFiles``) and has no ``:git`` date; its date rules read front matter keys only (no
  ``:filename``, ``:fileModTime``, nor a handler Hugo does not know);
* the front matter sets none of ``headless``, ``build``, ``_build`` (the unlisted rules);
* the file is a regular one the walk saw, it reads and parses (in any of the three formats),
  and orjson encodes the row.

Where it answers, the answer is the general path's, byte for byte:
tests/core/test_plain_rows.py checks it against that path on generated front matter (every date
key in every case, dates of every kind and zone, drafts as booleans, strings and numbers) under
generated site rules (``timeZone``, ``[frontmatter]`` lists, cascades, languages) and clocks, and on
every file the tests' desks hold. A change to :func:`state.judge` or :func:`index.json_document`
must be made here too: that test fails until it is.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError, read_values
from editor.core.hugo_keys import fold_and_pick
from editor.core.index import _text, _unreadable_date
from editor.core.state import _cast_bool, _date_plan, _show
from editor.core.values import parse_date

try:  # verdicts.document_bytes's encoder: without it every row takes the general path
    import orjson
except ImportError:  # pragma: no cover - depends on the installation
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from editor.core.site_rules import SiteRules

JsonRow = tuple[str, str, bytes]  # relpath, state, JSON text (packed_rows.JsonRow)

_EMPTY = ("", None)  # a missing key's (written, value): its text is ""
_UNLISTED_KEYS = ("headless", "build", "_build")  # state._unlisted reads these
_OPTION = orjson.OPT_INDENT_2 if orjson is not None else 0


def plain_plan(rules: SiteRules) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The site's date plan (:func:`state._date_plan`) as :func:`json_row` judges by it, or
    None when it cannot (then every row takes the general path): each identifier must be a front
    matter key, or ``:git``, which :func:`state.judge` passes by on a page without a git date
    (the only pages :func:`json_row` takes), so it is left out. So is a date the row never shows
    and no later date falls back on (``lastmod``, by Hugo's defaults): judging it changes nothing
    here."""
    if orjson is None:  # pragma: no cover
        return None
    plan = _date_plan(rules.site.dates)
    kept = []
    for index, (name, identifiers) in enumerate(plan):
        if any(identifier[:1] == ":" and identifier != ":git" for identifier in identifiers):
            return None
        later = {identifier for _, after in plan[index + 1 :] for identifier in after}
        if name in _SHOWN_DATES or name in later:
            kept.append((name, tuple(key for key in identifiers if key != ":git")))
    return tuple(kept)


_SHOWN_DATES = frozenset({"date", "publishdate", "expirydate"})  # the row's dates and its state's


def json_row(
    path: str,
    relpath: str,
    now: dt.datetime,
    rules: SiteRules,
    keys: frozenset[str],
    plan: tuple[tuple[str, tuple[str, ...]], ...],
) -> JsonRow | None:
    """The row of the regular file ``path`` as :func:`packed_rows.json_rows` sends it, or None
    where this is not the common case (see the module docstring). ``now``: the listing's aware
    moment; ``keys``: :func:`index.desk_judged_keys`; ``plan``: :func:`plain_plan`."""
    try:
        data, _ = read_regular(path, regular=True)
        metadata = read_values(data)
    except (OSError, FrontMatterError):
        return None  # the general path makes the error row
    shared = rules.folder_zone(path.rpartition(os.sep)[0])  # a walk's path: page_rules' parent
    if shared is not None:
        zone, language = shared[0], ""
    else:
        page, language = rules.page_rules(path)
        if page.cascades or page.excluded is not None or page.git_date is not None:
            return None
        zone = page.zone
    folded, params = fold_and_pick(metadata, keys)  # params: key -> (written, value)
    for unlisted in _UNLISTED_KEYS:
        if unlisted in params:
            return None
    error: str | None = _unreadable_date(folded)
    # state.judge's date loop without cascades: each identifier's value read once, and a date
    # found set as the param of its name, so later dates fall back on it as Hugo's do.
    resolved: dict[str, tuple[dt.datetime, str]] = {}
    parsed: dict[str, dt.datetime | None] = {}
    for name, identifiers in plan:
        for identifier in identifiers:
            item = params.get(identifier)
            if item is None:
                continue
            value = item[1]
            if value is None or value == "":
                continue
            if identifier in parsed:
                moment = parsed[identifier]
            else:
                moment = parsed[identifier] = parse_date(value, zone)
            if moment is not None:
                resolved[name] = found = (moment, item[0])
                if name not in params:
                    params[name] = (found[1], found[0])
                break
    draft_value = params.get("draft")
    draft = draft_value is not None and _cast_bool(draft_value[1])
    date = resolved.get("date")
    published = resolved.get("publishdate")
    expires = resolved.get("expirydate")
    date_text = date[0].isoformat() if date is not None else None
    published_text = (  # the date itself where publishDate fell back on it: written once
        None
        if published is None
        else date_text
        if date is not None and published[0] is date[0]
        else published[0].isoformat()
    )
    key: str | None
    shown: str | None
    if draft and draft_value is not None:
        state, key, shown = "draft", draft_value[0], _show(draft_value[1])
    elif published is not None and published[0] > now:
        state, key, shown = "scheduled", published[1], published_text
    elif expires is not None and expires[0] <= now:
        state, key, shown = "expired", expires[1], expires[0].isoformat()
    elif published is not None:
        state, key, shown = "published", published[1], published_text
    else:
        state, key, shown = "published", None, None
    if error is not None:
        state = "invalid"
        text = error
    elif key:  # StateReason.describe, with no cascade
        text = f"{state}: {key}" + (f" {shown}" if shown is not None else "")
    else:
        text = state
    document: dict[str, Any] = {  # index.json_document's keys, in its order
        "path": relpath,
        "title": _text(folded.get("title", _EMPTY)[1]),
        "date": date_text,
        "publish_date": date_text if published is None else published_text,
        "draft": draft,
        "state": state,
        "source": _text(folded.get("source", _EMPTY)[1]),
        "source_link": _text(folded.get("source_link", _EMPTY)[1]),
        "enclosure": _text(folded.get("enclosure", _EMPTY)[1]),
        "error": error,
        "state_key": key,
        "reason": {"key": key, "value": shown, "via": None, "text": text},
        "language": language or None,
    }
    try:  # verdicts.document_bytes
        encoded = orjson.dumps(document, option=_OPTION)
    except TypeError:
        return None  # a lone surrogate: the general path packs the row
    return relpath, state, encoded.replace(b"\n", b"\n  ")
