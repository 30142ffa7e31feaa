"""File names shown on one line, and JSON output that is always valid UTF-8."""

from __future__ import annotations

import json
import os

import pytest

from editor.core.names import json_text, shown_path


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.md", "plain.md"),
        ("café 深圳.md", "café 深圳.md"),  # printable text is left alone
        ('say "hi".md', 'say "hi".md'),  # quotes alone need no quoting
        ("two\nlines.md", '"two\\nlines.md"'),
        ('tab\tand "quote".md', '"tab\\tand \\"quote\\".md"'),
        ("esc\x1b[31m.md", '"esc\\x1b[31m.md"'),
        ("sep\u2028.md", '"sep\\u2028.md"'),
        (os.fsdecode(b"caf\xe9.md"), '"caf\\udce9.md"'),
    ],
)
def test_shown_path(name: str, shown: str) -> None:
    assert shown_path(name) == shown
    assert "\n" not in shown_path(name)
    shown_path(name).encode("utf-8")  # printable as UTF-8


def test_json_text_escapes_lone_surrogates_and_gives_the_name_back() -> None:
    name = os.fsdecode(b"caf\xe9 \xff.md")
    text = json_text({"path": name, "title": "Café"})
    text.encode("utf-8")
    assert "Café" in text  # other text stays readable
    assert os.fsencode(json.loads(text)["path"]) == b"caf\xe9 \xff.md"
