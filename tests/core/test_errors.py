"""Error to message: one sentence per kind of failure, the same in the list, the check and the CLI."""

from __future__ import annotations

import errno

import pytest

from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.frontmatter import FrontMatterError
from editor.core.service import ConflictError, PathError
from editor.core.validate import Level, problem_for_error

CASES = [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "The file no longer exists"),
    (FileNotFoundError("gone"), "The file no longer exists"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "This is a folder, not a file"),
    (
        PermissionError(errno.EACCES, "Permission denied"),
        "Permission denied: the file or its folder is read-only",
    ),
    (
        PermissionError(errno.EPERM, "Operation not permitted"),
        "Permission denied: the file or its folder is read-only",
    ),
    (
        OSError(errno.ELOOP, "Too many levels of symbolic links"),
        "This is a symbolic link that leads back to itself",
    ),
    (OSError(errno.ENOTDIR, "Not a directory"), "A folder on the way to the file is a file"),
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    (OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
    (OSError("plain words"), "plain words"),
    (OSError(), "Unexpected error (OSError)"),
    (FrontMatterError("Bad TOML", 3, 4), "Bad TOML (line 3, column 4)"),
    (FrontMatterError("Bad TOML", 3), "Bad TOML (line 3)"),
    (FrontMatterError("Not a regular file"), "Not a regular file"),
    (FrontMatterError("first line\nsecond   line"), "first line second line"),
    (
        ConflictError("a.md changed on disk since it was opened"),
        "a.md changed on disk since it was opened",
    ),
    (PathError("../x.md is outside the opened folder"), "../x.md is outside the opened folder"),
    (EditError("The value cannot be written"), "The value cannot be written"),
    (
        RecursionError("maximum recursion depth exceeded"),
        "The front matter is nested too deeply to be read",
    ),
    (MemoryError(), "The file is too large to be read"),
    (
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
        "The file is not UTF-8 text (Hugo reads only UTF-8)",
    ),
    (KeyError("title"), "Unexpected error (KeyError: 'title')"),
    (TypeError(), "Unexpected error (TypeError)"),
    (ValueError(""), "Unexpected error (ValueError)"),
    (RuntimeError("x" * 400), "x" * 299 + "…"),
]


@pytest.mark.parametrize(("error", "message"), CASES)
def test_describe_error(error: BaseException, message: str) -> None:
    assert describe_error(error) == message
    assert "\n" not in describe_error(error, with_line=False)


def test_a_problem_keeps_the_line_apart() -> None:
    problem = problem_for_error("a.md", FrontMatterError("Bad TOML", 3, 4))
    assert (problem.line, problem.level, problem.message) == (3, Level.ERROR, "Bad TOML (column 4)")
    missing = problem_for_error("b.md", FileNotFoundError(errno.ENOENT, "No such file"))
    assert (missing.line, missing.message) == (None, "The file no longer exists")
