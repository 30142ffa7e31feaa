"""Replacing one file atomically, against a check made just before, and the temporary files that takes.

A save must never overwrite a version it did not load. Two layers make the check and the replace one
step: a lock on the file's folder (``fcntl.flock``, advisory) serialises Copydesk processes, and on
Linux the new file is *exchanged* with the old one (``renameat2(RENAME_EXCHANGE)``), so the bytes that
were really replaced can be checked afterwards and swapped back if another program wrote in between.
Where the exchange is not available (another OS, a filesystem without it) the replace is a plain
``os.replace`` under the lock.

The folder itself is locked rather than a lock file: nothing is left behind beside the articles (no
stray file in ``git status``), a folder's inode survives the renames inside it, and the OS drops the
lock when a process dies.

Temporary files are named ``.<article name>.<random>.copydesk-tmp`` (the name cut to fit in 255
bytes) and locked by their writer, so a stale one (a save killed mid-write) can be told from one
being written and removed later.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from editor.core.disk_names import TEMP_SUFFIX
from editor.core.files import read_regular

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the fingerprint check still guards most races
    fcntl = None  # type: ignore[assignment]

STALE_AFTER_S = 60.0  # a temporary file untouched this long, and not locked, is a leftover

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is one of our temporary files (never an article, never listed)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


@contextlib.contextmanager
def folder_lock(folder: Path | str) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``folder`` against other Copydesk processes.

    Where the platform or filesystem has no such lock, this does nothing: the exchange check in
    :func:`replace_checked` still catches what it can.
    """
    fd = -1
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if fd >= 0:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:  # e.g. a network filesystem without flock on folders
                os.close(fd)
                fd = -1
        yield
    finally:
        if fd >= 0:
            os.close(fd)  # closing releases the lock


def _load_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # with the first exchange, not at start-up (the window imports this module)

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a libc older than glibc 2.28, or musl without it
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_renameat2: list[Callable[..., int] | None] = []  # loaded by the first exchange


def exchange(first: Path | str, second: Path | str) -> bool:
    """Swap two paths atomically; False when the OS or filesystem cannot (nothing was changed)."""
    if not _renameat2:
        _renameat2.append(_load_renameat2())
    renameat2 = _renameat2[0]
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        import ctypes

        code = ctypes.get_errno()
        if code in _UNSUPPORTED:
            return False
        raise OSError(code, os.strerror(code), str(second))
    return True


# A name may take 255 bytes (NAME_MAX on Linux and macOS); ours adds ".", ".", mkstemp's 8 random
# characters and the suffix, so the article's name is cut to what is left.
_NAME_MAX = 255
_NAME_ROOM = _NAME_MAX - 2 - 8 - len(TEMP_SUFFIX)


def _temp_prefix(name: str) -> str:
    """``.<name>.``, the name cut (at a character) so that the temporary file's name fits."""
    while len(os.fsencode(name)) > _NAME_ROOM:
        name = name[:-1]
    return f".{name}."


@contextlib.contextmanager
def _temp_copy(path: Path, data: bytes, info: os.stat_result | None) -> Iterator[str]:
    """A synced temporary file beside ``path`` holding ``data`` with ``path``'s mode and owner.

    It is locked while it exists (see :func:`clean_stale_temps`) and removed on the way out, whatever
    it then holds (the old version after an exchange, our bytes after a failure).
    """
    import tempfile  # with the first save: a listing reads only (shutil, random: ~3 ms of its start)

    fd, name = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        if info is not None and hasattr(os, "chown"):
            stat_now = os.fstat(fd)
            if (info.st_uid, info.st_gid) != (stat_now.st_uid, stat_now.st_gid):
                # The new file would belong to whoever saves (root, say): give it the old owner
                # and group where we may (only root can change the owner).
                with contextlib.suppress(OSError):
                    os.chown(name, info.st_uid, info.st_gid)
        os.chmod(name, stat.S_IMODE(info.st_mode) if info is not None else 0o644)
        yield name
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)


def replace_checked(path: Path, data: bytes, accept: Callable[[bytes], bool] | None = None) -> bool:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half.

    With ``accept``, the bytes that were replaced must pass it: when the exchange shows that another
    program wrote the file after the caller's check, the old file is swapped back and False is
    returned (nothing changed). Call it under :func:`folder_lock` with the check just made.
    """
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    with _temp_copy(path, data, info) as temp:
        swapped = False
        if info is not None:
            try:
                swapped = exchange(temp, path)
            except FileNotFoundError:  # deleted since the check
                if accept is not None:
                    return False
        if swapped and accept is not None:
            try:
                replaced: bytes | None = read_regular(temp)[0]
            except (OSError, ValueError):
                replaced = None
            if replaced is None or not accept(replaced):
                # Theirs goes back; ours is removed with the temporary file.
                try:
                    exchange(temp, path)
                except FileNotFoundError:  # the path went away meanwhile: theirs goes back alone
                    os.replace(temp, path)
                return False
        if not swapped:
            os.replace(temp, path)
    _sync_folder(path.parent)
    return True


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # make the rename itself durable where the platform allows
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def clean_stale_temps(folder: Path | str, names: list[str] | None = None) -> list[str]:
    """Remove our temporary files in ``folder`` that a killed save left; returns the names removed.

    Only files named like ours, untouched for :data:`STALE_AFTER_S` (by change time, which a rename
    also sets) and not locked by a save in progress. ``names`` spares listing the folder again.
    """
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
    removed = []
    now = time.time()
    for name in names:
        if not is_temp_name(name):
            continue
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or now - max(info.st_mtime, info.st_ctime) < (
                STALE_AFTER_S
            ):
                continue
            if _unlocked(path):
                os.unlink(path)
                removed.append(name)
        except OSError:
            continue
    return removed


def _unlocked(path: str) -> bool:
    if fcntl is None:
        return True
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True
