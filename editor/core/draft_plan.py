"""What a publish / back-to-draft / toggle-draft on a selection would change: a pure plan.

The window's bulk runner asks for the plan, confirms it with the person, and runs it through the
document service; the plan itself reads nothing and writes nothing, so its rules are tested here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editor.core.index import ArticleSummary


@dataclass(frozen=True)
class DraftPlan:
    """The rows a draft change would write, and whether it sets ``draft = true`` or ``false``."""

    to_draft: bool
    rows: tuple[ArticleSummary, ...]

    @property
    def paths(self) -> list[str]:
        return [row.path for row in self.rows]

    @property
    def articles(self) -> int:
        """The rows that can be read: what the question counts as articles."""
        return sum(row.readable for row in self.rows)

    @property
    def unreadable(self) -> int:
        """Rows whose front matter cannot be read: tried and reported by name, never counted."""
        return len(self.rows) - self.articles

    @property
    def needs_confirmation(self) -> bool:
        """More than one article changes at once: the person confirms first."""
        return self.articles > 1

    def without(self, paths: Sequence[str]) -> DraftPlan:
        """The same plan less ``paths`` (the ones left out after a check or a question)."""
        left = set(paths)
        return DraftPlan(self.to_draft, tuple(row for row in self.rows if row.path not in left))


def targets(summaries: Sequence[ArticleSummary], to_draft: bool) -> list[ArticleSummary]:
    """The rows that ``set_draft(to_draft)`` would change; rows whose front matter cannot be read are
    tried too, so that they are reported by name rather than skipped in silence."""
    return [row for row in summaries if not row.readable or row.draft != to_draft]


def plan_draft(
    selected: Sequence[ArticleSummary], to_draft: bool | None, open_path: str | None = None
) -> DraftPlan | None:
    """The plan for publishing (False), moving back to draft (True) or toggling (None) ``selected``.

    Toggle follows the open article when it is selected, else the first readable one: a draft gets
    published with the rest of the selection, anything else goes back to draft. None when a toggle has
    nothing to follow; a plan with no rows when the selection is already in that state.
    """
    if to_draft is None:
        anchor = next((row for row in selected if row.path == open_path), None)
        anchor = anchor or next((row for row in selected if row.readable), None)
        if anchor is None:
            return None
        to_draft = not anchor.draft
    return DraftPlan(to_draft, tuple(targets(selected, to_draft)))
