"""Help › Editor's Guide in a window of the app: the bundled docs/guide.md, rendered.

Handing the file to the desktop relied on an app for ``.md`` files, which many desktops lack (and
those that have one show the Markdown source). Here Qt renders the Markdown with its pictures;
links within the guide (``#1-open-a-desk``, GitHub's heading anchors) scroll to their heading, and
a web link goes through the app's one link policy (:func:`editor.ui.common.links.open_external`),
never straight to the desktop.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QImageReader, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from editor import APP_NAME
from editor.ui.common import links

PICTURE_WIDTH = 720  # px: the guide's screenshots are 1440 wide; shown at half, like on a web page


def heading_anchor(text: str) -> str:
    """The anchor GitHub gives a heading ("1. Open a desk" → "1-open-a-desk"), which the guide's
    own links use, so that they work on GitHub and here alike."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return slug.replace(" ", "-")


def guide_document(guide: Path, parent: QWidget | None = None) -> QTextDocument:
    """``guide`` (Markdown) as a document: pictures found beside it and at most
    :data:`PICTURE_WIDTH` wide, each heading an anchor named as GitHub names it."""
    document = QTextDocument(parent)
    document.setBaseUrl(QUrl.fromLocalFile(str(guide.parent) + "/"))
    document.setMarkdown(guide.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            anchor = heading_anchor(block.text())
            number = seen.get(anchor, 0)
            seen[anchor] = number + 1
            name = anchor if number == 0 else f"{anchor}-{number}"  # GitHub's rule for twins
            cursor = QTextCursor(block)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            heading = cursor.charFormat()
            heading.setAnchor(True)
            heading.setAnchorNames([name])
            cursor.mergeCharFormat(heading)
        _fit_pictures(block, guide.parent)
        block = block.next()
    return document


def _fit_pictures(block: QTextBlock, folder: Path) -> None:
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        shape = fragment.charFormat()
        if shape.isImageFormat():
            picture = shape.toImageFormat()
            size = QImageReader(str(folder / QUrl(picture.name()).path())).size()
            if size.isValid() and size.width() > PICTURE_WIDTH:
                picture.setWidth(PICTURE_WIDTH)
                picture.setHeight(size.height() * PICTURE_WIDTH / size.width())
                cursor = QTextCursor(block.document())
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(picture)
        iterator += 1


class GuideWindow(QDialog):
    """The editor's guide beside the desk (not modal: one reads it while working)."""

    def __init__(self, guide: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(
            QCoreApplication.translate("Help", "Editor's Guide — {0}").format(APP_NAME)
        )
        self.resize(820, 760)
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setOpenLinks(False)  # every link is judged here, none followed by Qt
        self.text.setDocument(guide_document(guide, self.text))
        self.text.anchorClicked.connect(self.follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def follow(self, url: QUrl) -> None:
        """A link in the guide: to a heading of its own, or out through the app's link policy."""
        if url.hasFragment() and not url.scheme() and not url.path():
            self.text.scrollToAnchor(url.fragment())
            return
        links.open_external(url, self)
