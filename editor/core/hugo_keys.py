"""Front matter keys as Hugo reads them: which keys are dates and state, and how keys fold.

Hugo lower-cases front matter keys, so ``PublishDate`` and ``publishdate`` are one key to it (the
one not in lower case winning). Everything that reads front matter the way Hugo does folds keys
here: the state rules (state.py), the cascades (cascade.py), the site config (site.py), the checks,
the desk's edits. It is the bottom of those modules, importing none of them, which is why it is
apart from state.py: cascade.py needs the folding and state.py needs the cascades.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PUBLISH_DATE_KEYS = ("publishdate", "pubdate", "published", "date")
EXPIRY_DATE_KEYS = ("expirydate", "unpublishdate")
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
# Every key Hugo reads as a date (lower case): a value it cannot read there stops the build.
ALL_DATE_KEYS = DATE_KEYS + EXPIRY_DATE_KEYS
# The keys a cascade can set that change a page's state.
STATE_KEYS = frozenset({"draft", "build", "_build", "headless", *ALL_DATE_KEYS})


def fold_keys(metadata: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """lower-case key → (key as written, value), for the key Hugo reads.

    Hugo lower-cases front matter keys (maps.PrepareParams): a key that is not all lower case moves
    onto the lower-case one, so ``PublishDate`` wins over ``publishdate`` wherever each is written.
    This is the one home of that rule (:func:`fold_and_pick`); :func:`lowered_keys` and
    :func:`hugo_key` are views of it.
    """
    return fold_and_pick(metadata, _NO_KEYS)[0]


_NO_KEYS: frozenset[str] = frozenset()


def fold_and_pick(
    metadata: Mapping[str, Any], wanted: frozenset[str]
) -> tuple[dict[str, tuple[str, Any]], dict[str, tuple[str, Any]]]:
    """:func:`fold_keys`, and the part of it whose keys are in ``wanted`` (in the same order), in
    one pass: a listing keeps the keys the state is judged from for every file it reads."""
    found: dict[str, tuple[str, Any]] = {}
    picked: dict[str, tuple[str, Any]] = {}
    for key, value in metadata.items():
        text = key if type(key) is str else str(key)  # a parser's keys are str: no call for them
        lower = text.lower()
        if lower not in found or text != lower:
            found[lower] = item = (text, value)
            if lower in wanted:
                picked[lower] = item
    return found, picked


def lowered_keys(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata as Hugo sees it: keys in lower case, a key not in lower case winning."""
    return {lower: value for lower, (_, value) in fold_keys(metadata).items()}


def hugo_key(metadata: Mapping[str, Any], name: str) -> str | None:
    """The key of ``metadata`` whose value Hugo reads for ``name`` (lower case), or None."""
    found = fold_keys(metadata).get(name)
    return found[0] if found is not None else None
