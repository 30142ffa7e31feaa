"""Editing many articles at once: the fields they share, and whether their values agree.

The form for a multiple selection shows each key every selected article has; a key whose values
differ is *mixed* (shown as such, and written only when the editor sets it). Saving goes through
``DocumentService.set_values`` with only the keys that were set, one result per file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from editor.core.values import same_value
from editor.core.vocabulary import value_kind


@dataclass(frozen=True, slots=True)
class SharedField:
    """A key every selected article has: its value (the first article's when mixed)."""

    key: str
    value: Any
    mixed: bool


def shared_fields(metadatas: Sequence[Mapping[str, Any]]) -> list[SharedField]:
    """The keys all of ``metadatas`` have, in the first one's order.

    A key whose values are of different kinds (a date in one file, text in another) is left out:
    one editor could not show them all without changing some files' types.
    """
    if not metadatas:
        return []
    first, rest = metadatas[0], metadatas[1:]
    shared = []
    for key, value in first.items():
        if not all(key in other for other in rest):
            continue
        kind = value_kind(value)
        if any(value_kind(other[key]) != kind for other in rest):
            continue
        mixed = any(not same_value(value, other[key]) for other in rest)
        shared.append(SharedField(key, value, mixed))
    return shared
