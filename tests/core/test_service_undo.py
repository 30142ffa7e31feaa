"""Undoing an operation: the result carries the bytes it replaced, and restore puts them back."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.service import DocumentService, Outcome

DRAFT = b'+++\ntitle = "A draft"  # keep\ndraft = true\n+++\nBody\n'
OLD_NS = 1_600_000_000_123_456_789


def put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def test_a_changed_result_carries_the_bytes_it_replaced(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT)
    already = put(desk / "b.md", DRAFT.replace(b"true", b"false"))
    changed, unchanged = DocumentService(desk).publish([path, already])
    assert changed.outcome is Outcome.CHANGED and changed.before == DRAFT and changed.undoable
    assert changed.article is not None and changed.article.fingerprint.same_content(
        path.read_bytes()
    )
    assert unchanged.outcome is Outcome.UNCHANGED and unchanged.before is None
    assert not unchanged.undoable


def test_restore_puts_the_exact_bytes_back(desk: Path) -> None:
    crlf = DRAFT.replace(b"\n", b"\r\n")
    path = put(desk / "a.md", b"\xef\xbb\xbf" + crlf)
    service = DocumentService(desk)
    (published,) = service.publish([path])
    assert path.read_bytes() != b"\xef\xbb\xbf" + crlf
    (restored,) = service.restore_all([published])
    assert restored.outcome is Outcome.CHANGED
    assert path.read_bytes() == b"\xef\xbb\xbf" + crlf
    assert restored.article is not None and restored.article.metadata["draft"] is True
    # The restore is itself undoable: redo is a restore of the restore.
    (again,) = service.restore_all([restored])
    assert (
        again.outcome is Outcome.CHANGED and path.read_bytes() == published.article.split.encode()
    )


def test_restore_refuses_when_the_file_changed_since(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT)
    service = DocumentService(desk)
    (published,) = service.publish([path])
    outside = path.read_bytes().replace(b"A draft", b"Someone else's title")
    path.write_bytes(outside)
    (result,) = service.restore_all([published])
    assert result.outcome is Outcome.FAILED
    assert "changed on disk since" in result.message and "not undone" in result.message
    assert path.read_bytes() == outside


def test_restore_refuses_when_the_file_is_gone(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT)
    service = DocumentService(desk)
    (published,) = service.publish([path])
    path.unlink()
    (result,) = service.restore_all([published])
    assert result.outcome is Outcome.FAILED and "deleted or moved" in result.message
    assert not path.exists()


def test_restore_skips_results_that_changed_nothing(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT.replace(b"true", b"false"))
    service = DocumentService(desk)
    results = service.publish([path, desk / "missing.md"])
    assert service.restore_all(results) == []
