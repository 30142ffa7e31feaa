"""The article document: what was read from disk, and the edits waiting to be saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.edit import apply_edits
from editor.core.edit_common import REMOVE, EditError
from editor.core.frontmatter import Format, SplitFile, read
from editor.core.values import coerce_like, same_value


class Fingerprint(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What a file looked like when it was read; a different one on disk means someone else wrote it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, mtime_ns: int) -> Fingerprint:
        return cls(len(data), mtime_ns, sha256_hex(data))

    def same_content(self, data: bytes) -> bool:
        return len(data) == self.size and sha256_hex(data) == self.sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex (OpenSSL's, through hashlib: imported with the first
    article read, not before the window's first paint: ~2.5 ms)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


@dataclass(eq=False)
class Article:
    """One article file as loaded, with the edits an editor has made and not yet saved.

    ``metadata`` is what the file holds; ``edits`` maps keys to new values (``REMOVE`` for a key to
    delete) and ``new_body`` is the edited body text, if any. ``text_to_save()`` is exactly what Save would write.
    """

    path: Path
    relpath: str
    split: SplitFile
    metadata: dict[str, Any]
    fingerprint: Fingerprint
    edits: dict[str, Any] = field(default_factory=dict)
    new_body: str | None = None

    @property
    def format(self) -> Format:
        return self.split.format

    @property
    def body(self) -> str:
        """The body as it will be saved (the edited text if any)."""
        return self.split.body if self.new_body is None else self.new_body

    @property
    def is_dirty(self) -> bool:
        return bool(self.edits) or self.new_body is not None

    def value(self, key: str, default: Any = None) -> Any:
        """The current value of ``key``: the pending edit if any, else what the file holds."""
        if key in self.edits:
            value = self.edits[key]
            return default if value is REMOVE else value
        return self.metadata.get(key, default)

    def has_key(self, key: str) -> bool:
        """Whether ``key`` is in the front matter as Save would write it."""
        if key in self.edits:
            return self.edits[key] is not REMOVE
        return key in self.metadata

    def current_metadata(self) -> dict[str, Any]:
        """The front matter as Save would write it, in the file's key order (new keys last)."""
        merged = {**self.metadata, **self.edits}
        return {key: value for key, value in merged.items() if value is not REMOVE}

    def remove_value(self, key: str) -> None:
        """Stage the removal of ``key`` (a key only staged, not in the file, is simply dropped)."""
        if key in self.metadata:
            self.edits[key] = REMOVE
        else:
            self.edits.pop(key, None)

    def set_value(self, key: str, value: Any) -> Any:
        """Stage ``key = value`` (given the type the file already uses); returns the staged value."""
        if value is REMOVE:
            self.remove_value(key)
            return value
        if key in self.metadata:
            value = coerce_like(self.metadata[key], value)
            if same_value(self.metadata[key], value):
                self.edits.pop(key, None)
                return value
        elif value is None or value == "":
            self.edits.pop(key, None)  # a new key left empty is no edit: nothing would be written
            return value
        self.edits[key] = value
        return value

    def set_body(self, body: str) -> None:
        self.new_body = None if body == self.split.body else body

    def stage_version(self, data: bytes) -> bool:
        """Replace the pending edits with those that make Save write ``data`` (a merge built on
        this file); returns whether Save gives ``data`` exactly (values and body always match).

        Raises FrontMatterError when ``data`` does not read as an article.
        """
        split_file, metadata = read(data)
        self.discard_edits()
        for key in self.metadata.keys() - metadata.keys():
            self.edits[key] = REMOVE
        for key, value in metadata.items():
            if key not in self.metadata or not same_value(self.metadata[key], value):
                self.edits[key] = value
        self.set_body(split_file.body)
        try:
            return self.bytes_to_save() == data
        except EditError:
            return False

    def carry_edits(self, older: Article, *, except_draft: bool = False) -> None:
        """Stage ``older``'s pending edits on this fresher copy of its file.

        An action that writes one value (publish) leaves the editor's other edits unsaved on top of
        the file it wrote; an edit the file now already holds is no edit any more. With
        ``except_draft`` a staged draft edit (any spelling Hugo folds to ``draft``) gives way to the
        flag the action (publish, draft, undo) wrote.
        """
        for key, value in older.edits.items():
            if not (except_draft and key.lower() == "draft"):
                self.set_value(key, value)
        if older.new_body is not None:
            self.set_body(older.new_body)

    def discard_edits(self) -> None:
        self.edits.clear()
        self.new_body = None

    def split_to_save(self) -> SplitFile:
        """The file parts Save would write; raises EditError when the edit cannot be made cleanly."""
        result = apply_edits(self.split, self.edits, self.metadata)  # parsed once, at load
        if self.new_body is not None:
            result = result.with_body(self.new_body)
        return result

    def text_to_save(self) -> str:
        return self.split_to_save().text()

    def bytes_to_save(self) -> bytes:
        return self.split_to_save().encode()
