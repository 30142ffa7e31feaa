"""What one commit did to an article, worded once: for ``copydesk log`` and for the History panel.

:func:`story_of` works out the structure (a merge, a rename, created / deleted / not readable, the
keys it changed, the body diff) and :func:`story_lines` words it, a line each, with the field-change
sentences of :func:`field_line`. The words are a :class:`Wording`: English here; the panel passes
its translated one, so a translated window says the same things in the same order as the command
line. Values are shown by :func:`value_text` (JSON for a person, dates unquoted so that a date and a
string that looks like one stay apart).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from editor.core.field_changes import ChangeKind, FieldChange
from editor.core.frontmatter import FrontMatterError
from editor.core.git_history import Version, version_changes
from editor.core.git_status import Change


class Note(StrEnum):
    """A sentence about the commit as a whole, before its field changes."""

    MERGE = "merge"
    RENAMED = "renamed"  # detail: the old path
    CREATED = "created"
    DELETED = "deleted"
    UNREADABLE = "unreadable"  # detail: why the front matter could not be read


@dataclass(frozen=True, slots=True)
class Wording:
    """The words of a history entry, ``{0}``-style placeholders as in the translations."""

    merge: str = "merge: what it brought in, against its first parent"
    renamed: str = "renamed from {0}"
    created: str = "created in this commit"
    deleted: str = "deleted in this commit"
    unreadable: str = "front matter not readable here: {0}"
    unchanged: str = "no change to the front matter or the body"
    added: str = "{0}: (new) {1}"  # key, new value
    removed: str = "{0}: removed (was {1})"  # key, old value
    key_renamed: str = "{0}: key renamed from {1}"  # key, its old spelling
    changed: str = "{0}: {1} → {2}"  # key, old value, new value
    body_one: str = "body: 1 line changed"
    body_many: str = "body: {0} lines changed"

    def note(self, note: Note, detail: str = "") -> str:
        return {
            Note.MERGE: self.merge,
            Note.RENAMED: self.renamed,
            Note.CREATED: self.created,
            Note.DELETED: self.deleted,
            Note.UNREADABLE: self.unreadable,
        }[note].format(detail)


ENGLISH = Wording()


@dataclass(frozen=True, slots=True)
class CommitStory:
    """What ``version``'s commit did to the file, against its own first parent."""

    version: Version
    notes: tuple[tuple[Note, str], ...]  # each with its detail ("" for none)
    fields: tuple[FieldChange, ...] = ()
    body_diff: str = ""  # unified, "--- before" / "+++ after" heads first; "" when the same

    @property
    def body_lines_changed(self) -> int:
        lines = self.body_diff.splitlines()[2:]  # after the two heads
        return sum(1 for line in lines if line[:1] in "+-")


def story_of(version: Version) -> CommitStory:
    """The structure of one history entry (never raises for a version that cannot be read)."""
    notes: list[tuple[Note, str]] = []
    if version.merge:
        notes.append((Note.MERGE, ""))
    if version.status == "R" and version.old_git_path:
        notes.append((Note.RENAMED, version.old_git_path))
    if version.data is None:
        notes.append((Note.DELETED, ""))
    elif version.parent_data is None:
        notes.append((Note.CREATED, ""))
    else:
        try:
            fields, body_diff = version_changes(version)
        except FrontMatterError as error:
            notes.append((Note.UNREADABLE, str(error)))
        else:
            return CommitStory(version, tuple(notes), fields, body_diff)
    return CommitStory(version, tuple(notes))


def value_text(value: Any) -> str:
    """A front matter value on one line: strings quoted, dates and times as ISO, the rest as JSON."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    try:
        return json.dumps(value, ensure_ascii=False, default=_iso)
    except (TypeError, ValueError):  # a YAML mapping with date keys, say
        return str(value)


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def field_line(item: FieldChange, words: Wording = ENGLISH) -> str:
    """``title: "old" → "new"``, ``tags: (new) [...]``, ``source: removed (was "x")``,
    ``Title: key renamed from title``."""
    kind = item.kind
    if kind is ChangeKind.ADDED:
        return words.added.format(item.key, value_text(item.new))
    if kind is ChangeKind.REMOVED:
        return words.removed.format(item.key, value_text(item.old))
    if kind is ChangeKind.RENAMED:
        return words.key_renamed.format(item.key, item.old_key)
    return words.changed.format(item.key, value_text(item.old), value_text(item.new))


def story_lines(story: CommitStory, words: Wording = ENGLISH) -> list[str]:
    """The entry a line each: the notes, each changed key, how much of the body changed; or that
    nothing did (a commit that changed only the file's bytes, such as its spacing)."""
    lines = [words.note(note, detail) for note, detail in story.notes]
    lines.extend(field_line(item, words) for item in story.fields)
    if story.body_diff:
        count = story.body_lines_changed
        lines.append(words.body_one if count == 1 else words.body_many.format(count))
    body_read = not any(note in _NO_BODY for note, _ in story.notes)
    if body_read and not story.fields and not story.body_diff:
        lines.append(words.unchanged)
    return lines


_NO_BODY = frozenset({Note.CREATED, Note.DELETED, Note.UNREADABLE})


def when_text(change: Change) -> str:
    """The commit's author time as both outputs show it: ``2026-11-20 09:00 UTC``."""
    return dt.datetime.fromtimestamp(change.time, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
