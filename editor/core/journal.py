"""Unsaved edits that survive a crash: the session store and its journal on disk.

The :class:`EditStore` keeps every article with pending edits while the editor moves between them
(switching never asks), and writes each one to the :class:`Journal`: one small JSON file per article
in the app's data folder, keyed by the desk's folder and the article's relative path, holding the
edits, the edited body and the bytes they were made on (the *base*). Writes are atomic, so a kill or a
power cut leaves the old entry or the new one, never half of one.

On the next start :func:`restore` rebuilds each article. When the file still holds the base bytes the
edits come back as they were. When it moved on, the three-way merge of :mod:`editor.core.merge`
(:func:`find_merge`) folds the edits into the new version when it can; when it finds conflicts, the
article comes back on its old base, so the session's outside-change check shows the conflict (Merge
there opens the resolver) and nothing is ever applied blindly.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.article import Article, Fingerprint, sha256_hex
from editor.core.atomic import replace_checked
from editor.core.edit_common import REMOVE, EditError
from editor.core.errors import describe_error
from editor.core.files import current_bytes
from editor.core.frontmatter import FrontMatterError, read
from editor.core.service import DocumentService, PathError

JOURNAL_VERSION = 1
SUFFIX = ".pending.json"

MergeFunction = Callable[[bytes, bytes, bytes], bytes | None]
"""``merge(base, mine, theirs)``: the merged bytes, or None when the versions conflict."""


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One article's pending edits, as written to the journal."""

    relpath: str
    base: bytes  # the file's bytes the edits were made on
    base_mtime_ns: int
    edits: dict[str, Any] = field(default_factory=dict)
    new_body: str | None = None

    @classmethod
    def of(cls, article: Article, base: bytes) -> JournalEntry:
        return cls(
            article.relpath,
            base,
            article.fingerprint.mtime_ns,
            dict(article.edits),
            article.new_body,
        )

    @property
    def fingerprint(self) -> Fingerprint:
        return Fingerprint.of(self.base, self.base_mtime_ns)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": JOURNAL_VERSION,
            "relpath": self.relpath,
            "base": base64.b64encode(self.base).decode("ascii"),
            "base_sha256": self.fingerprint.sha256,
            "base_mtime_ns": self.base_mtime_ns,
            "edits": {key: _encode(value) for key, value in self.edits.items()},
            "new_body": self.new_body,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        """Raises ValueError (or KeyError/TypeError) for an entry this version cannot read."""
        if data.get("version") != JOURNAL_VERSION:
            raise ValueError(f"journal version {data.get('version')!r}")
        base = base64.b64decode(data["base"], validate=True)
        if sha256_hex(base) != data["base_sha256"]:
            raise ValueError("the base bytes do not match their checksum")
        body = data.get("new_body")
        if body is not None and not isinstance(body, str):
            raise ValueError("new_body is not text")
        return cls(
            str(data["relpath"]),
            base,
            int(data["base_mtime_ns"]),
            {str(key): _decode(value) for key, value in dict(data["edits"]).items()},
            body,
        )


# Edit values are what the form stages: str, bool, int, float, None, lists, dates and datetimes
# (with or without an offset), and REMOVE. JSON has no dates, so those are tagged objects.
def _encode(value: Any) -> Any:
    if value is REMOVE:
        return {"$remove": True}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"$table": {str(key): _encode(item) for key, item in value.items()}}
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise TypeError(f"cannot journal a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if value.get("$remove") is True:
            return REMOVE
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$time" in value:
            return dt.time.fromisoformat(value["$time"])
        if "$table" in value:
            return {key: _decode(item) for key, item in value["$table"].items()}
        raise ValueError(f"unknown journal value {value!r}")
    return value


def desk_key(root: Path) -> str:
    """The journal folder name for a desk: its resolved path, hashed (any path fits a file name)."""
    return name_digest(str(Path(root).resolve()))


def name_digest(text: str) -> str:
    """The first 32 hex digits of the SHA-256 of ``text`` (a path), for a file name. The journal
    is read when a folder opens, before the window's first paint, and hashlib loads OpenSSL
    (~2.5 ms of that): CPython's own SHA-256 gives the same digest, slower on big data but a
    path takes microseconds (the stdlib's ``random`` does the same for SHA-512)."""
    return _path_sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _builtin_sha256() -> Any:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # CPython 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.11
        except ImportError:  # pragma: no cover - another Python: the public one
            from hashlib import sha256
    return sha256


_path_sha256 = _builtin_sha256()


class Journal:
    """The on-disk journal below ``folder`` (the app's data folder, given by the caller)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def _desk_folder(self, root: Path) -> Path:
        return self.folder / desk_key(root)

    def _file(self, root: Path, relpath: str) -> Path:
        name = name_digest(relpath)
        return self._desk_folder(root) / (name + SUFFIX)

    def write(self, root: Path, entry: JournalEntry) -> None:
        """Record ``entry`` for the desk at ``root``, atomically; raises OSError."""
        folder = self._desk_folder(root)
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / "desk.txt"  # for a person looking in the folder: which desk this is
        if not marker.exists():
            replace_checked(marker, str(Path(root).resolve()).encode("utf-8", "surrogateescape"))
        data = json.dumps(entry.to_json(), ensure_ascii=False, allow_nan=True).encode("utf-8")
        replace_checked(self._file(root, entry.relpath), data)

    def remove(self, root: Path, relpath: str) -> None:
        """Forget the entry of ``relpath`` (saved or discarded); a missing entry is fine."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._file(root, relpath))

    def entries(self, root: Path) -> Iterator[JournalEntry | JournalDamage]:
        """Every entry of the desk at ``root``; an unreadable one is reported, never raised."""
        folder = self._desk_folder(root)
        try:
            files = sorted(folder.glob("*" + SUFFIX))
        except OSError:
            return
        for path in files:
            try:
                yield JournalEntry.from_json(json.loads(path.read_bytes()))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                yield JournalDamage(path, str(error))


class JournalDamage(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """A journal file that could not be read back (kept on disk for a person to look at)."""

    path: Path
    reason: str


class Restored(StrEnum):
    SAME = "same"  # the file is as it was: the edits are back on it
    MERGED = "merged"  # the file moved on and the merge folded the edits into it
    CONFLICT = "conflict"  # the file moved on (or is gone): the edits sit on their old base
    FAILED = "failed"  # nothing could be rebuilt (reason in the message)


class Restoration(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    relpath: str
    outcome: Restored
    article: Article | None = None
    message: str = ""


def restore(
    service: DocumentService, entry: JournalEntry, merge: MergeFunction | None = None
) -> Restoration:
    """Rebuild the article of ``entry`` from the file on disk now; never writes an article file."""
    try:
        real = service.resolve(entry.relpath)
        base_split, base_metadata = read(entry.base)
    except (PathError, FrontMatterError) as error:
        return Restoration(entry.relpath, Restored.FAILED, None, str(error))
    try:
        current = service.load(entry.relpath)
    except FileNotFoundError:
        current = None
    except (FrontMatterError, PathError, OSError):
        current = None  # unreadable now: keep the edits on their base; the session will say why
    if current is not None and current.fingerprint.same_content(entry.base):
        _stage(current, entry)
        return Restoration(entry.relpath, Restored.SAME, current)
    on_base = Article(
        real, service.relpath(entry.relpath), base_split, base_metadata, entry.fingerprint
    )
    _stage(on_base, entry)
    if current is not None and _already_saved(on_base, current):
        return Restoration(entry.relpath, Restored.SAME, current)  # saved before the end came
    if current is not None and merge is not None:
        merged = _merged(on_base, current, entry, merge)
        if merged is not None:
            return Restoration(entry.relpath, Restored.MERGED, merged)
    reason = (
        "the file was deleted or moved since"
        if current is None and not real.exists()
        else "the file changed on disk since"
    )
    return Restoration(entry.relpath, Restored.CONFLICT, on_base, reason)


def _already_saved(on_base: Article, current: Article) -> bool:
    try:
        return current.fingerprint.same_content(on_base.bytes_to_save())
    except EditError:
        return False


def _stage(article: Article, entry: JournalEntry) -> None:
    for key, value in entry.edits.items():
        if value is REMOVE:
            article.remove_value(key)
        else:
            article.set_value(key, value)
    if entry.new_body is not None:
        article.set_body(entry.new_body)


def _merged(
    on_base: Article, current: Article, entry: JournalEntry, merge: MergeFunction
) -> Article | None:
    """The current article with the merge's result staged as edits (None on conflict)."""
    try:
        mine = on_base.bytes_to_save()
        theirs = current_bytes(current.path)
        if theirs is None:
            return None
        result = merge(entry.base, mine, theirs)
        if result is None:
            return None
        if not current.fingerprint.same_content(theirs):
            return None
        current.stage_version(result)
    except (EditError, FrontMatterError, OSError, ValueError):
        return None
    return current


def find_merge() -> MergeFunction:
    """The three-way merge engine (:func:`editor.core.merge.merge`) as the journal uses it: the
    merged bytes when the merge is clean, else None (the edits then come back as a conflict)."""

    def adapter(base: bytes, mine: bytes, theirs: bytes) -> bytes | None:
        # Imported on the first merge: the window opens its journal before the first paint.
        from editor.core.merge import MergeError
        from editor.core.merge import merge as three_way_merge

        try:
            result = three_way_merge(base, mine, theirs)
        except MergeError:
            return None
        return result.data if result.clean and not result.deleted else None

    return adapter


class EditStore:
    """Pending edits per article of one desk, mirrored to the journal (when one is given).

    The session puts an article here whenever its edits change, and takes it back when the editor
    returns to it; a clean article is dropped (and its journal entry with it).
    """

    def __init__(self, root: Path, journal: Journal | None = None) -> None:
        self.root = Path(root).resolve()
        self.journal = journal
        self._articles: dict[str, Article] = {}
        self._bases: dict[str, bytes] = {}
        self.last_error: str | None = None

    def __contains__(self, relpath: object) -> bool:
        return relpath in self._articles

    def __len__(self) -> int:
        return len(self._articles)

    def get(self, relpath: str) -> Article | None:
        return self._articles.get(relpath)

    def articles(self) -> list[Article]:
        """The articles with pending edits, in path order."""
        return [self._articles[path] for path in sorted(self._articles)]

    def paths(self) -> list[str]:
        return sorted(self._articles)

    def put(self, article: Article) -> bool:
        """Keep (or drop, when clean) ``article`` and journal it; False when the journal failed."""
        if not article.is_dirty:
            self.forget(article.relpath)
            return True
        self._articles[article.relpath] = article
        base = self._base_of(article)
        if base is None:
            self.last_error = f"{article.relpath}: the bytes it was opened from are gone"
            return False
        return self._journal(article, base)

    def _base_of(self, article: Article) -> bytes | None:
        """The bytes the article was loaded from: its parts as split (they join back exactly)."""
        known = self._bases.get(article.relpath)
        if known is not None and article.fingerprint.same_content(known):
            return known
        known = article.split.encode()
        if not article.fingerprint.same_content(known):
            try:
                known = current_bytes(article.path)  # the guard: a pipe there would block
            except (OSError, FrontMatterError):
                return None
            if known is None or not article.fingerprint.same_content(known):
                return None
        self._bases[article.relpath] = known
        return known

    def _journal(self, article: Article, base: bytes) -> bool:
        if self.journal is None:
            return True
        try:
            self.journal.write(self.root, JournalEntry.of(article, base))
        except (OSError, TypeError, ValueError) as error:
            self.last_error = describe_error(error)  # words, not "[Errno 28] ..."
            return False
        self.last_error = None
        return True

    def forget(self, relpath: str) -> None:
        """Drop ``relpath``'s pending edits (saved or discarded) and its journal entry."""
        self._articles.pop(relpath, None)
        self._bases.pop(relpath, None)
        if self.journal is not None:
            try:
                self.journal.remove(self.root, relpath)
            except OSError as error:
                self.last_error = describe_error(error)

    def forget_all(self) -> None:
        for relpath in list(self._articles):
            self.forget(relpath)

    def restore(
        self, service: DocumentService, merge: MergeFunction | None = None
    ) -> list[Restoration]:
        """Bring back the journal's entries for this desk as pending edits; one result per entry."""
        if self.journal is None:
            return []
        results = []
        for entry in self.journal.entries(self.root):
            if isinstance(entry, JournalDamage):
                results.append(Restoration(entry.path.name, Restored.FAILED, None, entry.reason))
                continue
            restoration = restore(service, entry, merge)
            results.append(restoration)
            article = restoration.article
            if article is not None and article.is_dirty:
                self._articles[article.relpath] = article
                if restoration.outcome is Restored.MERGED:
                    self.put(article)  # journal it again on its new base
            elif article is not None:
                self.forget(entry.relpath)  # the file already holds these edits
        return results
