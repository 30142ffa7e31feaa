"""The open article's signals carry its path as Python holds it: a Qt ``str`` signal turned the
lone surrogate of a name that is not UTF-8 (``caf\\udce9.md``) into ``caf.md``, so the row of the
article being edited was never marked."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from editor.ui.window.main_window import MainWindow
from tests.helpers.window import type_title

LATIN1 = os.fsdecode(b"caf\xe9.md")


def test_the_dirty_signal_names_a_non_utf8_file_as_it_is(
    qtbot, make_window: Callable[..., MainWindow], desk: Path
) -> None:
    (desk / LATIN1).write_bytes(b"---\ntitle: Caf\n---\nBody\n")
    window = make_window(desk)
    told: list[tuple[str, bool]] = []
    window.session.dirty_changed.connect(lambda path, dirty: told.append((path, dirty)))
    assert window.session.open(LATIN1)
    type_title(qtbot, window, "Cafe")
    assert told and told[-1] == (LATIN1, True)
    assert os.fsencode(told[-1][0]) == b"caf\xe9.md"
