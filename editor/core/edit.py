"""Round-trip edits of front matter text: only the bytes of the edited values change.

Each format has its own way of keeping every other byte:

* TOML goes through tomlkit, which keeps comments, spacing, quoting and table layout. We first check that
  tomlkit gives back the text unchanged, and give a string the quoting style it had
  (:mod:`editor.core.edit_toml`).
* YAML and JSON are edited by splicing: the parser tells where a value's text starts and ends
  (ruamel's node marks, ``json``'s decoder), and only that span is replaced with the new value written
  in the style the old one had (:mod:`editor.core.edit_yaml`, :mod:`editor.core.edit_json`).

Every edit is then checked by reading the new text back: the edited keys must hold the new values and
every other key its old value. An edit that cannot pass that check raises
:class:`~editor.core.edit_common.EditError`, so a file is never written in a shape we did not intend.
This module is the entry point (:func:`apply_edits`) and that check; the error, :data:`REMOVE` and
the helpers the format editors share are in :mod:`editor.core.edit_common`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from editor.core.edit_common import REMOVE, EditError
from editor.core.frontmatter import Format, FrontMatterError, SplitFile, parse_front
from editor.core.values import parse_date, same_value


def apply_edits(
    split_file: SplitFile, edits: Mapping[str, Any], old: Mapping[str, Any] | None = None
) -> SplitFile:
    """Return ``split_file`` with top-level ``edits`` (key → new value) applied to its front matter.

    ``old`` is the front matter already parsed from ``split_file``, when the caller has it. A value
    of :data:`REMOVE` deletes the key; a dict for a key holding a table changes only the keys of the
    table that differ (recursively), so a merge of ``[params]`` touches the changed lines alone.
    """
    if not edits:
        return split_file
    if old is None:
        old = parse_front(split_file)
    # Removing a key the file does not have is no edit.
    edits = {key: value for key, value in edits.items() if value is not REMOVE or key in old}
    if not edits:
        return split_file
    # The format editors (tomlkit above all) load with the first edit, not with every start.
    from editor.core.edit_json import edit_json
    from editor.core.edit_toml import add_toml_block, edit_toml
    from editor.core.edit_yaml import edit_yaml

    if split_file.format is Format.NONE:
        new_split = add_toml_block(split_file, edits)
    else:
        editor = {Format.TOML: edit_toml, Format.YAML: edit_yaml, Format.JSON: edit_json}[
            split_file.format
        ]
        new_split = split_file.with_front(editor(split_file.front, old, edits, split_file.newline))
    _verify(new_split, old, edits)
    return new_split


def _verify(new_split: SplitFile, old: Mapping[str, Any], edits: Mapping[str, Any]) -> None:
    try:
        new = parse_front(new_split)
    except FrontMatterError as error:
        raise EditError(
            f"The edit would make the front matter unreadable ({error.message})"
        ) from None
    for key in old.keys() | new.keys():
        if key in edits and edits[key] is REMOVE:
            if key in new:
                raise EditError(f"Could not remove {key!r}")
        elif key in edits:
            if key not in new or not _matches(edits[key], new[key]):
                raise EditError(f"Could not write {key!r} so that it reads back as the value given")
        elif key not in old or key not in new or not same_value(old[key], new[key]):
            raise EditError(f"Writing the edit would also change {key!r}; nothing was written")


def _matches(expected: Any, got: Any) -> bool:
    if same_value(expected, got):
        return True
    if isinstance(expected, dt.date):
        # Moments are written to the second (TOML) or in the shape the file uses, and JSON has no
        # date type, so a date reads back as a string: compare the moments, to the second.
        want, have = parse_date(expected), parse_date(got)
        return (
            want is not None
            and have is not None
            and want.replace(microsecond=0) == have.replace(microsecond=0)
        )
    if isinstance(expected, float) and isinstance(got, float):
        return expected == got
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(_matches(expected[k], got[k]) for k in got)
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(
            _matches(a, b) for a, b in zip(expected, got, strict=True)
        )
    return False
