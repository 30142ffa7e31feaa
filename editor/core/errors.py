"""Error to message: the one sentence an editor reads when a file cannot be read, written or checked.

The list, the check, the window and the command line each turned exceptions into words of their own
("No such file or directory" in one place, "The file no longer exists" in another, a bare ``str(error)``
such as ``'title'`` for a KeyError in a third). They all ask :func:`describe_error`.
"""

from __future__ import annotations

import errno

from editor.core.frontmatter import FrontMatterError

_NOT_FOUND = "The file no longer exists"
_FOLDER = "This is a folder, not a file"
_DENIED = "Permission denied: the file or its folder is read-only"
_BY_ERRNO = {
    errno.ENOENT: _NOT_FOUND,
    errno.EISDIR: _FOLDER,
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.ELOOP: "This is a symbolic link that leads back to itself",
    errno.ENOTDIR: "A folder on the way to the file is a file",
}
_BY_TYPE: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, _NOT_FOUND),
    (IsADirectoryError, _FOLDER),
    (PermissionError, _DENIED),
)


def describe_error(error: BaseException, *, with_line: bool = True) -> str:
    """A one-line reason for an editor; ``with_line=False`` leaves out a front matter error's line
    (for a caller that shows the line on its own) but keeps the column."""
    if isinstance(error, FrontMatterError):
        if with_line:
            return _one_line(str(error))
        return _one_line(error.message + (f" (column {error.column})" if error.column else ""))
    if isinstance(error, OSError):
        known = _BY_ERRNO.get(error.errno) if error.errno is not None else None
        if known is None:
            known = next((text for kind, text in _BY_TYPE if isinstance(error, kind)), None)
        return known or _one_line(error.strerror or str(error)) or _unexpected(error)
    if isinstance(error, RecursionError):
        return "The front matter is nested too deeply to be read"
    if isinstance(error, MemoryError):
        return "The file is too large to be read"
    if isinstance(error, UnicodeError):
        return "The file is not UTF-8 text (Hugo reads only UTF-8)"
    if isinstance(error, KeyError | IndexError | AttributeError | TypeError):
        return _unexpected(error)
    return _one_line(str(error)) or _unexpected(error)


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _unexpected(error: BaseException) -> str:
    detail = _one_line(str(error))
    name = type(error).__name__
    return f"Unexpected error ({name}: {detail})" if detail else f"Unexpected error ({name})"
