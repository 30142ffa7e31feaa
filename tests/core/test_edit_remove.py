"""Removing a key: only that key's line(s) go, in TOML, YAML and JSON, checked on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.edit import apply_edits
from editor.core.edit_common import REMOVE, EditError
from editor.core.frontmatter import parse_front, split
from editor.core.service import DocumentService

TOML = (
    b"+++\n"
    b"# Article metadata\n"
    b"title = 'Literal title'   # keep me\n"
    b"draft   =  true  # flip\n"
    b"tags = [\"a\", 'b']   # array\n"
    b"date = 2025-09-23T14:21:27Z\n"
    b"\n"
    b"[params]\n"
    b"author = 'Ana'\n"
    b"+++\n"
    b"Body\n"
)
YAML = (
    b"---\n"
    b"title: Literal # keep me\n"
    b"summary: >\n"
    b"  folded\n"
    b"  text\n"
    b"\n"
    b"tags:\n"
    b"  - a\n"
    b"  - b\n"
    b"# about draft\n"
    b"draft:\n"
    b"params:\n"
    b"  author: Ana\n"
    b"last: 2\n"
    b"---\n"
    b"Body\n"
)
JSON = b'{\n  "title": "x",\n  "draft": true,\n  "tags": ["a"]\n}\n\nBody\n'


def remove(root: Path, data: bytes, *keys: str, name: str = "article.md") -> bytes:
    """Write ``data``, remove ``keys`` the way the app does, save, return the new bytes."""
    path = root / name
    path.write_bytes(data)
    service = DocumentService(root)
    article = service.load(path)
    for key in keys:
        article.remove_value(key)
    service.save(article)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("key", "gone"),
    [
        ("title", b"title = 'Literal title'   # keep me\n"),
        ("draft", b"draft   =  true  # flip\n"),
        ("tags", b"tags = [\"a\", 'b']   # array\n"),
        ("date", b"date = 2025-09-23T14:21:27Z\n"),
        ("params", b"[params]\nauthor = 'Ana'\n"),
    ],
)
def test_toml_removal_drops_only_that_key(tmp_path: Path, key: str, gone: bytes) -> None:
    assert remove(tmp_path, TOML, key) == TOML.replace(gone, b"", 1)


@pytest.mark.parametrize(
    ("key", "gone"),
    [
        ("title", b"title: Literal # keep me\n"),
        ("summary", b"summary: >\n  folded\n  text\n"),
        ("tags", b"tags:\n  - a\n  - b\n"),  # the comment above draft stays
        ("draft", b"draft:\n"),
        ("params", b"params:\n  author: Ana\n"),
        ("last", b"last: 2\n"),
    ],
)
def test_yaml_removal_drops_only_that_key(tmp_path: Path, key: str, gone: bytes) -> None:
    assert remove(tmp_path, YAML, key) == YAML.replace(gone, b"", 1)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("title", b'{\n  "draft": true,\n  "tags": ["a"]\n}\n\nBody\n'),
        ("draft", b'{\n  "title": "x",\n  "tags": ["a"]\n}\n\nBody\n'),
        ("tags", b'{\n  "title": "x",\n  "draft": true\n}\n\nBody\n'),
    ],
)
def test_json_removal_drops_the_member_and_its_comma(
    tmp_path: Path, key: str, expected: bytes
) -> None:
    assert remove(tmp_path, JSON, key) == expected


def test_json_removing_the_only_member_leaves_an_empty_object(tmp_path: Path) -> None:
    assert remove(tmp_path, b'{ "title": "x" }\nBody\n', "title") == b"{ }\nBody\n"


def test_removal_keeps_crlf_and_bom(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf+++\r\ntitle = 'x'\r\ndraft = true\r\n+++\r\nBody\r\n"
    assert remove(tmp_path, data, "draft") == data.replace(b"draft = true\r\n", b"")


def test_remove_and_set_in_one_save(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(YAML)
    service = DocumentService(tmp_path)
    article = service.load(path)
    article.remove_value("tags")
    article.set_value("title", "New")
    article.set_value("author", "Bo")
    service.save(article)
    assert path.read_bytes() == (
        YAML.replace(b"tags:\n  - a\n  - b\n", b"")
        .replace(b"title: Literal", b"title: New")
        .replace(b"last: 2\n", b"last: 2\nauthor: Bo\n")
    )


def test_removing_a_missing_key_changes_nothing(tmp_path: Path) -> None:
    split_file = split(TOML)
    assert apply_edits(split_file, {"nope": REMOVE}) is split_file


def test_removed_key_reads_as_absent_and_undo_by_setting_it_again(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(TOML)
    article = DocumentService(tmp_path).load(path)
    article.remove_value("draft")
    assert not article.has_key("draft")
    assert article.value("draft") is None
    assert "draft" not in article.current_metadata()
    assert article.is_dirty
    article.set_value("draft", True)
    assert article.has_key("draft") and not article.is_dirty


def test_yaml_flow_mapping_refuses_removal() -> None:
    split_file = split(b"---\n{title: x, draft: true}\n---\nBody\n")
    with pytest.raises(EditError, match="one-line YAML mapping"):
        apply_edits(split_file, {"draft": REMOVE}, parse_front(split_file))
