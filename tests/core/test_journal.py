"""The unsaved-edits store and its journal: what a crash leaves behind comes back, never blindly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.edit_common import REMOVE
from editor.core.journal import (
    EditStore,
    Journal,
    JournalEntry,
    Restored,
    desk_key,
    name_digest,
    restore,
)
from editor.core.service import ConflictError, DocumentService

ARTICLE = b"+++\ntitle = 'Old'\ndraft = true\ntags = ['a']\n+++\nBody\n"
OFFSET = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "news").mkdir(parents=True)
    (root / "news" / "a.md").write_bytes(ARTICLE)
    return root


def edited(service: DocumentService) -> object:
    article = service.load("news/a.md")
    article.set_value("title", "New")
    article.set_value("date", dt.datetime(2025, 10, 1, 8, 0, tzinfo=OFFSET))
    article.remove_value("tags")
    article.set_body("Body, edited\n")
    return article


def test_entry_round_trips_every_edit_type(desk: Path) -> None:
    article = edited(DocumentService(desk))
    entry = JournalEntry.of(article, ARTICLE)
    again = JournalEntry.from_json(json.loads(json.dumps(entry.to_json())))
    assert again == entry
    assert again.edits["tags"] is REMOVE
    assert again.edits["date"].utcoffset() == dt.timedelta(hours=2)


def test_a_crash_loses_nothing_and_opening_never_writes(desk: Path, tmp_path: Path) -> None:
    service = DocumentService(desk)
    store = EditStore(desk, Journal(tmp_path / "data"))
    assert store.put(edited(service))
    # The process dies here; a new one starts on the same data folder.
    again = EditStore(desk, Journal(tmp_path / "data"))
    [result] = again.restore(DocumentService(desk))
    assert result.outcome is Restored.SAME
    assert (desk / "news" / "a.md").read_bytes() == ARTICLE
    article = again.get("news/a.md")
    assert article is not None and article.is_dirty
    assert article.value("title") == "New" and not article.has_key("tags")
    _saved, written = service.save(article)
    assert written
    assert (desk / "news" / "a.md").read_bytes() == (
        b"+++\ntitle = 'New'\ndraft = true\ndate = 2025-10-01T08:00:00+02:00\n+++\nBody, edited\n"
    )


def test_journal_entries_are_per_desk(desk: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / "news").mkdir(parents=True)
    (other / "news" / "a.md").write_bytes(ARTICLE)
    EditStore(desk, Journal(tmp_path / "data")).put(edited(DocumentService(desk)))
    assert EditStore(other, Journal(tmp_path / "data")).restore(DocumentService(other)) == []


def test_saving_or_discarding_clears_the_entry(desk: Path, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data")
    store = EditStore(desk, journal)
    article = edited(DocumentService(desk))
    store.put(article)
    assert len(list(journal.entries(desk))) == 1
    article.discard_edits()
    store.put(article)  # clean now: dropped
    assert list(journal.entries(desk)) == [] and "news/a.md" not in store


def test_the_file_moved_on_without_a_merge_is_a_conflict_on_the_old_base(
    desk: Path, tmp_path: Path
) -> None:
    store = EditStore(desk, Journal(tmp_path / "data"))
    store.put(edited(DocumentService(desk)))
    theirs = ARTICLE.replace(b"draft = true", b"draft = false")
    (desk / "news" / "a.md").write_bytes(theirs)
    [result] = EditStore(desk, Journal(tmp_path / "data")).restore(DocumentService(desk))
    assert result.outcome is Restored.CONFLICT
    assert "changed on disk" in result.message
    article = result.article
    assert article is not None and article.value("title") == "New"
    # The edits sit on the bytes they were made on, so saving is refused, never applied blindly.
    assert not article.fingerprint.same_content(theirs)
    with pytest.raises(ConflictError):
        DocumentService(desk).save(article)
    assert (desk / "news" / "a.md").read_bytes() == theirs


def test_a_deleted_file_is_a_conflict_too(desk: Path, tmp_path: Path) -> None:
    store = EditStore(desk, Journal(tmp_path / "data"))
    store.put(edited(DocumentService(desk)))
    (desk / "news" / "a.md").unlink()
    [result] = store.restore(DocumentService(desk))
    assert result.outcome is Restored.CONFLICT and "deleted" in result.message


def test_a_merge_folds_the_edits_into_the_new_version(desk: Path, tmp_path: Path) -> None:
    store = EditStore(desk, Journal(tmp_path / "data"))
    article = DocumentService(desk).load("news/a.md")
    article.set_value("title", "New")
    store.put(article)
    theirs = ARTICLE.replace(b"draft = true", b"draft = false")
    (desk / "news" / "a.md").write_bytes(theirs)
    seen: list[tuple[bytes, bytes, bytes]] = []

    def merge(base: bytes, mine: bytes, ours_theirs: bytes) -> bytes:
        seen.append((base, mine, ours_theirs))
        return ours_theirs.replace(b"'Old'", b"'New'")

    again = EditStore(desk, Journal(tmp_path / "data"))
    [result] = again.restore(DocumentService(desk), merge)
    assert seen == [(ARTICLE, ARTICLE.replace(b"'Old'", b"'New'"), theirs)]
    assert result.outcome is Restored.MERGED
    merged = again.get("news/a.md")
    assert merged is not None and merged.edits == {"title": "New"}
    assert merged.fingerprint.same_content(theirs)
    DocumentService(desk).save(merged)
    assert (desk / "news" / "a.md").read_bytes() == theirs.replace(b"'Old'", b"'New'")


def test_a_merge_with_conflicts_leaves_the_conflict(desk: Path, tmp_path: Path) -> None:
    store = EditStore(desk, Journal(tmp_path / "data"))
    store.put(edited(DocumentService(desk)))
    (desk / "news" / "a.md").write_bytes(ARTICLE.replace(b"'Old'", b"'Theirs'"))
    [result] = store.restore(DocumentService(desk), lambda base, mine, theirs: None)
    assert result.outcome is Restored.CONFLICT


def test_edits_the_file_already_holds_are_dropped(desk: Path, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data")
    store = EditStore(desk, journal)
    article = DocumentService(desk).load("news/a.md")
    article.set_value("title", "New")
    store.put(article)
    DocumentService(desk).save(article)  # saved, but the process died before forgetting it
    again = EditStore(desk, journal)
    [result] = again.restore(DocumentService(desk))
    assert result.outcome is Restored.SAME
    assert "news/a.md" not in again and list(journal.entries(desk)) == []


def test_a_damaged_journal_file_is_reported_not_raised(desk: Path, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data")
    store = EditStore(desk, journal)
    store.put(edited(DocumentService(desk)))
    [path] = list((tmp_path / "data").rglob("*.pending.json"))
    path.write_bytes(b"{ half a")
    [result] = EditStore(desk, journal).restore(DocumentService(desk))
    assert result.outcome is Restored.FAILED and result.article is None
    assert path.exists()  # kept for a person to look at


def test_restore_refuses_an_entry_outside_the_desk(desk: Path, tmp_path: Path) -> None:
    entry = JournalEntry("../outside.md", ARTICLE, 0, {"title": "x"})
    assert restore(DocumentService(desk), entry).outcome is Restored.FAILED


def test_the_real_merge_engine_folds_edits_into_a_file_that_moved_on(
    desk: Path, tmp_path: Path
) -> None:
    from editor.core.journal import find_merge

    store = EditStore(desk, Journal(tmp_path / "data"))
    article = DocumentService(desk).load("news/a.md")
    article.set_value("title", "New")
    store.put(article)
    theirs = ARTICLE.replace(b"Body\n", b"Body, rewritten outside\n")
    (desk / "news" / "a.md").write_bytes(theirs)
    again = EditStore(desk, Journal(tmp_path / "data"))
    [result] = again.restore(DocumentService(desk), find_merge())
    assert result.outcome is Restored.MERGED
    DocumentService(desk).save(again.get("news/a.md"))
    assert (desk / "news" / "a.md").read_bytes() == theirs.replace(b"'Old'", b"'New'")
    # Both sides changed the title: a conflict, shown to the person, never applied.
    store.put(article)
    (desk / "news" / "a.md").write_bytes(ARTICLE.replace(b"'Old'", b"'Theirs'"))
    [result] = EditStore(desk, Journal(tmp_path / "data")).restore(
        DocumentService(desk), find_merge()
    )
    assert result.outcome is Restored.CONFLICT


def _returns_without_blocking(call: object, fifo: Path) -> bool:
    """Run ``call`` on a thread; if it blocks on the pipe, free it (open the writer end) and say so."""
    import os
    import threading

    thread = threading.Thread(target=call, daemon=True)  # type: ignore[arg-type]
    thread.start()
    thread.join(timeout=3)
    if thread.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(timeout=3)
        return False
    return True


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_the_merge_read_never_blocks_on_a_pipe_put_in_the_file_s_place(desk: Path) -> None:
    import os

    from editor.core.journal import _merged

    service = DocumentService(desk)
    entry = JournalEntry.of(edited(service), ARTICLE)
    on_base = service.load("news/a.md")
    current = service.load("news/a.md")
    path = desk / "news" / "a.md"
    path.unlink()
    os.mkfifo(path)
    results: list[object] = []
    merge_calls: list[bytes] = []

    def merge(base: bytes, mine: bytes, theirs: bytes) -> bytes:
        merge_calls.append(theirs)
        return theirs

    def call() -> None:
        results.append(_merged(on_base, current, entry, merge))

    assert _returns_without_blocking(call, path)
    assert results == [None] and merge_calls == []


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_the_store_s_base_read_never_blocks_on_a_pipe(desk: Path, monkeypatch) -> None:
    import os

    article = edited(DocumentService(desk))
    store = EditStore(desk)
    path = desk / "news" / "a.md"
    path.unlink()
    os.mkfifo(path)
    # The split no longer joins to the loaded bytes, so the store must look at the disk.
    monkeypatch.setattr(type(article.split), "encode", lambda self: b"other")
    results: list[object] = []
    assert _returns_without_blocking(lambda: results.append(store._base_of(article)), path)
    assert results == [None]


def test_a_full_disk_is_named_in_words_not_as_an_errno(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status bar said "[Errno 28] No space left on device" when the journal could not write."""
    import errno
    import os

    def full(_fd: int, _data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    store = EditStore(desk, Journal(tmp_path / "data"))
    monkeypatch.setattr(os, "write", full)
    assert not store.put(edited(DocumentService(desk)))
    assert store.last_error is not None and "Errno" not in store.last_error
    assert "space" in store.last_error.lower()


@given(st.text() | st.sampled_from(["", "news/caf\udce9.md", "/home/ed/desk"]))
def test_the_journal_names_files_by_hashlib_sha256(text: str) -> None:
    # CPython's own SHA-256 names them (hashlib loads OpenSSL, which the first paint can do without)
    expected = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    assert name_digest(text) == expected


def test_a_desk_keeps_its_journal_folder_name(tmp_path: Path) -> None:
    resolved = str(tmp_path.resolve()).encode("utf-8", "surrogateescape")
    assert desk_key(tmp_path) == hashlib.sha256(resolved).hexdigest()[:32]
