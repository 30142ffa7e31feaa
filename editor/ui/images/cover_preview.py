"""The cover preview: enclosure and QR code images side by side, loaded asynchronously.

Loading lives in :mod:`editor.ui.images.image_loader`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editor.core.images import COVER_KEY, ImagePlaces
from editor.ui.common import links
from editor.ui.common.icons import font_icon, real_icon
from editor.ui.form.field_editors import error_color
from editor.ui.images.image_loader import ImageLoader


class ImageArea(QWidget):
    """Paints an image scaled to fit, keeping its aspect ratio, centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.message = ""
        self._failed = False
        self._scaled: QPixmap | None = None
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage | None) -> None:
        self.image, self._scaled, self.message = image, None, ""
        self.update()

    def set_message(self, message: str, failed: bool = False) -> None:
        """Show text instead of an image ("Loading…", or why the image is missing)."""
        self.image, self._scaled, self.message, self._failed = None, None, message, failed
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base).darker(103))
        if self.image is None or self.image.isNull():
            self._paint_message(painter)
            return
        ratio = self.devicePixelRatioF()
        target = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.image.width() <= self.width() and self.image.height() <= self.height():
            target = self.image.size()  # never blow a small image (a QR code) up into a blur
        if self._scaled is None or self._scaled.deviceIndependentSize().toSize() != target:
            scaled = self.image.scaled(
                target * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled = QPixmap.fromImage(scaled)
            self._scaled.setDevicePixelRatio(ratio)
        size = self._scaled.deviceIndependentSize().toSize()
        painter.drawPixmap(
            QRect(
                (self.width() - size.width()) // 2,
                (self.height() - size.height()) // 2,
                size.width(),
                size.height(),
            ),
            self._scaled,
        )

    def _paint_message(self, painter: QPainter) -> None:
        if not self.message:
            return
        color = (
            error_color(self.palette())
            if self._failed
            else self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        icon_size = 48
        box = self.rect().adjusted(16, 0, -16, 0)
        text_rect = painter.boundingRect(
            box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.message
        )
        top = (self.height() - icon_size - 8 - text_rect.height()) // 2
        icon = real_icon(
            "mdi6.image-off-outline" if self._failed else "mdi6.image-outline", color=color
        )
        icon.paint(painter, QRect((self.width() - icon_size) // 2, top, icon_size, icon_size))
        painter.setPen(color)
        painter.drawText(
            QRect(box.left(), top + icon_size + 8, box.width(), text_rect.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
            self.message,
        )


class ElidedLabel(QLabel):
    """A one-line label that shortens its text in the middle to the width it actually has."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setToolTip(text)
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 40)
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, width)
        )


class ImagePanel(QFrame):
    """One image of the preview: caption, picture or status, and the Open in browser button."""

    def __init__(
        self,
        key: str,
        title: str,
        reference: str,
        open_url: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"preview_{key}")
        self.key, self.reference, self.waiting = key, reference, True
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        caption = QLabel(f"<b>{title}</b>")
        address = links.check(reference)
        # A web address as the policy shows it: a look-alike host in punycode.
        self.address = ElidedLabel(address.display if address.ok else reference)
        self.area = ImageArea()
        self.area.set_message(self.tr("Loading…"))
        self.status = QLabel()
        self.status.setObjectName(f"status_{key}")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(
            font_icon(
                "mdi6.open-in-new", color=self.palette().color(QPalette.ColorRole.ButtonText)
            ),
            self.tr("Open in browser"),
        )
        self.open_button.setObjectName(f"openInBrowser_{key}")
        self.open_button.setEnabled(address.ok)
        self.open_button.setToolTip(
            address.display if address.ok else self.tr("Only web addresses open in the browser")
        )
        if address.ok:
            self.open_button.clicked.connect(lambda: open_url(reference))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(caption)
        layout.addWidget(self.address)
        layout.addWidget(self.area, 1)
        layout.addLayout(buttons)

    def show_image(self, image: QImage) -> None:
        self.waiting = False
        self.area.set_image(image)
        self.status.setText(self.tr("{0} × {1} pixels").format(image.width(), image.height()))

    def show_failure(self, message: str) -> None:
        self.waiting = False
        self.area.set_message(message, failed=True)
        self.area.setToolTip(message)
        self.area.setAccessibleDescription(message)
        self.status.setText("")


class CoverPreviewDialog(QDialog):
    """Shows enclosure and qrcode images with an "Open in browser" button; non-modal.

    ``open_url`` opens a link; the default is the app's one link policy,
    :func:`editor.ui.common.links.open_external`, with its messages over this dialog.
    """

    def __init__(
        self,
        loader: ImageLoader,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coverPreview")
        self.setWindowTitle(self.tr("Cover preview"))
        self.setModal(False)
        self.resize(900, 560)
        self._loader = loader
        self._open_url = open_url or (lambda url: links.open_external(url, self))
        self.panels: list[ImagePanel] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)  # which article the images belong to
        self.heading.setObjectName("coverPreviewHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.hide()
        layout.addWidget(self.heading)
        self._row = QHBoxLayout()
        layout.addLayout(self._row, 1)
        self._empty = QLabel(self.tr("This article names no cover image."))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._row.addWidget(self._empty)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.close)
        layout.addWidget(box)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)

    def show_images(
        self,
        images: dict[str, str],
        places: ImagePlaces,
        title: str = "",
        *,
        bring_to_front: bool = True,
    ) -> None:
        """Show each key → reference (e.g. {"enclosure": url, "qrcode": url}); loads asynchronously.

        ``title`` names the article the images belong to (in the heading and the window title), so a
        preview left open while another article is picked never passes for that one's.
        """
        self.setWindowTitle(
            self.tr("Cover preview — {0}").format(title) if title else self.tr("Cover preview")
        )
        self.heading.setText(title)
        self.heading.setVisible(bool(title))
        self._empty.setText(
            self.tr("“{0}” names no cover image.").format(title)
            if title
            else self.tr("This article names no cover image.")
        )
        for panel in self.panels:
            self._row.removeWidget(panel)
            panel.deleteLater()
        self.panels = []
        titles = {"enclosure": self.tr("Cover image"), "qrcode": self.tr("QR code")}
        for key, reference in images.items():
            panel = ImagePanel(key, titles.get(key, key), str(reference), self._open_url)
            self._row.addWidget(panel, 2 if key == COVER_KEY else 1)
            self.panels.append(panel)
        self._empty.setVisible(not self.panels)
        for reference in images.values():
            self._loader.load(str(reference), places)
        if bring_to_front:
            self.show()
            self.raise_()
            self.activateWindow()

    def panel(self, key: str) -> ImagePanel | None:
        return next((panel for panel in self.panels if panel.key == key), None)

    def _on_loaded(self, reference: str, image: object) -> None:
        for panel in self.panels:
            if panel.waiting and panel.reference == reference and isinstance(image, QImage):
                panel.show_image(image)

    def _on_failed(self, reference: str, message: str) -> None:
        for panel in self.panels:
            if panel.waiting and panel.reference == reference:
                panel.show_failure(message)

    def sizeHint(self) -> QSize:
        return QSize(900, 560)
