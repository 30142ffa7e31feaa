"""A finding of the checks (:class:`Problem`, its :class:`Level`) and the text length limits.

Their home is here rather than in :mod:`editor.core.validate`, which re-exports them: the form
shows problems and limits from the window's first paint, while the checks themselves (their rules,
patterns and the folder walk) load with the first check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

SUMMARY_LIMIT = 300
DESCRIPTION_LIMIT = 160
LENGTH_LIMITS = {"summary": SUMMARY_LIMIT, "description": DESCRIPTION_LIMIT}


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """One finding: ``path:line: level: message``; ``key`` names the front matter key, if any."""

    path: str
    line: int | None
    level: Level
    message: str
    key: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level.value}: {self.message}"
