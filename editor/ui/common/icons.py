"""The icon fonts (qtawesome), loaded after the window's first paint rather than before it.

Importing qtawesome costs about 100 ms (most of it qtpy's compatibility layer), a third of a bare
Qt window's start-up. So :func:`font_icon` returns an icon that draws nothing until the fonts are
loaded; :func:`load_icon_fonts_later` imports qtawesome on a background thread (once the window is
on screen), loads the fonts on the GUI thread and repaints the window. Code that needs the pixels
at once (an icon rendered to pixmaps, a paint event) calls :func:`real_icon`, which loads qtawesome
there and then.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

USED_FONTS = frozenset({"fa6s", "mdi6"})  # the prefixes of every icon name Copydesk uses
_loaded: dict[str, ModuleType] = {}
_loading = threading.Lock()


def real_icon(name: str, **options: Any) -> QIcon:
    """``qtawesome.icon(name, **options)``, loading qtawesome now if it is not yet."""
    return _qtawesome().icon(name, **options)


def font_icon(name: str, **options: Any) -> QIcon:
    """The icon ``name`` of qtawesome's fonts, drawn once they are loaded (blank until then)."""
    return lazy_icon(lambda: real_icon(name, **options))


def lazy_icon(make: Callable[[], QIcon]) -> QIcon:
    """The icon ``make()`` returns, made once the icon fonts are loaded (blank until then)."""
    if fonts_loaded():
        return make()
    return QIcon(_LazyIcon(make))


def fonts_loaded() -> bool:
    return "qtawesome" in _loaded


def _qtawesome() -> ModuleType:
    module = _loaded.get("qtawesome")
    if module is None:
        with _loading:
            import qtawesome

            _only_our_fonts(qtawesome)
            _loaded["qtawesome"] = module = qtawesome
    return module


def _only_our_fonts(qtawesome: ModuleType) -> None:
    """Load only the fonts Copydesk draws from (Font Awesome 6 solid, Material Design 6): all
    twelve, and the check of their checksums, take about 90 ms of the GUI thread."""
    with contextlib.suppress(Exception):  # another qtawesome: it loads all of them, as usual
        fonts = [font for font in qtawesome._BUNDLED_FONTS if font[0] in USED_FONTS]
        if qtawesome._resource["iconic"] is None and len(fonts) == len(USED_FONTS):
            qtawesome._resource["iconic"] = _FontsOnFirstUse(qtawesome, fonts)


class _FontsOnFirstUse:
    """Stands in qtawesome's place for its IconicFont until the first icon: then made (the font
    files are loaded on the GUI thread, where the icon is asked for)."""

    def __init__(self, qtawesome: ModuleType, fonts: list[tuple[str, ...]]) -> None:
        self._qtawesome = qtawesome
        self._fonts = fonts
        self.fontids: dict[str, int] = {}  # what qtawesome's validity check reads

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        iconic = self.__dict__.get("_iconic")
        if iconic is None:
            iconic = self.__dict__["_iconic"] = self._qtawesome.IconicFont(*self._fonts)
            self._qtawesome._resource["iconic"] = iconic
        return getattr(iconic, name)


class _LazyIcon(QIconEngine):
    """Draws the icon once the fonts are loaded; until then nothing (at the same size)."""

    def __init__(self, make: Callable[[], QIcon]) -> None:
        super().__init__()
        self._make = make
        self._icon: QIcon | None = None

    def _real(self) -> QIcon | None:
        if self._icon is None and fonts_loaded():
            self._icon = self._make()
        return self._icon

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        icon = self._real()
        if icon is not None:
            icon.paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        icon = self._real()
        if icon is not None:
            return icon.pixmap(size, mode, state)
        blank = QPixmap(size)
        blank.fill(Qt.GlobalColor.transparent)
        return blank

    def clone(self) -> QIconEngine:
        return _LazyIcon(self._make)

    def isNull(self) -> bool:
        return False


_relays: list[QObject] = []


class _Relay(QObject):
    """Carries "qtawesome is imported" from the loading thread to the GUI thread."""

    imported = Signal()

    def ready(self) -> None:
        _relays.remove(self)
        if not fonts_loaded():
            return
        real_icon("mdi6.plus")  # loads the font files, on the GUI thread as Qt wants
        # Every widget, not only the windows: an item view's viewport is not repainted by an
        # update of its window (the list's state icons stayed blank on a desk listed before the
        # fonts were in).
        for widget in QApplication.allWidgets():
            widget.update()


def load_icon_fonts_later() -> None:
    """Import qtawesome on a background thread, then (on the GUI thread) load its fonts and
    repaint every window so the blank icons appear. Does nothing once the fonts are loaded."""
    if fonts_loaded() or _loading.locked():
        return
    relay = _Relay()
    relay.imported.connect(relay.ready)
    _relays.append(relay)  # alive until its queued call is delivered (the thread lets go first)

    def work() -> None:
        # A failed import is reported by real_icon on the GUI thread, if an icon matters.
        with contextlib.suppress(Exception):
            _qtawesome()
        with contextlib.suppress(RuntimeError):  # the application is gone
            relay.imported.emit()

    # Not a daemon: quitting waits the fraction of a second the import takes (an import cut off
    # by the interpreter's exit crashed it).
    threading.Thread(target=work, name="copydesk-icon-fonts").start()
