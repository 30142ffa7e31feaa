"""Fixtures shared by the article tests."""

from __future__ import annotations

import pytest

from editor.ui.article.body_view import BodyView


@pytest.fixture
def view(qtbot) -> BodyView:
    """A body view shown at 700 × 500 (exposed: laid out and painted as in the window)."""
    widget = BodyView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
