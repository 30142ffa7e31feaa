"""Properties of the merge on generated files in TOML, YAML and JSON.

A file is rendered from a template (keys with comments, blank lines, a nested ``params`` table, a
body) and a set of values, so changing values gives the exact bytes a person editing those values
would have written. Then: merge(base, x, base) == x and merge(base, base, y) == y byte for byte, and
edits of disjoint keys merge to the file with both, whichever side is "mine".
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.frontmatter import BOM
from editor.core.merge import merge

PROPERTY = settings(
    settings.get_profile(os.environ.get("COPYDESK_HYPOTHESIS", "quick")),
    suppress_health_check=[HealthCheck.too_slow],
)

_TEXTS = st.text(alphabet="abcXYZ 019,.-'éü", max_size=10)
_INTS = st.integers(-100, 10_000)
_VALUES = st.one_of(_TEXTS, _INTS, st.booleans())
_KEYS = st.lists(
    st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda k: k != "params"),
    min_size=1,
    max_size=6,
    unique=True,
)
_BODY = st.lists(
    st.sampled_from(["Text.", "", "More text.", "+++", "---", "# Heading"]), max_size=5
)


def _value(fmt: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # basic TOML, double-quoted YAML, JSON


@dataclass(frozen=True)
class Template:
    fmt: str
    keys: tuple[str, ...]
    subkeys: tuple[str, ...]
    comments: tuple[bool, ...]
    newline: str
    bom: bool

    def render(self, values: dict[tuple[str, ...], Any], body: str) -> bytes:
        nl, fmt = self.newline, self.fmt
        lines: list[str] = []
        if fmt == "json":
            members = [f'  "{key}": {_value(fmt, values[(key,)])}' for key in self.keys]
            if self.subkeys:
                inner = f",{nl}".join(
                    f'    "{sub}": {_value(fmt, values[("params", sub)])}' for sub in self.subkeys
                )
                members.append(f'  "params": {{{nl}{inner}{nl}  }}')
            text = "{" + nl + f",{nl}".join(members) + nl + "}" + nl
        else:
            sep, fence = (" = ", "+++") if fmt == "toml" else (": ", "---")
            for key, comment in zip(self.keys, self.comments, strict=True):
                if comment:
                    lines.append(f"# about {key}")
                lines.append(
                    f"{key}{sep}{_value(fmt, values[(key,)])}" + ("  # note" if comment else "")
                )
                if comment:
                    lines.append("")
            if self.subkeys:
                lines.append("[params]" if fmt == "toml" else "params:")
                indent = "" if fmt == "toml" else "  "
                for sub in self.subkeys:
                    lines.append(f"{indent}{sub}{sep}{_value(fmt, values[('params', sub)])}")
            text = fence + nl + "".join(line + nl for line in lines) + fence + nl
        data = (text + body).encode()
        return BOM + data if self.bom else data

    @property
    def slots(self) -> list[tuple[str, ...]]:
        return [(key,) for key in self.keys] + [("params", sub) for sub in self.subkeys]


@st.composite
def templates(draw: st.DrawFn) -> Template:
    keys = draw(_KEYS)
    subkeys = draw(st.lists(st.sampled_from(["author", "desk", "slot"]), unique=True, max_size=3))
    return Template(
        draw(st.sampled_from(["toml", "yaml", "json"])),
        tuple(keys),
        tuple(subkeys),
        tuple(draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))),
        draw(st.sampled_from(["\n", "\r\n"])),
        draw(st.booleans()),
    )


@st.composite
def versions(draw: st.DrawFn) -> tuple[Template, dict, str]:
    template = draw(templates())
    values = {slot: draw(_VALUES) for slot in template.slots}
    body = template.newline.join(draw(_BODY)) + template.newline
    return template, values, body


def _like(value: Any) -> st.SearchStrategy[Any]:
    """A new value of the same type: a person edits a value; the engine writes a new type in its
    own style (a string for a number unquoted), which the template cannot foresee."""
    if isinstance(value, bool):
        return st.booleans()
    return _INTS if isinstance(value, int) else _TEXTS


def _changed(draw: st.DrawFn, values: dict, slots: list) -> dict:
    return {**values, **{slot: draw(_like(values[slot])) for slot in slots}}


@PROPERTY
@given(versions(), st.data())
def test_merging_with_an_unchanged_side_gives_the_other_byte_for_byte(
    version: tuple[Template, dict, str], data: st.DataObject
) -> None:
    template, values, body = version
    base = template.render(values, body)
    slots = data.draw(st.lists(st.sampled_from(template.slots), unique=True))
    new_body = data.draw(st.sampled_from([body, "Rewritten." + template.newline + body]))
    other = template.render(_changed(data.draw, values, slots), new_body)
    assert merge(base, other, base).data == other
    assert merge(base, base, other).data == other


@PROPERTY
@given(versions(), st.data())
def test_disjoint_edits_commute_and_keep_every_byte_outside_them(
    version: tuple[Template, dict, str], data: st.DataObject
) -> None:
    template, values, body = version
    slots = data.draw(st.lists(st.sampled_from(template.slots), unique=True))
    cut = data.draw(st.integers(0, len(slots)))
    mine_values = _changed(data.draw, values, slots[:cut])
    theirs_values = _changed(data.draw, values, slots[cut:])
    both = {**mine_values, **{slot: theirs_values[slot] for slot in slots[cut:]}}
    base = template.render(values, body)
    mine = template.render(mine_values, body)
    theirs_body = "Added above." + template.newline + body
    theirs = template.render(theirs_values, theirs_body)
    expected = template.render(both, theirs_body)
    forward = merge(base, mine, theirs)
    backward = merge(base, theirs, mine)
    assert forward.clean and backward.clean
    assert forward.data == expected
    assert backward.data == expected


@st.composite
def _mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few lines deleted, doubled, swapped or retyped: what hands and tools do."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "double", "swap", "retype"]))
        if action == "delete":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "retype":
            lines[at] = draw(st.sampled_from([b"", b"x = 1", b"x: [1", b"{", b"+++", b"  - y"]))
    return b"\n".join(lines)


@PROPERTY
@given(st.sampled_from(["toml", "yaml", "json"]), st.data())
def test_any_three_versions_merge_or_say_why(fmt: str, data: st.DataObject) -> None:
    from editor.core.merge import MergeError
    from tests.core.test_merge import BASES

    base = BASES[fmt]
    mine, theirs = data.draw(_mangled(base)), data.draw(_mangled(base))
    try:
        result = merge(base, mine, theirs, markers=True)
    except MergeError as error:
        assert str(error)
        return
    assert result.data is not None or not result.clean
