"""``slot_builder.builder(cls)(*values)`` is the object ``cls(*values)`` makes, for the classes a
listing builds per file, and refuses a class it would build differently."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.index import RowFacts
from editor.core.slot_builder import builder
from editor.core.state import PageRules, PageVerdict, PublishState, StateReason

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=5),
    st.sampled_from(list(PublishState)),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.tuples(st.text(max_size=3), st.text(max_size=3)),
)
CLASSES = [RowFacts, PageRules, PageVerdict, StateReason]


def _same(made: Any, expected: Any) -> None:
    assert type(made) is type(expected)
    assert made == expected
    for item in fields(expected):
        assert getattr(made, item.name) is getattr(expected, item.name)
    assert repr(made) == repr(expected)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), cls=st.sampled_from(CLASSES))
def test_a_built_object_is_what_the_class_makes(data: st.DataObject, cls: type) -> None:
    values = [data.draw(VALUES) for _ in fields(cls)]
    made, expected = builder(cls)(*values), cls(*values)
    _same(made, expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(fields(cls)[0].name, None)
    try:
        expected_hash = hash(expected)
    except TypeError:  # a dict or list among the values
        return
    assert hash(made) == expected_hash


def test_the_listing_builds_what_the_plain_constructors_build() -> None:
    reason = StateReason("publishDate", "2031-01-01T00:00:00+00:00", "news/_index.md")
    _same(builder(StateReason)(*dataclasses.astuple(reason)), reason)
    verdict = PageVerdict(
        PublishState.SCHEDULED, reason, False, None, None, None, {"a": ("b", None)}
    )
    _same(builder(PageVerdict)(*(getattr(verdict, f.name) for f in fields(verdict))), verdict)
    rules = PageRules()
    _same(builder(PageRules)(*(getattr(rules, f.name) for f in fields(rules))), rules)


def test_a_class_the_builder_would_build_differently_is_refused() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError(self.a)

    @dataclass(frozen=True, slots=True)
    class Derived:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    for cls in (NoSlots, Checked, Derived, int):
        with pytest.raises(TypeError):
            builder(cls)
