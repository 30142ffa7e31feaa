"""The article open in the window: load, edit, validate, save, revert, reload, and outside changes.

The session owns the open :class:`Article` and feeds the form and the body view; the window owns the
list. Edits stay on the Article until Save, which goes through the document service. When the file
changes on disk, a clean article is reloaded and a dirty one raises the conflict bar; our own saves are
recognised by the file's fingerprint, so they never do. Merge (and a Save that finds the file changed)
runs the three-way merge of :mod:`editor.core.merge`: my edits go on top of the version on disk and stay
unsaved; fields both sides changed go to the resolver. Moving to another article keeps its edits in
:class:`UnsavedEdits` (journaled), and coming back shows them again. Keep mine overwrites only after a confirmation
that names the outside changes it drops.
The merge itself is :class:`~editor.ui.article.merge_flow.MergeFlow`'s, the diff dialogs
:class:`~editor.ui.article.diff_flow.DiffFlow`'s; whether the file changed on disk, and the words
for it, :mod:`~editor.ui.article.outside_change`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.core.edit_common import EditError
from editor.core.errors import describe_error
from editor.core.files import read_regular
from editor.core.frontmatter import FrontMatterError, read
from editor.core.images import (
    COVER_KEY,
    ImagePlaces,
    image_places,
    image_references,
    static_folders,
)
from editor.core.index import ArticleSummary, summary_of
from editor.core.names import shown_path
from editor.core.problem import Problem
from editor.core.service import ConflictError, DocumentService, PathError
from editor.core.site_rules import DeskRules, SiteRules
from editor.ui.article import outside_change
from editor.ui.article.body_view import BodyView
from editor.ui.article.conflict_bar import ConflictBar, DiffDialog
from editor.ui.article.diff_flow import DiffFlow
from editor.ui.article.merge_flow import MergeFlow
from editor.ui.article.outside_change import DiskState
from editor.ui.article.unsaved import UnsavedEdits, title_of
from editor.ui.common import dialogs
from editor.ui.form.metadata_form import MetadataForm
from editor.ui.images.image_loader import ImageLoader

THUMBNAIL_PAUSE_MS = 400  # typing in the enclosure field loads the cover once the typing pauses


class SavedEdit(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What one Save wrote: the keys edited and whether the body was (for a commit message)."""

    relpath: str
    title: str
    keys: tuple[str, ...]
    body: bool


class ArticleSession(QObject):
    """The open article and the widgets that show it."""

    article_changed = Signal()
    """Another article (or none) is shown, or the open one was saved, reverted or reloaded."""

    dirty_changed = Signal(object, bool)
    """The open article's unsaved state may have changed: its relative path, and whether it is dirty.

    ``object``, not ``str``: Qt's string would drop the lone surrogate of a name that is not UTF-8."""

    row_changed = Signal(object)
    """The open article's file was written or re-read: its new ArticleSummary for the list."""

    message = Signal(str)
    """A short note for the status bar."""

    article_saved = Signal(object)
    """Save wrote the open article's edits to its file: a SavedEdit."""

    unreadable_shown = Signal(object, object)
    """The selected file cannot be read: its Path and the error's line (None, None: not any more)."""

    def __init__(
        self,
        form: MetadataForm,
        body: BodyView,
        conflict_bar: ConflictBar,
        undo_stack: QUndoStack,
        loader: ImageLoader,
        window: QWidget,
        unsaved: UnsavedEdits | None = None,
    ) -> None:
        super().__init__(window)
        self.unsaved = unsaved if unsaved is not None else UnsavedEdits(None, self)
        self.form = form
        self.body = body
        self.conflict_bar = conflict_bar
        # Who changed a file on disk when it was the window's own pull (the git wiring sets it):
        # the incoming commit's author, "" when not known, None when it was not a pull.
        self.pull_author: Callable[[str], str | None] = lambda _path: None
        self.undo_stack = undo_stack
        self.loader = loader
        self.window = window
        self.service: DocumentService | None = None
        self.site_root: Path | None = None
        self.rules: DeskRules | None = None
        self._static_dirs: tuple[Path, ...] = ()
        self.article: Article | None = None
        self.failed_path: str | None = None  # a row that could not be opened, and is selected
        self._thumbnail_reference: str | None = None
        # One request per pause in typing, not one per keystroke.
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setSingleShot(True)
        self._thumbnail_timer.setInterval(THUMBNAIL_PAUSE_MS)
        self._thumbnail_timer.timeout.connect(self._load_thumbnail)
        self.merging = MergeFlow(window, self)
        self.merging.conflict_found.connect(
            lambda text, can_merge: self.show_conflict(text, can_merge=can_merge)
        )
        self.diffs = DiffFlow(window, self.merging.versions, self)
        form.value_edited.connect(self._edited)
        body.body_edited.connect(self._body_edited)
        loader.loaded.connect(self._image_loaded)
        loader.failed.connect(self._image_failed)
        conflict_bar.merge_requested.connect(self.merge_outside)
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
        return title_of(self.article) if self.article is not None else ""

    def set_service(self, service: DocumentService | None, site_root: Path | None) -> None:
        self.close()
        self.service = service
        self.site_root = site_root
        # The desk's one SiteRules: the rows of files saved here say what the scan's rows say.
        self.rules = DeskRules(service.root) if service is not None else None
        self._static_dirs = static_folders(site_root)

    def row_of(self, article: Article) -> ArticleSummary:
        """The list row of an article just loaded or written, by the desk's rules."""
        return summary_of(article, self.rules.current() if self.rules is not None else None)

    def fresh_rules(self) -> SiteRules | None:
        """The desk's rules read anew (a scan starts), for the scan and every row after it."""
        return self.rules.renew() if self.rules is not None else None

    def image_places(self) -> ImagePlaces:
        """Where the open article's local images are looked up (the one rule in core.images)."""
        article_path = self.article.path if self.article else None
        return image_places(article_path, self.site_root, self._static_dirs)

    # --- showing -------------------------------------------------------------------------------------

    def open(self, relpath: str) -> bool:
        """Show an article (with its unsaved edits, if it has some); on failure show nothing and say
        why. Never writes."""
        if self.service is None:
            return False
        pending = self.unsaved.get(relpath)
        if pending is not None:
            self._show(pending)
            self.check_disk()  # the file may have moved on while the edits waited
            return True
        try:
            article = self.service.load(relpath)
        except (FrontMatterError, PathError, OSError) as error:
            self._show(None)
            self.failed_path = relpath
            self.form.show_unreadable(relpath, describe_error(error))
            self._show_raw(relpath, error)
            self.message.emit(
                self.tr("{0} cannot be opened: {1}").format(
                    shown_path(relpath), describe_error(error)
                )
            )
            return False
        self._show(article)
        return True

    def _show_raw(self, relpath: str, error: BaseException) -> None:
        """The unreadable file's own text in the Source tab (read, never written)."""
        assert self.service is not None
        try:
            path = self.service.resolve(relpath)
            data, _info = read_regular(path)
        except (PathError, OSError):
            return
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
        line = error.line if isinstance(error, FrontMatterError) else None
        self.body.show_raw(text, line)
        self.unreadable_shown.emit(path, line)

    def close(self) -> None:
        self._show(None)

    def adopt(self, article: Article) -> None:
        """Show a fresher copy of the open file (from a save or a bulk operation)."""
        self._show(article, keep_old=False)
        self.unsaved.keep(article, now=True)

    def adopt_written(self, article: Article) -> None:
        """Show the open file as an action (publish, draft, undo) just wrote it, keeping the other
        unsaved edits on top; a staged draft edit gives way to the flag the action wrote."""
        if self.article is not None and self.article.relpath == article.relpath:
            article.carry_edits(self.article, except_draft=True)
        self._show(article, keep_old=False)  # its edits are carried, not kept apart
        self.unsaved.keep(article, now=True)

    def _show(self, article: Article | None, *, keep_old: bool = True) -> None:
        old = self.article
        self.article = article
        if old is not None and old is not article and keep_old:
            self.unsaved.keep(old, now=True)  # its edits wait for the editor to come back
        if old is not None and (article is None or article.relpath != old.relpath):
            self.dirty_changed.emit(old.relpath, keep_old and old.is_dirty)
        if self.failed_path is not None:
            self.unreadable_shown.emit(None, None)
        self.failed_path = None
        self.conflict_bar.clear()
        self.form.set_article(article)
        self.body.set_article(article, self.image_places())
        self._validate()
        self._load_thumbnail()
        self._report_dirty()
        self.article_changed.emit()

    def _load_thumbnail(self) -> None:
        self._thumbnail_timer.stop()
        metadata = self.article.current_metadata() if self.article else {}
        reference = image_references(metadata).get(COVER_KEY)
        if reference is None:
            self._thumbnail_reference = None
            return
        self._thumbnail_reference = reference
        self.loader.load(self._thumbnail_reference, self.image_places())

    def _image_loaded(self, reference: str, image: object) -> None:
        if reference == self._thumbnail_reference:
            self.form.set_cover_thumbnail(image)

    def _image_failed(self, reference: str, reason: str) -> None:
        if reference == self._thumbnail_reference:
            self.form.set_cover_thumbnail(None, reason)

    # --- editing -------------------------------------------------------------------------------------

    def _edited(self, key: str, value: object) -> None:
        self._validate()
        if key.lower() == COVER_KEY:
            self._thumbnail_timer.start()
        self._report_dirty()
        if self.article is not None:
            self.unsaved.keep(self.article)

    def _body_edited(self, text: str) -> None:
        if self.article is None:
            return
        self.article.set_body(text)
        self._report_dirty()
        self.unsaved.keep(self.article)

    def _validate(self) -> None:
        problems: list[Problem] = []
        if self.article:
            from editor.core import validate  # the checks load with the first article opened

            article, rules = self.article, self.rules
            problems = validate.check_loaded(
                article,
                self.site_root,
                self._static_dirs,
                None if rules is None else lambda: rules.current().page_rules(article.path)[0],
            )
        self.form.set_problems(problems)

    def _report_dirty(self) -> None:
        if self.article is not None:
            self.dirty_changed.emit(self.article.relpath, self.article.is_dirty)

    # --- writing -------------------------------------------------------------------------------------

    def save(self, *, force: bool = False, _after_merge: bool = False) -> bool:
        """Write the open article's edits; True when nothing is left unsaved.

        When the file changed on disk since it was opened, the edits are merged with it first (the
        resolver asks about fields both changed) and the merge is saved, never a plain refusal.
        """
        article = self.article
        if article is None or self.service is None:
            return True
        if not article.is_dirty and not force:
            return True
        keys, body = tuple(article.edits), article.new_body is not None
        try:
            saved, written = self.service.save(article, force=force)
        except ConflictError as error:
            if not _after_merge and self.disk_state() is DiskState.CHANGED and self.merge_outside():
                return self.save(_after_merge=True)
            self.show_conflict(
                describe_error(error), can_merge=self.disk_state() is DiskState.CHANGED
            )
            return False
        except (EditError, PathError, OSError, ValueError) as error:
            # The reason in the message itself: behind "Show Details" nobody reads it.
            dialogs.report_error(
                self.window,
                self.tr("Could not save"),
                self.tr("{0} was not saved:\n\n{1}").format(
                    shown_path(article.relpath), describe_error(error)
                ),
            )
            return False
        self.unsaved.forget(article.relpath)
        self._show(saved, keep_old=False)
        self.row_changed.emit(self.row_of(saved))
        if written:
            self.message.emit(self.tr("Saved {0}").format(shown_path(saved.relpath)))
            self.article_saved.emit(SavedEdit(saved.relpath, self.title, keys, body))
        else:
            self.message.emit(
                self.tr("{0} already held these values; nothing was written").format(
                    shown_path(saved.relpath)
                )
            )
        return True

    def discard(self) -> None:
        """Forget the unsaved edits (the file was never touched)."""
        if self.article is not None:
            self.article.discard_edits()
            self.unsaved.forget(self.article.relpath)
            self.undo_stack.clear()
            self.form.refresh()
            self.body.set_article(self.article, self.image_places())
            self._validate()
            self._load_thumbnail()
            self._report_dirty()
            self.article_changed.emit()

    def stage_version(self, data: bytes) -> list[str]:
        """Stage another version of the open file (History's Restore) as unsaved edits, reviewed and
        saved like any other; returns the keys that version lacks (left as they are: a key is
        never removed behind the editor's back). Raises FrontMatterError if it cannot be read."""
        article = self.article
        if article is None:
            return []
        split, metadata = read(data)
        for key, value in metadata.items():
            article.set_value(key, value)
        article.set_body(split.body)
        self.form.refresh()
        self.body.set_article(article)
        self._validate()
        self._report_dirty()
        self.article_changed.emit()
        return [key for key in article.metadata if key not in metadata]

    def revert(self) -> None:
        """Drop the edits and show the file as it is on disk now."""
        if self.article is not None:
            self.reload()

    def reload(self) -> None:
        """Read the open file again, dropping any edits (the conflict bar's Reload)."""
        article = self.article
        if article is None:
            return
        self.unsaved.forget(article.relpath)  # Reload drops the edits
        if self.disk_state() in (DiskState.MISSING, DiskState.NOT_A_FILE):
            relpath = article.relpath
            self._show(None, keep_old=False)
            self.message.emit(self.tr("{0} no longer exists").format(shown_path(relpath)))
            return
        article.discard_edits()  # _show must not keep the dropped edits
        if self.open(article.relpath) and self.article is not None:
            self.row_changed.emit(self.row_of(self.article))

    def keep_mine(self) -> None:
        """Write the local version over the changed file (Keep mine), once the user has confirmed
        the outside changes it drops."""
        article = self.article
        if article is None:
            return
        discarded = outside_change.dropped_by_overwrite(article)
        if discarded and not dialogs.confirm_overwrite(self.window, article.relpath, discarded):
            return
        if self.save(force=True):
            self.message.emit(
                self.tr("Your version of {0} was written over the outside change").format(
                    shown_path(self.path or "")
                )
            )

    # --- merging -------------------------------------------------------------------------------------

    def merge_outside(self) -> bool:
        """Put my edits on top of the version on disk (Merge); True when merged, left unsaved.

        Fields both changed go to the resolver; a version that does not parse is never merged
        into: the user is told which and why, and can still Reload or Keep mine.
        """
        if self.article is None or self.service is None:
            return False
        merged = self.merging.merge(self.article, self.service)
        if merged is None:
            return False
        fresh = merged.article
        self.undo_stack.clear()
        self._show(fresh, keep_old=False)  # the old copy's edits are in the merge
        self.unsaved.keep(fresh, now=True)
        self.row_changed.emit(self.row_of(fresh))
        self.message.emit(merged.message)
        return True

    # --- outside changes -----------------------------------------------------------------------------

    def disk_state(self) -> DiskState:
        """Whether the open file on disk is still what was loaded (or last saved)."""
        return outside_change.disk_state(self.article)

    def check_disk(self) -> None:
        """The open file may have changed on disk: reload it, or ask when there are local edits."""
        state = self.disk_state()
        if state is DiskState.SAME or self.article is None:
            return
        relpath = self.article.relpath
        if self.article.is_dirty:
            author = (
                self.pull_author(relpath)
                if state not in (DiskState.MISSING, DiskState.NOT_A_FILE)
                else None
            )
            text = outside_change.conflict_text(state, relpath, author)
            self.show_conflict(text, can_merge=state is DiskState.CHANGED)
            return
        if state in (DiskState.MISSING, DiskState.NOT_A_FILE):
            self._show(None)
            self.message.emit(outside_change.gone_text(state, relpath))
            return
        if self.open(relpath) and self.article is not None:
            self.row_changed.emit(self.row_of(self.article))
            self.message.emit(
                self.tr("{0} was changed on disk and has been reloaded").format(shown_path(relpath))
            )

    def show_conflict(self, text: str, *, can_merge: bool = True) -> None:
        self.conflict_bar.show_conflict(text, can_merge=can_merge)
        self.message.emit(text)

    # --- differences ---------------------------------------------------------------------------------

    def review_changes(self) -> DiffDialog | None:
        """Show the exact lines Save would change in the file on disk."""
        return self.diffs.review_changes(self.article)

    def show_differences(self) -> DiffDialog | None:
        """Three-way (conflict bar): what I changed, and what changed outside, since it was opened."""
        return self.diffs.show_differences(self.article)
