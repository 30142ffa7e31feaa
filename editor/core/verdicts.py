"""A row's verdict as the index cache keeps it: the state and dates a listing judged, for how long
they hold, and the row's ``list --json`` text.

Judging a row by the site's rules (:meth:`SiteRules.page_rules` and :func:`state.judge`) was most of
a warm listing. The cache keeps what it decided with the two things it was decided by: the text
naming the page's rules (:meth:`SiteRules.verdict_key`) and the clock interval in which the state
cannot change (:func:`state.stable_interval`). A verdict is used again only when the file, that text
and the interval all still hold, and only when it comes back identical (see :func:`encode_verdict`);
otherwise the row is judged again. So the cache still cannot change a result.

The JSON text of a row is made here (:func:`document_text`), the one encoder of ``list --json``, so
the text kept in the cache is the text a fresh listing writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from editor.core.index import ArticleSummary
from editor.core.names import json_text
from editor.core.shared_values import shared_reason, shared_text
from editor.core.state import PageVerdict, PublishState, StateReason, stable_interval

try:
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:  # a listing without the cache imports neither it nor sqlite3
    from editor.core.cache import Kept

# The interval's ends in microseconds since the epoch (exact for every datetime: microseconds are
# its resolution); these stand for "unbounded".
ALWAYS_FROM = -(2**63)
ALWAYS_UNTIL = 2**63 - 1
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# A verdict kept with this rules id holds under any rules: an unreadable file's row.
ANY_RULES = 0


def micros(moment: dt.datetime) -> int:
    """An aware moment in microseconds since the epoch (ordered exactly as the moments are)."""
    return (moment - _EPOCH) // _MICROSECOND


def as_of_micros(as_of: dt.datetime) -> int:
    """``as_of`` as :func:`state.judge` reads it (naive is UTC), in microseconds."""
    return micros(as_of if as_of.tzinfo is not None else as_of.replace(tzinfo=dt.UTC))


def keep(row: ArticleSummary, verdict: PageVerdict | None, rules_id: int | None) -> Kept | None:
    """What the cache keeps of a row just judged (``verdict``, by the rules with ``rules_id``), or
    None when it cannot be kept exactly."""
    if verdict is None:  # an unreadable file: its row depends on neither the rules nor the clock
        interval: tuple[dt.datetime | None, dt.datetime | None] = (None, None)
        rules_id = ANY_RULES
    elif rules_id is None:
        return None
    else:
        interval = stable_interval(verdict)
    text = encode_verdict(row)
    if text is None:
        return None
    start, end = interval
    return (
        rules_id,
        ALWAYS_FROM if start is None else micros(start),
        ALWAYS_UNTIL if end is None else micros(end),
        row.state.value,
        text,
        row_bytes(row),
    )


# --- the verdict's fields, exactly ----------------------------------------------------------------


def _moment(value: dt.datetime | None) -> list[Any] | None:
    if value is None:
        return None
    zone = value.tzinfo
    if type(zone) is dt.timezone:
        return [value.isoformat(), None]
    from zoneinfo import ZoneInfo  # here, not at start-up (~4 ms): few moments have a named zone

    if type(zone) is ZoneInfo and zone.key:
        return [value.isoformat(), zone.key]
    raise ValueError("a time zone the cache cannot name")


def _moment_back(item: list[Any] | None) -> dt.datetime | None:
    if item is None:
        return None
    moment = dt.datetime.fromisoformat(item[0])
    if item[1] is None:
        return moment
    from zoneinfo import ZoneInfo  # (see _moment)

    return moment.astimezone(ZoneInfo(item[1]))


def encode_verdict(row: ArticleSummary) -> str | None:
    """The fields of ``row`` that judging decided, as text :func:`decode_verdict` turns back into
    identical values (time zones and all), or None when that cannot be promised."""
    reason = row.reason
    plain = _plain(row)
    try:
        text = _dumps(
            [
                row.state.value,
                row.draft,
                _moment(row.date),
                _moment(row.publish_date),
                row.date_key,
                reason.key,
                reason.value,
                reason.via,
                row.language,
            ]
        )
        back = None if plain else decode_verdict(text)
    except (ValueError, TypeError, KeyError):  # a zone without a name, a lone surrogate...
        return None
    if back is None:  # plain: JSON gives these back exactly, the check below would only cost time
        return text
    if back != (
        row.state,
        row.draft,
        row.date,
        row.publish_date,
        row.date_key,
        reason,
        row.language,
    ):
        return None
    if not (_same_moment(back[2], row.date) and _same_moment(back[3], row.publish_date)):
        return None
    return text


def _plain(row: ArticleSummary) -> bool:
    """Whether every verdict field of ``row`` is of a type JSON gives back as it was: text, flags,
    and moments in a fixed offset named as Python names it (``isoformat`` keeps the rest)."""
    reason = row.reason
    for moment in (row.date, row.publish_date):
        if moment is not None:
            zone = moment.tzinfo
            if zone is not _UTC and (
                type(zone) is not dt.timezone or zone.tzname(None) != _offset_name(moment)
            ):
                return False
    return (
        type(row.draft) is bool
        and type(row.date_key) is str
        and type(row.language) is str
        and all(
            part is None or type(part) is str for part in (reason.key, reason.value, reason.via)
        )
    )


def _offset_name(moment: dt.datetime) -> str | None:
    offset = moment.utcoffset()
    return None if offset is None else dt.timezone(offset).tzname(None)


_UTC = dt.UTC

Verdict = tuple[PublishState, bool, dt.datetime | None, dt.datetime | None, str, StateReason, str]


_STATES = {state.value: state for state in PublishState}  # PublishState(value) costs 4 µs


def decode_verdict(text: str) -> Verdict:
    """(state, draft, date, publish date, date key, reason, language) as :func:`encode_verdict`
    wrote them. The texts repeated across rows and the reason are shared (:func:`shared_values.shared_text`),
    and so is the moment when both dates are one (publishDate falling back to date), as they are
    in a freshly judged row."""
    state, draft, date, publish_date, date_key, key, value, via, language = _loads(text)
    moment = _moment_back(date)
    return (
        _STATES[state],
        draft,
        moment,
        moment if publish_date == date else _moment_back(publish_date),
        shared_text(date_key),
        shared_reason(key, value, via),
        shared_text(language),
    )


def _same_moment(left: dt.datetime | None, right: dt.datetime | None) -> bool:
    """Equal and alike in every way a later step could see: wall time, fold, zone, offset, name."""
    if left is None or right is None:
        return left is right
    return (
        type(left.tzinfo) is type(right.tzinfo)
        and left.tzinfo == right.tzinfo
        and left.replace(tzinfo=None) == right.replace(tzinfo=None)
        and left.fold == right.fold
        and left.utcoffset() == right.utcoffset()
        and left.tzname() == right.tzname()
    )


if orjson is not None:
    _loads: Callable[[str | bytes], Any] = orjson.loads

    def _dumps(value: Any) -> str:
        return orjson.dumps(value).decode()  # TypeError for a lone surrogate: not kept

else:  # pragma: no cover
    _loads = json.loads

    def _dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)


# --- list --json text -------------------------------------------------------------------------------


def document_text(document: dict[str, Any]) -> str:
    """One ``list --json`` element as indented JSON text, nested one level: orjson when installed
    (json's indenting encoder is pure Python), :func:`json_text` for what orjson refuses (a lone
    surrogate)."""
    if orjson is not None:
        try:
            text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
        except TypeError:
            text = json_text(document)
    else:  # pragma: no cover
        text = json_text(document)
    # JSON text has no raw line break inside a string: every one starts an indented line.
    return text.replace("\n", "\n  ")


def row_bytes(row: ArticleSummary) -> bytes | None:
    """``document_text(row.to_json())`` as UTF-8, when orjson makes it (else None: the row is
    encoded again each time, the way :func:`document_text` does)."""
    return document_bytes(row.to_json())


def document_bytes(document: dict[str, Any]) -> bytes | None:
    """:func:`row_bytes` of the row whose ``to_json()`` is ``document``."""
    if orjson is None:  # pragma: no cover
        return None
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
    except TypeError:
        return None


def with_fields(text: bytes, extra: dict[str, Any]) -> bytes | None:
    """A row's JSON text (:func:`row_bytes`) with ``extra``'s keys added after its own, as
    ``document_text({**document, **extra})`` writes it; None when orjson refuses ``extra``."""
    if not extra:
        return text
    tail = fields_tail(extra)
    return None if tail is None else text[:-4] + tail


def fields_tail(extra: dict[str, Any]) -> bytes | None:
    """What :func:`with_fields` puts in place of a row text's last 4 bytes (``"\n  }"``) to add
    the non-empty ``extra``: made once for rows that share ``extra`` (``list --json``'s git
    fields); None when orjson refuses it."""
    if orjson is None:  # pragma: no cover
        return None
    try:
        more = orjson.dumps(extra, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
    except TypeError:
        return None
    # text ends in "\n  }", more is "{\n    ...\n  }": splice them at the brace.
    return b"," + more[1:]
