"""Work that waits until a window is on screen: ``after_first_paint(window, callback)``.

Start-up is measured to the first paint; whatever the window does not need to show itself (icon
fonts, the body renderer's modules) is loaded after it, so the first picture comes sooner and the
first article opens as fast as the next.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)  # once this paint is done
            self.deleteLater()
        return False


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the event loop's next turn after ``window`` first paints."""
    _FirstPaint(window, callback)
