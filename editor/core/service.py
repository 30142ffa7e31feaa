"""The document service: the one place that reads and writes article files.

Every write is atomic (a temporary file in the same folder, flushed and synced, then swapped in; see
:mod:`editor.core.atomic`), keeps the file's mode, refuses when the file changed on disk since it was
loaded (the check and the replace are one step, even against another process), and writes nothing
when nothing changed. Operations over many files return one :class:`FileResult` per file, and one
failing file never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.article import Article, Fingerprint
from editor.core.atomic import clean_stale_temps, folder_lock, replace_checked
from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.files import LINK_LOOP, kind_problem, read_regular
from editor.core.frontmatter import FrontMatterError, SplitFile, read, split
from editor.core.hugo_keys import hugo_key
from editor.core.state import is_draft


class ConflictError(RuntimeError):
    """The file on disk is not the one that was loaded: saving would overwrite someone's change."""


class PathError(ValueError):
    """A path outside the opened folder (through ``..`` or a symbolic link)."""


class Outcome(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class FileResult(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What an operation did to one file; ``article`` is the file as it now is (None on failure).

    ``before`` is the exact bytes a CHANGED file held before the operation: with ``article``'s
    fingerprint (what the operation left) it is all :meth:`DocumentService.restore` needs to undo it.
    """

    path: str
    outcome: Outcome
    message: str = ""
    article: Article | None = None
    before: bytes | None = None

    @property
    def undoable(self) -> bool:
        return (
            self.outcome is Outcome.CHANGED and self.before is not None and self.article is not None
        )

    @property
    def ok(self) -> bool:
        return self.outcome is not Outcome.FAILED


class DocumentService:
    """Loads and saves the articles below ``root``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self._cleaned: set[Path] = set()

    # --- paths -------------------------------------------------------------------------------------

    def resolve(self, path: Path | str) -> Path:
        """The real path of ``path`` (relative to the root or absolute); raises PathError if outside."""
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        try:
            real = candidate.resolve()
        except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError on a link loop
            if kind_problem(candidate) == LINK_LOOP:
                raise FrontMatterError(LINK_LOOP) from None
            raise
        if real != self.root and not real.is_relative_to(self.root):
            raise PathError(f"{path} is outside the opened folder {self.root}")
        return real

    def relpath(self, path: Path | str) -> str:
        """The "/"-separated name of ``path`` below the root, as the index lists it.

        A symbolic link keeps its own name (the index lists the link, and results must find that
        row); the write still goes to the file it points to. Raises PathError if outside.
        """
        real = self.resolve(path)
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        lexical = Path(os.path.normpath(candidate))
        if lexical.is_relative_to(self.root):
            return lexical.relative_to(self.root).as_posix()
        return real.relative_to(self.root).as_posix()

    # --- reading -----------------------------------------------------------------------------------

    def load(self, path: Path | str) -> Article:
        """Read one article; raises FrontMatterError, PathError or OSError. Never writes."""
        real = self.resolve(path)
        data, mtime_ns = _read_bytes(real)
        split_file, metadata = read(data)
        return Article(
            real, self.relpath(path), split_file, metadata, Fingerprint.of(data, mtime_ns)
        )

    # --- writing -----------------------------------------------------------------------------------

    def still_on_disk(self, article: Article) -> bool:
        """Whether the file still looks as ``article`` was read (its size and modification time,
        without reading it): a result an operation returned stands for the file while this holds;
        a write by someone else since changes the time (or the size), and it must be read again."""
        try:
            info = os.stat(self.resolve(article.path))
        except (OSError, PathError, FrontMatterError):
            return False
        fingerprint = article.fingerprint
        return info.st_size == fingerprint.size and info.st_mtime_ns == fingerprint.mtime_ns

    def save(self, article: Article, *, force: bool = False) -> tuple[Article, bool]:
        """Write ``article``'s edits; returns (the article as now on disk, whether bytes were written).

        Raises ConflictError when the file changed since it was loaded (unless ``force``), EditError
        when the edit cannot be made cleanly, OSError when the file cannot be written.
        """
        saved, written, _before = self._save(article, force=force)
        return saved, written

    def _save(self, article: Article, *, force: bool) -> tuple[Article, bool, bytes | None]:
        """:meth:`save`, also returning the bytes the write replaced (None when there were none)."""
        to_save = article.split_to_save()
        new_data = to_save.encode()
        _check_reads_back(article.relpath, new_data, to_save)
        real = self.resolve(article.path)
        written, before = self._replace_checked(
            real, article.relpath, new_data, None if force else article.fingerprint, "opened"
        )
        return self.load(article.relpath), written, before

    def _replace_checked(
        self,
        real: Path,
        relpath: str,
        new_data: bytes,
        expected: Fingerprint | None,
        since: str,
    ) -> tuple[bool, bytes | None]:
        """Replace ``real`` with ``new_data`` if it still holds the ``expected`` version (any, when
        None); returns (whether bytes were written, the bytes replaced). Raises ConflictError.

        The check and the replace are one step: under the folder lock against other Copydesk
        processes, and verified on the bytes really swapped out against other programs."""
        with folder_lock(real.parent):
            self._clean_leftovers(real.parent)
            try:
                current, _ = _read_bytes(real)
            except FileNotFoundError:
                if expected is not None:
                    raise ConflictError(
                        f"{relpath} was deleted or moved since it was {since}"
                    ) from None
                current = None
            if current is not None and expected is not None and not expected.same_content(current):
                raise ConflictError(f"{relpath} was changed on disk since it was {since}")
            if current == new_data:
                return False, current
            if current is not None:
                _refuse_read_only(real)
            accept = None if expected is None else expected.same_content
            if not replace_checked(real, new_data, accept):
                raise ConflictError(f"{relpath} was changed on disk since it was {since}")
        return True, current

    def _clean_leftovers(self, folder: Path) -> None:
        """Remove temporary files a killed save left in ``folder``, once per folder and service."""
        if folder not in self._cleaned:
            self._cleaned.add(folder)
            clean_stale_temps(folder)

    def replace_bytes(self, path: Path | str, data: bytes) -> Article:
        """Write a whole version of a file (resolving a git conflict: mine, theirs, or merged).

        The file is replaced atomically with its mode kept; the bytes must read back as an article
        (a version with conflict markers in its front matter is refused: FrontMatterError).
        """
        read(data)
        real = self.resolve(path)
        self._replace_checked(real, self.relpath(path), data, None, "loaded")
        return self.load(path)

    def update(
        self,
        path: Path | str,
        change: Callable[[Article], Any],
        *,
        edited: Article | None = None,
    ) -> FileResult:
        """Load a file, let ``change`` stage edits on it, and save; never raises.

        With ``edited`` (this file as the window loaded it, with the editor's unsaved edits), those
        edits are staged first, so that one write saves what the form shows together with the
        change; the file must still hold the version ``edited`` was loaded from, else nothing is
        written (an outside change goes to the merge, never under an action's write).
        """
        name = str(path)
        try:
            name = self.relpath(path)
            article = self.load(path)
            name = article.relpath
            if edited is not None:
                if article.fingerprint.sha256 != edited.fingerprint.sha256:
                    raise ConflictError(f"{name} was changed on disk since it was opened")
                article.carry_edits(edited, except_draft=True)
            change(article)
            if not article.is_dirty:
                return FileResult(name, Outcome.UNCHANGED, "", article)
            saved, written, before = self._save(article, force=False)
        except (
            FrontMatterError,
            EditError,
            ConflictError,
            PathError,
            OSError,
            ValueError,
        ) as error:
            return FileResult(name, Outcome.FAILED, describe_error(error))
        except Exception as error:  # one file's surprise must not stop the others
            return FileResult(name, Outcome.FAILED, f"Unexpected error: {error!r}")
        if not written:
            return FileResult(name, Outcome.UNCHANGED, "", saved)
        return FileResult(name, Outcome.CHANGED, "", saved, before)

    def restore(self, result: FileResult) -> FileResult:
        """Undo what ``result`` did: put its ``before`` bytes back; never raises.

        The usual conflict check holds: when the file no longer holds what the operation left (someone
        changed it since), nothing is written and the result says so.
        """
        name = result.path
        if not result.undoable:
            return FileResult(name, Outcome.UNCHANGED, "", result.article)
        assert result.article is not None and result.before is not None
        try:
            real = self.resolve(result.article.path)
            try:
                written, current = self._replace_checked(
                    real, name, result.before, result.article.fingerprint, "changed"
                )
            except ConflictError as error:
                raise ConflictError(f"{error}; it was not undone") from None
            if not written:
                return FileResult(name, Outcome.UNCHANGED, "", self.load(name))
            restored = self.load(name)
        except (FrontMatterError, ConflictError, PathError, OSError, ValueError) as error:
            return FileResult(name, Outcome.FAILED, describe_error(error))
        except Exception as error:
            return FileResult(name, Outcome.FAILED, f"Unexpected error: {error!r}")
        return FileResult(name, Outcome.CHANGED, "", restored, current)

    def restore_all(self, results: Iterable[FileResult]) -> list[FileResult]:
        """:meth:`restore` each result that changed a file (undo of a whole operation)."""
        return [self.restore(result) for result in results if result.undoable]

    def set_values(self, paths: Iterable[Path | str], values: dict[str, Any]) -> list[FileResult]:
        """Set front matter keys in each file."""

        def change(article: Article) -> None:
            for key, value in values.items():
                article.set_value(key, value)

        return [self.update(path, change) for path in paths]

    def set_draft(
        self, paths: Iterable[Path | str], value: bool, *, edited: Article | None = None
    ) -> list[FileResult]:
        """Set ``draft`` in each file; a file already in that state is not touched.

        Back to draft adds ``draft = true`` when the key is missing; publishing a file with no
        ``draft`` key leaves it alone, since a missing draft already means published. ``edited``:
        one of the files with unsaved edits to write along (see :meth:`update`); its staged draft
        edit gives way to ``value``.
        """

        def change(article: Article) -> None:
            key = _draft_key(article.metadata)
            if key is None:
                if value:
                    article.set_value("draft", True)
                return
            # Already in that state as Hugo reads it ("yes" and 0 are not drafts): leave the file.
            if is_draft(article.metadata) is value:
                return
            current = article.metadata[key]
            if isinstance(current, str):
                new: Any = "true" if value else "false"
            elif isinstance(current, int | float) and not isinstance(current, bool):
                new = type(current)(value)  # draft = 1 becomes draft = 0, keeping its type
            else:
                new = value
            article.set_value(key, new)

        def edits_for(path: Path | str) -> Article | None:
            if edited is None:
                return None
            try:
                return edited if self.relpath(path) == edited.relpath else None
            except PathError:
                return None

        return [self.update(path, change, edited=edits_for(path)) for path in paths]

    def publish(self, paths: Iterable[Path | str]) -> list[FileResult]:
        return self.set_draft(paths, False)

    def unpublish(self, paths: Iterable[Path | str]) -> list[FileResult]:
        return self.set_draft(paths, True)


def _draft_key(metadata: dict[str, Any]) -> str | None:
    """The key Hugo reads as ``draft`` (keys are case-insensitive in Hugo)."""
    return hugo_key(metadata, "draft")


def _refuse_read_only(real: Path) -> None:
    # The rename in replace_checked would replace even a read-only file, and root passes
    # os.access: a file with no write permission bit at all is read-only for everyone.
    if not os.access(real, os.W_OK) or not os.stat(real).st_mode & 0o222:
        raise PermissionError(13, "The file is read-only", str(real))


def _check_reads_back(relpath: str, data: bytes, expected: SplitFile) -> None:
    """Refuse bytes that would not read back as the parts meant (a body that starts like front matter)."""
    try:
        again = split(data)
    except FrontMatterError as error:
        raise EditError(
            f"Saving would leave {relpath} unreadable ({error}); nothing was written"
        ) from None
    if again.format is not expected.format or again.body != expected.body:
        raise EditError(
            f"Saving would make the start of {relpath}'s body read as front matter; nothing was written"
        )


def _read_bytes(path: Path) -> tuple[bytes, int]:
    data, info = read_regular(path)
    return data, info.st_mtime_ns
