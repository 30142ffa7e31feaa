"""The one walk over a JSON front matter object, shared by edits (value spans) and validation (lines)."""

from __future__ import annotations

import pytest

from editor.core.edit_common import EditError
from editor.core.edit_json import json_spans
from editor.core.frontmatter import SplitFile, split
from editor.core.json_members import json_members, key_line_numbers, value_spans
from editor.core.key_lines import key_lines


@pytest.mark.parametrize(
    ("front", "values"),
    [
        ("{}", {}),
        ("  {\n}\n", {}),
        ('{"a":1}', {"a": "1"}),
        (
            '{ "a" : 1 , "b":{"x": [1, "}"]},"c": "q\\"" }',
            {"a": "1", "b": '{"x": [1, "}"]}', "c": '"q\\""'},
        ),
        ('{"k\\u00e9y": "v", "": null}', {"kéy": '"v"', "": "null"}),
        ('{"a": "x,y:z"}', {"a": '"x,y:z"'}),
        ('{\r\n  "a": [\r\n 1\r\n ]\r\n}', {"a": "[\r\n 1\r\n ]"}),
        # a key written twice: the parser (and Hugo) read the last one
        ('{"a": 1, "a": 2}', {"a": "2"}),
    ],
)
def test_value_spans(front: str, values: dict[str, str]) -> None:
    spans = value_spans(json_members(front))
    assert {key: front[start:end] for key, (start, end) in spans.items()} == values
    assert json_spans(front) == spans


@pytest.mark.parametrize(
    "front",
    ["", "[]", '"a"', '{"a" 1}', '{"a": 1 "b": 2}', '{"a": }', "{a: 1}", '{"a": 1,}', '{"a": 1'],
)
def test_what_is_not_one_object_is_refused_clearly(front: str) -> None:
    with pytest.raises(ValueError):
        json_members(front)
    with pytest.raises(EditError, match="JSON front matter cannot be edited"):
        json_spans(front)


def test_lines_and_spans_name_the_same_member() -> None:
    data = b'{\n  "title": "A",\n  "draft": true,\n  "title": "B"\n}\nbody'
    split_file = split(data)
    assert isinstance(split_file, SplitFile)
    members = json_members(split_file.front)
    assert key_line_numbers(split_file.front, members) == {"title": 3, "draft": 2}
    start, end = value_spans(members)["title"]
    assert split_file.front[start:end] == '"B"'
    assert key_lines(split_file)["title"] == split_file.front_line + 3
