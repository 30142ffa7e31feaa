"""Rows as plain tuples for the trip back from a reader process.

A reader process (:mod:`editor.core.pool`) sends each batch of rows back pickled. An
:class:`~editor.core.index.ArticleSummary` pickles through the dataclass's ``__getstate__`` (which
calls ``dataclasses.fields`` for every row) and unpickles through a Python ``__setstate__``: measured
on the seed, 2.3 µs to pickle and 3.1 µs to unpickle a row, against 0.4 µs both ways for a tuple of
its values, and the reader never builds the dataclass at all. The listing's one process then builds
each row from its tuple (:func:`unpack`), as it would have unpickled it.

The tuple is :func:`index.judged_values`'s, with the two values that pickle slowly made plain: the
state becomes its text and the reason its three fields.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from editor.core.index import (
    ArticleSummary,
    RowValues,
    _values_inside,
    desk_judged_keys,
    json_document,
)
from editor.core.plain_rows import json_row, plain_plan
from editor.core.shared_values import NO_REASON, shared_reason, shared_text
from editor.core.site_rules import SiteRules
from editor.core.state import PublishState, StateReason

_SOURCE = 5  # the texts few rows differ in: one copy each (shared_values.shared_text)
_LANGUAGE = 14
_DATE_KEY = 16

_STATE = 4  # where the state and the reason sit in a row's values
_REASON = 13
_STATES = {state.value: state for state in PublishState}

Packed = tuple[Any, ...]


def pack(values: RowValues) -> Packed:
    """A row's values with the state as text and the reason as ``(key, value, via)`` (or None)."""
    reason: StateReason = values[_REASON]
    plain = None if reason == NO_REASON else (reason.key, reason.value, reason.via)
    return (
        *values[:_STATE],
        str(values[_STATE]),  # the state's value (StrEnum), without the slow .value
        *values[_STATE + 1 : _REASON],
        plain,
        *values[_REASON + 1 :],
    )


def unpack(packed: Packed) -> ArticleSummary:
    """The row :func:`pack` was given, equal field for field.

    Built the way unpickling builds a dataclass (a new object, each slot set through its
    descriptor), without the frozen ``__init__``'s ``object.__setattr__`` per field: 1.6 µs a row
    against 2.4, in the one process that receives every row. ArticleSummary has no
    ``__post_init__``, so the two ways give the same object.
    """
    row = _row_of(packed)
    _ROW_SLOTS[_STATE](row, _STATES[packed[_STATE]])
    plain = packed[_REASON]
    _ROW_SLOTS[_REASON](row, NO_REASON if plain is None else shared_reason(*plain))
    for slot in (_SOURCE, _LANGUAGE, _DATE_KEY):
        _ROW_SLOTS[slot](row, shared_text(packed[slot]))
    return row


def _row_of(values: Sequence[Any]) -> ArticleSummary:
    """The row with these fields, set slot by slot (as unpickling does: see :func:`unpack`)."""
    row = _new(ArticleSummary)
    for set_slot, value in zip(_ROW_SLOTS, values, strict=True):
        set_slot(row, value)
    return row


_new = object.__new__
_ROW_SLOTS = [ArticleSummary.__dict__[field.name].__set__ for field in fields(ArticleSummary)]


# The desk's rules in a reader process, set once as it starts (:func:`adopt_rules`): sent with each
# task, a fresh copy would read each folder's cascades again for every batch.
_READER_RULES: list[SiteRules] = []


def adopt_rules(rules: SiteRules) -> None:
    """Keep ``rules`` for the tasks of this reader process (the pool's ``setup``)."""
    _READER_RULES[:] = [rules]


def summarize_with_adopted(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    regular: Sequence[bool] | None = None,
) -> list[Packed]:
    """:func:`summarize_packed` by the rules this reader adopted."""
    return summarize_packed(root, paths, as_of, _READER_RULES[0], regular)


def summarize_packed(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: Sequence[bool] | None = None,
) -> list[Packed]:
    """What ``index._summarize_chunk`` gives, packed: the work a reader process does per batch."""
    cut = len(root) + 1
    flags = regular if regular is not None else [False] * len(paths)
    return [
        pack(_values_inside(root, path, path[cut:].replace(os.sep, "/"), as_of, rules, plain))
        for path, plain in zip(paths, flags, strict=True)
    ]


# --- rows for ``list --json`` ------------------------------------------------------------------------
# For ``list --json --no-cache`` a reader sends each row's JSON text ready, as the index cache
# keeps it (:func:`verdicts.row_bytes`): the listing's one process then only walks and writes, no
# longer rebuilding each row and encoding it while the readers wait for a core (measured at 100k:
# the main process's CPU 1.76 s before, 0.70 s with this and its collector paused). A row orjson
# refuses (a lone surrogate) comes packed.

JsonRow = tuple[str, str, bytes]  # relpath, state, JSON text: cached_scan.JsonRow's first and last


def json_with_adopted(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    regular: Sequence[bool] | None = None,
) -> list[JsonRow | Packed]:
    """:func:`json_rows` by the rules this reader adopted."""
    return json_rows(root, paths, as_of, _READER_RULES[0], regular)


def json_rows(
    root: str,
    paths: list[str],
    as_of: dt.datetime | None,
    rules: SiteRules,
    regular: Sequence[bool] | None = None,
) -> list[JsonRow | Packed]:
    """Each row of ``paths`` as ``(relpath, state, JSON text)``, or packed (:func:`pack`) where
    orjson cannot encode it; :func:`from_reader` makes either what the listing yields. The rows
    have no vocabulary profile (``list --json`` writes none)."""
    from editor.core.verdicts import document_bytes  # the one encoder of list --json

    cut = len(root) + 1
    flags = regular if regular is not None else [False] * len(paths)
    rows: list[JsonRow | Packed] = []
    # The usual article's row in one call (plain_rows), where the listing's moment is known.
    now = as_of if as_of is not None and as_of.tzinfo is not None else None
    plan = plain_plan(rules) if now is not None else None
    keys = desk_judged_keys(rules)
    for path, plain in zip(paths, flags, strict=True):
        relpath = path[cut:].replace(os.sep, "/")
        if plain and plan is not None and now is not None:
            row = json_row(path, relpath, now, rules, keys, plan)
            if row is not None:
                rows.append(row)
                continue
        values = _values_inside(root, path, relpath, as_of, rules, plain, profiled=False)
        text = document_bytes(json_document(values))
        rows.append(pack(values) if text is None else (values[0], str(values[_STATE]), text))
    return rows


def from_reader(row: JsonRow | Packed) -> ArticleSummary | JsonRow:
    """A row :func:`json_rows` sent: its JSON text as it came, or the row unpacked."""
    return row if len(row) == 3 else unpack(row)
