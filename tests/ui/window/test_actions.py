"""Which actions are enabled in which state, and how they are declared (one registry)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from editor.ui.window.actions import MENUS, SPECS, TOOLBAR, ActionId, ActionRegistry
from editor.ui.window.main_window import MainWindow
from editor.ui.window.window_state import WindowState
from tests.helpers.window import LANCHI, select_rows, type_title

ALWAYS = {
    ActionId.OPEN_FOLDER,
    ActionId.RECENT_FOLDERS,
    ActionId.QUIT,
    ActionId.SHOW_PROBLEMS,
    ActionId.COLUMNS,
    ActionId.SHORTCUTS,
    ActionId.GUIDE,
    ActionId.ABOUT,
}
FOLDER = ALWAYS | {ActionId.FIND, ActionId.RELOAD, ActionId.CHECK_FOLDER, ActionId.NEXT}


def enabled(window: MainWindow) -> set[ActionId]:
    return window.action_registry.enabled_ids()


@pytest.fixture
def registry(qapp) -> ActionRegistry:
    parent = QWidget()
    registry = ActionRegistry(parent)
    registry.parent = parent  # type: ignore[attr-defined]  # keep the actions' parent alive
    return registry


def test_every_action_is_declared_once_with_name_tip_and_icon(registry: ActionRegistry) -> None:
    assert set(SPECS) == set(ActionId)
    for action_id, action in registry:
        assert isinstance(action, QAction)
        assert action.objectName() == action_id.value
        assert action.statusTip(), action_id
        assert not action.icon().isNull(), action_id
    placed = {action_id for _title, ids in MENUS for action_id in ids if action_id}
    assert placed == set(
        ActionId
    )  # every action is reachable from a menu (and so from the keyboard)
    assert set(filter(None, TOOLBAR)) <= set(ActionId)


def test_shortcuts(registry: ActionRegistry) -> None:
    def keys(action_id: ActionId) -> list[str]:
        return [key.toString() for key in registry[action_id].shortcuts()]

    assert "Ctrl+S" in keys(ActionId.SAVE)
    assert keys(ActionId.TOGGLE_DRAFT) == ["Ctrl+D"]
    assert "Ctrl+F" in keys(ActionId.FIND)
    assert keys(ActionId.SAVE_ALL) == ["Ctrl+Alt+S"]
    assert registry[ActionId.SAVE].shortcuts() == QKeySequence.keyBindings(
        QKeySequence.StandardKey.Save
    )
    taken: dict[str, ActionId] = {}
    for action_id, action in registry:
        for key in action.shortcuts():
            assert key.toString() not in taken, (
                f"{key.toString()} on {action_id} and {taken.get(key.toString())}"
            )
            taken[key.toString()] = action_id


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (WindowState(), ALWAYS),
        (WindowState(has_folder=True, has_next=True), FOLDER),
        (
            WindowState(has_folder=True, has_next=True, checking=True),
            FOLDER - {ActionId.CHECK_FOLDER},
        ),
        (
            WindowState(has_folder=True, busy=True, has_next=True),
            ALWAYS | {ActionId.FIND, ActionId.NEXT},
        ),
        (
            WindowState(
                has_folder=True,
                has_article=True,
                selected=1,
                selected_drafts=1,
                article_is_draft=True,
            ),
            ALWAYS
            | {
                ActionId.FIND,
                ActionId.RELOAD,
                ActionId.CHECK_FOLDER,
                ActionId.PUBLISH,
                ActionId.TOGGLE_DRAFT,
                ActionId.PUBLISH_AND_NEXT,
            },
        ),
        (
            WindowState(
                has_folder=True,
                has_article=True,
                dirty=True,
                selected=1,
                can_undo=True,
                has_source_link=True,
                has_cover=True,
            ),
            ALWAYS
            | {
                ActionId.FIND,
                ActionId.RELOAD,
                ActionId.CHECK_FOLDER,
                ActionId.SAVE,
                ActionId.REVERT,
                ActionId.REVIEW_CHANGES,
                ActionId.UNDO,
                ActionId.DRAFT,
                ActionId.TOGGLE_DRAFT,
                ActionId.OPEN_SOURCE,
                ActionId.OPEN_COVER,
            },
        ),
    ],
)
def test_rules(registry: ActionRegistry, state: WindowState, expected: set[ActionId]) -> None:
    registry.update(state)
    assert registry.enabled_ids() == expected


def test_save_all_needs_unsaved_articles_and_no_running_change(registry: ActionRegistry) -> None:
    registry.update(WindowState(has_folder=True, unsaved=2))
    assert ActionId.SAVE_ALL in registry.enabled_ids()
    assert ActionId.SAVE not in registry.enabled_ids()  # the article shown is clean
    registry.update(WindowState(has_folder=True, unsaved=2, busy=True))
    assert ActionId.SAVE_ALL not in registry.enabled_ids()
    registry.update(WindowState(has_folder=True))
    assert ActionId.SAVE_ALL not in registry.enabled_ids()


def test_window_without_a_folder(make_window) -> None:
    window = make_window(None)
    assert enabled(window) == ALWAYS


def test_window_states_follow_the_review(qtbot, window: MainWindow) -> None:
    assert enabled(window) == FOLDER
    # A published article: back to draft, not publish; links and cover present.
    assert window.select_path(LANCHI)
    state = enabled(window)
    assert {
        ActionId.DRAFT,
        ActionId.TOGGLE_DRAFT,
        ActionId.OPEN_SOURCE,
        ActionId.OPEN_COVER,
        ActionId.NEXT,
        ActionId.PREVIOUS,
    } <= state
    assert not state & {
        ActionId.SAVE,
        ActionId.REVERT,
        ActionId.PUBLISH,
        ActionId.PUBLISH_AND_NEXT,
        ActionId.UNDO,
        ActionId.REVIEW_CHANGES,
    }
    # Editing makes it dirty.
    type_title(qtbot, window, "Edited")
    assert {ActionId.SAVE, ActionId.REVERT, ActionId.REVIEW_CHANGES, ActionId.UNDO} <= enabled(
        window
    )
    window.action_registry[ActionId.UNDO].trigger()
    assert not enabled(window) & {ActionId.SAVE, ActionId.REVERT, ActionId.UNDO}
    assert ActionId.REDO in enabled(window)
    # A draft: publish and publish-and-next.
    assert window.select_path("world/lower-marsh-flood-barrier-vote.md")
    state = enabled(window)
    assert {ActionId.PUBLISH, ActionId.PUBLISH_AND_NEXT, ActionId.TOGGLE_DRAFT} <= state
    assert ActionId.DRAFT not in state
    # The unreadable file: nothing to publish, save or open.
    assert window.select_path("business/broken-front-matter.md")
    state = enabled(window)
    assert not state & {
        ActionId.PUBLISH,
        ActionId.DRAFT,
        ActionId.TOGGLE_DRAFT,
        ActionId.SAVE,
        ActionId.OPEN_SOURCE,
        ActionId.OPEN_COVER,
    }
    # A mixed selection offers both directions.
    select_rows(window, [LANCHI, "world/lower-marsh-flood-barrier-vote.md"])
    assert {ActionId.PUBLISH, ActionId.DRAFT} <= enabled(window)


def test_first_and_last_rows_limit_previous_and_next(window: MainWindow) -> None:
    first = window.proxy.path_at(0)
    last = window.proxy.path_at(window.proxy.rowCount() - 1)
    window.select_path(first)
    assert ActionId.PREVIOUS not in enabled(window) and ActionId.NEXT in enabled(window)
    window.select_path(last)
    assert ActionId.NEXT not in enabled(window) and ActionId.PREVIOUS in enabled(window)


def test_an_article_without_links_cannot_open_them(make_window, desk: Path) -> None:
    (desk / "plain.md").write_text(
        '+++\ntitle = "Plain"\ndraft = true\n+++\nBody\n', encoding="utf-8"
    )
    window = make_window(desk)
    assert window.select_path("plain.md")
    assert not enabled(window) & {ActionId.OPEN_SOURCE, ActionId.OPEN_COVER}
