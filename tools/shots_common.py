"""What the picture tools share: waiting on the event loop, the light look, the composite of a
dialog over the window, saving, and the panes' arrangement."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from editor.app import has_display
from editor.ui.window.main_window import MainWindow

WINDOW_SIZE = QSize(1440, 900)
UNTITLED = "world/vallombra-water-rationing.md"
TIMEOUT_S = 20.0


class ShotError(Exception):
    """A picture could not be taken (the message says which step failed)."""


def wait_until(
    condition: Callable[[], object], what: str, timeout: float = TIMEOUT_S, required: bool = True
) -> None:
    """Run the event loop until ``condition()`` is true; on timeout raise ShotError naming ``what``
    (or just go on when not ``required``)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            if not required:
                return
            raise ShotError(f"timed out after {timeout:.0f} s waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    """Let queued layouts, timers and paints run."""
    wait_until(lambda: False, "", timeout=seconds, required=False)


def light_app() -> QApplication:
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")  # 1:1 pixels, modest PNGs on any screen
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    if hasattr(app.styleHints(), "setColorScheme"):  # Qt 6.8+
        app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(app.style().standardPalette())
    if "DejaVu Sans" in QFontDatabase.families():
        app.setFont(QFont("DejaVu Sans", 10))  # the same look offscreen and on a desktop
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        print(
            "warning: no CJK font found; the Chinese headline will show as boxes "
            "(install fonts-noto-cjk)",
            file=sys.stderr,
        )
    return app


def composite(window: QWidget, dialog: QWidget) -> QImage:
    """The window with ``dialog`` drawn over its lower right (clear of the list), with a title strip
    and a soft shadow: ``grab()`` shows no window decorations, on a desktop or offscreen."""
    base = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    shot: QPixmap = dialog.grab()
    painter = QPainter(base)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    strip = 30
    x = base.width() - shot.width() - 28
    y = base.height() - shot.height() - 44
    frame = QRect(x - 1, y - strip - 1, shot.width() + 2, shot.height() + strip + 2)
    for step in range(14, 0, -1):  # shadow: stacked translucent rounded rects
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 6))
        painter.drawRoundedRect(
            frame.adjusted(-step, -step + 4, step, step + 4), 8 + step, 8 + step
        )
    painter.setBrush(QColor("#e8e8e8"))
    painter.setPen(QColor("#9a9a9a"))
    painter.drawRoundedRect(frame, 6, 6)
    painter.drawPixmap(QPoint(x, y), shot)
    painter.setPen(QColor("#202020"))
    font = QFont(dialog.font())
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(
        QRect(x, y - strip, shot.width(), strip), Qt.AlignmentFlag.AlignCenter, dialog.windowTitle()
    )
    painter.end()
    return base


def save(image: QImage | QPixmap, path: Path) -> None:
    if not image.save(str(path), "PNG", 9):
        raise OSError(f"could not write {path}")
    print(f"{path} ({path.stat().st_size // 1024} KB)")


def stage(window: MainWindow) -> None:
    """Arrange the panes as an editor would on this screen: room for a whole headline in the form."""
    window.splitter.setSizes([660, WINDOW_SIZE.width() - 660])
    window.editor_splitter.setSizes([460, WINDOW_SIZE.width() - 660 - 460])


def with_popup(window: QWidget, anchor: QWidget, popup: QWidget) -> QImage:
    """The window with an open popup (a combo box's list: a window of its own, which ``grab()`` of
    the main window leaves out) painted just below ``anchor``, where it drops down (the screen
    position a window manager reports can lag behind, so it is not trusted here)."""
    base = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(base)
    offset = anchor.mapTo(window, QPoint(0, anchor.height()))
    painter.drawPixmap(offset, popup.grab())
    painter.setPen(QColor("#9a9a9a"))
    painter.drawRect(QRect(offset, popup.size()).adjusted(0, 0, -1, -1))
    painter.end()
    return base
