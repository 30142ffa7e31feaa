from __future__ import annotations

import datetime as dt

import pytest

from editor.core.values import (
    coerce_like,
    format_date_like,
    hugo_reads_date,
    is_date_like,
    parse_date,
    parse_new_value,
    parse_text_like,
    same_value,
)

UTC = dt.UTC
PLUS2 = dt.timezone(dt.timedelta(hours=2))
MOMENT = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-23T14:21:27Z", dt.datetime(2025, 9, 23, 14, 21, 27, tzinfo=UTC)),
        ("2025-09-23T14:21:27+02:00", dt.datetime(2025, 9, 23, 12, 21, 27, tzinfo=UTC)),
        ("2025-09-23T14:21:27-0530", dt.datetime(2025, 9, 23, 19, 51, 27, tzinfo=UTC)),
        ("2025-09-23 14:21:27", dt.datetime(2025, 9, 23, 14, 21, 27, tzinfo=UTC)),
        ("2025-09-23T14:21:27.250Z", dt.datetime(2025, 9, 23, 14, 21, 27, 250000, tzinfo=UTC)),
        ("2025-09-23", dt.datetime(2025, 9, 23, tzinfo=UTC)),
        (" 2025-09-23 ", dt.datetime(2025, 9, 23, tzinfo=UTC)),
        # A missing zone means UTC, Hugo's default time zone.
        (dt.datetime(2025, 9, 23, 14, 0), dt.datetime(2025, 9, 23, 14, 0, tzinfo=UTC)),
        (
            dt.datetime(2025, 9, 23, 14, 0, tzinfo=PLUS2),
            dt.datetime(2025, 9, 23, 12, 0, tzinfo=UTC),
        ),
        (dt.date(2025, 9, 23), dt.datetime(2025, 9, 23, tzinfo=UTC)),
        ("2025-13-01", None),
        ("2025-09-23T25:00:00Z", None),
        ("tomorrow", None),
        ("", None),
        (dt.time(10, 0), None),
        (20250923, None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.datetime | None) -> None:
    assert parse_date(value) == expected
    assert is_date_like(value) is (expected is not None)


def test_parse_date_is_always_aware() -> None:
    assert parse_date("2025-09-23T14:21:27").tzinfo is not None


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("2024-01-02T10:00:00Z", "2025-03-04T05:06:07Z"),
        ("2024-01-02", "2025-03-04"),
        ("2024-01-02T10:00:00+02:00", "2025-03-04T07:06:07+02:00"),
        ("2024-01-02T10:00:00+0200", "2025-03-04T07:06:07+0200"),
        ("2024-01-02T10:00:00", "2025-03-04T05:06:07"),
        ("2024-01-02 10:00:00", "2025-03-04 05:06:07"),
        ("2024-01-02T10:00:00.123Z", "2025-03-04T05:06:07.000Z"),
        ("not a date", "2025-03-04T05:06:07Z"),
        (dt.datetime(2024, 1, 2, 10, 0, tzinfo=UTC), dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)),
        (
            dt.datetime(2024, 1, 2, 10, 0, tzinfo=PLUS2),
            dt.datetime(2025, 3, 4, 7, 6, 7, tzinfo=PLUS2),
        ),
        (dt.datetime(2024, 1, 2, 10, 0), dt.datetime(2025, 3, 4, 5, 6, 7)),
        (dt.date(2024, 1, 2), dt.date(2025, 3, 4)),
    ],
)
def test_format_date_like_keeps_type_and_shape(template: object, expected: object) -> None:
    result = format_date_like(template, MOMENT)
    assert result == expected
    assert type(result) is type(expected)
    if isinstance(expected, dt.datetime):
        assert result.utcoffset() == expected.utcoffset()


def test_coerce_like() -> None:
    assert coerce_like("2024-01-02T10:00:00Z", MOMENT) == "2025-03-04T05:06:07Z"
    assert coerce_like(dt.date(2024, 1, 2), dt.date(2025, 3, 4)) == dt.date(2025, 3, 4)
    assert coerce_like("2024-01-02", dt.date(2025, 3, 4)) == "2025-03-04"
    assert coerce_like(False, "true") is True
    assert coerce_like(3, " 42 ") == 42
    assert coerce_like(None, "x") == "x"
    assert coerce_like("old title", "new title") == "new title"
    # Nothing sensible to convert to: the value stays as given.
    assert coerce_like("a title", MOMENT) is MOMENT
    assert coerce_like(3, True) is True


@pytest.mark.parametrize(
    ("template", "text", "expected"),
    [
        (True, "yes", True),
        (True, " False ", False),
        (False, "1", True),
        (3, " 42 ", 42),
        (1.5, "2", 2.0),
        (["a"], "x, y,, z", ["x", "y", "z"]),
        (["a"], '["x", 1]', ["x", 1]),
        ("text", "  kept as typed ", "  kept as typed "),
        (
            dt.datetime(2024, 1, 1, tzinfo=UTC),
            "2025-01-01T10:00:00+02:00",
            dt.datetime(2025, 1, 1, 8, 0, tzinfo=UTC),
        ),
        (dt.date(2024, 1, 1), "2025-01-01T10:00:00+02:00", dt.date(2025, 1, 1)),
    ],
)
def test_parse_text_like(template: object, text: str, expected: object) -> None:
    result = parse_text_like(template, text)
    assert same_value(result, expected)


@pytest.mark.parametrize(
    ("template", "text"),
    [(True, "maybe"), (3, "three"), (1.5, "x"), (dt.date(2024, 1, 1), "soon")],
)
def test_parse_text_like_refuses_what_does_not_fit(template: object, text: str) -> None:
    with pytest.raises(ValueError):
        parse_text_like(template, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("4.5", 4.5),
        ("true", True),
        ("[1, 2]", [1, 2]),
        ('"quoted"', "quoted"),
        ("2024-01-01", dt.date(2024, 1, 1)),
        ("1979-05-27T07:32:00Z", dt.datetime(1979, 5, 27, 7, 32, tzinfo=UTC)),
        ("hello world", "hello world"),
        ("", ""),
    ],
)
def test_parse_new_value(text: str, expected: object) -> None:
    assert same_value(parse_new_value(text), expected)


def test_same_value_tells_types_apart() -> None:
    assert same_value("a", "a")
    assert same_value([1, "a"], [1, "a"])
    assert same_value({"a": [1]}, {"a": [1]})
    assert not same_value(1, True)
    assert not same_value(1, 1.0)
    assert not same_value([1], [True])
    assert not same_value({"a": 1}, {"a": True})
    assert not same_value("2024-01-01", dt.date(2024, 1, 1))
    assert not same_value([1], [1, 2])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 16 Jun 2025 08:00:00 +0200", dt.datetime(2025, 6, 16, 6, 0, tzinfo=UTC)),
        ("Mon, 16 Jun 2025 08:00:00 GMT", dt.datetime(2025, 6, 16, 8, 0, tzinfo=UTC)),
        # Go gives a zone name it does not know a zero offset; Hugo's location (UTC) knows only UTC.
        ("Mon, 16 Jun 2025 08:00:00 EST", dt.datetime(2025, 6, 16, 8, 0, tzinfo=UTC)),
        ("16 Jun 25 08:00 GMT", dt.datetime(2025, 6, 16, 8, 0, tzinfo=UTC)),
        ("16 Jun 70 08:00 GMT", dt.datetime(1970, 6, 16, 8, 0, tzinfo=UTC)),
        ("Monday, 16-Jun-25 08:00:00 UTC", dt.datetime(2025, 6, 16, 8, 0, tzinfo=UTC)),
        ("16 Jun 2025", dt.datetime(2025, 6, 16, tzinfo=UTC)),
        ("16 jun 2025", dt.datetime(2025, 6, 16, tzinfo=UTC)),
        ("Mon Jun  6 08:00:00 2025", dt.datetime(2025, 6, 6, 8, 0, tzinfo=UTC)),
        ("Mon Jun 16 08:00:00 MST 2025", dt.datetime(2025, 6, 16, 8, 0, tzinfo=UTC)),
        ("Mon Jun 16 08:00:00 -0700 2025", dt.datetime(2025, 6, 16, 15, 0, tzinfo=UTC)),
        ("2025-06-16 08:00:00.5 +0000 UTC", dt.datetime(2025, 6, 16, 8, 0, 0, 500000, tzinfo=UTC)),
        ("Mon, 16 Foo 2025 08:00:00 GMT", None),
        ("31 Jun 2025", None),
        ("16 June 2025", None),
    ],
)
def test_parse_date_reads_the_other_layouts_hugo_reads(
    text: str, expected: dt.datetime | None
) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Mon, 16 Jun 2025 08:00:00 +0200", "Tue, 04 Mar 2025 07:06:07 +0200"),
        ("Mon, 16 Jun 2025 08:00:00 GMT", "Tue, 04 Mar 2025 05:06:07 GMT"),
        ("16 Jun 25 08:00 GMT", "04 Mar 25 05:06 GMT"),
        ("Monday, 16-Jun-25 08:00:00 UTC", "Tuesday, 04-Mar-25 05:06:07 UTC"),
        ("16 Jun 2025", "04 Mar 2025"),
        # Rarer layouts are read, and written back as ISO 8601, which Hugo reads too.
        ("Mon Jun 16 08:00:00 2025", "2025-03-04T05:06:07Z"),
    ],
)
def test_format_date_like_keeps_rfc_layouts(template: str, expected: str) -> None:
    result = format_date_like(template, MOMENT)
    assert result == expected
    assert parse_date(result) is not None  # and Hugo reads it back


@pytest.mark.parametrize(
    ("value", "readable"),
    [
        (dt.date(2025, 1, 1), True),
        (dt.datetime(2025, 1, 1, 5, 0), True),
        ("2025-01-01", True),
        ("2025-01-01T05:00:00+0200", True),
        ("2025-01-01 05:00:00 +02:00", True),
        ("Mon, 16 Jun 2025 08:00:00 GMT", True),
        # parse_date reads these for people typing, but Hugo stops the build on them.
        ("2025-01-01T05:00", False),
        ("2025-01-01 05:00", False),
        ("2025-01-01T05:00:00z", False),
        ("2025-01-01T05:00:00 UTC", False),
        (" 2025-01-01", False),
        ("", False),
        (20250101, False),
    ],
)
def test_hugo_reads_date(value: object, readable: bool) -> None:
    assert hugo_reads_date(value) is readable
    if isinstance(value, str) and value.strip() and not readable:
        assert parse_date(value) is not None


def test_a_list_typed_with_brackets_but_no_quotes_stays_a_list() -> None:
    assert parse_text_like(["x"], "[a, b]") == ["a", "b"]
    assert parse_text_like(["x"], '["a", "b, c"]') == ["a", "b, c"]
    assert parse_text_like(["x"], "a, b,") == ["a", "b"]


def test_a_new_date_for_a_shape_hugo_cannot_read_is_written_as_iso() -> None:
    import datetime as dt

    moment = dt.datetime(2026, 12, 24, 18, 30, tzinfo=dt.UTC)
    assert format_date_like("2026-11-05 10:00", moment) == "2026-12-24T18:30:00Z"
    assert format_date_like("2026-11-05 10:00:00", moment) == "2026-12-24 18:30:00"
