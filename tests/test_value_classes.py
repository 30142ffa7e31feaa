"""The value classes made before the window's first paint are NamedTuples rather than frozen
dataclasses (a NamedTuple class is made about five times faster at import): they keep what the
dataclasses gave their users, immutable, equal and hashed by value, the same repr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor.core.article import Fingerprint
from editor.core.field_changes import FieldChange, VersionChanges
from editor.core.frontmatter import Format, SplitFile
from editor.core.git import Checkout, Failure, FailureRule, Ran
from editor.core.git_status import Change, CommitResult, FileState, FileStatus
from editor.core.images import ImagePlaces, LocalImage
from editor.core.journal import JournalDamage
from editor.core.problem import Level, Problem
from editor.core.render import BodyColors
from editor.core.service import FileResult, Outcome
from editor.core.urls import check_web_url
from editor.ui.article.article_session import SavedEdit
from editor.ui.article.body_feed import RenderSpec
from editor.ui.common.settings import Option
from editor.ui.desk.git_columns import GitCell
from editor.ui.window.help import AppPlaces
from editor.ui.window.window_state import WindowState

MADE: list[tuple[type[Any], dict[str, Any]]] = [
    (Problem, {"path": "a.md", "line": 3, "level": Level.ERROR, "message": "bad", "key": "title"}),
    (
        SplitFile,
        {"format": Format.TOML, "head": "+++\n", "front": "a = 1\n", "tail": "+++\n", "body": "B"},
    ),
    (Fingerprint, {"size": 4, "mtime_ns": 5, "sha256": "ab"}),
    (FieldChange, {"name": "title", "old_key": "title", "new_key": None, "old": "x", "new": "y"}),
    (VersionChanges, {"fields": (), "body_changed": True}),
    (Ran, {"args": ("status",), "returncode": 0, "stdout": b"", "stderr": b""}),
    (Checkout, {"top": Path("/t"), "desk": Path("/t/d"), "prefix": "d/", "git": "git"}),
    (FailureRule, {"signs": ("x",), "kind": Failure.OFFLINE}),
    (FileStatus, {"path": "a.md", "state": FileState.MODIFIED, "staged": False}),
    (Change, {"commit": "c0", "author": "A", "email": "a@x", "time": 1, "subject": "s"}),
    (CommitResult, {"commit": "c0", "paths": ("a.md",)}),
    (ImagePlaces, {"article_dir": Path("/d"), "static_dirs": (Path("/s"),)}),
    (LocalImage, {"path": None, "reason": "no image is set"}),
    (JournalDamage, {"path": Path("/j"), "reason": "bad"}),
    (BodyColors, {"text": "#000000"}),
    (FileResult, {"path": "a.md", "outcome": Outcome.CHANGED, "message": "ok"}),
    (WindowState, {"has_folder": True, "selected": 2}),
    (AppPlaces, {"settings_file": "s.ini", "docs": Path("/docs")}),
    (SavedEdit, {"relpath": "a.md", "title": "A", "keys": ("title",), "body": False}),
    (RenderSpec, {"kind": "markdown", "labels": {}, "remote_label": "remote"}),
    (Option, {"key": "k", "default": 1, "read": int}),
    (
        GitCell,
        {
            "state_text": "M",
            "states": frozenset({"modified"}),
            "last_text": "",
            "last_tip": "",
            "state_sort": 1,
            "last_sort": 0,
        },
    ),
]


@pytest.mark.parametrize(("kind", "values"), MADE, ids=[kind.__name__ for kind, _ in MADE])
def test_a_value_is_immutable_equal_by_value_and_shown_as_before(
    kind: type[Any], values: dict[str, Any]
) -> None:
    one, same = kind(**values), kind(**values)
    assert one == same
    first = next(iter(values))
    with pytest.raises(AttributeError):
        setattr(one, first, values[first])
    assert getattr(one, first) == values[first]
    other = kind(**{**values, first: _different(values[first])})
    assert one != other
    # the repr a dataclass gave: the class, then each field as name=repr(value)
    assert repr(one).startswith(f"{kind.__name__}({first}={values[first]!r}")
    if all(
        isinstance(value, str | int | bool | tuple | frozenset | Path) for value in values.values()
    ):
        assert hash(one) == hash(same)


def _different(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, Path):
        return value / "x"
    if isinstance(value, tuple):
        return (*value, "x")
    return object()


def test_a_problem_still_reads_as_path_line_level_message() -> None:
    assert str(Problem("a.md", 3, Level.ERROR, "bad")) == "a.md:3: error: bad"
    assert str(Problem("a.md", None, Level.WARNING, "odd")) == "a.md: warning: odd"


def test_properties_and_methods_still_work() -> None:
    assert Ran(("x",), 1, b"out", b"err").text == "out\nerr" and not Ran((), 1, b"", b"").ok
    assert WindowState(selected=3, selected_drafts=1).selected_not_drafts == 2
    assert check_web_url("https://example.org/a").ok
    assert Fingerprint.of(b"abc", 7).same_content(b"abc")
    assert VersionChanges((), False).changed is False


def test_a_split_file_is_replaced_part_by_part() -> None:
    split = SplitFile(Format.TOML, "+++\n", "a = 1\n", "+++\n", "Body\n", bom=True)
    assert split.with_front("a = 2\n").encode() == b"\xef\xbb\xbf+++\na = 2\n+++\nBody\n"
    assert split.with_body("New\n") == SplitFile(
        Format.TOML, "+++\n", "a = 1\n", "+++\n", "New\n", True
    )
    assert split.newline == "\n" and split.body_line == 4
