"""The article open in the window: load, edit, validate, save, revert, reload, and outside changes.

The session owns the open :class:`Article` and feeds the form and the body view; the window owns the
list. Edits stay on the Article until Save, which goes through the document service. When the file
changes on disk, a clean article is reloaded and a dirty one raises the conflict bar; our own saves are
recognised by the file's fingerprint, so they never do.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from editor.core import validate
from editor.core.article import Article
from editor.core.edit import EditError
from editor.core.files import current_bytes
from editor.core.frontmatter import FrontMatterError
from editor.core.index import summary_of
from editor.core.service import ConflictError, DocumentService, PathError, describe_error
from editor.ui.article.body_view import BodyView
from editor.ui.article.conflict_bar import ConflictBar, DiffDialog, unified_diff
from editor.ui.common import dialogs
from editor.ui.form.metadata_form import MetadataForm
from editor.ui.images.cover_preview import ImageLoader

THUMBNAIL_PAUSE_MS = 400  # typing in the enclosure field loads the cover once the typing pauses


class DiskState(Enum):
    SAME = "same"  # what we loaded (or last saved) is what is on disk
    CHANGED = "changed"
    MISSING = "missing"


class ArticleSession(QObject):
    """The open article and the widgets that show it."""

    article_changed = Signal()
    """Another article (or none) is shown, or the open one was saved, reverted or reloaded."""

    dirty_changed = Signal(str, bool)
    """The open article's unsaved state may have changed: its relative path, and whether it is dirty."""

    row_changed = Signal(object)
    """The open article's file was written or re-read: its new ArticleSummary for the list."""

    message = Signal(str)
    """A short note for the status bar."""

    def __init__(
        self,
        form: MetadataForm,
        body: BodyView,
        conflict_bar: ConflictBar,
        undo_stack: QUndoStack,
        loader: ImageLoader,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.form = form
        self.body = body
        self.conflict_bar = conflict_bar
        self.undo_stack = undo_stack
        self.loader = loader
        self.window = window
        self.service: DocumentService | None = None
        self.site_root: Path | None = None
        self.article: Article | None = None
        self.failed_path: str | None = None  # a row that could not be opened, and is selected
        self._thumbnail_reference: str | None = None
        # One request per pause in typing, not one per keystroke.
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setSingleShot(True)
        self._thumbnail_timer.setInterval(THUMBNAIL_PAUSE_MS)
        self._thumbnail_timer.timeout.connect(self._load_thumbnail)
        self._diff_dialog: DiffDialog | None = None
        form.value_edited.connect(self._edited)
        body.body_edited.connect(self._body_edited)
        loader.loaded.connect(self._image_loaded)
        loader.failed.connect(self._image_failed)
        conflict_bar.reload_requested.connect(self.reload)
        conflict_bar.keep_mine_requested.connect(self.keep_mine)
        conflict_bar.show_differences_requested.connect(self.show_differences)

    # --- state ---------------------------------------------------------------------------------------

    @property
    def path(self) -> str | None:
        return self.article.relpath if self.article else None

    @property
    def dirty(self) -> bool:
        return self.article is not None and self.article.is_dirty

    @property
    def title(self) -> str:
        if self.article is None:
            return ""
        title = self.article.value("title")
        return title if isinstance(title, str) and title.strip() else self.article.relpath

    def set_service(self, service: DocumentService | None, site_root: Path | None) -> None:
        self.close()
        self.service = service
        self.site_root = site_root

    def search_dirs(self) -> list[Path]:
        """Where a local image reference is looked up: the article's folder, then the site's static/."""
        dirs = [self.article.path.parent] if self.article else []
        if self.site_root is not None:
            dirs.append(self.site_root / "static")
        return dirs

    # --- showing -------------------------------------------------------------------------------------

    def open(self, relpath: str) -> bool:
        """Load and show an article; on failure show nothing and say why. Never writes."""
        if self.service is None:
            return False
        try:
            article = self.service.load(relpath)
        except (FrontMatterError, PathError, OSError) as error:
            self._show(None)
            self.failed_path = relpath
            self.form.show_unreadable(relpath, describe_error(error))
            self.message.emit(
                self.tr("{0} cannot be opened: {1}").format(relpath, describe_error(error))
            )
            return False
        self._show(article)
        return True

    def close(self) -> None:
        self._show(None)

    def adopt(self, article: Article) -> None:
        """Show a fresher copy of the open file (from a save or a bulk operation)."""
        self._show(article)

    def _show(self, article: Article | None) -> None:
        old = self.article
        self.article = article
        if old is not None and (article is None or article.relpath != old.relpath):
            self.dirty_changed.emit(old.relpath, False)
        self.failed_path = None
        self.conflict_bar.clear()
        self.form.set_article(article)
        self.body.set_article(article)
        self._validate()
        self._load_thumbnail()
        self._report_dirty()
        self.article_changed.emit()

    def _load_thumbnail(self) -> None:
        self._thumbnail_timer.stop()
        reference = self.article.value("enclosure") if self.article else None
        if not isinstance(reference, str) or not reference.strip():
            self._thumbnail_reference = None
            return
        self._thumbnail_reference = reference.strip()
        self.loader.load(self._thumbnail_reference, self.search_dirs())

    def _image_loaded(self, reference: str, image: object) -> None:
        if reference == self._thumbnail_reference:
            self.form.set_cover_thumbnail(image)

    def _image_failed(self, reference: str, reason: str) -> None:
        if reference == self._thumbnail_reference:
            self.form.set_cover_thumbnail(None, reason)

    # --- editing -------------------------------------------------------------------------------------

    def _edited(self, key: str, value: object) -> None:
        self._validate()
        if key.lower() == "enclosure":
            self._thumbnail_timer.start()
        self._report_dirty()

    def _body_edited(self, text: str) -> None:
        if self.article is None:
            return
        self.article.set_body(text)
        self._report_dirty()

    def _validate(self) -> None:
        problems = validate.check_loaded(self.article, self.site_root) if self.article else []
        self.form.set_problems(problems)

    def _report_dirty(self) -> None:
        if self.article is not None:
            self.dirty_changed.emit(self.article.relpath, self.article.is_dirty)

    # --- writing -------------------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Write the open article's edits; True when nothing is left unsaved."""
        article = self.article
        if article is None or self.service is None:
            return True
        if not article.is_dirty and not force:
            return True
        try:
            saved, written = self.service.save(article, force=force)
        except ConflictError as error:
            self.show_conflict(str(error))
            return False
        except (EditError, PathError, OSError, ValueError) as error:
            # The reason in the message itself: behind "Show Details" nobody reads it.
            dialogs.report_error(
                self.window,
                self.tr("Could not save"),
                self.tr("{0} was not saved:\n\n{1}").format(article.relpath, describe_error(error)),
            )
            return False
        self._show(saved)
        self.row_changed.emit(summary_of(saved))
        if written:
            self.message.emit(self.tr("Saved {0}").format(saved.relpath))
        else:
            self.message.emit(
                self.tr("{0} already held these values; nothing was written").format(saved.relpath)
            )
        return True

    def discard(self) -> None:
        """Forget the unsaved edits (the file was never touched)."""
        if self.article is not None:
            self.article.discard_edits()
            self.undo_stack.clear()
            self.form.refresh()
            self.body.set_article(self.article)
            self._validate()
            self._load_thumbnail()
            self._report_dirty()
            self.article_changed.emit()

    def revert(self) -> None:
        """Drop the edits and show the file as it is on disk now."""
        if self.article is not None:
            self.reload()

    def reload(self) -> None:
        """Read the open file again, dropping any edits (the conflict bar's Reload)."""
        article = self.article
        if article is None:
            return
        if self.disk_state() is DiskState.MISSING:
            relpath = article.relpath
            self._show(None)
            self.message.emit(self.tr("{0} no longer exists").format(relpath))
            return
        if self.open(article.relpath) and self.article is not None:
            self.row_changed.emit(summary_of(self.article))

    def keep_mine(self) -> None:
        """Write the local version over the changed file (the conflict bar's Keep mine)."""
        if self.article is not None and self.save(force=True):
            self.message.emit(
                self.tr("Your version of {0} was written over the outside change").format(self.path)
            )

    # --- outside changes -----------------------------------------------------------------------------

    def disk_state(self) -> DiskState:
        article = self.article
        if article is None:
            return DiskState.SAME
        try:
            data = current_bytes(article.path)
        except (OSError, FrontMatterError):
            return DiskState.SAME  # unreadable for now; the next change event will tell
        if data is None:
            return DiskState.MISSING
        return DiskState.SAME if article.fingerprint.same_content(data) else DiskState.CHANGED

    def check_disk(self) -> None:
        """The open file may have changed on disk: reload it, or ask when there are local edits."""
        state = self.disk_state()
        if state is DiskState.SAME or self.article is None:
            return
        relpath = self.article.relpath
        if self.article.is_dirty:
            if state is DiskState.MISSING:
                text = self.tr(
                    "{0} was deleted or moved by another program. Your edits are not saved."
                )
            else:
                text = self.tr(
                    "{0} was changed on disk by another program. Your edits are not saved."
                )
            self.show_conflict(text.format(relpath))
            return
        if state is DiskState.MISSING:
            self._show(None)
            self.message.emit(
                self.tr("{0} was deleted or moved by another program").format(relpath)
            )
            return
        if self.open(relpath) and self.article is not None:
            self.row_changed.emit(summary_of(self.article))
            self.message.emit(
                self.tr("{0} was changed on disk and has been reloaded").format(relpath)
            )

    def show_conflict(self, text: str) -> None:
        self.conflict_bar.show_conflict(text)
        self.message.emit(text)

    # --- differences ---------------------------------------------------------------------------------

    def _diff_dialog_instance(self) -> DiffDialog:
        if self._diff_dialog is None:
            self._diff_dialog = DiffDialog(self.window)
        return self._diff_dialog

    def _disk_text(self) -> str:
        assert self.article is not None
        try:
            data = current_bytes(self.article.path) or b""
        except (OSError, FrontMatterError):
            return ""
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")

    def _text_to_save(self) -> str | None:
        assert self.article is not None
        try:
            return self.article.text_to_save()
        except EditError as error:
            dialogs.report_error(self.window, self.tr("Cannot show the changes"), str(error))
            return None

    def review_changes(self) -> DiffDialog | None:
        """Show the exact lines Save would change in the file on disk."""
        return self._show_diff(
            self.tr("Review Changes — {0}"),
            self.tr(
                "Lines starting with − are in the file now; lines starting with + are what Save writes."
            ),
            ("(on disk)", "(after Save)"),
        )

    def show_differences(self) -> DiffDialog | None:
        """Show how the file on disk differs from the local version (conflict bar)."""
        return self._show_diff(
            self.tr("Differences — {0}"),
            self.tr("− lines are in the file on disk now; + lines are your version."),
            ("(on disk now)", "(yours)"),
        )

    def _show_diff(
        self, title: str, explanation: str, labels: tuple[str, str]
    ) -> DiffDialog | None:
        if self.article is None:
            return None
        mine = self._text_to_save()
        if mine is None:
            return None
        relpath = self.article.relpath
        diff = unified_diff(
            self._disk_text(), mine, f"{relpath} {labels[0]}", f"{relpath} {labels[1]}"
        )
        dialog = self._diff_dialog_instance()
        dialog.show_diff(title.format(relpath), explanation, diff)
        return dialog
