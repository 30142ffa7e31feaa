"""The window's cover preview: one :class:`CoverPreviewDialog`, made when first asked for, that
follows the open article.

The open article is read through :class:`CoverSource` (the article session has those parts), so
this module knows nothing of the window or the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

from editor.core.images import COVER_KEY, ImagePlaces, image_references
from editor.ui.common import links
from editor.ui.images.image_loader import ImageLoader

if TYPE_CHECKING:  # the preview dialog loads when it is first asked for
    from editor.ui.images.cover_preview import CoverPreviewDialog


class CoverSource(Protocol):
    """The open article, as the cover preview reads it."""

    @property
    def article(self) -> Any: ...  # the open Article, or None

    @property
    def title(self) -> str: ...

    @property
    def failed_path(self) -> str | None: ...

    def image_places(self) -> ImagePlaces: ...


class CoverOpener:
    """Opens the cover preview for the open article and keeps an open preview in step with it."""

    def __init__(self, loader: ImageLoader, source: CoverSource, parent: QWidget) -> None:
        self._loader = loader
        self._source = source
        self._parent = parent
        self.dialog: CoverPreviewDialog | None = None

    def open(self, key: str = COVER_KEY) -> None:
        """Show the open article's cover images (nothing when it has none)."""
        article = self._source.article
        if article is None or not self._images():
            return
        if self.dialog is None:
            from editor.ui.images.cover_preview import CoverPreviewDialog

            # Refusals are explained over the preview, where the click happened.
            dialog = CoverPreviewDialog(
                self._loader, self._parent, open_url=lambda url: links.open_external(url, dialog)
            )
            self.dialog = dialog
        self.dialog.show_images(self._images(), self._source.image_places(), self._source.title)

    def _images(self) -> dict[str, str]:
        article = self._source.article
        return image_references(article.current_metadata()) if article is not None else {}

    def follow(self) -> None:
        """An open preview follows the open article (it showed the first story's images before)."""
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            dialog.show_images(
                self._images(),
                self._source.image_places(),
                self._source.title or self._source.failed_path or "",
                bring_to_front=False,
            )
