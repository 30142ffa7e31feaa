"""DocumentService.still_on_disk: a returned article stands for its file until someone writes it."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.service import DocumentService


def test_an_article_stands_for_its_file_until_the_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b'+++\ntitle = "A"\n+++\nBody\n')
    service = DocumentService(tmp_path)
    article = service.load("a.md")
    assert service.still_on_disk(article)
    [result] = service.set_draft(["a.md"], True)
    assert result.article is not None and service.still_on_disk(result.article)
    assert not service.still_on_disk(article)  # the write changed it
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))  # same bytes, rewritten
    assert not service.still_on_disk(result.article)


def test_a_file_gone_or_replaced_by_a_folder_is_not_still_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b'+++\ntitle = "A"\n+++\n')
    service = DocumentService(tmp_path)
    article = service.load("a.md")
    path.unlink()
    assert not service.still_on_disk(article)
    path.mkdir()
    assert not service.still_on_disk(article)
