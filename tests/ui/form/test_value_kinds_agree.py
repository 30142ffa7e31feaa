"""The desk's vocabulary and the form agree on what kind a value is (one rule: values.string_date)."""

from __future__ import annotations

import pytest

from editor.core.vocabulary import value_kind
from editor.ui.form.field_kinds import FieldKind, kind_for


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2026-11-24", "date"),
        ("2026-11-24T09:00:00Z", "datetime"),
        ("Mon, 02 Jan 2006 15:04:05 -0700", "datetime"),  # a feed's RFC 1123 date
        ("Mon Jan  2 15:04:05 2006", "datetime"),
        ("Monday morning", "text"),
        ("12 monkeys", "text"),
    ],
)
def test_a_text_value_is_a_date_by_the_same_rule_as_the_forms_editor(value: str, kind: str) -> None:
    """The desk's usual kind of a key and the form's editor for its value agree (values.string_date);
    an RFC 1123 date was text for the vocabulary but a date for the form."""
    assert value_kind(value) == kind
    editor_kind = kind_for("when", value)
    assert (editor_kind in (FieldKind.DATE, FieldKind.DATETIME)) == (kind != "text")
