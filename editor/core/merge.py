"""The three-way merge of two versions of one article over the version both started from.

Front matter merges field by field, keys folded the way Hugo reads them: a key changed on one side
only takes that side's value, a key changed on both sides to the same value is fine, and a key
changed on both sides differently is a :class:`FieldConflict`. Two tables (``[params]``) merge key by
key; any other value (a list, a table replaced by a string) merges whole. The body merges line by line
(:mod:`editor.core.line_merge`).

The result is *mine* with the other side's changes replayed through the byte-faithful edit engine
(:func:`editor.core.edit.apply_edits`), so every byte that neither side changed stays as it was. When
mine is the base byte for byte, the result is theirs as it is (and the other way round), as git does.
A side that does not parse is never merged into: :class:`MergeError` names the side and why.

"mine" is the version being edited (the window's unsaved edits, git's ``%A``/ours); "theirs" is the
one that arrived (the file changed outside, git's ``%B``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from editor.core.edit import apply_edits
from editor.core.edit_common import REMOVE, EditError
from editor.core.field_changes import (
    MISSING,
    ChangeKind,
    align_keys,
    describe_keys,
    field_changes,
)
from editor.core.frontmatter import Format, FrontMatterError, SplitFile, parse_front, read, split
from editor.core.line_merge import Hunk, LineMerge, merge_lines, unmark
from editor.core.values import same_value

Side = Literal["base", "mine", "theirs"]


class MergeError(ValueError):
    """A merge that cannot be made: a side does not parse, or the merged value cannot be written."""

    def __init__(self, side: Side | None, reason: str) -> None:
        where = {
            "base": "The common version",
            "mine": "Your version",
            "theirs": "The other version",
        }
        super().__init__(f"{where[side]} cannot be merged: {reason}" if side else reason)
        self.side = side
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A key both sides changed differently; values are :data:`MISSING` where a side lacks it."""

    path: tuple[str, ...]  # ("title",), or ("params", "author") inside a table
    base: Any
    mine: Any
    theirs: Any

    @property
    def key(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True, slots=True)
class Taken:
    """One change in the result and the side it came from (small data a UI can put in words)."""

    side: Literal["mine", "theirs"]
    key: str  # "" for the body
    kind: ChangeKind


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merge of mine and theirs over base.

    ``data`` is the merged file when the merge is clean (None when the result is that the file is
    deleted); with conflicts it is None, unless markers were asked for: then it is a file with
    ``git merge-file --diff3`` markers around each conflicting field and body hunk.
    """

    data: bytes | None
    conflicts: tuple[FieldConflict, ...] = ()
    body_conflicts: tuple[Hunk, ...] = ()
    taken: tuple[Taken, ...] = ()
    deleted: bool = False  # the merged result is no file (a side deleted it, the other kept it)
    deleted_by: Side | None = None  # a side that deleted the file while the other edited it
    layout_lost: bool = False  # comment or spacing changes of theirs could not be carried over
    _rebuild: Callable[[Mapping[str, Any], Any], bytes] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.body_conflicts and self.deleted_by is None

    def resolve(self, values: Mapping[str, Any], body: str | list[str] | None = None) -> bytes:
        """The merged file with each conflict settled: ``values`` maps a conflict's key to the value
        chosen (:data:`~editor.core.edit_common.REMOVE` or MISSING to drop the key; a key left out keeps
        mine), ``body`` is the whole body text, or one text per body hunk, or None for mine's hunks.
        """
        if self._rebuild is None:
            raise MergeError(None, "This merge has no field conflicts to resolve")
        return self._rebuild(values, body)

    def summary(self, mine: str = "your", theirs: str = "outside") -> str:
        """One line: "source changed outside; your title edit kept" (see :func:`describe`)."""
        return describe(self, mine, theirs)


def describe(result: MergeResult, mine: str = "your", theirs: str = "outside") -> str:
    """What came from each side, in one line of plain English (a UI can build its own from data)."""
    if result.deleted_by is not None:
        who = "you" if result.deleted_by == "mine" else theirs
        return f"the file was deleted by {who} and edited by the other side"
    parts = []
    outside = [item.key or "the body" for item in result.taken if item.side == "theirs"]
    if outside:
        parts.append(f"{describe_keys(outside)} changed {theirs}")
    kept = [item.key or "body" for item in result.taken if item.side == "mine"]
    if kept:
        parts.append(f"{mine} {describe_keys(kept)} edit{'s' if len(kept) > 1 else ''} kept")
    clashes = [conflict.key for conflict in result.conflicts]
    if result.body_conflicts:
        clashes.append("the body")
    if clashes:
        parts.append(f"both changed {describe_keys(clashes)}")
    if result.deleted:
        parts.append("the file is deleted")
    if result.layout_lost:
        parts.append(f"comment or spacing changes {theirs} were not kept")
    return "; ".join(parts) if parts else "no changes on either side"


@dataclass(frozen=True, slots=True)
class _Version:
    split: SplitFile
    metadata: dict[str, Any]


_EMPTY = _Version(SplitFile(Format.NONE, "", "", "", ""), {})


def _read(side: Side, data: bytes) -> _Version:
    try:
        split_file, metadata = read(data)
    except FrontMatterError as error:
        raise MergeError(side, str(error)) from None
    return _Version(split_file, metadata)


def merge(
    base: bytes | None,
    mine: bytes | None,
    theirs: bytes | None,
    *,
    markers: bool = False,
    labels: tuple[str, str, str] = ("ours", "base", "theirs"),
) -> MergeResult:
    """Merge ``mine`` and ``theirs`` over ``base`` (None: that version has no file).

    Raises MergeError when a side does not parse, or a merged value cannot be written cleanly.
    """
    if mine is None or theirs is None:
        return _merge_deletion(base, mine, theirs)
    base_version = _read("base", base) if base is not None else _EMPTY
    mine_version = _read("mine", mine)
    theirs_version = _read("theirs", theirs)
    taken = _taken(base_version, mine_version, theirs_version)
    if mine == theirs:
        return MergeResult(mine, taken=taken)

    body = merge_lines(base_version.split.body, mine_version.split.body, theirs_version.split.body)
    merger = _FieldMerge(base_version.metadata, mine_version.metadata, theirs_version.metadata)
    conflicts = merger.conflicts
    # Replay the side whose front matter differs from the base in values only onto the other, so
    # the other's comments and spacing changes stay too (the window's edits are values only).
    target: Literal["mine", "theirs"] = (
        "theirs" if _values_only(base_version, mine_version) else "mine"
    )
    target_version = theirs_version if target == "theirs" else mine_version
    other_version = mine_version if target == "theirs" else theirs_version
    layout_lost = target == "mine" and not _values_only(base_version, theirs_version)

    def build(pick: Callable[[FieldConflict], Any], body_text: str) -> bytes:
        edits = merger.edits(pick, target)
        return _build(target_version, base_version, other_version, edits, body_text)

    def rebuild(values: Mapping[str, Any], body_choice: str | list[str] | None) -> bytes:
        def chosen(conflict: FieldConflict) -> Any:
            return values.get(conflict.key, conflict.mine)

        body_text = body_choice if isinstance(body_choice, str) else body.text("mine", body_choice)
        return build(chosen, body_text)

    if not conflicts and body.clean:
        merged = build(_pick_mine, body.text())
        if layout_lost:
            merged, layout_lost = _merge_layout(base_version, mine_version, theirs_version, merged)
        return MergeResult(merged, taken=taken, layout_lost=layout_lost)
    marked = _marked(build, body, labels) if markers else None
    return MergeResult(
        marked, conflicts, body.conflicts, taken, layout_lost=layout_lost, _rebuild=rebuild
    )


def _values_only(base: _Version, side: _Version) -> bool:
    """Whether ``side``'s front matter is ``base``'s with value edits only (no comment, spacing or
    order changes), i.e. replaying its field changes on the base gives back its text exactly."""
    if side.split.format is not base.split.format:
        return False
    edits: dict[str, Any] = {}
    for change in field_changes(base.metadata, side.metadata):
        if change.kind is ChangeKind.RENAMED or (
            change.old_key is not None and change.new_key not in (None, change.old_key)
        ):
            return False
        edits[str(change.key)] = REMOVE if change.new is MISSING else change.new
    try:
        replayed = apply_edits(base.split, edits, base.metadata)
    except EditError:
        return False
    return (replayed.head, replayed.front, replayed.tail) == (
        side.split.head,
        side.split.front,
        side.split.tail,
    )


def _merge_layout(
    base: _Version, mine: _Version, theirs: _Version, merged: bytes
) -> tuple[bytes, bool]:
    """Both sides changed comments or spacing: a line merge of the front matter keeps both when it
    is clean and reads as the field merge; otherwise the field merge stands (returns whether the
    other side's layout changes were left out)."""
    fronts = merge_lines(base.split.front, mine.split.front, theirs.split.front)
    if not fronts.clean:
        return merged, True
    field_merged = split(merged)
    candidate = field_merged.with_front(fronts.text())
    try:
        if not same_value(parse_front(candidate), parse_front(field_merged)):
            return merged, True
    except FrontMatterError:
        return merged, True
    return candidate.encode(), False


def versions_from_marked(data: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(base, mine, theirs) from a file the merge driver left with diff3 markers, or None.

    Merging them again gives the same conflicts, so the window's resolver can open such a file.
    """
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        texts = unmark(data[len(bom) :].decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if texts is None:
        return None
    mine, base, theirs = (bom + text.encode("utf-8") for text in texts)
    return base, mine, theirs


def _pick_mine(conflict: FieldConflict) -> Any:
    return conflict.mine


def _marked(
    build: Callable[[Callable[[FieldConflict], Any], str], bytes],
    body: LineMerge,
    labels: tuple[str, str, str],
) -> bytes:
    """The result with conflicts marked: three full texts that differ only where the conflicts are,
    merged line by line, so each conflicting field's lines and each body hunk get git's markers."""
    texts = []
    data = b""
    for pick in ("mine", "theirs", "base"):

        def chosen(conflict: FieldConflict, side: str = pick) -> Any:
            return getattr(conflict, side)

        data = build(chosen, body.text(pick))
        texts.append(data.decode("utf-8-sig"))
    bom = data.startswith(b"\xef\xbb\xbf")
    marked = merge_lines(texts[2], texts[0], texts[1]).marked(labels)
    return (b"\xef\xbb\xbf" if bom else b"") + marked.encode("utf-8")


def _build(
    target: _Version, base: _Version, other: _Version, edits: dict[str, Any], body: str
) -> bytes:
    """``target`` with ``edits`` and the merged body; a BOM only the other side changed follows it."""
    try:
        merged = apply_edits(target.split, edits, target.metadata)
    except EditError as error:
        raise MergeError(None, f"The merged front matter cannot be written: {error}") from None
    merged = merged.with_body(body)
    if other.split.bom != base.split.bom and target.split.bom == base.split.bom:
        merged = merged._replace(bom=other.split.bom)
    data = merged.encode()
    try:
        again = split(data)
    except FrontMatterError as error:
        raise MergeError(None, f"The merged file would not read back: {error}") from None
    if again.body != merged.body:
        raise MergeError(None, "The merged body would start like front matter")
    return data


def _merge_deletion(base: bytes | None, mine: bytes | None, theirs: bytes | None) -> MergeResult:
    """One side (or both) has no file: a deletion wins over an unchanged file, not over an edit."""
    if mine is None and theirs is None:
        return MergeResult(None, deleted=True)
    if mine is None:
        if theirs == base:
            return MergeResult(None, taken=(Taken("mine", "", ChangeKind.REMOVED),), deleted=True)
        if base is None:  # only theirs has the file: it was added there
            return MergeResult(theirs, taken=(Taken("theirs", "", ChangeKind.ADDED),))
        return MergeResult(None, deleted_by="mine")
    if mine == base:
        return MergeResult(None, taken=(Taken("theirs", "", ChangeKind.REMOVED),), deleted=True)
    if base is None:
        return MergeResult(mine, taken=(Taken("mine", "", ChangeKind.ADDED),))
    return MergeResult(None, deleted_by="theirs")


def _taken(base: _Version, mine: _Version, theirs: _Version) -> tuple[Taken, ...]:
    """Each side's changes that the result holds (a key both changed alike counts as mine)."""
    theirs_changes = {
        change.name: change for change in field_changes(base.metadata, theirs.metadata)
    }
    mine_changes = {change.name: change for change in field_changes(base.metadata, mine.metadata)}
    taken = []
    for name, change in theirs_changes.items():
        if name not in mine_changes:
            taken.append(Taken("theirs", change.key, change.kind))
    for name, change in mine_changes.items():
        other = theirs_changes.get(name)
        if other is None or same_value(other.new, change.new):
            taken.append(Taken("mine", change.key, change.kind))
    mine_body = mine.split.body != base.split.body
    theirs_body = theirs.split.body != base.split.body
    if theirs_body and theirs.split.body != mine.split.body:
        taken.append(Taken("theirs", "", ChangeKind.CHANGED))
    if mine_body:
        taken.append(Taken("mine", "", ChangeKind.CHANGED))
    return tuple(taken)


class _FieldMerge:
    """The field-by-field merge: which keys take which value, and the conflicts."""

    def __init__(
        self, base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
    ) -> None:
        self.base, self.mine, self.theirs = base, mine, theirs
        self.rows = align_keys(base, mine, theirs)
        self.conflicts: tuple[FieldConflict, ...] = ()
        found: list[FieldConflict] = []
        for name, keys in self.rows:
            self._merge((name,), *self._values(keys), found.append)
        self.conflicts = tuple(found)

    def _values(self, keys: tuple[str | None, ...]) -> tuple[Any, Any, Any]:
        base, mine, theirs = (
            version[key] if key is not None else MISSING
            for version, key in zip((self.base, self.mine, self.theirs), keys, strict=True)
        )
        return base, mine, theirs

    def edits(
        self, pick: Callable[[FieldConflict], Any], target: Literal["mine", "theirs"] = "mine"
    ) -> dict[str, Any]:
        """The edits that turn ``target`` into the merge, each conflict settled by ``pick``."""
        edits: dict[str, Any] = {}
        own, other = (1, 2) if target == "mine" else (2, 1)
        for name, keys in self.rows:
            values = self._values(keys)
            value = self._merge((name,), *values, None, pick)
            if not same_value(value, values[own]):
                key = keys[own] if keys[own] is not None else keys[other]
                edits[str(key if key is not None else name)] = REMOVE if value is MISSING else value
        return edits

    def _merge(
        self,
        path: tuple[str, ...],
        base: Any,
        mine: Any,
        theirs: Any,
        report: Callable[[FieldConflict], Any] | None,
        pick: Callable[[FieldConflict], Any] | None = None,
    ) -> Any:
        if same_value(mine, theirs) or same_value(base, theirs):
            return mine
        if same_value(base, mine):
            return theirs
        if isinstance(mine, dict) and isinstance(theirs, dict):
            inner = base if isinstance(base, dict) else {}
            merged: dict[str, Any] = {}
            for name, (b, m, t) in align_keys(inner, mine, theirs):
                sub_b, sub_m, sub_t = (
                    version[key] if key is not None else MISSING
                    for version, key in zip((inner, mine, theirs), (b, m, t), strict=True)
                )
                value = self._merge((*path, name), sub_b, sub_m, sub_t, report, pick)
                if value is not MISSING:
                    merged[str(m if m is not None else t if t is not None else name)] = value
            return merged
        conflict = FieldConflict(path, base, mine, theirs)
        if report is not None:
            report(conflict)
        chosen = pick(conflict) if pick is not None else mine
        return MISSING if chosen is REMOVE else chosen
