"""Value helpers shared by the state rules, the editors and the command line.

Dates in front matter come as TOML/YAML datetimes, dates, or strings in many shapes. These helpers read
them the way Hugo does (a missing time zone means UTC, Hugo's default), and write a new moment back in
the shape the file already used, so a quoted ``"2025-09-23T14:21:27Z"`` stays a quoted string of that
shape and a bare TOML datetime stays a datetime.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

UTC = dt.UTC

# Shapes Hugo accepts for front matter dates (a subset of cast.StringToDate that covers real files).
_DATE_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:(?P<sep>[T ])(?P<time>\d{2}:\d{2}(?::\d{2}(?P<frac>\.\d+)?)?)"
    r"\s?(?P<tz>Z|z|[+-]\d{2}:?\d{2}|UTC)?)?$"
)


# The shape nearly every generated article has ("2025-09-23T14:21:27Z"): read in C, three to four
# times faster than the general path below, which gives the same datetime (tests/core/test_values.py).
_CANONICAL_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z", re.ASCII)


# A listing reads each date text up to three times (is it a date Hugo reads, the vocabulary's kind
# of the value, the page's state): the last texts read, with the zone they were read in, so the
# second and third reading is a lookup. The zone is compared by identity (two equal zones may have
# different names), and a datetime is immutable, so sharing one is safe.
_PARSED: dict[tuple[str, Any], tuple[Any, dt.datetime | None]] = {}
_PARSED_KEPT = 256


def parse_date(value: Any, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """Read a front matter date as an aware datetime, or None when it is not a date.

    A date or time written without an offset is in ``zone``: the site's ``timeZone`` when it sets one,
    else UTC (Hugo's default).
    """
    if type(value) is not str:
        return _parse_date(value, zone)
    key = (value, zone)
    try:
        kept = _PARSED.get(key)
    except TypeError:  # a zone that cannot be hashed: read every time
        return _parse_date(value, zone)
    if kept is not None and kept[0] is zone:
        return kept[1]
    moment = _parse_date(value, zone)
    if len(_PARSED) >= _PARSED_KEPT:
        _PARSED.clear()
    _PARSED[key] = (zone, moment)
    return moment


def _parse_date(value: Any, zone: dt.tzinfo | None) -> dt.datetime | None:
    if type(value) is str and len(value) == 20 and _CANONICAL_UTC.match(value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    local = zone or UTC
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=local)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=local)
    if isinstance(value, dt.time):
        return None
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if match is None:
        return _parse_go_date(value.strip())
    try:
        day = dt.date.fromisoformat(match["date"])
        if not match["time"]:
            return dt.datetime(day.year, day.month, day.day, tzinfo=local)
        clock = dt.time.fromisoformat(match["time"][:15])
    except ValueError:
        return None
    moment = dt.datetime.combine(day, clock)
    return moment.replace(tzinfo=_zone(match["tz"]) if match["tz"] else local)


_WEEKDAY_STARTS = frozenset(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))


def string_date(text: str) -> tuple[dt.datetime, bool] | None:
    """The moment a text value reads as, and whether it is a date without a time ("2026-11-24");
    None when it is no date. Cheap for ordinary text: only a short string that starts as one of
    Hugo's layouts does (a digit, or a weekday as in "Mon, 02 Jan 2006") is parsed. The one rule for
    the form's editors and the desk's vocabulary."""
    first = text[:1]
    # Most text (a title, a link) fails on its first character, without a stripped copy: when it
    # is not blank space, the stripped text starts with it and with the same three characters.
    if not (first.isdigit() or first.isspace() or text[:3] in _WEEKDAY_STARTS):
        return None
    stripped = text.strip()
    if len(stripped) > 40 or not (stripped[:1].isdigit() or stripped[:3] in _WEEKDAY_STARTS):
        return None
    moment = parse_date(stripped)
    return None if moment is None else (moment, len(stripped) == 10)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLOCK = r"(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_ZONE = r"(?P<tz>[+-]\d{4}|[A-Za-z]{2,5})"
# The other layouts Hugo reads (spf13/cast's list), as feeds and other tools write them. Month names
# are English whatever the locale. Go gives a zone name it does not know (all but UTC, in Hugo's UTC
# location) a zero offset, so a named zone counts as UTC.
_RFC_DATE = re.compile(  # Mon, 02 Jan 2006 15:04:05 -0700 | 02 Jan 06 15:04 MST | Monday, 02-Jan-06 ... | 02 Jan 2006
    r"^(?:(?P<wd>[A-Za-z]+), )?(?P<d>\d{2})(?P<sep>[ -])(?P<mon>[A-Za-z]{3})[ -](?P<y>\d{4}|\d{2})"
    r"(?: " + _CLOCK + " " + _ZONE + ")?$"
)
_C_DATE = re.compile(  # Mon Jan _2 15:04:05 2006 | Mon Jan _2 15:04:05 MST 2006 | Mon Jan 02 15:04:05 -0700 2006
    r"^[A-Za-z]{3} (?P<mon>[A-Za-z]{3}) +(?P<d>\d{1,2}) "
    + _CLOCK
    + "(?: "
    + _ZONE
    + r")? (?P<y>\d{4})$"
)
_GO_STRING = re.compile(
    r"^(?P<iso>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4}) [A-Za-z]{2,5}$"
)


def _parse_go_date(text: str) -> dt.datetime | None:
    go_string = _GO_STRING.match(text)
    if go_string:  # Go's time.String(): "2006-01-02 15:04:05.999999999 -0700 MST"
        return parse_date(go_string["iso"])
    match = _RFC_DATE.match(text) or _C_DATE.match(text)
    if match is None or match["mon"].title() not in _MONTHS:
        return None
    year = int(match["y"])
    if len(match["y"]) == 2:
        year += 1900 if year >= 69 else 2000
    tz = match["tz"]
    zone = _zone(tz) if tz and tz[0] in "+-" else UTC
    try:
        return dt.datetime(
            year,
            _MONTHS.index(match["mon"].title()) + 1,
            int(match["d"]),
            int(match["h"] or 0),
            int(match["m"] or 0),
            int(match["s"] or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None


def _format_like_rfc(template: re.Match[str], moment: dt.datetime) -> str:
    """``moment`` written in the RFC 1123/822/850 shape of ``template``."""
    tz = template["tz"]
    local = moment.astimezone(_zone(tz) if tz and tz[0] in "+-" else UTC)
    sep = template["sep"]
    year = f"{local.year:04d}" if len(template["y"]) == 4 else f"{local.year % 100:02d}"
    text = f"{local.day:02d}{sep}{_MONTHS[local.month - 1]}{sep}{year}"
    if template["wd"]:
        weekday = _WEEKDAYS[local.weekday()]
        text = f"{weekday if len(template['wd']) > 3 else weekday[:3]}, {text}"
    if template["h"]:
        text += f" {local.hour:02d}:{local.minute:02d}" + (
            f":{local.second:02d}" if template["s"] else ""
        )
        text += " " + (local.strftime("%z") if tz[0] in "+-" else tz)
    return text


def _zone(tz: str | None) -> dt.tzinfo:
    if not tz or tz in ("Z", "z", "UTC"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# The ISO 8601 shapes among the layouts Hugo reads: seconds are required, "Z" is upper case, no
# zone name, no blank space around. parse_date is kinder (people type "2026-11-24 09:00").
_HUGO_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:"
    r"T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"| \d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}| [+-]\d{2}:?\d{2})?"
    r")?$"
)


def hugo_reads_date(value: Any) -> bool:
    """Whether Hugo can read ``value`` as a date; a string it cannot read stops the site's build."""
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    if _HUGO_ISO.match(value):
        return parse_date(value) is not None
    return value == value.strip() and _parse_go_date(value) is not None


DATE_FORM_HINT = "use a form such as 2026-11-24T09:00:00Z"


def date_problem(key: str, value: Any) -> str | None:
    """Why Hugo stops the site's build on ``value`` under the date key ``key`` (as the file spells
    it), or None: the one rule for the article list (an invalid row) and Check Folder (an error).

    As the hugo binary reads them: no value, an empty string and a whole number (seconds since 1970)
    are read; a string Hugo cannot parse (a blank one too), a boolean, a fraction or a list is not.
    """
    if value is None or isinstance(value, dt.date):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(value, str) and (value == "" or hugo_reads_date(value)):
        return None
    text = value if isinstance(value, str) else str(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return (
        f"{key} {json.dumps(text, ensure_ascii=False)} is not a date Hugo can read "
        f"(Hugo stops the build on it; {DATE_FORM_HINT})"
    )


def is_date_like(value: Any) -> bool:
    return isinstance(value, dt.date | dt.datetime) or (
        isinstance(value, str) and parse_date(value) is not None
    )


def format_date_like(template: Any, moment: dt.datetime) -> Any:
    """Express ``moment`` in the type and shape of ``template`` (the value the file had)."""
    if isinstance(template, dt.datetime):
        if template.tzinfo is None:
            return (
                moment.replace(tzinfo=None)
                if moment.tzinfo is None
                else moment.astimezone(UTC).replace(tzinfo=None)
            )
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.astimezone(template.tzinfo)
    if isinstance(template, dt.date):
        return moment.date()
    if isinstance(template, str):
        if not hugo_reads_date(template):
            # Copying a shape Hugo cannot read would keep the file unbuildable: write ISO 8601.
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return _format_like_string(template.strip(), moment)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.isoformat()


def _format_like_string(template: str, moment: dt.datetime) -> str:
    match = _DATE_RE.match(template)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if match is None:
        rfc = _RFC_DATE.match(template)
        if rfc is not None and parse_date(template) is not None:
            return _format_like_rfc(rfc, aware)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not match["time"]:
        return aware.date().isoformat()
    tz = match["tz"]
    zone = _zone(tz)
    local = aware.astimezone(zone)
    clock = "%H:%M:%S" if match["time"].count(":") == 2 else "%H:%M"
    text = local.strftime(f"%Y-%m-%d{match['sep']}{clock}")
    if match["frac"]:
        text += f".{local.microsecond:06d}"[: len(match["frac"])]
    if tz is None:
        return text
    if tz in ("Z", "z", "UTC"):
        gap = " " if template.endswith(" UTC") else ""
        return f"{text}{gap}{tz}"
    offset = local.strftime("%z")
    if ":" in tz:
        offset = f"{offset[:3]}:{offset[3:]}"
    return text + offset


def coerce_like(template: Any, value: Any) -> Any:
    """Give ``value`` the type of ``template`` (the old value of the key) where that can be done.

    A datetime given for a key that held a date string becomes a string of the same shape; text given
    for a number is read as a number; anything that does not fit is returned unchanged.
    """
    if template is None:
        return value
    if isinstance(value, dt.datetime | dt.date) and is_date_like(template):
        moment = (
            value
            if isinstance(value, dt.datetime)
            else dt.datetime(value.year, value.month, value.day)
        )
        return format_date_like(template, moment)
    if isinstance(value, str):
        return parse_text_like(template, value)
    return value


def parse_text_like(template: Any, text: str) -> Any:
    """Read ``text`` (typed by a person) as a value of ``template``'s type; raises ValueError."""
    if isinstance(template, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise ValueError(f"{text!r} is not true or false")
    if isinstance(template, int):
        return int(text.strip())
    if isinstance(template, float):
        return float(text.strip())
    if isinstance(template, dt.datetime | dt.date) and not isinstance(template, str):
        moment = parse_date(text)
        if moment is None:
            raise ValueError(f"{text!r} is not a date")
        return format_date_like(template, moment)
    if isinstance(template, list):
        stripped = text.strip()
        if stripped.startswith("["):
            value = parse_new_value(stripped)
            if isinstance(value, list):
                return value
            stripped = stripped.strip("[]")  # "[a, b]" is no TOML array, but plainly a list
        return typed_list_items(stripped)
    return text


def typed_list_items(text: str) -> list[str]:
    """The items of a list typed as ``a, "1.0.0", 'b, c'``: split at commas, an item in quotes
    taken without them (and its commas kept). ``[Release, "1.0.0"]`` is no TOML array (a bare
    word), and the quotes were written into the value: ``"\"1.0.0\""``."""
    items: list[str] = []
    rest = text
    while rest.strip():
        rest = rest.lstrip()
        if rest[0] in "\"'":
            end = rest.find(rest[0], 1)
            after = rest[end + 1 :].lstrip() if end > 0 else ","
            if end > 0 and after[:1] in ("", ","):
                if end > 1:
                    items.append(rest[1:end])
                rest = after[1:]
                continue
        part, _, rest = rest.partition(",")
        if part.strip():
            items.append(part.strip())
    return items


def parse_new_value(text: str) -> Any:
    """Read the value of a new key: a TOML value when it is one (``42``, ``true``, ``[1, 2]``), else text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def same_value(a: Any, b: Any) -> bool:
    """Equality that tells ``1`` from ``True`` and ``1`` from ``1.0`` (they write differently)."""
    # dict and str subclasses (tomlkit's containers and strings) compare by content.
    related = (isinstance(a, dict) and isinstance(b, dict)) or (
        isinstance(a, str) and isinstance(b, str)
    )
    if type(a) is not type(b) and not related:
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) and a != a:  # nan: a valid TOML/YAML value that equals nothing
        return b != b
    return a == b
