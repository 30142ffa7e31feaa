"""Example-based edits: the bytes a metadata change writes in TOML, YAML and JSON front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from editor.core.edit import apply_edits
from editor.core.edit_common import REMOVE, EditError
from editor.core.edit_json import json_spans
from editor.core.frontmatter import BOM, Format, parse_front, split
from editor.core.service import DocumentService

UTC = dt.UTC
MOMENT = dt.datetime(2025, 10, 1, 8, 0, tzinfo=UTC)


def edit_file(root: Path, data: bytes, **values: Any) -> bytes:
    """Write ``data`` to a real file, set ``values`` the way the app does, save, return the new bytes."""
    path = root / "article.md"
    path.write_bytes(data)
    service = DocumentService(root)
    article = service.load(path)
    for key, value in values.items():
        article.set_value(key, value)
    service.save(article)
    return path.read_bytes()


# --- TOML ------------------------------------------------------------------------------------------

RICH_TOML = (
    b"+++\n"
    b"# Article metadata\n"
    b"title = 'Literal title'   # keep me\n"
    b'summary = "Basic \\"quoted\\" summary"\n'
    b"draft   =  true  # flip\n"
    b"tags = [\"a\", 'b']   # array\n"
    b'author = { name = "Ana", id = 7 }\n'
    b"date = 2025-09-23T14:21:27Z\n"
    b"\n"
    b"[params]\n"
    b"draft = true\n"
    b"+++\n"
    b"Body\n+++\n"
)


def test_toml_edit_changes_only_the_value_bytes(tmp_path: Path) -> None:
    assert edit_file(tmp_path, RICH_TOML, draft=False) == RICH_TOML.replace(
        b"draft   =  true  # flip", b"draft   =  false  # flip"
    )


def test_toml_edit_keeps_comments_order_quoting_and_inline_tables(tmp_path: Path) -> None:
    result = edit_file(
        tmp_path, RICH_TOML, title="New title", summary='New "x"', date=MOMENT, draft=False
    )
    assert result == (
        b"+++\n"
        b"# Article metadata\n"
        b"title = 'New title'   # keep me\n"
        b'summary = "New \\"x\\""\n'
        b"draft   =  false  # flip\n"
        b"tags = [\"a\", 'b']   # array\n"
        b'author = { name = "Ana", id = 7 }\n'
        b"date = 2025-10-01T08:00:00Z\n"
        b"\n"
        b"[params]\n"
        b"draft = true\n"
        b"+++\n"
        b"Body\n+++\n"
    )


def test_toml_literal_string_becomes_basic_only_when_it_must(tmp_path: Path) -> None:
    data = b"+++\ntitle = 'Old'\n+++\n"
    assert edit_file(tmp_path, data, title="It's new") == b'+++\ntitle = "It\'s new"\n+++\n'
    assert edit_file(tmp_path, data, title='Say "hi"') == b"+++\ntitle = 'Say \"hi\"'\n+++\n"


def test_toml_values_keep_their_type(tmp_path: Path) -> None:
    data = (
        b"+++\n"
        b"date = 2025-09-23T14:21:27+02:00\n"
        b"local = 2025-09-23T14:21:27\n"
        b"day = 2025-09-23\n"
        b'quoted = "2025-09-23T14:21:27Z"\n'
        b"literal = '2025-09-23'\n"
        b"count = 3\n"
        b"flag = false\n"
        b"+++\n"
    )
    result = edit_file(
        tmp_path,
        data,
        date=MOMENT,
        local=MOMENT,
        day=MOMENT,
        quoted=MOMENT,
        literal=MOMENT,
        count="4",
        flag="yes",
    )
    assert result == (
        b"+++\n"
        b"date = 2025-10-01T10:00:00+02:00\n"
        b"local = 2025-10-01T08:00:00\n"
        b"day = 2025-10-01\n"
        b'quoted = "2025-10-01T08:00:00Z"\n'
        b"literal = '2025-10-01'\n"
        b"count = 4\n"
        b"flag = true\n"
        b"+++\n"
    )
    meta = parse_front(split(result))
    assert isinstance(meta["date"], dt.datetime)
    assert isinstance(meta["quoted"], str)


def test_new_toml_key_goes_before_the_first_table(tmp_path: Path) -> None:
    data = b'+++\ntitle = "A"\n\n[params]\nx = 1\n\n[[menu.main]]\nname = "n"\n+++\nbody\n'
    assert edit_file(tmp_path, data, article_id=42, draft=True) == (
        b'+++\ntitle = "A"\narticle_id = 42\ndraft = true\n\n[params]\nx = 1\n\n[[menu.main]]\nname = "n"\n+++\nbody\n'
    )


def test_new_toml_key_is_top_level_even_when_a_table_has_it(tmp_path: Path) -> None:
    data = b'+++\ntitle = "A"\n[params]\nsource = "inner"\n+++\n'
    result = edit_file(tmp_path, data, source="outer")
    assert result == b'+++\ntitle = "A"\nsource = "outer"\n[params]\nsource = "inner"\n+++\n'
    assert parse_front(split(result)) == {
        "title": "A",
        "source": "outer",
        "params": {"source": "inner"},
    }


def test_new_toml_key_when_only_tables_or_nothing(tmp_path: Path) -> None:
    assert edit_file(tmp_path, b"+++\n[params]\nx = 1\n+++\n", draft=True) == (
        b"+++\ndraft = true\n[params]\nx = 1\n+++\n"
    )
    assert edit_file(tmp_path, b"+++\n+++\nbody", draft=True) == b"+++\ndraft = true\n+++\nbody"
    assert edit_file(tmp_path, b'+++\ntitle = "A"\n+++\n', summary="S") == (
        b'+++\ntitle = "A"\nsummary = "S"\n+++\n'
    )


def test_new_toml_key_after_dotted_keys_still_goes_before_the_first_table(tmp_path: Path) -> None:
    # A dotted key makes a table in the parsed document; the new key used to land in [params]
    # and the edit was refused.
    data = b'+++\ntitle = "A"\nbuild.list = "never"\n\n[params]\nx = 1\n+++\n'
    assert edit_file(tmp_path, data, draft=True) == (
        b'+++\ntitle = "A"\nbuild.list = "never"\ndraft = true\n\n[params]\nx = 1\n+++\n'
    )


def test_toml_lines_that_look_like_tables_inside_values(tmp_path: Path) -> None:
    data = b'+++\ntitle = """\n[params]\n"""\ntags = [\n  [1],\n]\n[params]\nx = 1\n+++\n'
    assert edit_file(tmp_path, data, draft=True) == (
        b'+++\ntitle = """\n[params]\n"""\ntags = [\n  [1],\n]\ndraft = true\n[params]\nx = 1\n+++\n'
    )


def test_nan_is_left_alone_by_an_edit(tmp_path: Path) -> None:
    # nan equals nothing, not even itself: the read-back check used to call it changed.
    data = b"+++\ndraft = false\nscore = nan\n+++\n"
    assert edit_file(tmp_path, data, draft=True) == b"+++\ndraft = true\nscore = nan\n+++\n"


def test_toml_crlf_bom_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    data = (
        BOM
        + b'+++\r\ntitle = "A"\r\ndraft = true\r\n[params]\r\nx = 1\r\n+++\r\nLine one\r\nLine two'
    )
    assert edit_file(tmp_path, data, draft=False, source="Wire") == (
        BOM
        + b'+++\r\ntitle = "A"\r\ndraft = false\r\nsource = "Wire"\r\n[params]\r\nx = 1\r\n+++\r\nLine one\r\nLine two'
    )


def test_toml_multiline_strings_and_arrays(tmp_path: Path) -> None:
    data = b'+++\nsummary = """\nTwo\nlines"""\ntags = [\n  "a",\n  "b",\n]\ndraft = true\n+++\n'
    result = edit_file(tmp_path, data, draft=False)
    assert result == data.replace(b"draft = true", b"draft = false")
    result = edit_file(tmp_path, data, summary="Three\nshort\nlines")
    assert (
        result
        == b'+++\nsummary = """\nThree\nshort\nlines"""\ntags = [\n  "a",\n  "b",\n]\ndraft = true\n+++\n'
    )


def test_toml_edit_with_plus_lines_in_body(tmp_path: Path) -> None:
    data = b"+++\ndraft = true\n+++\n```\n+++\ndraft = true\n+++\n```\n"
    assert edit_file(tmp_path, data, draft=False) == data.replace(
        b"draft = true", b"draft = false", 1
    )


def test_the_sample_article_changes_in_one_value_only(sample_desk: Path) -> None:
    path = sample_desk / "content/world/lower-marsh-flood-barrier-vote.md"
    before = path.read_bytes()
    service = DocumentService(sample_desk)
    article = service.load(path)
    article.set_value("date", dt.datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    service.save(article)
    assert path.read_bytes() == before.replace(
        b'date = "2026-11-22T14:25:00Z"', b'date = "2026-12-01T09:30:00Z"'
    )


# --- YAML and JSON ---------------------------------------------------------------------------------

RICH_YAML = (
    b"---\n"
    b"title: Old title  # comment\n"
    b"draft: true\n"
    b"date: 2025-09-23T14:21:27Z\n"
    b"summary: 'It''s here'\n"
    b'quote: "double"\n'
    b"tags: [a, b]\n"
    b"---\n"
    b"Body\n---\nmore\n"
)


def test_yaml_edit_changes_only_value_bytes(tmp_path: Path) -> None:
    assert edit_file(tmp_path, RICH_YAML, draft=False) == RICH_YAML.replace(
        b"draft: true", b"draft: false"
    )
    result = edit_file(
        tmp_path,
        RICH_YAML,
        title="New title",
        summary="It's new",
        quote="x: y",
        date=MOMENT,
        tags=["c", "d e"],
    )
    assert result == (
        b"---\n"
        b"title: New title  # comment\n"
        b"draft: true\n"
        b"date: 2025-10-01T08:00:00Z\n"
        b"summary: 'It''s new'\n"
        b'quote: "x: y"\n'
        b"tags: [c, d e]\n"
        b"---\n"
        b"Body\n---\nmore\n"
    )


def test_yaml_new_key_and_crlf(tmp_path: Path) -> None:
    data = b"---\r\ntitle: A\r\n---\r\nbody"
    assert edit_file(tmp_path, data, draft=True) == b"---\r\ntitle: A\r\ndraft: true\r\n---\r\nbody"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_new_yaml_key_goes_before_the_blank_lines_that_end_the_front_matter(
    tmp_path: Path, newline: str
) -> None:
    """jaegertracing's files end their front matter with a blank line: "draft: true" came after
    it, set off from the keys (and the list) above."""
    data = "---|title: A|children:|- url: m||---|body".replace("|", newline).encode()
    expected = "---|title: A|children:|- url: m|draft: true||---|body".replace("|", newline)
    assert edit_file(tmp_path, data, draft=True) == expected.encode()


def test_yaml_block_scalars(tmp_path: Path) -> None:
    data = b"---\ntitle: >-\n  folded\n  text\ndraft: false\n---\n"
    assert (
        edit_file(tmp_path, data, title="one line")
        == b"---\ntitle: >-\n  one line\ndraft: false\n---\n"
    )


RICH_JSON = (
    b"{\n"
    b'    "title": "Old",\n'
    b'    "draft": true,\n'
    b'    "tags": ["a", "b"],\n'
    b'    "date": "2025-09-23T14:21:27Z"\n'
    b"}\n"
    b"\n"
    b"<p>Body</p>\n"
)


def test_json_edit_keeps_key_order_and_indentation(tmp_path: Path) -> None:
    assert edit_file(tmp_path, RICH_JSON, draft=False) == RICH_JSON.replace(
        b'"draft": true', b'"draft": false'
    )
    result = edit_file(tmp_path, RICH_JSON, title="Новый", date=MOMENT, article_id=42)
    assert result == (
        b"{\n"
        b'    "title": "\xd0\x9d\xd0\xbe\xd0\xb2\xd1\x8b\xd0\xb9",\n'
        b'    "draft": true,\n'
        b'    "tags": ["a", "b"],\n'
        b'    "date": "2025-10-01T08:00:00Z",\n'
        b'    "article_id": 42\n'
        b"}\n"
        b"\n"
        b"<p>Body</p>\n"
    )


def test_json_on_one_line_and_empty_object(tmp_path: Path) -> None:
    data = b'{"title": "A", "draft": "false"}\r\nbody'
    assert (
        edit_file(tmp_path, data, draft="true", n=1)
        == b'{"title": "A", "draft": "true", "n": 1}\r\nbody'
    )
    assert edit_file(tmp_path, b"{}\nbody", title="T") == b'{\n  "title": "T"\n}\nbody'


def test_json_spans() -> None:
    front = '{ "a" : 1 , "b":{"x": [1, "}"]},"c": "q\\"" }'
    spans = json_spans(front)
    assert {key: front[start:end] for key, (start, end) in spans.items()} == {
        "a": "1",
        "b": '{"x": [1, "}"]}',
        "c": '"q\\""',
    }


# --- no front matter, refusals ---------------------------------------------------------------------


def test_file_without_front_matter_gets_a_toml_block(tmp_path: Path) -> None:
    data = b"<p>Hello</p>\r\n<p>World</p>"
    assert edit_file(tmp_path, data, draft=True, title="Hi") == (
        b'+++\r\ndraft = true\r\ntitle = "Hi"\r\n+++\r\n<p>Hello</p>\r\n<p>World</p>'
    )
    assert (
        edit_file(tmp_path, BOM + b"Hello\n", draft=True)
        == BOM + b"+++\ndraft = true\n+++\nHello\n"
    )


def test_no_edits_returns_the_same_split() -> None:
    original = split(b'+++\ntitle = "A"\n+++\n')
    assert apply_edits(original, {}) is original


@pytest.mark.parametrize(
    ("data", "edits"),
    [
        pytest.param(b"---\nparams:\n  a: 1\n---\n", {"params": 5}, id="yaml-nested"),
        pytest.param(b"---\ntitle: A\n---\n", {"when": dt.time(10, 0)}, id="yaml-unwritable"),
    ],
)
def test_edits_that_cannot_be_made_cleanly_raise(data: bytes, edits: dict[str, Any]) -> None:
    with pytest.raises(EditError):
        apply_edits(split(data), edits)


def test_apply_edits_result_reads_back() -> None:
    original = split(b'+++\ntitle = "A"\ndate = 2025-01-01T00:00:00Z\n+++\nbody')
    edited = apply_edits(
        original, {"date": dt.datetime(2025, 2, 2, 3, 4, 5, 600000, tzinfo=UTC), "n": [1, 2]}
    )
    assert edited.format is Format.TOML
    # TOML datetimes are written to the second, like the ones already in the file.
    assert parse_front(edited) == {
        "title": "A",
        "date": dt.datetime(2025, 2, 2, 3, 4, 5, tzinfo=UTC),
        "n": [1, 2],
    }
    assert edited.body == "body"


SUBSECOND = dt.datetime(2025, 2, 2, 3, 4, 5, 600000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"+++\ndate = 2025-01-01T00:00:00Z\n+++\n",
            b"+++\ndate = 2025-02-02T03:04:05Z\n+++\n",
            id="toml-datetime",
        ),
        pytest.param(
            b'+++\ndate = "2025-01-01T00:00:00Z"\n+++\n',
            b'+++\ndate = "2025-02-02T03:04:05Z"\n+++\n',
            id="toml-string",
        ),
        pytest.param(
            b"---\ndate: 2025-01-01T00:00:00Z\n---\n",
            b"---\ndate: 2025-02-02T03:04:05Z\n---\n",
            id="yaml-timestamp",
        ),
        pytest.param(
            b'{"date": "2025-01-01T00:00:00Z"}\n',
            b'{"date": "2025-02-02T03:04:05Z"}\n',
            id="json-string",
        ),
        pytest.param(
            b'+++\ntitle = "x"\n+++\n',
            b'+++\ntitle = "x"\ndate = 2025-02-02T03:04:05Z\n+++\n',
            id="toml-new-key",
        ),
        pytest.param(
            b"---\ntitle: x\n---\n",
            b"---\ntitle: x\ndate: 2025-02-02T03:04:05+00:00\n---\n",
            id="yaml-new-key",
        ),
        # JSON has no date type: a new date is written as a string and must still count as written.
        pytest.param(
            b'{"title": "x"}\n',
            b'{"title": "x", "date": "2025-02-02T03:04:05Z"}\n',
            id="json-new-key",
        ),
    ],
)
def test_a_moment_with_microseconds_is_written_to_the_second(
    tmp_path: Path, data: bytes, expected: bytes
) -> None:
    # A date picker or datetime.now() gives microseconds; files hold seconds. This used to raise EditError.
    assert edit_file(tmp_path, data, date=SUBSECOND) == expected


def test_an_rfc_1123_date_string_keeps_its_layout(tmp_path: Path) -> None:
    data = b'+++\ndate = "Mon, 16 Jun 2025 08:00:00 +0200"\n+++\n'
    assert (
        edit_file(tmp_path, data, date=MOMENT)
        == b'+++\ndate = "Wed, 01 Oct 2025 10:00:00 +0200"\n+++\n'
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"---\ndraft:\ntitle: x\n---\n", b"---\ndraft: true\ntitle: x\n---\n", id="bare"
        ),
        pytest.param(b"---\ndraft: # c\n---\n", b"---\ndraft: true # c\n---\n", id="comment"),
        pytest.param(b"---\ndraft:\r\n---\r\n", b"---\ndraft: true\r\n---\r\n", id="crlf"),
    ],
)
def test_yaml_empty_value_is_filled_after_its_colon(data: bytes, expected: bytes) -> None:
    # An empty (null) YAML value's mark may sit on the next line; writing there broke the file.
    assert apply_edits(split(data), {"draft": True}).encode() == expected


def test_yaml_infinity_is_written_as_yaml_infinity() -> None:
    edited = apply_edits(split(b"---\nscore: 1.5\n---\n"), {"score": float("-inf")})
    assert edited.encode() == b"---\nscore: -.inf\n---\n"


def test_a_multi_line_string_in_a_crlf_file_gets_crlf_line_breaks() -> None:
    from editor.core.frontmatter import split

    data = b'+++\r\ntitle = "T"\r\nsummary = """\r\nline one\r\nline two"""\r\n+++\r\nbody\r\n'
    result = apply_edits(split(data), {"summary": "new one\nnew two"}).encode()
    assert result == (
        b'+++\r\ntitle = "T"\r\nsummary = """\r\nnew one\r\nnew two"""\r\n+++\r\nbody\r\n'
    )


def test_yaml_block_values_stay_blocks() -> None:
    """Typing at the end of a folded summary wrote a double-quoted string with a \\n in it."""
    from editor.core.frontmatter import read

    cases = [
        ("summary: >\n  one\n  two\n", "one two more\n", "summary: >\n  one two more\n"),
        ("summary: >\n  one\n", "one\ntwo\n", "summary: >\n  one\n\n  two\n"),
        ("summary: >\n  one\n", "one\n\ntwo\n", "summary: >\n  one\n\n\n  two\n"),
        ("summary: |\n  one\n", "one\n  two\n", "summary: |\n  one\n    two\n"),
        ("summary: |  # note\n    one\n", "x\ny\n", "summary: |  # note\n    x\n    y\n"),
        ("summary: |\n  one\n", "one\n\n", "summary: |+\n  one\n\n"),
        ("summary: >-\n  one\n", "two", "summary: >-\n  two\n"),
        # What a block cannot hold as is goes double-quoted, as before.
        ("summary: >\n  one\n", " lead\n", 'summary: " lead\\n"\n'),
        ("summary: >\n  one\n", "a\n  b\n", 'summary: "a\\n  b\\n"\n'),
        ("summary: |2\n   one\n", "two\n", 'summary: "two\\n"\n'),
    ]
    for front, value, expected in cases:
        split_file, metadata = read(f"---\ntitle: T\n{front}draft: true\n---\n".encode())
        edited = apply_edits(split_file, {"summary": value}, metadata).text()
        assert edited == f"---\ntitle: T\n{expected}draft: true\n---\n", (front, value)


def test_yaml_block_values_keep_the_blank_lines_after_them() -> None:
    from editor.core.frontmatter import split

    for before, after in [
        (
            "---\nsummary: |-\n  hello\n\ntitle: x\n---\n",
            "---\nsummary: |-\n  new\n\ntitle: x\n---\n",
        ),
        (
            "---\nsummary: >\n  hello\n  there\n\n\ntitle: x\n---\n",
            "---\nsummary: >-\n  new\n\n\ntitle: x\n---\n",  # still a block, without a final break
        ),
        (
            "---\nsummary: |\n  one\n  two\n\n# note\n---\n",
            "---\nsummary: |-\n  new\n\n# note\n---\n",
        ),
    ]:
        assert apply_edits(split(before.encode()), {"summary": "new"}).encode() == after.encode()


def test_a_yaml_complex_key_does_not_stop_an_edit_of_another_key() -> None:
    from editor.core.frontmatter import split

    data = b"---\n? [x, y]\n: z\ndraft: true\n---\nb\n"
    assert (
        apply_edits(split(data), {"draft": False}).encode()
        == b"---\n? [x, y]\n: z\ndraft: false\n---\nb\n"
    )


# --- removing keys and editing tables key by key (what a merge replays) ----------------------------

NESTED = {
    "toml": b'+++\ntitle = "A"  # t\ndraft = true\n\n[params]\nauthor = "Ana"  # who\nlast = "x"\n+++\nBody\n',
    "yaml": b"---\ntitle: A  # t\ndraft: true\n\nparams:\n  author: Ana  # who\n  last: x\n---\nBody\n",
    "json": b'{\n  "title": "A",\n  "draft": true,\n  "params": {\n    "author": "Ana",\n    "last": "x"\n  }\n}\nBody\n',
}
AUTHOR_EDITED = {
    "toml": (b'author = "Ana"', b'author = "Bo"'),
    "yaml": (b"author: Ana", b"author: Bo"),
    "json": (b'"author": "Ana"', b'"author": "Bo"'),
}
DRAFT_REMOVED = {
    "toml": (b"draft = true\n", b""),
    "yaml": (b"draft: true\n", b""),
    "json": (b'  "draft": true,\n', b""),
}


@pytest.mark.parametrize("fmt", NESTED)
def test_a_table_edit_changes_only_the_nested_value(fmt: str) -> None:
    edited = apply_edits(split(NESTED[fmt]), {"params": {"author": "Bo", "last": "x"}})
    assert edited.encode() == NESTED[fmt].replace(*AUTHOR_EDITED[fmt])


@pytest.mark.parametrize("fmt", NESTED)
def test_remove_deletes_the_key_line_only(fmt: str) -> None:
    edited = apply_edits(split(NESTED[fmt]), {"draft": REMOVE})
    assert edited.encode() == NESTED[fmt].replace(*DRAFT_REMOVED[fmt])
    assert "draft" not in parse_front(edited)


@pytest.mark.parametrize("fmt", NESTED)
def test_a_key_removed_from_a_table_and_one_added(fmt: str) -> None:
    edited = apply_edits(split(NESTED[fmt]), {"params": {"author": "Ana", "new": 3}})
    assert parse_front(edited)["params"] == {"author": "Ana", "new": 3}
    assert parse_front(edited)["title"] == "A"
    assert edited.body == "Body\n"
