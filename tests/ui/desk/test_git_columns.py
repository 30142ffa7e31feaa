"""The Last change column's relative times age while the window stays open (no git runs)."""

from __future__ import annotations

from editor.core.git_status import Change, DeskStatus
from editor.ui.desk.git_columns import cells_of, retimed

NOW = 1_800_000_000


def _cells(paths: list[str]) -> dict:
    change = Change("c0ffee", "Alice", "alice@desk.example", NOW - 10, "Publish: x")
    status = DeskStatus(branch="main", upstream=None, ahead=0, behind=0)
    return cells_of(status, {path: change for path in paths}, {}, [*paths, "never.md"], NOW)


def test_retimed_makes_the_texts_again_for_a_later_moment() -> None:
    cells = _cells(["a.md", "b.md"])
    assert cells["a.md"].last_text == "Alice, just now"
    assert retimed(cells, NOW + 20) is None  # still "just now": nothing to repaint

    later = retimed(cells, NOW + 10 * 60)

    assert later is not None
    assert later["a.md"].last_text == later["b.md"].last_text == "Alice, 10 min ago"
    assert later["a.md"].last_tip == cells["a.md"].last_tip
    assert later["never.md"] == cells["never.md"]  # never committed: no text to age
    assert cells["a.md"].last_text == "Alice, just now"  # the old snapshot is left as it was


def test_the_model_takes_the_aged_texts(qapp) -> None:
    from editor.ui.desk.article_model import ArticleModel

    model = ArticleModel()
    assert not model.retime_git_cells(NOW)  # no cells: nothing to do
    model.set_git_cells(_cells(["a.md"]))
    assert model.retime_git_cells(NOW + 7200)
    assert model.git_cell("a.md").last_text == "Alice, 2 h ago"  # type: ignore[union-attr]
    assert not model.retime_git_cells(NOW + 7200)
