"""Publish state by Hugo's rules.

Hugo reads front matter keys case-insensitively and takes each date from the first key of a list that
is set (its default ``[frontmatter]`` configuration):

* ``publishDate``: publishdate, pubdate, published, date
* ``expiryDate``: expirydate, unpublishdate

A page is a draft when ``draft`` is true; otherwise it is *future* (scheduled) when its publish date is
after now, *expired* when its expiry date is before now, and published otherwise. "Now" can be moved,
like ``hugo --clock``, to review an embargo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from editor.core.values import parse_date

PUBLISH_DATE_KEYS = ("publishdate", "pubdate", "published", "date")
EXPIRY_DATE_KEYS = ("expirydate", "unpublishdate")
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
# Every key Hugo reads as a date (lower case): a value it cannot read there stops the build.
ALL_DATE_KEYS = DATE_KEYS + EXPIRY_DATE_KEYS


class PublishState(StrEnum):
    """Where an article stands for readers."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    EXPIRED = "expired"
    INVALID = "invalid"


def hugo_key(metadata: Mapping[str, Any], name: str) -> str | None:
    """The key of ``metadata`` whose value Hugo reads for ``name`` (lower case), or None.

    Hugo lower-cases front matter keys (maps.PrepareParams): a key that is not all lower case moves
    onto the lower-case one, so ``PublishDate`` wins over ``publishdate`` wherever each is written.
    """
    found = None
    for key in metadata:
        text = str(key)
        if text.lower() == name and (found is None or text != name):
            found = key
    return found


def lowered_keys(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata as Hugo sees it: keys in lower case, a key not in lower case winning."""
    return _lowered(metadata)


def _lowered(metadata: Mapping[str, Any]) -> dict[str, Any]:
    lowered: dict[str, Any] = {}
    for key, value in metadata.items():
        text = str(key)
        lower = text.lower()
        if lower not in lowered or text != lower:
            lowered[lower] = value
    return lowered


def first_date(metadata: Mapping[str, Any], keys: tuple[str, ...]) -> dt.datetime | None:
    """The first of ``keys`` (lower case) that holds a readable date, as an aware datetime."""
    return _first_date(_lowered(metadata), keys)


def _first_date(lowered: Mapping[str, Any], keys: tuple[str, ...]) -> dt.datetime | None:
    return first_dated_key(lowered, keys)[1]


def first_dated_key(
    lowered: Mapping[str, Any], keys: tuple[str, ...]
) -> tuple[str | None, dt.datetime | None]:
    """(the first of ``keys`` that holds a readable date, that date), for metadata already folded by
    :func:`lowered_keys`; (None, None) when none does."""
    for key in keys:
        moment = parse_date(lowered.get(key))
        if moment is not None:
            return key, moment
    return None, None


def is_draft(metadata: Mapping[str, Any]) -> bool:
    """Hugo's cast.ToBool on ``draft``: a missing key, or anything unreadable, is false."""
    return _is_draft(_lowered(metadata))


def _is_draft(lowered: Mapping[str, Any]) -> bool:
    value = lowered.get("draft")
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip() in ("1", "t", "T", "TRUE", "true", "True")
    return False


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def state_of(metadata: Mapping[str, Any], as_of: dt.datetime | None = None) -> PublishState:
    """The publish state of an article with this front matter, at ``as_of`` (default: now)."""
    return state_of_lowered(_lowered(metadata), as_of)


def state_of_lowered(lowered: Mapping[str, Any], as_of: dt.datetime | None = None) -> PublishState:
    """:func:`state_of` for metadata whose keys were already folded by :func:`lowered_keys`."""
    if _is_draft(lowered):
        return PublishState.DRAFT
    now = as_of if as_of is not None else now_utc()
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    published = _first_date(lowered, PUBLISH_DATE_KEYS)
    if published is not None and published > now:
        return PublishState.SCHEDULED
    expires = _first_date(lowered, EXPIRY_DATE_KEYS)
    if expires is not None and expires <= now:
        return PublishState.EXPIRED
    return PublishState.PUBLISHED


def facts_of_lowered(
    lowered: Mapping[str, Any], as_of: dt.datetime | None = None
) -> tuple[bool, dt.datetime | None, PublishState]:
    """(draft, display date, state) for metadata already folded by :func:`lowered_keys`, in one pass.

    The display date is the one Hugo judges the state by: the publish date, falling back along
    :data:`PUBLISH_DATE_KEYS` to ``date`` (:func:`first_dated_key` says which key gave it).
    """
    state = state_of_lowered(lowered, as_of)
    draft = state is PublishState.DRAFT  # state_of_lowered checks the draft flag first
    return draft, _first_date(lowered, PUBLISH_DATE_KEYS), state
