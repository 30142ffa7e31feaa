"""Field-by-field changes between two versions of an article, keyed the way Hugo reads keys.

The three-way merge asks each side what it changed against the base, and the history view (issue 8)
shows what a commit changed; both need the same answer, so it lives here. Keys are compared folded to
lower case (:func:`editor.core.hugo_keys.fold_keys`), so ``Title`` → ``title`` is a rename, not a removal
and an addition. Where one version has two keys that fold together (``Title`` and ``title``), those
are compared by their exact spelling so that neither is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from editor.core.frontmatter import FrontMatterError, read
from editor.core.hugo_keys import fold_keys
from editor.core.values import same_value


class _Missing:
    """The type of :data:`MISSING`."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


# The value of a key that a version does not have (None is a value: YAML's null).
MISSING: Any = _Missing()


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"  # the same value under a key spelled in another case


class FieldChange(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """One key that differs: ``old``/``new`` are :data:`MISSING` where the version lacks it."""

    name: str  # the key as Hugo reads it (lower case), or the exact spelling on a collision
    old_key: str | None
    new_key: str | None
    old: Any = MISSING
    new: Any = MISSING

    @property
    def key(self) -> str:
        """The key as the newer version spells it (the older one's when it was removed)."""
        return self.new_key if self.new_key is not None else str(self.old_key)

    @property
    def kind(self) -> ChangeKind:
        if self.old_key is None:
            return ChangeKind.ADDED
        if self.new_key is None:
            return ChangeKind.REMOVED
        if same_value(self.old, self.new):
            return ChangeKind.RENAMED
        return ChangeKind.CHANGED


class VersionChanges(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What changed from one version of a file to the next."""

    fields: tuple[FieldChange, ...]
    body_changed: bool

    @property
    def changed(self) -> bool:
        return bool(self.fields) or self.body_changed

    def keys(self) -> list[str]:
        return [change.key for change in self.fields]


def _key_for_name(version: Mapping[Any, Any]) -> dict[str, Any]:
    """Each lower-case name Hugo sees → the key of ``version`` (as written, any type) it reads."""
    by_text = {str(key): key for key in version}
    return {lower: by_text[text] for lower, (text, _) in fold_keys(version).items()}


def align_keys(*versions: Mapping[str, Any]) -> list[tuple[str, tuple[str | None, ...]]]:
    """Pair up the keys of several versions: (name, that name's key in each version or None).

    Names come in the order they first appear, version by version.
    """
    folded = [_key_for_name(version) for version in versions]
    colliding: set[str] = set()
    for version, fold in zip(versions, folded, strict=True):
        if len(fold) != len(version):
            seen: set[str] = set()
            for key in version:
                lower = str(key).lower()
                if lower in seen:
                    colliding.add(lower)
                seen.add(lower)
    order: dict[str, tuple[str | None, ...]] = {}
    names: list[str] = []
    for version in versions:
        for key in version:
            text = str(key)
            name = text if text.lower() in colliding else text.lower()
            if name not in order:
                order[name] = ()
                names.append(name)
    aligned = []
    for name in names:
        row: list[str | None] = []
        for version, fold in zip(versions, folded, strict=True):
            if name.lower() in colliding:
                row.append(name if name in version else None)
            else:
                row.append(fold.get(name))
        aligned.append((name, tuple(row)))
    return aligned


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The keys whose value or spelling differs between two parsed front matters."""
    changes = []
    for name, (old_key, new_key) in align_keys(old, new):
        old_value = old[old_key] if old_key is not None else MISSING
        new_value = new[new_key] if new_key is not None else MISSING
        if old_key != new_key or not same_value(old_value, new_value):
            changes.append(FieldChange(name, old_key, new_key, old_value, new_value))
    return tuple(changes)


def version_changes(old: bytes, new: bytes) -> VersionChanges:
    """The field changes and whether the body changed; raises FrontMatterError for bad bytes."""
    old_split, old_meta = read(old)
    new_split, new_meta = read(new)
    return VersionChanges(field_changes(old_meta, new_meta), old_split.body != new_split.body)


def edited_beside(
    before: bytes, metadata: Mapping[str, Any], body: str, flag: str = "draft"
) -> tuple[str, ...]:
    """The keys (and ``"body"``) a write changed besides ``flag``, for the commit of an action that
    also saved the form's unsaved edits (Publish with a changed title: ``("title",)``); () when the
    old bytes cannot be read, so that the message then names only the action."""
    try:
        old_split, old_meta = read(before)
    except FrontMatterError:
        return ()
    names = [change.name for change in field_changes(old_meta, metadata) if change.name != flag]
    return (*names, *(["body"] if old_split.body != body else []))


def describe_keys(keys: Sequence[str]) -> str:
    """ "title", "title and date", "title, date and source": a list of keys for a sentence."""
    if len(keys) <= 1:
        return "".join(keys)
    return ", ".join(keys[:-1]) + " and " + keys[-1]
