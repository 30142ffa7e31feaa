"""What the action rules look at: the :class:`WindowState` snapshot, and how the window builds it.

:mod:`editor.ui.window.actions` evaluates its rules on a :class:`WindowState`; :func:`window_state`
reads one from the window's parts (named by :class:`StateSource`, so this module never imports the
window).
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from editor.core.images import image_references
from editor.core.index import ArticleSummary


class WindowState(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What the enabled rules look at; the window builds one whenever something relevant changes."""

    has_folder: bool = False
    busy: bool = False  # a scan or a bulk operation is running
    has_article: bool = False  # an article is open in the form
    dirty: bool = False  # the open article has unsaved edits
    unsaved: int = 0  # articles with unsaved edits, the open one included
    selected: int = 0  # valid (readable) articles in the selection
    selected_drafts: int = 0  # of which drafts
    article_is_draft: bool = False
    has_source_link: bool = False
    has_cover: bool = False  # enclosure or qrcode set on the open article
    has_next: bool = False
    has_previous: bool = False
    can_undo: bool = False
    can_redo: bool = False
    in_git: bool = False  # the desk is inside a git work tree
    git_busy: bool = False  # a pull, push, sync or commit is running
    git_operation: bool = False  # a merge or rebase waits to be continued or aborted
    checking: bool = False  # a check of the folder (Check Folder) is running

    @property
    def selected_not_drafts(self) -> int:
        return self.selected - self.selected_drafts


class StateSource(Protocol):
    """The parts of the main window a :class:`WindowState` is read from (``git`` only once built)."""

    service: Any
    session: Any  # the open article's session: article, dirty
    bulk: Any  # running
    multi: Any  # active, dirty
    unsaved: Any  # len(): articles with unsaved edits
    model: Any  # summary(path)
    list_panel: Any  # has_step(delta)
    undo_stack: Any
    write_history: Any
    check_panel: Any  # running

    @property
    def scanning(self) -> bool: ...

    def selected_summaries(self) -> list[ArticleSummary]: ...


def window_state(window: StateSource) -> WindowState:
    """The snapshot of the main window that the action rules read."""
    article = window.session.article
    selected = [summary for summary in window.selected_summaries() if summary is not None]
    valid = [summary for summary in selected if summary.readable]

    def has(key: str) -> bool:
        value = article.value(key) if article else None
        return isinstance(value, str) and bool(value.strip())

    return WindowState(
        has_folder=window.service is not None,
        busy=window.scanning or window.bulk.running,
        has_article=article is not None,
        # With several rows selected, Save and Revert are the many-articles form's; the open
        # article's own edits (and its undo steps) wait behind it.
        dirty=window.multi.dirty if window.multi.active else window.session.dirty,
        unsaved=len(window.unsaved),
        selected=len(valid),
        selected_drafts=sum(summary.draft for summary in valid),
        article_is_draft=bool(
            article
            and window.model.summary(article.relpath)
            and window.model.summary(article.relpath).draft
        ),
        has_source_link=has("source_link"),
        has_cover=bool(article and image_references(article.current_metadata())),
        has_next=window.list_panel.has_step(1),
        has_previous=window.list_panel.has_step(-1),
        # The form's steps would change the article hidden behind the many-articles form; the
        # writes of actions (a bulk Back to Draft) are undone with their rows still selected.
        can_undo=(not window.multi.active and window.undo_stack.canUndo())
        or window.write_history.stack.canUndo(),
        can_redo=(not window.multi.active and window.undo_stack.canRedo())
        or window.write_history.stack.canRedo(),
        in_git=window.git.desk.active if hasattr(window, "git") else False,
        git_busy=window.git.desk.busy if hasattr(window, "git") else False,
        git_operation=bool(window.git.operation) if hasattr(window, "git") else False,
        checking=window.check_panel.running,
    )
