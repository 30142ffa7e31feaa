"""Pieces of the metadata form: the problem lines under a field and the cover thumbnail."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from editor.core.problem import Level, Problem
from editor.ui.common.icons import real_icon
from editor.ui.form.field_editors import error_color, muted_color, warning_color

THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT = 160, 120


class ProblemList(QWidget):
    """Problems as lines of icon + message, in error or warning colours; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.messages: list[str] = []
        self._shown: list[tuple[Level, str]] = []
        self.setVisible(False)

    def set_problems(self, problems: list[Problem]) -> None:
        shown = [(problem.level, problem.message) for problem in problems]
        if shown == self._shown:
            return  # validation runs on every keystroke; most of the time nothing changed
        self._shown = shown
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.messages = [problem.message for problem in problems]
        for problem in sorted(problems, key=lambda p: p.level is not Level.ERROR):
            self._layout.addWidget(self._line(problem))
        self.setVisible(bool(problems))

    def _line(self, problem: Problem) -> QWidget:
        is_error = problem.level is Level.ERROR
        color = error_color(self.palette()) if is_error else warning_color(self.palette())
        line = QWidget()
        line.setProperty("level", problem.level.value)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        icon = QLabel()
        size = self.fontMetrics().height() - 2
        icon.setPixmap(
            real_icon("mdi6.alert-circle" if is_error else "mdi6.alert", color=color).pixmap(
                QSize(size, size)
            )
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(problem.message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        text.setPalette(palette)
        template = self.tr("Error: {0}") if is_error else self.tr("Warning: {0}")
        text.setAccessibleName(template.format(problem.message))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        return line


class CoverThumbnail(QLabel):
    """A small picture of the cover; clicking it (or Space/Enter on it) asks for the full preview."""

    clicked = Signal()
    """The thumbnail was clicked or activated from the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverThumbnail")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Cover image preview"))
        self.wanted = False  # something to show; the form decides where and whether it is visible
        self.setVisible(False)

    def set_image(self, image: QImage | None, message: str) -> None:
        if image is not None and not image.isNull():
            ratio = self.devicePixelRatioF()
            scaled = image.scaled(
                QSize(round(THUMBNAIL_WIDTH * ratio), round(THUMBNAIL_HEIGHT * ratio)),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            self.setPixmap(pixmap)
            self.setFixedSize(THUMBNAIL_WIDTH, round(scaled.height() / ratio))
            self.setToolTip(message or self.tr("Click to preview the cover image"))
            self.wanted = True
            return
        # A message may be long ("The server … could not be found"): it takes the field's width and
        # as many lines as it needs, unlike the fixed-size picture.
        self.clear()
        self.setMinimumSize(0, 0)
        self.setMaximumSize(16777215, 16777215)
        self.setText(message)
        self.setToolTip(message)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            muted_color(self.parentWidget().palette() if self.parentWidget() else palette),
        )
        self.setPalette(palette)
        self.wanted = bool(message)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
