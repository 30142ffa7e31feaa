"""The action registry: every command of the window, declared once.

Each :class:`ActionId` has one :class:`ActionSpec` (text, icon, shortcut, status tip, and the rule that
says when it is enabled); :class:`ActionRegistry` builds the QActions from them, the menus and toolbar
are laid out from the same ids, and :meth:`ActionRegistry.update` re-evaluates every rule from one
:class:`~editor.ui.window.window_state.WindowState` snapshot, so enabling logic never hides in the middle of the window code.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget

from editor.ui.common.icons import font_icon
from editor.ui.window.window_state import WindowState

StandardKey = QKeySequence.StandardKey


Rule = Callable[[WindowState], bool]


class ActionId(Enum):
    """Every action; the value is the QAction's object name."""

    OPEN_FOLDER = "actionOpenFolder"
    RECENT_FOLDERS = "actionRecentFolders"
    SAVE = "actionSave"
    SAVE_ALL = "actionSaveAll"
    REVERT = "actionRevert"
    REVIEW_CHANGES = "actionReviewChanges"
    UNDO = "actionUndo"
    REDO = "actionRedo"
    FIND = "actionFind"
    PUBLISH = "actionPublish"
    DRAFT = "actionDraft"
    TOGGLE_DRAFT = "actionToggleDraft"
    PUBLISH_AND_NEXT = "actionPublishAndNext"
    OPEN_SOURCE = "actionOpenSource"
    OPEN_COVER = "actionOpenCover"
    NEXT = "actionNext"
    PREVIOUS = "actionPrevious"
    RELOAD = "actionReload"
    CHECK_FOLDER = "actionCheckFolder"
    GIT_PULL = "actionGitPull"
    GIT_PUSH = "actionGitPush"
    GIT_SYNC = "actionGitSync"
    GIT_CONTINUE = "actionGitContinue"
    GIT_ABORT = "actionGitAbort"
    GIT_COMMIT_EACH = "actionGitCommitEach"
    HISTORY = "actionHistory"
    QUIT = "actionQuit"
    SHOW_PROBLEMS = "actionShowProblems"
    COLUMNS = "actionColumns"
    SHORTCUTS = "actionShortcuts"
    GUIDE = "actionGuide"
    ABOUT = "actionAbout"


class ActionSpec(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    text: str  # marked with QT_TRANSLATE_NOOP; translated when the QAction is built
    tip: str
    icon: str | None = None
    shortcuts: tuple[StandardKey | str, ...] = ()
    enabled: Rule | None = None  # None: always enabled
    menu_role: QAction.MenuRole | None = None
    checkable: bool = False


def _editable(state: WindowState) -> bool:
    return state.has_article and not state.busy


def _can_change_selection(state: WindowState) -> bool:
    return state.selected > 0 and not state.busy


def _translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN_FOLDER: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Open Folder…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Open a folder of articles (a Hugo site or any content folder)"
        ),
        "fa6s.folder-open",
        (StandardKey.Open,),
    ),
    ActionId.RECENT_FOLDERS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Open &Recent"),
        QT_TRANSLATE_NOOP("Actions", "Open a folder opened before"),
        "fa6s.clock-rotate-left",
    ),
    ActionId.SAVE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Save"),
        QT_TRANSLATE_NOOP("Actions", "Write the open article's edits to its file"),
        "fa6s.floppy-disk",
        (StandardKey.Save,),
        lambda s: s.dirty and not s.busy,
    ),
    ActionId.SAVE_ALL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Save &All"),
        QT_TRANSLATE_NOOP("Actions", "Write the unsaved edits of every article"),
        "mdi6.content-save-all",
        ("Ctrl+Alt+S",),
        lambda s: s.unsaved > 0 and not s.busy,
    ),
    ActionId.REVERT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Re&vert"),
        QT_TRANSLATE_NOOP("Actions", "Drop the unsaved edits and show the file as it is on disk"),
        "mdi6.file-undo-outline",
        (),
        lambda s: s.dirty and not s.busy,
    ),
    ActionId.REVIEW_CHANGES: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Review &Changes…"),
        QT_TRANSLATE_NOOP("Actions", "Show exactly which lines Save would change"),
        "fa6s.code-compare",
        ("Ctrl+Shift+D",),
        lambda s: s.dirty,
    ),
    ActionId.UNDO: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        QT_TRANSLATE_NOOP("Actions", "Undo the last edit in the form"),
        "fa6s.arrow-rotate-left",
        (StandardKey.Undo,),
        lambda s: s.can_undo and not s.busy,
    ),
    ActionId.REDO: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        QT_TRANSLATE_NOOP("Actions", "Redo the edit undone last"),
        "fa6s.arrow-rotate-right",
        (StandardKey.Redo,),
        lambda s: s.can_redo and not s.busy,
    ),
    ActionId.FIND: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Filter List"),
        QT_TRANSLATE_NOOP("Actions", "Filter the list by title, path, source or summary"),
        "fa6s.magnifying-glass",
        (StandardKey.Find,),
        lambda s: s.has_folder,
    ),
    ActionId.PUBLISH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Publish"),
        QT_TRANSLATE_NOOP("Actions", "Publish the selected articles (draft = false)"),
        "fa6s.paper-plane",
        ("Ctrl+Shift+P",),
        lambda s: s.selected_drafts > 0 and not s.busy,
    ),
    ActionId.DRAFT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Back to &Draft"),
        QT_TRANSLATE_NOOP("Actions", "Take the selected articles back to draft (draft = true)"),
        "fa6s.pen-to-square",
        ("Ctrl+Shift+U",),
        lambda s: s.selected_not_drafts > 0 and not s.busy,
    ),
    ActionId.TOGGLE_DRAFT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Toggle Draft"),
        QT_TRANSLATE_NOOP("Actions", "Publish a draft, or take a published article back to draft"),
        "fa6s.toggle-on",
        ("Ctrl+D",),
        _can_change_selection,
    ),
    ActionId.PUBLISH_AND_NEXT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Publish and &Next"),
        QT_TRANSLATE_NOOP("Actions", "Publish the open article and go to the next one"),
        "fa6s.forward",
        ("Ctrl+Return",),
        lambda s: _editable(s) and s.article_is_draft,
    ),
    ActionId.OPEN_SOURCE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Open &Source Link"),
        QT_TRANSLATE_NOOP("Actions", "Open the article's source_link in the web browser"),
        "fa6s.link",
        ("Ctrl+L",),
        lambda s: s.has_source_link,
    ),
    ActionId.OPEN_COVER: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Open &Cover Image"),
        QT_TRANSLATE_NOOP("Actions", "Preview the cover image (enclosure) and QR code"),
        "fa6s.image",
        ("Ctrl+I",),
        lambda s: s.has_cover,
    ),
    ActionId.NEXT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Ne&xt Article"),
        QT_TRANSLATE_NOOP("Actions", "Open the next article in the list"),
        "fa6s.chevron-down",
        ("Ctrl+PgDown", "Alt+Down"),
        lambda s: s.has_next,
    ),
    ActionId.PREVIOUS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Pre&vious Article"),
        QT_TRANSLATE_NOOP("Actions", "Open the previous article in the list"),
        "fa6s.chevron-up",
        ("Ctrl+PgUp", "Alt+Up"),
        lambda s: s.has_previous,
    ),
    ActionId.RELOAD: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Re&load Folder"),
        QT_TRANSLATE_NOOP("Actions", "Read the folder again"),
        "fa6s.arrows-rotate",
        (StandardKey.Refresh,),
        lambda s: s.has_folder and not s.busy,
    ),
    ActionId.CHECK_FOLDER: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Chec&k Folder"),
        QT_TRANSLATE_NOOP("Actions", "Check every article for problems"),
        "fa6s.list-check",
        ("F7",),
        lambda s: s.has_folder and not s.busy and not s.checking,
    ),
    ActionId.GIT_PULL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "P&ull"),
        QT_TRANSLATE_NOOP("Actions", "Bring in the desk's changes from the remote (git pull)"),
        "fa6s.cloud-arrow-down",
        ("Ctrl+Shift+L",),
        lambda s: s.in_git and not s.git_busy and not s.git_operation and not s.busy,
    ),
    ActionId.GIT_PUSH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Pu&sh"),
        QT_TRANSLATE_NOOP("Actions", "Send your commits to the remote (git push)"),
        "fa6s.cloud-arrow-up",
        (),
        lambda s: s.in_git and not s.git_busy and not s.git_operation and not s.busy,
    ),
    ActionId.GIT_SYNC: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "S&ync"),
        QT_TRANSLATE_NOOP("Actions", "Pull, then push your commits"),
        "fa6s.rotate",
        ("Ctrl+Shift+Y",),
        lambda s: s.in_git and not s.git_busy and not s.git_operation and not s.busy,
    ),
    ActionId.GIT_CONTINUE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Continue Merge"),
        QT_TRANSLATE_NOOP("Actions", "Finish the merge or rebase once every conflict is resolved"),
        "fa6s.check-double",
        (),
        lambda s: s.git_operation and not s.git_busy,
    ),
    ActionId.GIT_ABORT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Abort Merge"),
        QT_TRANSLATE_NOOP("Actions", "Go back to before the pull (your unstaged edits are kept)"),
        "fa6s.ban",
        (),
        lambda s: s.git_operation and not s.git_busy,
    ),
    ActionId.GIT_COMMIT_EACH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Commit Each &Review Action"),
        QT_TRANSLATE_NOOP(
            "Actions", "Save, Publish and Back to draft each commit exactly the files they wrote"
        ),
        "fa6s.code-commit",
        (),
        lambda s: s.in_git,
        checkable=True,
    ),
    ActionId.HISTORY: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&History"),
        QT_TRANSLATE_NOOP("Actions", "The open article's commits, field by field"),
        "fa6s.clock-rotate-left",
        ("Ctrl+H",),
        lambda s: s.in_git and s.has_article,
    ),
    ActionId.QUIT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "Close Copydesk"),
        "fa6s.right-from-bracket",
        (StandardKey.Quit,),
        menu_role=QAction.MenuRole.QuitRole,
    ),
    ActionId.SHOW_PROBLEMS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Problems Panel"),
        QT_TRANSLATE_NOOP("Actions", "Show or hide the problems found by Check Folder"),
        "fa6s.triangle-exclamation",
        ("Ctrl+Shift+K",),
        checkable=True,
    ),
    ActionId.COLUMNS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Columns"),
        QT_TRANSLATE_NOOP("Actions", "Show or hide the list's columns"),
        "fa6s.table-columns",
    ),
    ActionId.SHORTCUTS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"),
        QT_TRANSLATE_NOOP("Actions", "List every keyboard shortcut"),
        "fa6s.keyboard",
        ("Ctrl+/",),
    ),
    ActionId.GUIDE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Editor's &Guide"),
        QT_TRANSLATE_NOOP("Actions", "Open the guide to reviewing with Copydesk"),
        "fa6s.book-open",
        (StandardKey.HelpContents,),
    ),
    ActionId.ABOUT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&About Copydesk"),
        QT_TRANSLATE_NOOP(
            "Actions", "Version, licence, and where the settings and sample desk are"
        ),
        "fa6s.circle-info",
        menu_role=QAction.MenuRole.AboutRole,
    ),
}

# Menus and toolbar: ids in order, None for a separator.
MENUS: tuple[tuple[str, tuple[ActionId | None, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Actions", "&File"),
        (
            ActionId.OPEN_FOLDER,
            ActionId.RECENT_FOLDERS,
            None,
            ActionId.SAVE,
            ActionId.SAVE_ALL,
            ActionId.REVERT,
            ActionId.REVIEW_CHANGES,
            None,
            ActionId.RELOAD,
            None,
            ActionId.QUIT,
        ),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&Edit"), (ActionId.UNDO, ActionId.REDO, None, ActionId.FIND)),
    (
        QT_TRANSLATE_NOOP("Actions", "&Article"),
        (
            ActionId.PUBLISH,
            ActionId.DRAFT,
            ActionId.TOGGLE_DRAFT,
            ActionId.PUBLISH_AND_NEXT,
            None,
            ActionId.OPEN_SOURCE,
            ActionId.OPEN_COVER,
            None,
            ActionId.NEXT,
            ActionId.PREVIOUS,
        ),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&View"), (ActionId.SHOW_PROBLEMS, ActionId.COLUMNS)),
    (QT_TRANSLATE_NOOP("Actions", "&Tools"), (ActionId.CHECK_FOLDER,)),
    (
        QT_TRANSLATE_NOOP("Actions", "&Git"),
        (
            ActionId.GIT_PULL,
            ActionId.GIT_PUSH,
            ActionId.GIT_SYNC,
            None,
            ActionId.GIT_CONTINUE,
            ActionId.GIT_ABORT,
            None,
            ActionId.HISTORY,
            ActionId.GIT_COMMIT_EACH,
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Actions", "&Help"),
        (ActionId.SHORTCUTS, ActionId.GUIDE, None, ActionId.ABOUT),
    ),
)
TOOLBAR: tuple[ActionId | None, ...] = (
    ActionId.OPEN_FOLDER,
    None,
    ActionId.SAVE,
    ActionId.REVERT,
    ActionId.UNDO,
    ActionId.REDO,
    None,
    ActionId.PUBLISH,
    ActionId.DRAFT,
    ActionId.PUBLISH_AND_NEXT,
    None,
    ActionId.PREVIOUS,
    ActionId.NEXT,
    None,
    ActionId.OPEN_SOURCE,
    ActionId.OPEN_COVER,
    None,
    ActionId.RELOAD,
    ActionId.CHECK_FOLDER,
    None,
    ActionId.GIT_PULL,
    ActionId.GIT_PUSH,
    ActionId.GIT_SYNC,
)

TOOLBAR_WORDS = frozenset(
    {ActionId.SAVE, ActionId.PUBLISH, ActionId.DRAFT, ActionId.PUBLISH_AND_NEXT}
)


def menu_title(text: str) -> str:
    return _translate(text)


class ActionRegistry:
    """The QActions of one window, keyed by ActionId."""

    def __init__(self, parent: QObject) -> None:
        self._actions: dict[ActionId, QAction] = {}
        for action_id, spec in SPECS.items():
            action = QAction(_translate(spec.text), parent)
            action.setObjectName(action_id.value)
            tip = _translate(spec.tip)
            action.setStatusTip(tip)
            shortcuts: list[QKeySequence] = []
            for (
                key
            ) in spec.shortcuts:  # a standard key brings every binding the platform has for it
                shortcuts.extend(
                    QKeySequence.keyBindings(key)
                    if isinstance(key, StandardKey)
                    else [QKeySequence(key)]
                )
            shortcuts = [key for key in shortcuts if not key.isEmpty()]
            if shortcuts:
                action.setShortcuts(shortcuts)
                action.setToolTip(
                    f"{action.text().replace('&', '')} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
                )
            else:
                action.setToolTip(action.text().replace("&", ""))
            if spec.icon:
                action.setIcon(font_icon(spec.icon))
            if spec.menu_role is not None:
                action.setMenuRole(spec.menu_role)
            action.setCheckable(spec.checkable)
            # A menu shows the check mark in the icon's place: an on/off item's icon hid it.
            action.setIconVisibleInMenu(not spec.checkable)
            self._actions[action_id] = action
        self.update(WindowState())

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._actions.items())

    def populate(self, menu_bar: QMenuBar, parent: QWidget) -> QToolBar:
        """Fill the menu bar from MENUS and return a toolbar laid out from TOOLBAR."""
        for title, ids in MENUS:
            menu = menu_bar.addMenu(menu_title(title))
            menu.setObjectName("menu" + title.replace("&", ""))
            for action_id in ids:
                if action_id is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self._actions[action_id])
        toolbar = QToolBar(QCoreApplication.translate("Actions", "Main Toolbar"), parent)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self._actions[action_id])
        # Words only on the review actions keep the toolbar on one line; the menus name everything.
        for action_id in set(filter(None, TOOLBAR)) - TOOLBAR_WORDS:
            button = toolbar.widgetForAction(self._actions[action_id])
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return toolbar

    def update(self, state: WindowState) -> None:
        """Enable each action by its rule."""
        for action_id, action in self._actions.items():
            rule = SPECS[action_id].enabled
            action.setEnabled(True if rule is None else bool(rule(state)))

    def enabled_ids(self) -> set[ActionId]:
        return {action_id for action_id, action in self._actions.items() if action.isEnabled()}
