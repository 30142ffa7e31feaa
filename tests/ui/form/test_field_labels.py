"""The form names Hugo's own front matter fields as it names the keys it knows (its tooltip keeps the
key as written): Hugo's docs showed "Categories" above a lower-case "keywords"."""

from __future__ import annotations

from editor.ui.form.field_factory import FieldFactory


def test_hugo_fields_have_names_and_other_keys_stay_as_written(qapp) -> None:
    factory = FieldFactory(lambda _key: [])
    assert factory.label_text("categories") == "Categories"
    assert factory.label_text("keywords") == "Keywords"
    assert factory.label_text("linkTitle") == "Link title"  # Hugo's keys are case-insensitive
    assert factory.label_text("Weight") == "Weight"
    assert factory.label_text("translationKey") == "Translation key"
    assert factory.label_text("release") == "release"  # a site's own key: as the file spells it
