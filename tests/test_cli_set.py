"""The copydesk commands that write, driven through main() on real files: `set` (typed values),
`publish` and `draft`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import (
    BRIGHTWELL,
    BROKEN,
    CALDER,
    DRAFTS,
    HALDEN,
    LOCKERLOOP,
    PORT_AVALEN,
    VISTULA,
    run,
)

# --- set -------------------------------------------------------------------------------------------


def test_set_keeps_each_type_and_changes_only_the_values(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / CALDER
    before = path.read_bytes()
    status, out, err = run(
        capsys,
        "set",
        path,
        "date=2026-03-03T10:00:00+01:00",
        "article_id=42",
        "draft=yes",
        "title=Calder Bay: a record",
    )
    assert status == 0 and err == ""
    expected = (
        before.replace(b"date = 2026-03-02T09:30:00Z", b"date = 2026-03-03T09:00:00Z")
        .replace(b"article_id = 304117", b"article_id = 42")
        .replace(b"draft = false", b"draft = true")
        .replace(
            b'title = "Calder Bay Port Posts Record February Volumes as Northern Terminal Opens"',
            b'title = "Calder Bay: a record"',
        )
    )
    assert path.read_bytes() == expected
    assert out.splitlines() == [
        f'{path}: date: "2026-03-02T09:30:00+00:00" -> "2026-03-03T09:00:00+00:00"',
        f"{path}: article_id: 304117 -> 42",
        f"{path}: draft: false -> true",
        f'{path}: title: "Calder Bay Port Posts Record February Volumes as Northern Terminal Opens" -> "Calder Bay: a record"',
    ]


def test_set_keeps_a_date_string_in_its_own_shape(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / BRIGHTWELL
    before = path.read_bytes()
    status, _, _ = run(capsys, "set", path, "date=2026-11-01T09:15:00+01:00")
    assert status == 0
    assert path.read_bytes() == before.replace(
        b'date = "2026-10-29T07:00:00Z"', b'date = "2026-11-01T08:15:00Z"'
    )


def test_set_in_yaml_and_json(sample_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_path, json_path = sample_desk / LOCKERLOOP, sample_desk / PORT_AVALEN
    yaml_before, json_before = yaml_path.read_bytes(), json_path.read_bytes()
    assert run(capsys, "set", yaml_path, "feed_item_id=7")[0] == 0
    assert run(capsys, "set", json_path, "feed_item_id=7")[0] == 0
    assert yaml_path.read_bytes() == yaml_before.replace(b"feed_item_id: 40531", b"feed_item_id: 7")
    assert json_path.read_bytes() == json_before.replace(
        b'"feed_item_id": 41433', b'"feed_item_id": 7'
    )


def test_set_new_keys_are_read_as_toml_else_text(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / CALDER
    before = path.read_bytes()
    status, out, _ = run(
        capsys, "set", path, "priority=3", "desk_note=check figures", 'tags=["port", "freight"]'
    )
    assert status == 0
    marker = b'source = "Harbor Wire"\n'
    assert path.read_bytes() == before.replace(
        marker, marker + b'priority = 3\ndesk_note = "check figures"\ntags = ["port", "freight"]\n'
    )
    assert out.splitlines() == [
        f"{path}: priority: (new) -> 3",
        f'{path}: desk_note: (new) -> "check figures"',
        f'{path}: tags: (new) -> ["port", "freight"]',
    ]


def test_set_keeps_a_list_a_list(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\ntags = ["port"]\n+++\n')
    assert run(capsys, "set", path, "tags=port, freight")[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "T"\ntags = ["port", "freight"]\n+++\n'
    assert run(capsys, "set", path, "tags=[port, quay]")[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "T"\ntags = ["port", "quay"]\n+++\n'


def test_set_a_list_item_in_quotes_is_taken_without_them(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tags=[Release, "1.0.0"]`` (no TOML array: a bare word) wrote the quotes into the tag."""
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\ntags = ["port"]\n+++\n')
    assert run(capsys, "set", path, 'tags=[Release, "1.0.0"]')[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "T"\ntags = ["Release", "1.0.0"]\n+++\n'
    assert run(capsys, "set", path, "tags=\"floods, rain\", 'vote', it's")[0] == 0
    assert path.read_bytes() == (
        b'+++\ntitle = "T"\ntags = ["floods, rain", "vote", "it\'s"]\n+++\n'
    )
    assert run(capsys, "set", path, 'keywords=[x, "y"]')[0] == 0  # a new key, the same reading
    assert b'keywords = ["x", "y"]' in path.read_bytes()


def test_set_a_new_key_in_brackets_is_a_list_as_for_an_existing_one(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tags=[a, b]`` on a file with no tags wrote the text "[a, b]" (Hugo's one tag "[a, b]"),
    where the same words on a file that had tags made a list."""
    path = desk / "a.md"
    path.write_bytes(b"---\ntitle: T\n---\nBody\n")
    status, out, _ = run(capsys, "set", path, "tags=[floods, vote]", "note=[draft] check")
    assert status == 0
    assert (
        path.read_bytes()
        == b'---\ntitle: T\ntags: [floods, vote]\nnote: "[draft] check"\n---\nBody\n'
    )
    assert out.splitlines() == [
        f'{path}: tags: (new) -> ["floods", "vote"]',
        f'{path}: note: (new) -> "[draft] check"',
    ]


def test_set_matches_an_existing_key_case_insensitively(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / HALDEN
    before = path.read_bytes()
    status, out, _ = run(capsys, "set", path, "Draft=false")
    assert status == 0
    assert path.read_bytes() == before.replace(b"draft = true", b"draft = false")
    assert out == f"{path}: draft: true -> false\n"


def test_set_the_same_value_writes_nothing(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / CALDER
    stat_before = path.stat()
    status, out, _ = run(capsys, "set", path, "article_id=304117")
    assert (status, out) == (0, f"{path}: unchanged\n")
    assert path.stat().st_mtime_ns == stat_before.st_mtime_ns


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("article_id=abc", "article_id must be a whole number, not 'abc'"),
        ("draft=maybe", "draft must be true or false, not 'maybe'"),
        ("date=next week", "date: 'next week' is not a date"),
        ("params=x", "params is a table; edit its keys in a text editor"),
    ],
)
def test_set_refuses_values_of_the_wrong_type(
    sample_desk: Path, capsys: pytest.CaptureFixture[str], assignment: str, message: str
) -> None:
    path = sample_desk / VISTULA
    before = path.read_bytes()
    status, out, err = run(capsys, "set", path, "title=Also not written", assignment)
    assert status == 1 and out == ""
    assert err.startswith(f"copydesk: {path}: failed: {message}")
    assert path.read_bytes() == before


def test_set_on_a_malformed_file_fails_without_writing(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_desk / BROKEN
    before = path.read_bytes()
    status, _, err = run(capsys, "set", path, "title=Fixed")
    assert status == 1
    assert err.startswith(f"copydesk: {path}: failed: Malformed TOML front matter")
    assert path.read_bytes() == before


def test_set_edits_the_key_hugo_reads_when_two_spellings_exist(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "old lower"\nTitle = "old upper"\n+++\n')
    assert run(capsys, "set", path, "TITLE=new")[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "old lower"\nTitle = "new"\n+++\n'
    assert run(capsys, "set", path, "title=exact")[0] == 0  # the exact spelling is taken as asked
    assert path.read_bytes() == b'+++\ntitle = "exact"\nTitle = "new"\n+++\n'


# --- publish and draft -----------------------------------------------------------------------------


def test_publish_many_with_one_malformed_file(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafts = [sample_desk / name for name in DRAFTS]
    broken = sample_desk / BROKEN
    already = sample_desk / CALDER
    befores = {path: path.read_bytes() for path in [*drafts, broken, already]}
    status, out, err = run(capsys, "publish", drafts[0], broken, drafts[1], already, drafts[2])
    assert status == 1
    assert out.splitlines() == [
        f"{drafts[0]}: changed",
        f"{drafts[1]}: changed",
        f"{already}: unchanged",
        f"{drafts[2]}: changed",
    ]
    assert err.startswith(f"copydesk: {broken}: failed: Malformed TOML front matter")
    assert err.count("\n") == 1
    for path in drafts:
        assert path.read_bytes() == befores[path].replace(b"draft = true", b"draft = false")
    assert broken.read_bytes() == befores[broken]
    assert already.read_bytes() == befores[already]


def test_draft_adds_or_sets_the_flag_and_reports_missing_files(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml_path, json_path = sample_desk / CALDER, sample_desk / PORT_AVALEN
    toml_before, json_before = toml_path.read_bytes(), json_path.read_bytes()
    missing = sample_desk / "content" / "gone.md"
    status, out, err = run(capsys, "draft", toml_path, missing, json_path)
    assert status == 1
    assert out.splitlines() == [f"{toml_path}: changed", f"{json_path}: changed"]
    assert err == f"copydesk: {missing}: failed: no such file\n"
    assert toml_path.read_bytes() == toml_before.replace(b"draft = false", b"draft = true")
    assert json_path.read_bytes() == json_before.replace(b'"draft": false', b'"draft": true')


def test_publish_everything_fine_exits_zero(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "publish", sample_desk / HALDEN)
    assert (status, out, err) == (0, f"{sample_desk / HALDEN}: changed\n", "")


def test_set_failures_say_failed_as_publish_and_draft_do(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """set said "FILE: why" where publish and draft say "FILE: failed: why"."""
    missing = desk / "gone.md"
    assert (
        run(capsys, "set", missing, "title=x")[2] == f"copydesk: {missing}: failed: no such file\n"
    )
    assert run(capsys, "publish", missing)[2] == f"copydesk: {missing}: failed: no such file\n"
    assert run(capsys, "set", desk, "title=x")[2] == (
        f"copydesk: {desk}: failed: is a folder, not an article file\n"
    )
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\n+++\n')
    status, _, err = run(capsys, "set", path, '"title=x')
    assert (status, err) == (1, f'copydesk: {path}: failed: "title: a quote is not closed\n')
    assert path.read_bytes() == b'+++\ntitle = "T"\n+++\n'


def test_set_refuses_a_new_date_key_hugo_could_not_read(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\n+++\n')
    status, _, err = run(capsys, "set", path, "date=garbage")
    assert status == 1 and "not a date Hugo can read" in err
    assert path.read_bytes() == b'+++\ntitle = "T"\n+++\n'
    assert run(capsys, "set", path, "publishDate=2026-12-24T18:30:00Z")[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "T"\npublishDate = 2026-12-24T18:30:00Z\n+++\n'


def test_publish_refuses_a_link_out_of_the_site(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere" / "o.md"
    outside.parent.mkdir()
    outside.write_bytes(b'+++\ntitle = "O"\ndraft = true\n+++\n')
    link = desk / "link.md"
    link.symlink_to(outside)
    status, _, err = run(capsys, "publish", link)
    assert status == 1 and "outside" in err
    assert outside.read_bytes() == b'+++\ntitle = "O"\ndraft = true\n+++\n'


# --- dotted keys -----------------------------------------------------------------------------------


def test_set_a_dotted_key_edits_the_nested_key(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It added a top-level "params.region" key and left [params] alone."""
    path = sample_desk / VISTULA
    before = path.read_bytes()
    status, out, err = run(capsys, "set", path, "params.region=APAC")
    assert status == 0 and err == ""
    assert out == f'{path}: params.region: "EMEA" -> "APAC"\n'
    assert path.read_bytes() == before.replace(b'  region = "EMEA"', b'  region = "APAC"')
    status, out, _ = run(capsys, "show", path, "--json")
    assert '"region": "APAC"' in out and "params.region" not in out


def test_set_a_new_nested_key_in_each_format(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = desk / "a.md"
    toml.write_bytes(b'+++\ntitle = "T"\n[params]\nauthor = "X" # who\n+++\nBody\n')
    yaml = desk / "b.md"
    yaml.write_bytes(b"---\ntitle: T\nparams:\n  author: X # who\nnext: 1\n---\nBody\n")
    json_file = desk / "c.md"
    json_file.write_bytes(b'{\n  "title": "T",\n  "params": {\n    "author": "X"\n  }\n}\nBody\n')
    for path in (toml, yaml, json_file):
        assert run(capsys, "set", path, "params.author=Y", "params.pages=3")[0] == 0
    assert toml.read_bytes() == (
        b'+++\ntitle = "T"\n[params]\nauthor = "Y" # who\npages = 3\n+++\nBody\n'
    )
    assert yaml.read_bytes() == (
        b"---\ntitle: T\nparams:\n  author: Y # who\n  pages: 3\nnext: 1\n---\nBody\n"
    )
    assert json_file.read_bytes() == (
        b'{\n  "title": "T",\n  "params": {\n    "author": "Y",\n    "pages": 3\n  }\n}\nBody\n'
    )


def test_set_a_dotted_key_with_no_table_yet_makes_one(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\n+++\nBody\n')
    assert run(capsys, "set", path, "params.author=Y")[0] == 0
    assert path.read_bytes() == b'+++\ntitle = "T"\nparams.author = "Y"\n+++\nBody\n'


def test_a_quoted_dotted_key_is_one_literal_key(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / "a.md"
    path.write_bytes(b'+++\ntitle = "T"\n[params]\nauthor = "X"\n+++\nBody\n')
    assert run(capsys, "set", path, '"params.author"=Y')[0] == 0
    assert path.read_bytes() == (
        b'+++\ntitle = "T"\n"params.author" = "Y"\n[params]\nauthor = "X"\n+++\nBody\n'
    )


def test_a_dotted_key_through_a_value_that_is_no_table_is_refused(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk / "a.md"
    data = b'+++\ntitle = "T"\n+++\nBody\n'
    path.write_bytes(data)
    status, out, err = run(capsys, "set", path, "title.main=Y")
    assert status == 1 and out == ""
    assert "title is not a table" in err
    assert path.read_bytes() == data
