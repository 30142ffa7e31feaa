"""The metadata form: typed editors for the front matter of the open article.

The form owns its scroll area (the window places it as is). One editor per key, in the file's key
order; every change goes onto the undo stack given to the constructor as a :class:`SetValueCommand`,
which stages the value on the Article (the file is only written by the document service on Save).
Showing a different Article object clears that undo stack, since its commands belong to the old one.
Which editor each field gets, and the labels of the keys, come from
:class:`~editor.ui.form.field_factory.FieldFactory`; the widgets of each row are built by
:mod:`~editor.ui.form.form_rows`.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import Article
from editor.core.frontmatter import Format
from editor.core.hugo_keys import DATE_KEYS, EXPIRY_DATE_KEYS
from editor.core.images import COVER_KEY, is_cover_key
from editor.core.names import shown_path
from editor.core.problem import Problem
from editor.core.values import coerce_like, same_value
from editor.core.vocabulary import Vocabulary
from editor.ui.form.field_adding import AddFieldBar, kind_for_new_key, start_value
from editor.ui.form.field_editors import (
    FieldEditor,
    mute_text,
)
from editor.ui.form.field_factory import FieldFactory
from editor.ui.form.field_kinds import KNOWN_KINDS, FieldKind, kind_for, nested_text
from editor.ui.form.form_parts import CoverThumbnail, ProblemList
from editor.ui.form.form_rows import FormRow, add_extra_row, add_row, new_fields
from editor.ui.form.undo_commands import MISSING, RemoveKeyCommand, SetValueCommand

# One editor per key up to this many (the keys the desk works with always get theirs); the rest are
# shown together, read-only, in one text view: thousands of editors take seconds to build.
MAX_EDITORS = 300
ALWAYS_EDITED = frozenset((*KNOWN_KINDS, *DATE_KEYS, *EXPIRY_DATE_KEYS, "description", "summary"))

_DOT = "\u00a0\u00a0·\u00a0\u00a0"  # between the path and the format, never broken


class MetadataForm(QWidget):
    """Edits go onto ``undo_stack`` as commands that change the Article's staged edits."""

    value_edited = Signal(str, object)
    """A field's value was staged on the article (after an edit, an undo or a redo): key, value."""

    open_link_requested = Signal(str, str)
    """The open button next to a link field was pressed: key, url."""

    preview_cover_requested = Signal(str)
    """The cover thumbnail (or the open button of enclosure/qrcode) asks for the preview: key."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataForm")
        self._stack = undo_stack
        self._article: Article | None = None
        self._rows: dict[str, FormRow] = {}
        self._signature: tuple = ()
        self._problems: list[Problem] = []
        self._filling = False
        self._chain: list[QWidget] = []
        self._extra: QPlainTextEdit | None = None  # the keys beyond MAX_EDITORS, read-only
        self._added: dict[str, FieldKind] = {}  # fields added empty, staged once typed in
        self._order_path: str | None = None  # the file whose row order self._order is
        self._order: list[str] = []
        self._vocabulary: Callable[[], Vocabulary] = Vocabulary
        self._factory = FieldFactory(self._list_items, self)
        self._factory.preview_cover_requested.connect(self.preview_cover_requested)
        self._factory.open_link_requested.connect(self.open_link_requested)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._pages = QStackedWidget()
        outer.addWidget(self._pages)

        self._placeholder = QLabel(self._empty_text())
        self._placeholder.setObjectName("formPlaceholder")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._placeholder.setMargin(12)
        mute_text(self._placeholder, self.palette())
        self._pages.addWidget(self._placeholder)

        self._scroll = QScrollArea()
        self._scroll.setObjectName("metadataScroll")
        self._scroll.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # Tab goes field to field, not to the frame
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Never sideways: the form is as wide as its widest field needs (see _fit_width).
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(12, 10, 12, 12)
        content_layout.setSpacing(8)
        self._header = QLabel()
        self._header.setObjectName("metadataHeader")
        self._header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._header.setWordWrap(True)
        mute_text(self._header, self.palette())
        content_layout.addWidget(self._header)
        self._top_problems = ProblemList()
        self._top_problems.setObjectName("formProblems")
        content_layout.addWidget(self._top_problems)
        self._content_layout = content_layout
        self._fields, self._form = new_fields()
        content_layout.addWidget(self._fields)
        self._add_bar = AddFieldBar(self)
        self._add_bar.add_requested.connect(self.add_field)
        content_layout.addWidget(self._add_bar)
        content_layout.addStretch(1)
        self._scroll.setWidget(content)
        self._pages.addWidget(self._scroll)
        # Measured once the new rows are shown: hidden widgets count for nothing in a size hint.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_width)

        self._thumbnail = CoverThumbnail(self)
        self._thumbnail.clicked.connect(lambda: self.preview_cover_requested.emit(COVER_KEY))

    # --- public API ------------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def editor(self, key: str) -> FieldEditor | None:
        """The editor of ``key`` (None when the article has no such key)."""
        row = self._rows.get(key)
        return row.editor if row else None

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits in the form, in order (the fields of the article shown)."""
        if self._article is None:
            return []
        return [*self._chain, *self._add_bar.focus_chain()]

    def set_vocabulary_source(self, source: Callable[[], Vocabulary]) -> None:
        """Where the desk's keys and list values come from (asked when they are needed)."""
        self._vocabulary = source

    def add_field(self, key: str) -> bool:
        """Add ``key`` to the article shown, with the editor its values usually get on this desk.

        A text field starts empty (staged once typed in); other kinds start with a value (false,
        0, now, an empty list), staged at once as one undoable step.
        """
        article = self._article
        key = key.strip()
        if article is None or not key:
            return False
        lowered = key.lower()
        if any(name.lower() == lowered for name in (*article.current_metadata(), *self._added)):
            self._add_bar.say(self.tr("This article already has “{0}”.").format(key))
            return False
        vocabulary = self._vocabulary()
        kind = kind_for_new_key(key, vocabulary.usual_kind(key))
        value = start_value(kind)
        self._add_bar.say("")
        if value is None:
            self._added[key] = kind
            self.refresh()
        else:
            self._stack.push(
                SetValueCommand(article, key, MISSING, value, self, label=self.label_text(key))
            )
        row = self._rows.get(key)
        if row is not None:
            row.editor.input.setFocus()
        return True

    def remove_field(self, key: str) -> None:
        """Remove ``key`` from the article shown (one undoable step; Save deletes its lines)."""
        article = self._article
        if article is None:
            return
        if key in self._added and not article.has_key(key):
            del self._added[key]
            self.refresh()
            return
        self._added.pop(key, None)
        self._stack.push(RemoveKeyCommand(article, key, self, label=self.label_text(key)))

    def set_article(self, article: Article | None) -> None:
        """Show ``article`` (None clears the form); builds one editor per front matter key."""
        if article is not self._article:
            self._stack.clear()
            self._added = {}
            self._add_bar.say("")
            self._problems = []
            self.set_cover_thumbnail(None, "")
            self._scroll.verticalScrollBar().setValue(0)
        self._article = article
        if article is None:
            self._placeholder.setText(self._empty_text())
            self._pages.setCurrentWidget(self._placeholder)
            return
        # No-break spaces: a narrow form wrapped "· TOML" onto a line of its own.
        self._header.setText(
            f"{shown_path(article.relpath)}{_DOT}{self._format_text(article.format)}"
        )
        self._header.setToolTip(shown_path(str(article.path)))
        self._pages.setCurrentWidget(self._scroll)
        self.refresh()

    def _format_text(self, fmt: Format) -> str:
        if fmt is Format.NONE:
            return self.tr("no front matter yet")  # it read "NONE"
        return fmt.value.upper()

    def show_unreadable(self, relpath: str, reason: str) -> None:
        """Say why the selected file cannot be opened (instead of "No article open")."""
        self.set_article(None)
        text = self.tr(
            "This file cannot be opened:\n{0}\n\n{1}\n\n"
            "Fix it in a text editor; Copydesk will not write it."
        )
        self._placeholder.setText(text.format(shown_path(relpath), reason))

    def show_conflicted(self, relpath: str, operation: str) -> None:
        """The file holds git's conflict markers (a merge or rebase stopped on it): say so, in place
        of the unreadable text, whose "Copydesk will not write it" the conflict bar contradicts."""
        self.set_article(None)
        text = self.tr(
            "{0} has a conflict from the {1}: both versions are in the file, between git's "
            "markers (see the Source tab).\n\n"
            "Keep Mine or Take Theirs above writes one of them; Resolve… merges them field by "
            "field and asks about the fields both sides changed."
        )
        self._placeholder.setText(text.format(shown_path(relpath), operation))
        self._pages.setCurrentWidget(self._placeholder)

    def _empty_text(self) -> str:
        return self.tr("No article open.\nSelect an article in the list to review it.")

    def refresh(self) -> None:
        """Re-read every editor's value from the article (after revert or reload)."""
        article = self._article
        if article is None:
            return
        metadata = article.current_metadata()
        if not any(key.lower() == "title" for key in metadata):
            # A missing title is an error the editor must be able to fix here: offer an empty field.
            metadata = {"title": None, **metadata}
        for key in self._added:
            metadata.setdefault(key, None)
        metadata = self._in_form_order(article, metadata)
        self._add_bar.set_offers(self._offers(metadata))
        # Editors follow the type in the file, not the edit, so typing never swaps the editor away.
        signature = (
            article.format,
            *(
                (
                    key,
                    self._added[key]
                    if key in self._added and key not in article.metadata
                    else kind_for(key, article.metadata.get(key, value)),
                )
                for key, value in metadata.items()
            ),
        )
        if signature != self._signature:
            self._rebuild(signature[1:])
            self._signature = signature
        self._filling = True
        try:
            extra = []
            for key, value in metadata.items():
                row = self._rows.get(key)
                if row is not None:
                    row.editor.set_value(value)
                else:
                    extra.append(nested_text(value, article.format, key))
            if self._extra is not None:
                self._extra.setPlainText("\n".join(extra))
        finally:
            self._filling = False
        self._apply_problems()

    def _in_form_order(self, article: Article, metadata: dict[str, Any]) -> dict[str, Any]:
        """``metadata`` in the order its rows keep: a title the file lacks first (where the form
        offered it), and, while the same file stays open, every row where it was. A key typed into
        (or saved) went last in the file's order, and its field jumped from the top to the bottom
        under the person's cursor."""
        keys = list(metadata)
        new_title = [key for key in keys if key.lower() == "title" and key not in article.metadata]
        keys = new_title + [key for key in keys if key not in new_title]
        if self._order_path == article.relpath:
            place = {key: number for number, key in enumerate(self._order)}
            keys.sort(key=lambda key: place.get(key, len(place)))  # stable: new keys keep theirs
        self._order_path, self._order = article.relpath, keys
        return {key: metadata[key] for key in keys}

    def set_problems(self, problems: list[Problem]) -> None:
        """Show validation problems next to their fields (Problem.key)."""
        self._problems = list(problems)
        self._apply_problems()

    def set_cover_thumbnail(self, image: object | None, message: str = "") -> None:
        """Show a QImage thumbnail of the cover (None with a message when it could not load).

        Call it after ``set_article``: showing another article clears the thumbnail.
        """
        self._thumbnail.set_image(image if isinstance(image, QImage) else None, message)
        self._thumbnail.setVisible(self._thumbnail.wanted and self._has_cover_row())

    def _has_cover_row(self) -> bool:
        return any(is_cover_key(key) for key in self._rows)

    # --- building ----------------------------------------------------------------------------------

    def _offers(self, metadata: dict[str, Any]) -> Callable[[], list[tuple[str, int, int]]]:
        """The keys to offer in Add field: the desk's, most used first, without the article's."""

        def offers() -> list[tuple[str, int, int]]:
            vocabulary = self._vocabulary()
            return [
                (key, count, vocabulary.files) for key, count in vocabulary.keys(exclude=metadata)
            ]

        return offers

    def _list_items(self, key: str) -> list[str]:
        vocabulary = self._vocabulary()
        return vocabulary.items(key) or vocabulary.all_items()

    def label_text(self, key: str) -> str:
        """The label the form gives ``key`` (its own name for the keys it knows)."""
        return self._factory.label_text(key)

    def _rebuild(self, fields: tuple[tuple[str, FieldKind], ...]) -> None:
        # Only when the form holds focus now: self.focusWidget() is the last focused field even while
        # focus is in the list, and focusing its counterpart would send the list's keys to the form.
        focused = QApplication.focusWidget()
        focused_key = (
            next(
                (key for key, row in self._rows.items() if row.editor.isAncestorOf(focused)),
                None,
            )
            if focused is not None and self.isAncestorOf(focused)
            else None
        )
        # The thumbnail lives in the enclosure row; keep it alive while the rows are replaced.
        self._thumbnail.setParent(self)
        self._thumbnail.hide()
        # The rows go with the widget that holds them: QFormLayout.removeRow one row at a time costs
        # time in proportion to the rows left, so thousands of keys took a minute to clear.
        old = self._fields
        self._fields, self._form = new_fields()
        self._content_layout.replaceWidget(old, self._fields)
        old.hide()
        old.setParent(None)
        old.deleteLater()  # later: an editor of the old rows may be the sender of this rebuild
        self._rows.clear()
        self._extra = None
        chain = []
        if len(fields) > MAX_EDITORS:
            edited = {key for key, _kind in fields[:MAX_EDITORS]}
            edited.update(key for key, _kind in fields if key.lower() in ALWAYS_EDITED)
            rest = len(fields) - len(edited)
            fields = tuple(field for field in fields if field[0] in edited)
        else:
            rest = 0
        for key, kind in fields:
            editor = self._make_editor(key, kind)
            cover = is_cover_key(key)
            self._rows[key] = add_row(
                self._form,
                key,
                self.label_text(key),
                editor,
                self.remove_field,
                self.palette(),
                self._thumbnail if cover else None,
            )
            chain.extend(editor.focus_chain())
            if cover:
                chain.append(self._thumbnail)
        if rest:
            self._extra = add_extra_row(
                self._form, rest, self.palette(), self.fontMetrics().lineSpacing()
            )
            chain.append(self._extra)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._chain = chain
        self._thumbnail.setVisible(self._thumbnail.wanted and self._has_cover_row())
        if focused_key in self._rows:
            self._rows[focused_key].editor.input.setFocus()
        self._fit_timer.start()

    def _fit_width(self) -> None:
        """Ask the splitter for the width the fields need (a UTC+02:00 date, a [params] table): a
        narrower form scrolled sideways and cut them off."""
        content = self._scroll.widget()
        if content is None:
            return
        content.layout().activate()
        needed = (
            content.minimumSizeHint().width() + self._scroll.verticalScrollBar().sizeHint().width()
        )
        self._scroll.setMinimumWidth(needed)

    def _make_editor(self, key: str, kind: FieldKind) -> FieldEditor:
        editor = self._factory.make_editor(
            key, kind, self._article.format if self._article else Format.TOML
        )
        editor.edited.connect(lambda value, k=key, e=editor: self._on_edited(k, value, e))
        return editor

    # --- editing -----------------------------------------------------------------------------------

    def _on_edited(self, key: str, value: Any, editor: FieldEditor) -> None:
        article = self._article
        row = self._rows.get(key)
        # An editor being replaced (it may report on losing focus) belongs to the article before.
        if self._filling or article is None or row is None or row.editor is not editor:
            return
        present = article.has_key(key)
        old = article.value(key) if present else MISSING
        try:
            staged = coerce_like(article.metadata[key], value) if key in article.metadata else value
        except (TypeError, ValueError):
            return  # the editors only report values of the right type; this is a safety net
        if present and same_value(staged, old):
            return
        group = (key, editor.edit_session) if editor.merges_typing else None
        command = SetValueCommand(
            article, key, old, value, self, label=self.label_text(key), merge_group=group
        )
        self._stack.push(command)

    def show_staged(self, article: Article, key: str, value: Any, *, update_editor: bool) -> None:
        """Called by SetValueCommand: show the value now staged on ``article`` and announce it."""
        if article is not self._article:
            return
        row = self._rows.get(key)
        # A field added empty stays (with its editor) while it has no value yet.
        if row is None or not (article.has_key(key) or key in self._added):
            self.refresh()
        elif update_editor:
            self._filling = True
            try:
                row.editor.set_value(value)
            finally:
                self._filling = False
        self.value_edited.emit(key, value)

    # --- problems ------------------------------------------------------------------------------------

    def _apply_problems(self) -> None:
        by_key: dict[str, list[Problem]] = {key: [] for key in self._rows}
        lowered = {key.lower(): key for key in self._rows}
        loose: list[Problem] = []
        for problem in self._problems:
            key = (
                problem.key
                if problem.key in self._rows
                else lowered.get((problem.key or "").lower())
            )
            if key is None:
                loose.append(problem)
            else:
                by_key[key].append(problem)
        for key, row in self._rows.items():
            row.problems.set_problems(by_key[key])
        self._top_problems.set_problems(loose)
