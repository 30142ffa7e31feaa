"""The bar shown when the open article changed on disk while it has unsaved edits, and the diff dialog.

The bar never decides: it offers Merge (the default: my edits on top of the new version), Reload (drop
my edits), Show changes (three-way: what I changed, what changed outside) and Keep mine (write mine
over the file, after a confirmation), and the session does what was chosen. The same
:class:`DiffDialog` shows "Review changes" (the file on disk against what Save would write).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def unified_diff(
    old_text: str, new_text: str, old_label: str, new_label: str, context: int = 3
) -> str:
    """The unified line diff of two texts (empty when they are the same)."""
    import difflib  # with the first diff shown, not at start-up

    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        old_label,
        new_label,
        n=context,
    )
    # A last line without a newline would glue itself to the next diff line; say so the way diff does.
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def three_way_diff(
    base: str, mine: str, theirs: str, relpath: str, labels: tuple[str, str, str]
) -> str:
    """What I changed and what changed outside, each against the version both started from.

    ``labels`` name the sections: (my changes, outside changes, the common version).
    """
    mine_label, theirs_label, base_label = labels
    parts = []
    for heading, text, name in ((mine_label, mine, "yours"), (theirs_label, theirs, "outside")):
        diff = unified_diff(base, text, f"{relpath} ({base_label})", f"{relpath} ({name})")
        parts.append(f"=== {heading} ===\n" + (diff or "(none)\n"))
    return "\n".join(parts)


class ConflictBar(QFrame):
    """Offers what to do about an outside change to the open article."""

    merge_requested = Signal()
    """Put my edits on top of the version on disk (the resolver opens if both changed a field)."""

    reload_requested = Signal()
    """Drop the local edits and load the file as it is now on disk."""

    keep_mine_requested = Signal()
    """Write the local version over the file on disk."""

    show_differences_requested = Signal()
    """Show what I changed and what changed outside, each against the common version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#conflictBar { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }"
            "#conflictBar QLabel { color: #3d3000; }"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setObjectName("conflictMerge")
        self.merge_button.setToolTip(
            self.tr("Put your edits on top of the version on disk; nothing is saved yet")
        )
        self.merge_button.setDefault(True)
        self.reload_button = QPushButton(self.tr("&Reload"), self)
        self.reload_button.setObjectName("conflictReload")
        self.reload_button.setToolTip(self.tr("Drop your edits and show the file as it is now"))
        self.keep_button = QPushButton(self.tr("&Keep Mine…"), self)
        self.keep_button.setObjectName("conflictKeepMine")
        self.keep_button.setToolTip(
            self.tr("Write your version over the file on disk, dropping the outside changes")
        )
        self.diff_button = QPushButton(self.tr("Show &Changes"), self)
        self.diff_button.setObjectName("conflictShowDifferences")
        # The text above, the whole width; the buttons in a row under it, on the right. Beside four
        # buttons a wrapped label was squeezed into a narrow column of a few words a line.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for button in (self.merge_button, self.diff_button, self.reload_button, self.keep_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self.merge_requested)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self.keep_mine_requested)
        self.diff_button.clicked.connect(self.show_differences_requested)
        self.hide()

    def show_conflict(self, message: str, *, can_merge: bool = True) -> None:
        """Show ``message``; ``can_merge`` is False when there is nothing to merge with (deleted)."""
        self.message.setText(message)
        self.merge_button.setEnabled(can_merge)
        self.diff_button.setEnabled(can_merge)
        self.show()
        focus = self.merge_button if can_merge else self.reload_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.message.clear()
        self.hide()


class _DiffHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        for prefix, background, foreground in (
            ("=", "#fff4ce", "#3d3000"),
            ("+", "#e6ffec", "#1a7f37"),
            ("-", "#ffebe9", "#cf222e"),
            ("@", "#ddf4ff", "#0550ae"),
        ):
            char_format = QTextCharFormat()
            char_format.setBackground(QColor(background))
            char_format.setForeground(QColor(foreground))
            self._formats[prefix] = char_format
        self._header = QTextCharFormat()
        self._header.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            self.setFormat(0, len(text), self._header)
        elif text[:1] in self._formats:
            self.setFormat(0, len(text), self._formats[text[:1]])


class DiffDialog(QDialog):
    """A read-only unified diff, coloured by line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffDialog")
        self.resize(820, 560)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("diffView")
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._highlighter = _DiffHighlighter(self.view.document())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def show_diff(self, title: str, summary: str, diff: str) -> None:
        self.setWindowTitle(title)
        self.summary.setText(summary)
        self.view.setPlainText(diff or self.tr("No differences."))
        self.show()
        self.raise_()
        self.activateWindow()

    @property
    def text(self) -> str:
        return self.view.toPlainText()
