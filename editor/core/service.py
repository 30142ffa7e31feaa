"""The document service: the one place that reads and writes article files.

Every write is atomic (a temporary file in the same folder, flushed and synced, then ``os.replace``),
keeps the file's mode, refuses when the file changed on disk since it was loaded, and writes nothing
when nothing changed. Operations over many files return one :class:`FileResult` per file, and one
failing file never stops the others.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from editor.core.article import Article, Fingerprint
from editor.core.edit import EditError
from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError, SplitFile, read, split
from editor.core.state import hugo_key, is_draft


class ConflictError(RuntimeError):
    """The file on disk is not the one that was loaded: saving would overwrite someone's change."""


class PathError(ValueError):
    """A path outside the opened folder (through ``..`` or a symbolic link)."""


class Outcome(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What an operation did to one file; ``article`` is the file as it now is (None on failure)."""

    path: str
    outcome: Outcome
    message: str = ""
    article: Article | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is not Outcome.FAILED


def describe_error(error: BaseException) -> str:
    """A one-line reason for an editor, for the errors the service can meet."""
    if isinstance(error, FileNotFoundError):
        return "The file no longer exists"
    if isinstance(error, IsADirectoryError):
        return "This is a folder, not a file"
    if isinstance(error, PermissionError):
        return "Permission denied: the file or its folder is read-only"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


class DocumentService:
    """Loads and saves the articles below ``root``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()

    # --- paths -------------------------------------------------------------------------------------

    def resolve(self, path: Path | str) -> Path:
        """The real path of ``path`` (relative to the root or absolute); raises PathError if outside."""
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        real = candidate.resolve()
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

    def save(self, article: Article, *, force: bool = False) -> tuple[Article, bool]:
        """Write ``article``'s edits; returns (the article as now on disk, whether bytes were written).

        Raises ConflictError when the file changed since it was loaded (unless ``force``), EditError
        when the edit cannot be made cleanly, OSError when the file cannot be written.
        """
        to_save = article.split_to_save()
        new_data = to_save.encode()
        _check_reads_back(article.relpath, new_data, to_save)
        real = self.resolve(article.path)
        try:
            current, _ = _read_bytes(real)
        except FileNotFoundError:
            if not force:
                raise ConflictError(
                    f"{article.relpath} was deleted or moved since it was opened"
                ) from None
            current = None
        if current is not None and not force and not article.fingerprint.same_content(current):
            raise ConflictError(f"{article.relpath} was changed on disk since it was opened")
        if current == new_data:
            return self.load(article.relpath), False
        # The rename in atomic_write would replace even a read-only file, and root passes
        # os.access: a file with no write permission bit at all is read-only for everyone.
        if current is not None and (
            not os.access(real, os.W_OK) or not os.stat(real).st_mode & 0o222
        ):
            raise PermissionError(13, "The file is read-only", str(real))
        atomic_write(real, new_data)
        return self.load(article.relpath), True

    def replace_bytes(self, path: Path | str, data: bytes) -> Article:
        """Write a whole version of a file (resolving a git conflict: mine, theirs, or merged).

        The file is replaced atomically with its mode kept; the bytes must read back as an article
        (a version with conflict markers in its front matter is refused: FrontMatterError).
        """
        read(data)
        real = self.resolve(path)
        atomic_write(real, data)
        return self.load(path)

    def update(self, path: Path | str, change: Callable[[Article], Any]) -> FileResult:
        """Load a file, let ``change`` stage edits on it, and save; never raises."""
        name = str(path)
        try:
            name = self.relpath(path)
            article = self.load(path)
            name = article.relpath
            change(article)
            if not article.is_dirty:
                return FileResult(name, Outcome.UNCHANGED, "", article)
            saved, written = self.save(article)
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
        return FileResult(name, Outcome.CHANGED if written else Outcome.UNCHANGED, "", saved)

    def set_values(self, paths: Iterable[Path | str], values: dict[str, Any]) -> list[FileResult]:
        """Set front matter keys in each file."""

        def change(article: Article) -> None:
            for key, value in values.items():
                article.set_value(key, value)

        return [self.update(path, change) for path in paths]

    def set_draft(self, paths: Iterable[Path | str], value: bool) -> list[FileResult]:
        """Set ``draft`` in each file; a file already in that state is not touched.

        Back to draft adds ``draft = true`` when the key is missing; publishing a file with no
        ``draft`` key leaves it alone, since a missing draft already means published.
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

        return [self.update(path, change) for path in paths]

    def publish(self, paths: Iterable[Path | str]) -> list[FileResult]:
        return self.set_draft(paths, False)

    def unpublish(self, paths: Iterable[Path | str]) -> list[FileResult]:
        return self.set_draft(paths, True)


def _draft_key(metadata: dict[str, Any]) -> str | None:
    """The key Hugo reads as ``draft`` (keys are case-insensitive in Hugo)."""
    return hugo_key(metadata, "draft")


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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half."""
    try:
        info: os.stat_result | None = os.stat(path)
        mode = stat.S_IMODE(info.st_mode)
    except FileNotFoundError:
        info, mode = None, 0o644
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".copydesk-tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if (
            info is not None
            and hasattr(os, "chown")
            and (info.st_uid, info.st_gid) != _owner(temp_name)
        ):
            # The new file would belong to whoever saves (root, say): give it the old owner and
            # group where we may (only root can change the owner).
            with contextlib.suppress(OSError):
                os.chown(temp_name, info.st_uid, info.st_gid)
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the platform allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid
