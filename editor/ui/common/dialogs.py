"""Every question the window asks the user, one function each.

The window calls these through the module (``dialogs.ask_unsaved_changes(...)``), so a test answers a
question by monkeypatching one function instead of driving a modal box.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from editor.ui.common.wording import counted

Button = QMessageBox.StandardButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class BulkAnswer(Enum):
    SAVE_FIRST = "save"  # save the open article's edits, then include it
    LEAVE_OUT = "leave_out"  # run the operation without the open article
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget | None, title: str) -> Answer:
    """The open article has unsaved edits: Save, Discard or Cancel?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Unsaved changes"))
    box.setText(_tr("Save the changes to “{0}”?").format(title))
    box.setInformativeText(_tr("If you don't save, your edits will be lost."))
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    answer = box.exec()
    if answer == Button.Save:
        return Answer.SAVE
    if answer == Button.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def ask_bulk_with_unsaved(parent: QWidget | None, title: str, count: int) -> BulkAnswer:
    """A bulk operation on ``count`` articles includes the open article, which has unsaved edits: save
    it first, leave it out (when there are others), or cancel?"""
    box, buttons = bulk_with_unsaved_box(parent, title, count)
    box.exec()
    return buttons.get(box.clickedButton(), BulkAnswer.CANCEL)


def bulk_with_unsaved_box(
    parent: QWidget | None, title: str, count: int
) -> tuple[QMessageBox, dict[QAbstractButton, BulkAnswer]]:
    """The box :func:`ask_bulk_with_unsaved` shows, and the answer each of its buttons gives."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Unsaved changes"))
    box.setText(_tr("“{0}” has unsaved edits.").format(title))
    save = box.addButton(_tr("Save First"), QMessageBox.ButtonRole.AcceptRole)
    buttons = {save: BulkAnswer.SAVE_FIRST}
    if count > 1:
        box.setInformativeText(
            counted(
                count,
                _tr("Save them first, or leave this article out of the change to 1 article?"),
                _tr("Save them first, or leave this article out of the change to {0} articles?"),
            )
        )
        buttons[box.addButton(_tr("Leave It Out"), QMessageBox.ButtonRole.ActionRole)] = (
            BulkAnswer.LEAVE_OUT
        )
    else:  # the change is to the open article alone: leaving it out would leave nothing
        box.setInformativeText(_tr("The change needs them saved first."))
    cancel = box.addButton(Button.Cancel)
    buttons[cancel] = BulkAnswer.CANCEL
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    return box, buttons


def confirm_bulk(parent: QWidget | None, question: str, details: str = "") -> bool:
    """Confirm an operation on many files ("Publish 12 articles?")."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Change several articles"))
    box.setText(question)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(Button.Yes | Button.Cancel)
    box.setDefaultButton(Button.Yes)
    box.setEscapeButton(Button.Cancel)
    return box.exec() == Button.Yes


def report_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """Tell the user something did not work (and why)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()


def report_failures(
    parent: QWidget | None, title: str, failures: Sequence[tuple[str, str]]
) -> None:
    """Name the files an operation could not change, with the reason for each."""
    lines = [f"{path}: {reason}" for path, reason in failures]
    shown = "\n".join(lines[:10])
    if len(lines) > 10:
        shown += "\n" + _tr("…and {0} more").format(len(lines) - 10)
    heading = counted(
        len(lines), _tr("1 file could not be changed:"), _tr("{0} files could not be changed:")
    )
    message = heading + "\n\n" + shown
    report_error(parent, title, message, "\n".join(lines) if len(lines) > 10 else "")


def ask_folder(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a folder to open."""
    folder = QFileDialog.getExistingDirectory(parent, _tr("Open Folder"), str(start or Path.home()))
    return Path(folder) if folder else None
