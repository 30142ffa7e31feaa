"""A title given to an untitled article goes first in the front matter, where Hugo users expect it
(it went last, after every other key); any other new key still goes after the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_edit import edit_file

CASES = [
    (
        b"+++\ndate = 2026-01-02T03:04:05Z\ndraft = true\n+++\nBody\n",
        b'+++\ntitle = "New"\ndate = 2026-01-02T03:04:05Z\ndraft = true\n+++\nBody\n',
    ),
    (
        b"+++\r\n# a comment\r\ndraft = true\r\n[params]\r\nx = 1\r\n+++\r\n",
        b'+++\r\ntitle = "New"\r\n# a comment\r\ndraft = true\r\n[params]\r\nx = 1\r\n+++\r\n',
    ),
    (
        b"---\ndate: 2026-01-02\ndraft: true\n---\nBody\n",
        b"---\ntitle: New\ndate: 2026-01-02\ndraft: true\n---\nBody\n",
    ),
    (
        b'{\n  "date": "2026-01-02",\n  "draft": true\n}\nBody\n',
        b'{\n  "title": "New",\n  "date": "2026-01-02",\n  "draft": true\n}\nBody\n',
    ),
    (
        b'{"date": "2026-01-02", "draft": true}\nBody\n',
        b'{"title": "New", "date": "2026-01-02", "draft": true}\nBody\n',
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_a_new_title_is_the_first_key(tmp_path: Path, before: bytes, after: bytes) -> None:
    assert edit_file(tmp_path, before, title="New") == after


def test_other_new_keys_still_go_last(tmp_path: Path) -> None:
    before = b"+++\ndate = 2026-01-02T03:04:05Z\n+++\n"
    assert edit_file(tmp_path, before, title="T", source="S") == (
        b'+++\ntitle = "T"\ndate = 2026-01-02T03:04:05Z\nsource = "S"\n+++\n'
    )
