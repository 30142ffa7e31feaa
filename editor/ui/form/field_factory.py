"""The metadata form's field factory: which editor each kind of field gets, and the labels of the
keys the desk knows.

:class:`FieldFactory` builds an editor for a key and its :class:`FieldKind` (the title larger, image
links with a preview button, other links with an open button, a limit on the summary) and reports
those buttons with signals; the form connects each editor's edits itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSizePolicy

from editor.core.frontmatter import Format
from editor.core.images import COVER_KEY, is_image_key
from editor.core.problem import LENGTH_LIMITS
from editor.ui.form.chips import ChipsEditor
from editor.ui.form.date_editor import DateTimeEditor
from editor.ui.form.field_editors import (
    BoolEditor,
    FieldEditor,
    LinkEditor,
    MultiLineEditor,
    NumberEditor,
    ReadOnlyEditor,
    TextEditor,
)
from editor.ui.form.field_kinds import FieldKind


class FieldFactory(QObject):
    """Makes the form's field editors and names its keys."""

    preview_cover_requested = Signal(str)
    """The preview button of an image link (enclosure, qrcode) was pressed: its key."""
    open_link_requested = Signal(str, str)
    """The open button of a link was pressed: its key and the link as typed."""

    def __init__(
        self, list_items: Callable[[str], list[str]], parent: QObject | None = None
    ) -> None:
        """``list_items(key)``: the values a list field offers to add."""
        super().__init__(parent)
        self._list_items = list_items

    def label_text(self, key: str) -> str:
        """The label the form gives ``key`` (its own name for the keys it knows)."""
        labels = {
            "title": self.tr("Title"),
            "date": self.tr("Date"),
            "draft": self.tr("Draft"),
            "summary": self.tr("Summary"),
            "description": self.tr("Description"),
            "source_link": self.tr("Source link"),
            "enclosure": self.tr("Cover image"),
            "article_id": self.tr("Article ID"),
            "feed_item_id": self.tr("Feed item ID"),
            "qrcode": self.tr("QR code"),
            "source": self.tr("Source"),
            "publishdate": self.tr("Publish date"),
            "expirydate": self.tr("Expiry date"),
            "lastmod": self.tr("Last modified"),
            "tags": self.tr("Tags"),
            "categories": self.tr("Categories"),
            # Hugo's own front matter fields: "keywords" beside "Categories" looked like a slip.
            "aliases": self.tr("Aliases"),
            "keywords": self.tr("Keywords"),
            "linktitle": self.tr("Link title"),
            "slug": self.tr("Slug"),
            "weight": self.tr("Weight"),
            "url": self.tr("URL"),
            "layout": self.tr("Layout"),
            "type": self.tr("Type"),
            "translationkey": self.tr("Translation key"),
            "menu": self.tr("Menu"),
            "menus": self.tr("Menus"),
            "params": self.tr("Parameters"),
            "build": self.tr("Build options"),
            "cascade": self.tr("Cascade"),
            "outputs": self.tr("Output formats"),
            "headless": self.tr("Headless"),
        }
        return labels.get(key.lower(), key)

    def make_editor(self, key: str, kind: FieldKind, fmt: Format) -> FieldEditor:
        """A new editor for ``key`` of ``kind`` (``fmt``: the file's format, for read-only text)."""
        lower = key.lower()
        editor: FieldEditor
        if kind is FieldKind.TEXT:
            editor = TextEditor(key)
            if lower == "title":
                font = QFont(editor.line.font())
                font.setPointSizeF(font.pointSizeF() * 1.15)
                font.setWeight(QFont.Weight.DemiBold)
                editor.line.setFont(font)
        elif kind is FieldKind.LINK:
            if is_image_key(lower):
                tip = (
                    self.tr("Preview the cover image")
                    if lower == COVER_KEY
                    else self.tr("Preview the QR code")
                )
                editor = LinkEditor(key, "mdi6.image-search-outline", tip)
                editor.open_requested.connect(lambda k=key: self.preview_cover_requested.emit(k))
            else:
                editor = LinkEditor(
                    key, "mdi6.open-in-new", self.tr("Open the link in your browser")
                )
                editor.open_requested.connect(
                    lambda e=editor, k=key: self.open_link_requested.emit(k, e.line.text().strip())
                )
        elif kind is FieldKind.MULTILINE:
            limit = LENGTH_LIMITS.get(lower)
            editor = MultiLineEditor(
                key, lines=2, limit=limit, max_lines=8 if lower == "summary" else 6
            )
        elif kind in (FieldKind.DATETIME, FieldKind.DATE):
            editor = DateTimeEditor(key, date_only=kind is FieldKind.DATE)
        elif kind is FieldKind.BOOL:
            text = self.tr("Hidden from readers") if lower == "draft" else ""
            editor = BoolEditor(key, text)
        elif kind in (FieldKind.INT, FieldKind.FLOAT):
            editor = NumberEditor(key, is_float=kind is FieldKind.FLOAT)
            editor.line.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0") * 24)
            editor.line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        elif kind is FieldKind.LIST:
            editor = ChipsEditor(key, lambda k=key: self._list_items(k))
        else:
            editor = ReadOnlyEditor(key, fmt)
        return editor
