"""The icon fonts load after the first paint: icons are blank until then, and drawn after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from editor.core.state import PublishState
from editor.ui.common import icons
from editor.ui.common.first_paint import after_first_paint
from editor.ui.desk.state_display import state_icon


def ink(icon: QIcon) -> int:
    """How many pixels of the icon's 24-pixel picture are not transparent."""
    image = icon.pixmap(QSize(24, 24)).toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha()
    )


@pytest.fixture
def fonts_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icons, "_loaded", {})


def test_icons_are_blank_until_the_fonts_load_then_drawn(qtbot, fonts_not_loaded: None) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    plus = icons.font_icon("mdi6.plus", color="#000000")
    published = state_icon(next(iter(PublishState)))
    assert not plus.isNull() and ink(plus) == 0 and ink(published) == 0
    icons.load_icon_fonts_later()
    qtbot.waitUntil(icons.fonts_loaded, timeout=10_000)
    assert ink(plus) > 0 and ink(published) > 0
    assert ink(icons.font_icon("fa6s.pen")) > 0  # made real at once, now


def test_work_after_the_first_paint_waits_for_it(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    called: list[bool] = []
    after_first_paint(widget, lambda: called.append(True))
    qtbot.wait(50)
    assert called == []  # not shown, not painted
    widget.show()
    qtbot.waitUntil(lambda: called == [True], timeout=5_000)
    widget.update()
    qtbot.wait(50)
    assert called == [True]  # once


def test_the_fonts_arriving_repaint_the_viewports_of_item_views(qtbot) -> None:
    """A list painted before the fonts were in kept its state icons blank: updating the window
    does not repaint an item view's viewport, so every widget is updated."""
    from PySide6.QtWidgets import QTableView

    class Viewport(QWidget):
        updates = 0

        def update(self, *args: object) -> None:  # type: ignore[override]
            Viewport.updates += 1
            super().update(*args)  # type: ignore[arg-type]

    view = QTableView()
    view.setViewport(Viewport())
    qtbot.addWidget(view)
    view.show()
    icons.real_icon("mdi6.plus")  # the fonts are in
    relay = icons._Relay()
    icons._relays.append(relay)
    relay.ready()
    assert Viewport.updates >= 1
