"""Article: carrying pending edits onto a fresher copy of the file (the session and the store)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from editor.core.article import Fingerprint, sha256_hex
from editor.core.service import DocumentService

ARTICLE = b"+++\ntitle = 'Old'\nDraft = true\n+++\nBody\n"


def test_carry_edits_except_draft_leaves_the_flag_the_action_wrote(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(ARTICLE)
    service = DocumentService(tmp_path)
    older = service.load("a.md")
    older.set_value("title", "New")
    older.set_value("Draft", False)  # the file spells it "Draft": Hugo folds it to draft
    older.set_body("Edited\n")
    (tmp_path / "a.md").write_bytes(ARTICLE.replace(b"Draft = true", b"Draft = false"))
    fresh = service.load("a.md")
    fresh.carry_edits(older, except_draft=True)
    assert fresh.edits == {"title": "New"} and fresh.new_body == "Edited\n"
    assert fresh.bytes_to_save() == b"+++\ntitle = 'New'\nDraft = false\n+++\nEdited\n"
    every = service.load("a.md")
    every.carry_edits(older)
    assert "Draft" not in every.edits  # false already on disk: no edit any more
    assert every.value("title") == "New"


@given(st.binary(max_size=5000))
def test_the_fingerprint_digest_is_hashlib_sha256(data: bytes) -> None:
    # CPython's own SHA-256 stands in for hashlib's (OpenSSL) so the window need not load it
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert Fingerprint.of(data, 1).sha256 == hashlib.sha256(data).hexdigest()
