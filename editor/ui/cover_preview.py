"""Cover images: asynchronous loading (remote with QNetworkAccessManager, or local files) and a preview.

(Interface skeleton, being implemented. The main window relies on exactly this API.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget


class ImageLoader(QObject):
    loaded = Signal(str, object)
    """An image arrived: the reference asked for, and the QImage."""

    failed = Signal(str, str)
    """An image could not be had: the reference, and a reason for an editor."""

    def __init__(self, cache_dir: Path | None = None, parent: QObject | None = None, *, timeout_ms: int = 15000, max_bytes: int = 20 * 1024 * 1024) -> None:
        super().__init__(parent)

    def load(self, reference: str, search_dirs: list[Path]) -> None:
        """Start loading ``reference`` (an http(s) URL, or a path resolved against search_dirs)."""


class CoverPreviewDialog(QDialog):
    """Shows enclosure and qrcode images with an "Open in browser" button; non-modal."""

    def __init__(self, loader: ImageLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_images(self, images: dict[str, str], search_dirs: list[Path]) -> None:
        """Show each key → reference (e.g. {"enclosure": url, "qrcode": url}); loads asynchronously."""
