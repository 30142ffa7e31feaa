"""The Help menu's windows: keyboard shortcuts (read from the action registry, so never stale), the
editor's guide, and About (version, licence, and where the settings and the sample desk live).

Where things are on disk is given by :class:`AppPlaces`, built by the app at start-up and handed to
the window, so this module guesses no paths of its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
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
from editor.ui.article.unreadable_bar import open_local
from editor.ui.common import dialogs
from editor.ui.window.actions import MENUS, ActionRegistry, menu_title

LICENCE = "MIT"
GUIDE_NAME = "guide.md"  # in the bundled docs folder (editor.bundled.docs_dir)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


@dataclass(frozen=True, slots=True)
class AppPlaces:
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


# Keys that belong to no action: the list and the form's own.
OTHER_KEYS = (
    ("Tab / Shift+Tab", "Filter box → list → form fields → body, and back"),
    ("Down (in the filter box)", "Go to the list"),
    ("Up / Down (in a date)", "Step the part of the date under the cursor"),
)


def shortcuts_html(actions: ActionRegistry) -> str:
    """A table of every action with a shortcut, menu by menu, then the keys of the list and form."""
    native = QKeySequence.SequenceFormat.NativeText
    parts = [f"<h3>{html.escape(_tr('Keyboard shortcuts'))}</h3><table cellpadding='3'>"]
    for title, ids in MENUS:
        rows = []
        for action_id in ids:
            if action_id is None:
                continue
            action = actions[action_id]
            keys = [key.toString(native) for key in action.shortcuts()]
            # Only keys a keyboard has: not the "Undo" or "Find" keys of media keyboards.
            keys = [key for key in keys if "+" in key or re.fullmatch(r"F\d+", key)]
            if keys:
                rows.append(
                    f"<tr><td><b>{html.escape(', '.join(keys))}</b></td>"
                    f"<td>{html.escape(action.text().replace('&', ''))}</td></tr>"
                )
        if rows:
            heading = html.escape(menu_title(title).replace("&", ""))
            parts.append(f"<tr><td colspan='2'><i>{heading}</i></td></tr>" + "".join(rows))
    parts.append(f"<tr><td colspan='2'><i>{html.escape(_tr('List and form'))}</i></td></tr>")
    for keys, what in OTHER_KEYS:
        parts.append(
            f"<tr><td><b>{html.escape(_tr(keys))}</b></td><td>{html.escape(_tr(what))}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, from the action registry."""

    def __init__(self, actions: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_tr("Keyboard Shortcuts — {0}").format(APP_NAME))
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
    unknown = _tr("(not known)")
    lines = [
        f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>",
        html.escape(_tr("A review desk for Hugo content folders.")),
        "<br><br>" + html.escape(_tr("Licence: {0}").format(LICENCE)),
        "<br>" + html.escape(_tr("Settings: {0}").format(places.settings_file or unknown)),
        "<br>"
        + html.escape(
            _tr("Sample desk (your own copy, safe to change): {0}").format(
                places.sample_desk or unknown
            )
        ),
    ]
    return "".join(lines)


def show_about(parent: QWidget, places: AppPlaces) -> None:
    QMessageBox.about(parent, _tr("About {0}").format(APP_NAME), about_text(places))


def folder_text(places: AppPlaces, root: Path | None) -> tuple[str, str]:
    """What the status bar says about the open folder, and its tooltip."""
    if root is None:
        return "", ""
    if places.is_sample_desk(root):
        return (
            _tr("Sample desk: {0}").format(root),
            _tr("Your own copy of the sample desk: change it freely."),
        )
    return _tr("Folder: {0}").format(root), ""


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

    def open_guide(self) -> None:
        """The editor's guide (docs/guide.md) in the desktop's viewer."""
        guide = self._places.guide_path()
        if guide is None:
            dialogs.report_error(
                self._parent, _tr("No guide"), _tr("The guide is not installed with this copy.")
            )
            return
        open_local(guide, self._parent)

    def show_about(self) -> None:
        show_about(self._parent, self._places)
