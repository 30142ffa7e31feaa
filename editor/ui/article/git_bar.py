"""The bar over the open article for what git knows about it: someone else changed it on the remote
(pull first), the last pull left it conflicted (resolve, then continue or abort), or a merge or
rebase still waits to be continued or aborted (no Pull is offered then: git would refuse it).

Like the conflict bar, it never decides: each button is a signal, and the window's git wiring acts.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class GitBar(QFrame):
    """Incoming-change and conflict notices for the open article."""

    pull_requested = Signal()
    """Pull now (the incoming-change banner's button)."""

    keep_mine_requested = Signal()
    """Resolve the conflict with my version (git's stage for the local side)."""

    take_theirs_requested = Signal()
    """Resolve the conflict with the incoming version."""

    resolve_requested = Signal()
    """Open the field-by-field resolver (issue 7's, when present)."""

    continue_requested = Signal()
    """Finish the merge or rebase."""

    abort_requested = Signal()
    """Abort the merge or rebase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gitBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#gitBar { background: #e8f0fb; border: 1px solid #9bb8e0; }")
        self.label = QLabel(self)
        self.label.setObjectName("gitBarText")
        self.label.setWordWrap(True)
        # The text above, the whole width; the buttons under it on the right (beside five buttons
        # the wrapped text was squeezed into a narrow column, as in the conflict bar).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        layout.addLayout(row)
        self.pull_button = self._button("gitPullButton", self.tr("Pull"), self.pull_requested)
        self.mine_button = self._button(
            "gitKeepMineButton", self.tr("Keep Mine"), self.keep_mine_requested
        )
        self.theirs_button = self._button(
            "gitTakeTheirsButton", self.tr("Take Theirs"), self.take_theirs_requested
        )
        self.resolve_button = self._button(
            "gitResolveButton", self.tr("Resolve…"), self.resolve_requested
        )
        self.continue_button = self._button(
            "gitContinueButton", self.tr("Continue"), self.continue_requested
        )
        self.abort_button = self._button("gitAbortButton", self.tr("Abort"), self.abort_requested)
        for button in self._buttons():
            row.addWidget(button)
        self.kind: str | None = None  # "incoming", "conflicted" or "in-progress" while shown
        self.hide()

    def _button(self, name: str, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(signal)
        return button

    def _buttons(self) -> list[QPushButton]:
        return [
            self.pull_button,
            self.mine_button,
            self.theirs_button,
            self.resolve_button,
            self.continue_button,
            self.abort_button,
        ]

    def _show(self, kind: str, text: str, buttons: list[QPushButton]) -> None:
        self.kind = kind
        self.label.setText(text)
        for button in self._buttons():
            button.setVisible(button in buttons)
        self.show()

    def show_incoming(self, remote: str, author: str, when: str) -> None:
        self._show(
            "incoming",
            self.tr("Changed on {0} by {1}, {2}: pull first").format(remote, author, when),
            [self.pull_button],
        )

    def show_conflicted(self, operation: str, has_resolver: bool) -> None:
        buttons = [self.mine_button, self.theirs_button, self.continue_button, self.abort_button]
        if has_resolver:
            buttons.insert(2, self.resolve_button)
        self._show(
            "conflicted",
            self.tr(
                "This article has conflicts from the {0}: keep your version or take theirs, "
                "then continue (or abort the {0})."
            ).format(self.operation_word(operation)),
            buttons,
        )

    def operation_word(self, operation: str) -> str:
        """git names the operation ("merge", "rebase"); a sentence needs the translated word."""
        words = {"merge": self.tr("merge"), "rebase": self.tr("rebase")}
        return words.get(operation, operation)

    def show_in_progress(self, operation: str, conflicted: int) -> None:
        """A merge or rebase waits to be concluded (this article is resolved, or had no conflict):
        Continue and Abort stay on offer until it is, and no Pull is offered meanwhile."""
        word = self.operation_word(operation)
        if conflicted:
            text = self.tr(
                "The {0} is still in progress: {1} article(s) still have conflicts. Resolve them, "
                "then continue (or abort the {0})."
            ).format(word, conflicted)
        else:
            text = self.tr(
                "The {0} is still in progress: every conflict is resolved and staged. Continue to "
                "finish it (or abort the {0})."
            ).format(word)
        self._show("in-progress", text, [self.continue_button, self.abort_button])

    def clear(self) -> None:
        self.kind = None
        self.hide()
