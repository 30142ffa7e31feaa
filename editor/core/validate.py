"""Validation of article metadata: problems an editor should fix, with the file line they are on.

(Skeleton: the Problem type is fixed; ``check`` is being written — see issue 2.)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: ``path:line: level: message``; ``key`` names the front matter key, if any."""

    path: str
    line: int | None
    level: Level
    message: str
    key: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level.value}: {self.message}"
