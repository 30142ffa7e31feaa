"""One object for each value repeated across a listing's rows (sources, date keys, languages, the
reasons that decided a state), so that 100,000 rows do not each hold their own copies."""

from __future__ import annotations

import sys

from editor.core.state import StateReason

NO_REASON = StateReason()

# --- one object for each repeated value of the rows ------------------------------------------------
# A desk of 100,000 rows has a handful of sources, date keys and languages and few distinct reasons
# (every draft's is "draft true"), but each row read from the cache or a reader process came with
# its own copies: 10-20 MiB at 100k. Equal values are immutable, so sharing one cannot change a row.

_REASONS: dict[tuple[str | None, str | None, str | None], StateReason] = {}
_MAX_REASONS = 4096  # a published row's reason names its date: those are not worth keeping


def shared_text(text: str) -> str:
    """The one copy of a short text repeated across rows (a source, a date key, a language)."""
    return sys.intern(text) if type(text) is str else text


def shared_reason(key: str | None, value: str | None, via: str | None) -> StateReason:
    """A :class:`StateReason` with these fields, the same object for equal ones while few."""
    found = _REASONS.get((key, value, via))
    if found is not None:
        return found
    reason = StateReason(
        None if key is None else shared_text(key),
        value,
        None if via is None else shared_text(via),
    )
    if len(_REASONS) < _MAX_REASONS:
        _REASONS[key, value, via] = reason
    return reason


def share_reason(reason: StateReason) -> StateReason:
    """``reason``, or the equal one already shared (:func:`shared_reason`)."""
    found = _REASONS.get((reason.key, reason.value, reason.via))
    if found is not None:
        return found
    if len(_REASONS) < _MAX_REASONS:
        _REASONS[reason.key, reason.value, reason.via] = reason
    return reason
