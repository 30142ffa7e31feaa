"""A file whose name is as long as the filesystem allows (255 bytes) can be saved: the temporary
file beside it was named ``.<whole name>.<random>.copydesk-tmp``, 23 bytes longer, so every save of
a name over 232 bytes failed with "File name too long"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core import atomic
from editor.core.service import DocumentService

BEFORE = b"---\ntitle: Long\ndraft: true\n---\nBody\n"


@pytest.mark.parametrize("stem", ["m" * 252, "é" * 126, "m" * 220])
def test_a_name_of_up_to_255_bytes_is_saved(tmp_path: Path, stem: str) -> None:
    path = tmp_path / f"{stem}.md"
    assert len(os.fsencode(path.name)) <= 255
    path.write_bytes(BEFORE)
    [result] = DocumentService(tmp_path).publish([path])
    assert result.outcome.value == "changed", result.message
    assert path.read_bytes() == BEFORE.replace(b"draft: true", b"draft: false")
    assert os.listdir(tmp_path) == [path.name]  # no temporary file left


def test_the_short_temporary_name_is_still_ours_and_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / ("m" * 252 + ".md")
    path.write_bytes(BEFORE)
    with atomic._temp_copy(path, b"x", None) as temp:
        name = os.path.basename(temp)
        assert len(os.fsencode(name)) <= 255 and atomic.is_temp_name(name)
