"""parse_date's shortcut for the canonical UTC shape agrees with its general path."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from editor.core.values import parse_date


@given(
    st.integers(0, 9999),
    st.integers(0, 19),
    st.integers(0, 39),
    st.integers(0, 29),
    st.integers(0, 69),
    st.integers(0, 69),
)
def test_the_canonical_date_shortcut_reads_what_the_general_path_reads(
    year: int, month: int, day: int, hour: int, minute: int, second: int
) -> None:
    """ "YYYY-MM-DDTHH:MM:SSZ" is read in C; the general path must agree, invalid dates too."""
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"
    fast = parse_date(text)
    slow = parse_date(text + " ")  # the trailing space skips the shortcut; strip() removes it
    assert fast == slow
    if fast is not None and slow is not None:
        assert fast.tzinfo is slow.tzinfo is dt.UTC
    assert parse_date(text, dt.timezone(dt.timedelta(hours=3))) == slow  # "Z" wins over the zone


def test_shapes_next_to_the_canonical_one_take_the_general_path() -> None:
    for text in ("2025-09-23T14:21:27z", "2025-09-23 14:21:27Z", "٢٠٢٥-09-23T14:21:27Z"):
        assert parse_date(text) == parse_date(text + " ")
