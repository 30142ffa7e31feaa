"""The form's undo commands: the sentinel for a key that was not there is core's one MISSING."""

from __future__ import annotations

from editor.core.field_changes import MISSING
from editor.ui.form import undo_commands


def test_there_is_one_missing_sentinel() -> None:
    """The form's undo commands and the field diffs (resolver, history) share one MISSING."""
    assert undo_commands.MISSING is MISSING and not MISSING
