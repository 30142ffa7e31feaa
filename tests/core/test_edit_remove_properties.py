"""Property: removing a key deletes exactly its line (value, comment and line break) in any TOML or
YAML front matter the draft-flip properties generate; every other byte stays."""

from __future__ import annotations

import pytest
from hypothesis import given

from editor.core.service import DocumentService
from tests.core.test_edit_properties import PROPERTY, toml_files, yaml_files


def _without_the_line(prefix: bytes, suffix: bytes) -> bytes:
    line_start = prefix.rfind(b"\n") + 1
    line_end = suffix.find(b"\n") + 1
    return prefix[:line_start] + suffix[line_end:]


def _check_removal(directory, data: bytes, prefix: bytes, suffix: bytes) -> None:
    path = directory / "article.md"
    path.write_bytes(data)
    service = DocumentService(directory)
    article = service.load(path)
    key = next(key for key in article.metadata if key.lower() == "draft")
    article.remove_value(key)
    service.save(article)
    assert path.read_bytes() == _without_the_line(prefix, suffix)


@PROPERTY
@given(case=toml_files())
def test_toml_removal_deletes_only_its_line(
    tmp_path_factory: pytest.TempPathFactory, case: tuple
) -> None:
    data, prefix, _value, suffix = case
    _check_removal(tmp_path_factory.mktemp("toml"), data, prefix, suffix)


@PROPERTY
@given(case=yaml_files())
def test_yaml_removal_deletes_only_its_line(
    tmp_path_factory: pytest.TempPathFactory, case: tuple
) -> None:
    data, prefix, _value, suffix = case
    _check_removal(tmp_path_factory.mktemp("yaml"), data, prefix, suffix)
