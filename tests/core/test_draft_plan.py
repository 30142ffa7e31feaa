"""The pure plan behind Publish, Back to Draft and Toggle Draft on a selection."""

from __future__ import annotations

import dataclasses

from editor.core.draft_plan import DraftPlan, plan_draft, targets
from editor.core.index import ArticleSummary
from editor.core.state import PublishState


def row(path: str, draft: bool, readable: bool = True) -> ArticleSummary:
    state = PublishState.DRAFT if draft else PublishState.PUBLISHED
    if not readable:
        state = PublishState.INVALID
    return ArticleSummary(path, path, None, draft, state, "", "", "", readable=readable)


DRAFT, PUBLISHED, BROKEN = row("d.md", True), row("p.md", False), row("x.md", False, False)


def test_publish_takes_the_drafts_and_the_unreadable_rows() -> None:
    plan = plan_draft([DRAFT, PUBLISHED, BROKEN], False)
    assert plan == DraftPlan(False, (DRAFT, BROKEN))
    assert (plan.articles, plan.unreadable, plan.paths) == (1, 1, ["d.md", "x.md"])
    assert not plan.needs_confirmation  # one article (the broken file is no article)


def test_back_to_draft_takes_the_published_ones() -> None:
    plan = plan_draft([DRAFT, PUBLISHED], True)
    assert plan is not None and plan.paths == ["p.md"] and plan.to_draft


def test_toggle_follows_the_open_article_else_the_first_readable_one() -> None:
    other_draft = dataclasses.replace(DRAFT, path="e.md")
    selection = [PUBLISHED, DRAFT, other_draft]
    by_open = plan_draft(selection, None, open_path="d.md")
    assert by_open is not None and not by_open.to_draft  # the open one is a draft: publish all
    assert by_open.paths == ["d.md", "e.md"] and by_open.needs_confirmation
    by_first = plan_draft(selection, None, open_path=None)
    assert by_first is not None and by_first.to_draft and by_first.paths == ["p.md"]
    assert plan_draft([BROKEN], None) is None  # nothing readable to follow


def test_a_selection_already_in_that_state_plans_nothing() -> None:
    plan = plan_draft([DRAFT], True)
    assert plan is not None and plan.rows == () and plan.articles == 0


def test_without_leaves_rows_out() -> None:
    plan = plan_draft([DRAFT, BROKEN, dataclasses.replace(DRAFT, path="e.md")], False)
    assert plan is not None and plan.without(["d.md"]).paths == ["x.md", "e.md"]
    assert targets([DRAFT, PUBLISHED], False) == [DRAFT]
