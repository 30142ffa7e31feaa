"""A list edited from the chips is written in the file's own style: its quotes and its layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.service import DocumentService

NEW = ["energy", "it's", "solid state"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            b"+++\ntags = ['energy', 'batteries']   # topics\n+++\nBody\n",
            b"+++\ntags = ['energy', \"it's\", 'solid state']   # topics\n+++\nBody\n",
        ),
        (
            b"+++\ntags = [\n  'energy',\n  'batteries',\n]\ntitle = 'T'\n+++\nBody\n",
            b"+++\ntags = [\n  'energy',\n  \"it's\",\n  'solid state',\n]\ntitle = 'T'\n+++\nBody\n",
        ),
        (
            b'+++\ntags = ["energy","batteries"]\n+++\nBody\n',
            b'+++\ntags = ["energy","it\'s","solid state"]\n+++\nBody\n',
        ),
        (
            b'{\n  "tags": [\n    "energy",\n    "batteries"\n  ],\n  "title": "T"\n}\nBody\n',
            b'{\n  "tags": [\n    "energy",\n    "it\'s",\n    "solid state"\n  ],\n'
            b'  "title": "T"\n}\nBody\n',
        ),
        (
            b'{ "tags": ["energy", "batteries"] }\nBody\n',
            b'{ "tags": ["energy", "it\'s", "solid state"] }\nBody\n',
        ),
        (
            b"---\ntags:\n  - energy\n  - batteries\ntitle: T\n---\nBody\n",
            b"---\ntags:\n  - energy\n  - it's\n  - solid state\ntitle: T\n---\nBody\n",
        ),
        (
            b"---\ntags: ['energy', 'batteries']\n---\nBody\n",
            b"---\ntags: ['energy', 'it''s', 'solid state']\n---\nBody\n",
        ),
        (
            b'---\ntags:\n  - "energy"\n  - "batteries"\n---\nBody\n',
            b'---\ntags:\n  - "energy"\n  - "it\'s"\n  - "solid state"\n---\nBody\n',
        ),
        (
            b"---\ntags: [energy, batteries]\n---\nBody\n",
            b"---\ntags: [energy, it's, solid state]\n---\nBody\n",
        ),
    ],
)
def test_list_keeps_the_files_style(tmp_path: Path, before: bytes, after: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(before)
    service = DocumentService(tmp_path)
    article = service.load(path)
    article.set_value("tags", NEW)
    service.save(article)
    assert path.read_bytes() == after


def test_crlf_multiline_toml_list(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"+++\r\ntags = [\r\n    'a',\r\n    'b'\r\n]\r\n+++\r\nBody\r\n")
    service = DocumentService(tmp_path)
    article = service.load(path)
    article.set_value("tags", ["a", "c"])
    service.save(article)
    assert path.read_bytes() == b"+++\r\ntags = [\r\n    'a',\r\n    'c'\r\n]\r\n+++\r\nBody\r\n"
