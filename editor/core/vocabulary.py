"""What a desk's front matter usually holds: its keys by how often they occur, each key's usual kind of
value, and the strings its lists already use.

The scan records a small profile of each file (:func:`profile`: its keys with the kind of each value,
and the items of its string lists) on the summary row, so the form can offer the keys this desk
already uses first, give a new key the editor its values usually need, and complete tags from the
tags already there, without reading any file again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from editor.core.values import string_date

# The kinds of value a key can hold, as the form's editors see them.
TEXT, DATE, DATETIME, BOOL, INT, FLOAT, LIST, TABLE, OTHER = (
    "text",
    "date",
    "datetime",
    "bool",
    "int",
    "float",
    "list",
    "table",
    "other",
)
MAX_LIST_ITEMS = 50  # per list and file: a list of thousands of strings is data, not tags
MAX_ITEM_LENGTH = 80


def value_kind(value: Any) -> str:
    """The kind of a front matter value (a string that reads as a date is a date)."""
    kind = _KIND_OF_TYPE.get(type(value))  # the parsers' own types: one lookup, for every key
    if kind is not None:
        return kind
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    if isinstance(value, dt.datetime):
        return DATETIME
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, str):
        found = string_date(value)
        if found is not None:
            return DATE if found[1] else DATETIME
        return TEXT
    if isinstance(value, list):
        return LIST
    if isinstance(value, dict):
        return TABLE
    return OTHER


# What the isinstance chain of value_kind gives for a value of exactly these types.
_KIND_OF_TYPE = {
    bool: BOOL,
    int: INT,
    float: FLOAT,
    dt.datetime: DATETIME,
    dt.date: DATE,
    list: LIST,
    dict: TABLE,
}

Profile = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, tuple[str, ...]], ...]]


# Most files of a desk share a handful of shapes (the same keys with the same kinds): one tuple per
# shape keeps the rows small, and a batch pickled from a scan worker carries each shape once.
_SHAPES: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}
_MAX_SHAPES = 4096


def profile(metadata: Mapping[str, Any]) -> Profile:
    """(key, kind) for each top-level key, and (key, items) for each list of strings."""
    pairs = []
    found_lists = []
    kind_of_type = _KIND_OF_TYPE
    for key, value in metadata.items():
        kind = kind_of_type.get(type(value))
        if kind is None:
            # Most values are plain text: value_kind's answer for a str, without its chain of
            # isinstance tests before the one that matches (most of the profile's time went there).
            if type(value) is str:
                found = string_date(value)
                kind = TEXT if found is None else DATE if found[1] else DATETIME
            else:
                kind = value_kind(value)
        pairs.append((key, kind))
        if kind is LIST and value and all(isinstance(item, str) for item in value):
            found_lists.append((key, value))
    kinds = tuple(pairs)
    shared = _SHAPES.get(kinds)
    if shared is not None:
        kinds = shared
    elif len(_SHAPES) < _MAX_SHAPES:
        _SHAPES[kinds] = kinds
    if not found_lists:
        return kinds, ()
    lists = tuple(
        (
            key,
            tuple(
                item
                for item in value[:MAX_LIST_ITEMS]
                if isinstance(item, str) and item.strip() and len(item) <= MAX_ITEM_LENGTH
            ),
        )
        for key, value in found_lists
    )
    return kinds, lists


@dataclass
class Vocabulary:
    """Counts over a desk's summaries (or any profiles)."""

    files: int = 0
    key_counts: Counter[str] = field(default_factory=Counter)
    kind_counts: dict[str, Counter[str]] = field(default_factory=dict)
    item_counts: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, profiles: Iterable[Profile]) -> Vocabulary:
        vocabulary = cls()
        for kinds, lists in profiles:
            vocabulary.add(kinds, lists)
        return vocabulary

    def add(
        self, kinds: Iterable[tuple[str, str]], lists: Iterable[tuple[str, tuple[str, ...]]]
    ) -> None:
        self.files += 1
        for key, kind in kinds:
            self.key_counts[key] += 1
            self.kind_counts.setdefault(key, Counter())[kind] += 1
        for key, items in lists:
            self.item_counts.setdefault(key, Counter()).update(set(items))

    def keys(self, exclude: Iterable[str] = ()) -> list[tuple[str, int]]:
        """The keys in use, most frequent first (ties by name), without ``exclude`` (case-blind)."""
        skip = {key.lower() for key in exclude}
        return sorted(
            ((key, count) for key, count in self.key_counts.items() if key.lower() not in skip),
            key=lambda pair: (-pair[1], pair[0].lower()),
        )

    def usual_kind(self, key: str) -> str | None:
        """The kind most of ``key``'s values have (None for a key the desk does not use)."""
        counts = self.kind_counts.get(key)
        if not counts:
            return None
        # A key holding dates in some files and plain text in others is a date key; ties go to
        # the richer editor (date before text).
        order = (DATETIME, DATE, BOOL, INT, FLOAT, LIST, TEXT, TABLE, OTHER)
        return max(counts, key=lambda kind: (counts[kind], -order.index(kind)))

    def items(self, key: str) -> list[str]:
        """The strings ``key``'s lists use across the desk, most frequent first."""
        counts = self.item_counts.get(key, Counter())
        return [
            item for item, _count in sorted(counts.items(), key=lambda p: (-p[1], p[0].casefold()))
        ]

    def all_items(self) -> list[str]:
        """Every list string of every key, most frequent first (for a list key the desk lacks)."""
        total: Counter[str] = Counter()
        for counts in self.item_counts.values():
            total.update(counts)
        return [
            item for item, _count in sorted(total.items(), key=lambda p: (-p[1], p[0].casefold()))
        ]


def default_value(kind: str | None, now: dt.datetime | None = None) -> Any:
    """What a newly added field of ``kind`` starts with (None: an empty field, staged on typing)."""
    moment = (now or dt.datetime.now(dt.UTC).astimezone()).replace(microsecond=0)
    return {
        BOOL: False,
        INT: 0,
        FLOAT: 0.0,
        LIST: [],
        DATETIME: moment,
        DATE: moment.date(),
    }.get(kind or TEXT)
