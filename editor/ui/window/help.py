"""The Help menu's windows: keyboard shortcuts (read from the action registry, so never stale), the
editor's guide, and About (version, licence, and where the settings and the sample desk live).

Where things are on disk is given by :class:`AppPlaces`, built by the app at start-up and handed to
the window, so this module guesses no paths of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor import APP_NAME, __version__
from editor.ui.common import dialogs
from editor.ui.window.actions import MENUS, ActionRegistry, menu_title

if TYPE_CHECKING:  # the guide's window is imported when it is first opened
    from editor.ui.window.guide_window import GuideWindow

LICENCE = "MIT"
GUIDE_NAME = "guide.md"  # in the bundled docs folder (editor.bundled.docs_dir)


class AppPlaces(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """Where the app keeps its things (for About and the guide)."""

    settings_file: str = ""
    sample_desk: Path | None = None  # the private copy of the sample desk (made on first use)
    docs: Path | None = None  # the bundled docs folder: the guide and its pictures

    def guide_path(self) -> Path | None:
        """The editor's guide (docs/guide.md, shipped with the app), or None where it is missing."""
        if self.docs is None or not (self.docs / GUIDE_NAME).is_file():
            return None
        return self.docs / GUIDE_NAME

    def is_sample_desk(self, folder: Path | None) -> bool:
        if folder is None or self.sample_desk is None:
            return False
        sample = self.sample_desk.resolve()
        return folder == sample or folder.is_relative_to(sample)


# Keys that belong to no action: the list and the form's own (marked for lupdate, translated when
# shown).
OTHER_KEYS = (
    (
        QT_TRANSLATE_NOOP("Help", "Tab / Shift+Tab"),
        QT_TRANSLATE_NOOP("Help", "Filter box → list → form fields → body, and back"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Down (in the filter box)"),
        QT_TRANSLATE_NOOP("Help", "Go to the list"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Up / Down (in a date)"),
        QT_TRANSLATE_NOOP("Help", "Step the part of the date under the cursor"),
    ),
)


# Key names Qt's own German translation leaves in English ("Strg+Return"; German keyboards and
# manuals say "Eingabe"). Qt looks each key name up in the "QShortcut" context of every installed
# translator, the last installed (Copydesk's own) first, so the word given here is the one shown
# wherever Qt writes a shortcut: menus, tooltips, this list, the status bar's "(Undo: …)".
KEY_NAMES = (QT_TRANSLATE_NOOP("QShortcut", "Return"),)


def shortcuts_html(actions: ActionRegistry) -> str:
    """A table of every action with a shortcut, menu by menu, then the keys of the list and form."""
    import html  # when the list is first shown, not before the first paint (render.escape_text)

    native = QKeySequence.SequenceFormat.NativeText
    heading = html.escape(QCoreApplication.translate("Help", "Keyboard shortcuts"))
    parts = [f"<h3>{heading}</h3><table cellpadding='3'>"]
    for title, ids in MENUS:
        rows = []
        for action_id in ids:
            if action_id is None:
                continue
            action = actions[action_id]
            keys = [key.toString(native) for key in action.shortcuts()]
            # Only keys a keyboard has: not the "Undo" or "Find" keys of media keyboards, nor F13
            # and up (Qt's Undo on X11 includes F14, a Sun keyboard's Undo key).
            keys = [key for key in keys if "+" in key or re.fullmatch(r"F([1-9]|1[0-2])", key)]
            if keys:
                rows.append(
                    f"<tr><td><b>{html.escape(', '.join(keys))}</b></td>"
                    f"<td>{html.escape(action.text().replace('&', ''))}</td></tr>"
                )
        if rows:
            heading = html.escape(menu_title(title).replace("&", ""))
            parts.append(f"<tr><td colspan='2'><i>{heading}</i></td></tr>" + "".join(rows))
    others = html.escape(QCoreApplication.translate("Help", "List and form"))
    parts.append(f"<tr><td colspan='2'><i>{others}</i></td></tr>")
    for keys, what in OTHER_KEYS:
        shown_keys = html.escape(QCoreApplication.translate("Help", keys))
        shown_what = html.escape(QCoreApplication.translate("Help", what))
        parts.append(f"<tr><td><b>{shown_keys}</b></td><td>{shown_what}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, from the action registry."""

    def __init__(self, actions: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(
            QCoreApplication.translate("Help", "Keyboard Shortcuts — {0}").format(APP_NAME)
        )
        self.resize(560, 640)
        self.text = QTextBrowser(self)
        self.text.setHtml(shortcuts_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def about_text(places: AppPlaces) -> str:
    """What About says: version, licence, and where the settings and the sample desk live."""
    import html  # (see shortcuts_html)

    unknown = QCoreApplication.translate("Help", "(not known)")
    lines = [
        f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>",
        html.escape(QCoreApplication.translate("Help", "A review desk for Hugo content folders.")),
        "<br><br>"
        + html.escape(QCoreApplication.translate("Help", "Licence: {0}").format(LICENCE)),
        "<br>"
        + html.escape(
            QCoreApplication.translate("Help", "Settings: {0}").format(
                places.settings_file or unknown
            )
        ),
        "<br>"
        + html.escape(
            QCoreApplication.translate(
                "Help", "Sample desk (your own copy, safe to change): {0}"
            ).format(places.sample_desk or unknown)
        ),
    ]
    return "".join(lines)


def show_about(parent: QWidget, places: AppPlaces) -> None:
    QMessageBox.about(
        parent, QCoreApplication.translate("Help", "About {0}").format(APP_NAME), about_text(places)
    )


def window_title(article_title: str | None, root: Path | None) -> str:
    """The window's title: the open article's title (``None``: none is open), else the folder's
    name, then the app's; ``[*]`` is where Qt marks unsaved edits."""
    name = article_title if article_title is not None else (root.name if root is not None else "")
    return f"{name}[*] — {APP_NAME}" if name else APP_NAME


def folder_text(places: AppPlaces, root: Path | None) -> tuple[str, str]:
    """What the status bar says about the open folder, and its tooltip."""
    if root is None:
        return "", ""
    if places.is_sample_desk(root):
        return (
            QCoreApplication.translate("Help", "Sample desk: {0}").format(root),
            QCoreApplication.translate(
                "Help", "Your own copy of the sample desk: change it freely."
            ),
        )
    return QCoreApplication.translate("Help", "Folder: {0}").format(root), ""


class HelpMenus(QObject):
    """The Help menu's commands and the View menu's column list, for one window."""

    def __init__(
        self,
        parent: QWidget,
        actions: ActionRegistry,
        places: AppPlaces,
        column_menu: Callable[[], QMenu],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._actions = actions
        self._places = places
        self._column_menu = column_menu
        self._guide: GuideWindow | None = None
        self.columns_menu = QMenu(parent)
        self.columns_menu.setObjectName("menuColumns")
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for action in self._column_menu().actions():
            action.setParent(self.columns_menu)
            self.columns_menu.addAction(action)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self._actions, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_guide(self) -> GuideWindow | None:
        """The editor's guide (docs/guide.md) in a window of the app (one, raised when open)."""
        guide = self._places.guide_path()
        if guide is None:
            dialogs.report_error(
                self._parent,
                QCoreApplication.translate("Help", "No guide"),
                QCoreApplication.translate("Help", "The guide is not installed with this copy."),
            )
            return None
        if self._guide is None:
            from editor.ui.window.guide_window import GuideWindow  # not before the first paint

            self._guide = GuideWindow(guide, self._parent)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()
        return self._guide

    def show_about(self) -> None:
        show_about(self._parent, self._places)
