"""The three-way merge on real bytes: a table of cases per front matter format.

Each case edits the base on one or both sides by replacing exact bytes, and says what the merge must
give: the exact bytes (both edits in place, nothing else moved) or the keys in conflict.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.edit_common import REMOVE
from editor.core.field_changes import MISSING
from editor.core.frontmatter import BOM, parse_front, split
from editor.core.merge import MergeError, merge, versions_from_marked
from tests.helpers import SEED_ARTICLE

SEED = SEED_ARTICLE

BASES = {
    "toml": (
        b"+++\n"
        b"# Metadata for the desk\n"
        b'title = "Harbour reopens"\n'
        b'date = "2026-03-02T09:30:00Z"\n'
        b"draft = true   # still in review\n"
        b"\n"
        b'source = "Wire"\n'
        b'tags = ["port", "shipping"]\n'
        b"\n"
        b"[params]\n"
        b'author = "Ana"\n'
        b'desk = "city"\n'
        b"+++\n"
        b"First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    ),
    "yaml": (
        b"---\n"
        b"# Metadata for the desk\n"
        b"title: Harbour reopens\n"
        b"date: '2026-03-02T09:30:00Z'\n"
        b"draft: true   # still in review\n"
        b"\n"
        b"source: Wire\n"
        b"tags: [port, shipping]\n"
        b"\n"
        b"params:\n"
        b"  author: Ana\n"
        b"  desk: city\n"
        b"---\n"
        b"First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    ),
    "json": (
        b"{\n"
        b'  "title": "Harbour reopens",\n'
        b'  "date": "2026-03-02T09:30:00Z",\n'
        b'  "draft": true,\n'
        b'  "source": "Wire",\n'
        b'  "tags": ["port", "shipping"],\n'
        b'  "params": {\n'
        b'    "author": "Ana",\n'
        b'    "desk": "city"\n'
        b"  }\n"
        b"}\n"
        b"First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    ),
}

# Logical edits as (old bytes, new bytes) per format.
_T = {"toml": ('"', '"', " = "), "yaml": ("", "", ": "), "json": ('"', '"', ": ")}


def _kv(fmt: str, key: str, value: str) -> bytes:
    if fmt == "toml":
        return f'{key} = "{value}"'.encode()
    if fmt == "yaml":
        return f"{key}: {value}".encode()
    return f'"{key}": "{value}"'.encode()


def _date(fmt: str, value: str) -> bytes:
    if fmt == "yaml":
        return f"date: '{value}'".encode()
    return _kv(fmt, "date", value)


def _tags(fmt: str, *tags: str) -> bytes:
    if fmt == "toml":
        return ("tags = [" + ", ".join(f'"{t}"' for t in tags) + "]").encode()
    if fmt == "yaml":
        return ("tags: [" + ", ".join(tags) + "]").encode()
    return ('"tags": [' + ", ".join(f'"{t}"' for t in tags) + "]").encode()


def _draft(fmt: str, value: str) -> bytes:
    return {"toml": f"draft = {value}", "yaml": f"draft: {value}", "json": f'"draft": {value}'}[
        fmt
    ].encode()


def ops(fmt: str) -> dict[str, tuple[bytes, bytes]]:
    title, source = "Harbour reopens", "Wire"
    return {
        "title_m": (_kv(fmt, "title", title), _kv(fmt, "title", "Harbour reopens at dawn")),
        "title_t": (_kv(fmt, "title", title), _kv(fmt, "title", "Harbour reopens after strike")),
        "date_t": (_date(fmt, "2026-03-02T09:30:00Z"), _date(fmt, "2026-03-03T10:00:00Z")),
        "draft_m": (_draft(fmt, "true"), _draft(fmt, "false")),
        "source_t": (_kv(fmt, "source", source), _kv(fmt, "source", "Agency")),
        "source_m": (_kv(fmt, "source", source), _kv(fmt, "source", "Staff")),
        "tags_m": (_tags(fmt, "port", "shipping"), _tags(fmt, "port", "shipping", "news")),
        "tags_t": (_tags(fmt, "port", "shipping"), _tags(fmt, "port")),
        "author_m": (_kv(fmt, "author", "Ana"), _kv(fmt, "author", "Bo")),
        "author_t": (_kv(fmt, "author", "Ana"), _kv(fmt, "author", "Cy")),
        "desk_t": (_kv(fmt, "desk", "city"), _kv(fmt, "desk", "metro")),
        "body_m": (b"First paragraph.", b"First paragraph, edited here."),
        "body_t": (b"Third paragraph.", b"Third paragraph, edited outside."),
        "body_t_first": (b"First paragraph.", b"First paragraph, edited outside."),
    }


def edited(fmt: str, *names: str) -> bytes:
    data = BASES[fmt]
    table = ops(fmt)
    for name in names:
        old, new = table[name]
        assert data.count(old) == 1, (fmt, name)
        data = data.replace(old, new)
    return data


FORMATS = list(BASES)

# (mine edits, theirs edits): the clean result is the base with all of them applied.
CLEAN = {
    "one side: mine": (["title_m"], []),
    "one side: theirs": ([], ["source_t"]),
    "both sides, same change": (["title_m"], ["title_m"]),
    "adjacent keys (title, date)": (["title_m"], ["date_t"]),
    "next to a comment and a blank line": (["draft_m"], ["source_t"]),
    "lists as whole values, one side": (["tags_m"], ["title_t"]),
    "nested table, different keys": (["author_m"], ["desk_t"]),
    "body, different paragraphs": (["body_m"], ["body_t"]),
    "fields and body": (["title_m", "body_m"], ["date_t", "body_t"]),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CLEAN)
def test_clean_merges_keep_every_other_byte(fmt: str, case: str) -> None:
    mine_ops, theirs_ops = CLEAN[case]
    result = merge(BASES[fmt], edited(fmt, *mine_ops), edited(fmt, *theirs_ops))
    assert result.clean
    assert result.data == edited(fmt, *dict.fromkeys(mine_ops + theirs_ops))


CONFLICTS = {
    "both changed title differently": (["title_m"], ["title_t"], ["title"]),
    "both changed a list differently": (["tags_m"], ["tags_t"], ["tags"]),
    "both changed one nested key": (["author_m"], ["author_t"], ["params.author"]),
    "one conflict among clean edits": (["title_m", "draft_m"], ["title_t", "date_t"], ["title"]),
    "both changed source": (["source_m"], ["source_t"], ["source"]),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CONFLICTS)
def test_conflicts_name_each_field_with_its_three_values(fmt: str, case: str) -> None:
    mine_ops, theirs_ops, keys = CONFLICTS[case]
    base, mine, theirs = BASES[fmt], edited(fmt, *mine_ops), edited(fmt, *theirs_ops)
    result = merge(base, mine, theirs)
    assert not result.clean
    assert result.data is None
    assert [conflict.key for conflict in result.conflicts] == keys
    base_meta, mine_meta, theirs_meta = (parse_front(split(d)) for d in (base, mine, theirs))
    for conflict in result.conflicts:
        assert conflict.base == _at(base_meta, conflict.path)
        assert conflict.mine == _at(mine_meta, conflict.path)
        assert conflict.theirs == _at(theirs_meta, conflict.path)


def _at(metadata: dict, path: tuple[str, ...]) -> object:
    for key in path:
        metadata = metadata[key]
    return metadata


@pytest.mark.parametrize("fmt", FORMATS)
def test_resolving_a_conflict_writes_the_chosen_value_and_the_clean_edits(fmt: str) -> None:
    result = merge(BASES[fmt], edited(fmt, "title_m", "draft_m"), edited(fmt, "title_t", "date_t"))
    assert result.resolve({"title": "Harbour reopens after strike"}) == edited(
        fmt, "title_t", "draft_m", "date_t"
    )
    assert result.resolve({}) == edited(fmt, "title_m", "draft_m", "date_t")


@pytest.mark.parametrize("fmt", FORMATS)
def test_body_conflict_is_reported_as_a_hunk_and_marked_on_request(fmt: str) -> None:
    base, mine, theirs = BASES[fmt], edited(fmt, "body_m"), edited(fmt, "body_t_first")
    result = merge(base, mine, theirs)
    assert result.data is None and not result.conflicts
    (hunk,) = result.body_conflicts
    assert hunk.base == ("First paragraph.\n",)
    assert hunk.mine == ("First paragraph, edited here.\n",)
    assert hunk.theirs == ("First paragraph, edited outside.\n",)
    marked = merge(base, mine, theirs, markers=True).data
    assert marked is not None
    assert (
        b"<<<<<<< ours\nFirst paragraph, edited here.\n||||||| base\nFirst paragraph.\n"
        b"=======\nFirst paragraph, edited outside.\n>>>>>>> theirs\n"
    ) in marked
    assert result.resolve({}, ["Both.\n"]).endswith(
        b"Both.\n\nSecond paragraph.\n\nThird paragraph.\n"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_marked_field_conflict_reads_back_as_the_same_conflict(fmt: str) -> None:
    base, mine, theirs = BASES[fmt], edited(fmt, "title_m", "draft_m"), edited(fmt, "title_t")
    marked = merge(base, mine, theirs, markers=True).data
    assert marked is not None
    title_m, title_t = ops(fmt)["title_m"][1], ops(fmt)["title_t"][1]
    assert re.search(rb"<<<<<<< ours\n *" + re.escape(title_m), marked)
    assert re.search(rb"=======\n *" + re.escape(title_t), marked)
    versions = versions_from_marked(marked)
    assert versions is not None
    again = merge(*versions)
    assert [c.key for c in again.conflicts] == ["title"]
    assert again.resolve({}) == edited(fmt, "title_m", "draft_m")


# --- added and removed keys --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_add_add_same_value_is_clean_and_different_values_conflict(fmt: str) -> None:
    base = BASES[fmt]
    one = _added(fmt, base, "slug", "harbour")
    other = _added(fmt, base, "slug", "port")
    assert merge(base, one, one).data == one
    result = merge(base, one, other)
    assert [(c.key, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("slug", MISSING, "harbour", "port")
    ]


def _added(fmt: str, data: bytes, key: str, value: str) -> bytes:
    from editor.core.edit import apply_edits

    return apply_edits(split(data), {key: value}).encode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_added_on_one_side_and_another_edited_on_the_other(fmt: str) -> None:
    base = BASES[fmt]
    theirs = _added(fmt, base, "slug", "harbour")
    result = merge(base, edited(fmt, "title_m"), theirs)
    assert result.clean
    assert result.data == _added(fmt, edited(fmt, "title_m"), "slug", "harbour")


@pytest.mark.parametrize("fmt", FORMATS)
def test_delete_on_one_side_edit_elsewhere_is_clean(fmt: str) -> None:
    from editor.core.edit import apply_edits

    base = BASES[fmt]
    theirs = apply_edits(split(base), {"source": REMOVE}).encode()
    result = merge(base, edited(fmt, "title_m"), theirs)
    assert result.clean
    meta = parse_front(split(result.data))
    assert "source" not in meta and meta["title"] == "Harbour reopens at dawn"
    assert result.data == apply_edits(split(edited(fmt, "title_m")), {"source": REMOVE}).encode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_delete_against_edit_of_the_same_key_conflicts(fmt: str) -> None:
    from editor.core.edit import apply_edits

    base = BASES[fmt]
    theirs = apply_edits(split(base), {"source": REMOVE}).encode()
    result = merge(base, edited(fmt, "source_m"), theirs)
    assert [(c.key, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("source", "Wire", "Staff", MISSING)
    ]
    assert b"source" not in result.resolve({"source": REMOVE}).split(b"First")[0]


# --- case, line endings, BOM, comments ---------------------------------------------------------


def test_a_key_renamed_in_case_only_is_the_same_key() -> None:
    base = BASES["toml"]
    mine = base.replace(b'title = "Harbour reopens"', b'Title = "Harbour reopens"')
    theirs = edited("toml", "title_t")
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.data == mine.replace(
        b'Title = "Harbour reopens"', b'Title = "Harbour reopens after strike"'
    )


def test_crlf_files_stay_crlf() -> None:
    crlf = {name: (old.replace(b"\n", b"\r\n"), new) for name, (old, new) in ops("toml").items()}
    base = BASES["toml"].replace(b"\n", b"\r\n")
    mine = base.replace(*crlf["title_m"])
    theirs = base.replace(*crlf["date_t"]).replace(*crlf["body_t"])
    result = merge(base, mine, theirs)
    assert result.data == base.replace(*crlf["title_m"]).replace(*crlf["date_t"]).replace(
        *crlf["body_t"]
    )
    assert b"\n" not in result.data.replace(b"\r\n", b"")


def test_bom_is_kept_and_a_bom_added_on_one_side_is_taken() -> None:
    base = BOM + BASES["yaml"]
    result = merge(
        base, base.replace(*ops("yaml")["title_m"]), base.replace(*ops("yaml")["date_t"])
    )
    assert result.data == BOM + edited("yaml", "title_m", "date_t")
    plain = BASES["yaml"]
    result = merge(plain, BOM + plain, edited("yaml", "date_t"))
    assert result.data == BOM + edited("yaml", "date_t")


def test_comments_changed_outside_are_kept_when_mine_changed_values_only() -> None:
    base = BASES["toml"]
    theirs = base.replace(b"# Metadata for the desk\n", b"# Checked by the night desk\n")
    theirs = theirs.replace(*ops("toml")["source_t"])
    result = merge(base, edited("toml", "title_m"), theirs)
    assert result.data == theirs.replace(*ops("toml")["title_m"])


def test_comments_changed_on_both_sides_in_different_places_are_both_kept() -> None:
    base = BASES["toml"]
    mine = base.replace(b"# Metadata for the desk\n", b"# Mine\n").replace(*ops("toml")["title_m"])
    theirs = base.replace(b"still in review", b"checked").replace(*ops("toml")["source_t"])
    result = merge(base, mine, theirs)
    assert result.clean and not result.layout_lost
    assert result.data == mine.replace(b"still in review", b"checked").replace(
        *ops("toml")["source_t"]
    )


# --- deleted files and bad input ----------------------------------------------------------------


def test_a_deleted_file_against_an_unchanged_one_is_deleted() -> None:
    base = BASES["toml"]
    assert merge(base, None, base).deleted
    assert merge(base, base, None).deleted
    assert merge(base, None, None).deleted


def test_a_deleted_file_against_an_edited_one_conflicts() -> None:
    base = BASES["toml"]
    result = merge(base, edited("toml", "title_m"), None)
    assert not result.clean and result.deleted_by == "theirs" and result.data is None
    assert "deleted" in result.summary()
    assert merge(base, None, edited("toml", "title_t")).deleted_by == "mine"


def test_a_file_added_on_both_sides_merges_over_an_empty_base() -> None:
    one = BASES["toml"]
    assert merge(None, one, one).data == one
    result = merge(None, one, edited("toml", "title_t"))
    assert [c.key for c in result.conflicts] == ["title"]


@pytest.mark.parametrize(
    ("side", "name"), [(0, "The common version"), (1, "Your version"), (2, "The other version")]
)
def test_a_side_that_does_not_parse_is_never_merged_into(side: int, name: str) -> None:
    versions = [BASES["toml"], edited("toml", "title_m"), edited("toml", "date_t")]
    versions[side] = b'+++\ntitle = "unclosed\n+++\nBody\n'
    with pytest.raises(MergeError) as caught:
        merge(*versions)
    assert str(caught.value).startswith(f"{name} cannot be merged: Malformed TOML front matter")
    assert caught.value.side == ("base", "mine", "theirs")[side]


# --- the summary ---------------------------------------------------------------------------------


def test_summary_says_what_came_from_each_side() -> None:
    result = merge(BASES["toml"], edited("toml", "title_m"), edited("toml", "source_t"))
    assert result.summary() == "source changed outside; your title edit kept"
    assert [(t.side, t.key, t.kind.value) for t in result.taken] == [
        ("theirs", "source", "changed"),
        ("mine", "title", "changed"),
    ]
    result = merge(BASES["toml"], edited("toml", "title_m"), edited("toml", "title_t", "body_t"))
    assert result.summary() == "the body changed outside; both changed title"


# --- the seed article ------------------------------------------------------------------------------


def test_seed_article_adjacent_title_and_date_edits_merge() -> None:
    seed = SEED.read_bytes()
    mine = seed.replace(b'title = "Huawei', b'title = "Exclusive: Huawei')
    theirs = seed.replace(b'date = "2025-09-23T14:21:27Z"', b'date = "2025-09-24T06:00:00Z"')
    result = merge(seed, mine, theirs)
    assert result.data == mine.replace(
        b'date = "2025-09-23T14:21:27Z"', b'date = "2025-09-24T06:00:00Z"'
    )
    assert result.summary() == "date changed outside; your title edit kept"


def test_a_merge_staged_on_the_new_version_saves_exactly_the_merge(tmp_path: Path) -> None:
    from editor.core.service import DocumentService

    base, mine, theirs = BASES["toml"], edited("toml", "title_m"), edited("toml", "source_t")
    path = tmp_path / "a.md"
    path.write_bytes(theirs)
    service = DocumentService(tmp_path)
    article = service.load(path)
    merged = merge(base, mine, theirs).data
    assert merged is not None
    assert article.stage_version(merged)
    assert article.edits == {"title": "Harbour reopens at dawn"} and article.new_body is None
    service.save(article)
    assert path.read_bytes() == merged == edited("toml", "title_m", "source_t")
