"""Hugo's ``cascade``: front matter values a section's ``_index.md`` (or the site config) hands down.

A cascade entry sets values for the pages its ``target`` (``_target``) matches: a path glob, a kind,
a language, an environment. Only the keys that can change a page's publish state are kept
(:data:`~editor.core.hugo_keys.STATE_KEYS`), folded the way Hugo reads them. This module is the one home
of reading those entries and of matching a target against a page; :func:`editor.core.state.judge`
then takes a value from the first matching entry (nearest section first) that the page itself lacks.
It lives apart from state.py because reading a site's cascades is its own job (site.py and
site_rules.py build them once per section), while judging a page runs once per row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from editor.core.hugo_keys import STATE_KEYS, fold_keys, lowered_keys


class Place(Protocol):
    """Where a page is, as a target matches it: state.PageRules (this module is below state.py)."""

    @property
    def page_path(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def lang(self) -> str: ...


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Hugo's path globs (gobwas/glob with "/" as separator): ``*``, ``**``, ``?``, ``[..]``, ``{a,b}``."""
    out: list[str] = []
    depth = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end]
                body = "^" + body[1:] if body.startswith("!") else body
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                index = end
        elif char == "{":
            out.append("(?:")
            depth += 1
        elif char == "}" and depth:
            out.append(")")
            depth -= 1
        elif char == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(char))
        index += 1
    out.append(")" * depth)
    try:
        return re.compile("".join(out) + r"\Z")
    except re.error:
        return re.compile(r"(?!)")  # a broken glob matches nothing (Hugo stops the build on it)


@dataclass(frozen=True, slots=True)
class Cascade:
    """One entry of a ``cascade``: values for the pages its target matches, and where it is written."""

    values: Mapping[str, tuple[str, Any]]  # folded: lower key → (key as written, value)
    origin: str  # "news/_index.md" (relative to the content folder) or SITE_CONFIG
    path: str = ""
    kind: str = ""
    lang: str = ""
    environment: str = ""

    def matches(self, page: Place) -> bool:
        checks = ((self.path, page.page_path), (self.kind, page.kind), (self.lang, page.lang))
        for pattern, value in checks:
            if pattern and not glob_regex(pattern.lower()).match(value.lower()):
                return False
        return not self.environment or bool(glob_regex(self.environment).match("production"))


def cascades_of(value: Any, origin: str) -> tuple[Cascade, ...]:
    """The entries of a ``cascade`` value (a map or a list of maps), state keys only."""
    entries = value if isinstance(value, list) else [value]
    out: list[Cascade] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        folded = fold_keys(entry)
        target = folded.get("target", folded.get("_target", ("", None)))[1]
        target = lowered_keys(target) if isinstance(target, Mapping) else {}
        values = {key: item for key, item in folded.items() if key in STATE_KEYS}
        if values:
            out.append(
                Cascade(
                    values,
                    origin,
                    path=_text(target.get("path")),
                    kind=_text(target.get("kind")),
                    lang=_text(target.get("lang")),
                    environment=_text(target.get("environment")),
                )
            )
    return tuple(out)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
