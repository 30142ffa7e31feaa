"""The open article's signals carry its path as Python holds it: a Qt ``str`` signal turned the
lone surrogate of a name that is not UTF-8 (``caf\\udce9.md``) into ``caf.md``, so the row of the
article being edited was never marked."""

from __future__ import annotations

import os
import time
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


def test_a_non_utf8_file_opens_from_the_list_and_its_row_is_marked(
    qtbot, make_window: Callable[..., MainWindow], desk: Path
) -> None:
    # The list asked for the article with a Qt str signal, which dropped the lone surrogate:
    # "caf.md cannot be opened: The file no longer exists". Old enough for the index cache,
    # which could not store its name: the scan failed ("The folder could not be read").
    (desk / LATIN1).write_bytes(b"---\ntitle: Caf\n---\nBody\n")
    hour_ago = time.time() - 3600
    os.utime(desk / LATIN1, (hour_ago, hour_ago))
    window = make_window(desk)
    assert window.model.row_of(LATIN1) is not None
    assert window.select_path(LATIN1)
    qtbot.waitUntil(lambda: window.session.path == LATIN1, timeout=5_000)
    assert window.form.isEnabled()
    type_title(qtbot, window, "Cafe")
    assert window.model.is_dirty(LATIN1)


def test_a_non_utf8_file_opens_from_the_check_panel(
    qtbot, make_window: Callable[..., MainWindow], desk: Path
) -> None:
    from editor.ui.window.actions import ActionId

    (desk / LATIN1).write_bytes(b"---\ntitle: ''\n---\nBody\n")  # an error: the title is empty
    window = make_window(desk)
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.action_registry[ActionId.CHECK_FOLDER].trigger()
    panel = window.check_panel
    row = next(n for n, problem in enumerate(panel.model.problems()) if problem.path == LATIN1)
    panel.view.activated.emit(panel.model.index(row, 0))
    qtbot.waitUntil(lambda: window.session.path == LATIN1, timeout=5_000)
