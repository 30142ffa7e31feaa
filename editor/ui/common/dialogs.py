"""Every question the window asks the user, one function each.

The window calls these through the module (``dialogs.ask_unsaved_changes(...)``), so a test answers a
question by monkeypatching one function instead of driving a modal box.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from editor.core.names import shown_path
from editor.ui.common.wording import counted

Button = QMessageBox.StandardButton


class PublishAnswer(Enum):
    ALL = "all"  # publish them all, problems and all
    CLEAN_ONLY = "clean"  # publish only the articles without errors
    CANCEL = "cancel"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget | None, title: str) -> Answer:
    """The open article has unsaved edits: Save, Discard or Cancel?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    box.setText(QCoreApplication.translate("Dialogs", "Save the changes to “{0}”?").format(title))
    box.setInformativeText(
        QCoreApplication.translate("Dialogs", "If you don't save, your edits will be lost.")
    )
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    answer = box.exec()
    if answer == Button.Save:
        return Answer.SAVE
    if answer == Button.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def ask_publish_with_problems(
    parent: QWidget | None,
    problems: Sequence[tuple[str, list[str]]],
    total: int,
    skipped: Sequence[str] = (),
) -> PublishAnswer:
    """Some of the ``total`` articles to publish have errors (``problems``: title or path, and the
    messages): publish anyway, only the clean ones (when there are some), or cancel? ``skipped``
    names the unreadable files the operation will skip (and report), so the question says so."""
    box, buttons = publish_with_problems_box(parent, problems, total, skipped)
    box.exec()
    return buttons.get(box.clickedButton(), PublishAnswer.CANCEL)


def _bullets(lines: Sequence[str], limit: int = 10) -> list[str]:
    """``lines`` as bullets, the first ``limit`` of them and a count of the rest."""
    shown = [f"• {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(
            QCoreApplication.translate("Dialogs", "…and {0} more").format(len(lines) - limit)
        )
    return shown


def publish_with_problems_box(
    parent: QWidget | None,
    problems: Sequence[tuple[str, list[str]]],
    total: int,
    skipped: Sequence[str] = (),
) -> tuple[QMessageBox, dict[object, PublishAnswer]]:
    """The box :func:`ask_publish_with_problems` shows, and the answer each button gives."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Publish with problems?"))
    keep_title_whole(box)
    if total == 1 and len(problems) == 1:
        name, messages = problems[0]
        box.setText(
            QCoreApplication.translate(
                "Dialogs", "“{0}” has problems that readers would see:"
            ).format(name)
        )
        lines = _bullets(messages, limit=len(messages))
    else:
        box.setText(
            counted(
                len(problems),
                QCoreApplication.translate(
                    "Dialogs", "1 of the {1} articles to publish has problems:"
                ),
                QCoreApplication.translate(
                    "Dialogs", "{0} of the {1} articles to publish have problems:"
                ),
                total,
            )
        )
        lines = _bullets([f"{name}: {'; '.join(messages)}" for name, messages in problems])
    if skipped:
        lines += [
            "",
            counted(
                len(skipped),
                QCoreApplication.translate(
                    "Dialogs", "1 unreadable file will be skipped and reported:"
                ),
                QCoreApplication.translate(
                    "Dialogs", "{0} unreadable files will be skipped and reported:"
                ),
            ),
            *_bullets([shown_path(path) for path in skipped]),
        ]
    box.setInformativeText("\n".join(lines))
    publish = box.addButton(
        QCoreApplication.translate("Dialogs", "Publish Anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    buttons: dict[object, PublishAnswer] = {publish: PublishAnswer.ALL}
    if total > len(problems):
        clean = box.addButton(
            counted(
                total - len(problems),
                QCoreApplication.translate("Dialogs", "Publish Only the 1 Without"),
                QCoreApplication.translate("Dialogs", "Publish Only the {0} Without"),
            ),
            QMessageBox.ButtonRole.ActionRole,
        )
        buttons[clean] = PublishAnswer.CLEAN_ONLY
    cancel = box.addButton(Button.Cancel)
    buttons[cancel] = PublishAnswer.CANCEL
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, buttons


def ask_unsaved_articles(parent: QWidget | None, titles: Sequence[str]) -> Answer:
    """Articles have unsaved edits (quitting, opening another folder): Save All, Discard or Cancel?"""
    answer = unsaved_articles_box(parent, titles).exec()
    if answer == Button.Save:
        return Answer.SAVE
    if answer == Button.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def unsaved_articles_box(parent: QWidget | None, titles: Sequence[str]) -> QMessageBox:
    """The box :func:`ask_unsaved_articles` shows, naming each article (the first dozen)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    if len(titles) == 1:
        box.setText(
            QCoreApplication.translate("Dialogs", "Save the changes to “{0}”?").format(titles[0])
        )
    else:
        shown = "\n".join(f"• {title}" for title in titles[:12])
        if len(titles) > 12:
            shown += "\n" + QCoreApplication.translate("Dialogs", "…and {0} more").format(
                len(titles) - 12
            )
        box.setText(
            QCoreApplication.translate("Dialogs", "Save the changes to {0} articles?").format(
                len(titles)
            )
            + "\n\n"
            + shown
        )
    box.setInformativeText(
        QCoreApplication.translate("Dialogs", "If you don't save, your edits will be lost.")
    )
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    if len(titles) > 1:
        box.button(Button.Save).setText(QCoreApplication.translate("Dialogs", "Save All"))
        box.button(Button.Discard).setText(QCoreApplication.translate("Dialogs", "Discard All"))
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    return box


def confirm_bulk(parent: QWidget | None, question: str, details: str = "") -> bool:
    """Confirm an operation on many files ("Publish 12 articles?")."""
    return confirm_bulk_box(parent, question, details).exec() == Button.Yes


def confirm_bulk_box(parent: QWidget | None, question: str, details: str = "") -> QMessageBox:
    """The box :func:`confirm_bulk` shows."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Change several articles"))
    keep_title_whole(box)
    box.setText(question)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(Button.Yes | Button.Cancel)
    box.setDefaultButton(Button.Yes)
    box.setEscapeButton(Button.Cancel)
    return box


def keep_title_whole(box: QMessageBox) -> None:
    """Make a message box wide enough for its window title (a short question cut it off)."""
    width = box.fontMetrics().horizontalAdvance(box.windowTitle()) + 160  # buttons of the frame
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def confirm_overwrite(parent: QWidget | None, relpath: str, discarded: Sequence[str]) -> bool:
    """Write my version over the file changed outside? ``discarded`` names each outside change lost."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Overwrite the outside changes?"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "Write your version of {0} over the file on disk?"
        ).format(relpath)
    )
    listed = "\n".join(f"• {item}" for item in discarded)
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs", "These changes made outside will be lost:\n{0}"
        ).format(listed)
    )
    overwrite = box.addButton(
        QCoreApplication.translate("Dialogs", "Overwrite"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(Button.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is overwrite


def confirm_local_address(parent: QWidget | None, address: str) -> bool:
    """A link points to the user's own machine or network (localhost, 192.168.x.x, 169.254.169.254):
    open it anyway? An article from outside may use one to reach a router or a cloud's metadata."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Open a local address?"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "This link goes to an address on your own machine or network:\n{0}"
        ).format(address)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs",
            "Links in articles come from outside. Open it only if you expected this address.",
        )
    )
    box.setStandardButtons(Button.Open | Button.Cancel)
    box.setDefaultButton(Button.Cancel)
    box.setEscapeButton(Button.Cancel)
    return box.exec() == Button.Open


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
    lines = [f"{shown_path(path)}: {reason}" for path, reason in failures]
    shown = "\n".join(lines[:10])
    if len(lines) > 10:
        shown += "\n" + QCoreApplication.translate("Dialogs", "…and {0} more").format(
            len(lines) - 10
        )
    heading = counted(
        len(lines),
        QCoreApplication.translate("Dialogs", "1 file could not be changed:"),
        QCoreApplication.translate("Dialogs", "{0} files could not be changed:"),
    )
    message = heading + "\n\n" + shown
    report_error(parent, title, message, "\n".join(lines) if len(lines) > 10 else "")


def ask_folder(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a folder to open."""
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Dialogs", "Open Folder"), str(start or Path.home())
    )
    return Path(folder) if folder else None
