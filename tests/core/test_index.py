from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from editor.core import pool
from editor.core.index import ArticleSummary, summarize, summarize_metadata
from editor.core.listing import scan, scan_all
from editor.core.state import PublishState, StateReason
from editor.core.walk import article_paths, is_article_name, skips_folder

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def put(path: Path, data: bytes = b'+++\ntitle = "T"\n+++\n') -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_scan_finds_articles_and_skips_hidden_folders_and_node_modules(desk: Path) -> None:
    for name in (
        "a.md",
        "b.markdown",
        "c.html",
        "UPPER.MD",
        "news/2025/d.md",
        "news/e.htm",
        ".git/objects/f.md",
        ".hidden/g.md",
        "news/.drafts/h.md",
        "node_modules/pkg/readme.md",
        "themes/x/node_modules/i.md",
        ".hidden-file.md",
        "notes.txt",
        "image.png",
        "news/archive.md.bak",
    ):
        put(desk / name)
    (desk / "folder.md").mkdir()
    paths = [row.path for row in scan_all(desk, as_of=NOW)]
    # A folder's files come before its subfolders, names sorted: a stable order.
    assert paths == ["UPPER.MD", "a.md", "b.markdown", "c.html", "news/e.htm", "news/2025/d.md"]
    assert [p.relative_to(desk).as_posix() for p in article_paths(desk)] == paths
    assert all("\\" not in path for path in paths)


def test_scan_streams_batches(desk: Path) -> None:
    for n in range(7):
        put(desk / f"s{n % 3}" / f"{n}.md")
    batches = list(scan(desk, as_of=NOW, batch_size=3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    assert sorted(row.path for batch in batches for row in batch) == sorted(
        f"s{n % 3}/{n}.md" for n in range(7)
    )
    # A generator: the first batch comes before the rest of the folder is read.
    stream = scan(desk, as_of=NOW, batch_size=2)
    assert len(next(stream)) == 2


def test_scan_of_an_empty_or_missing_folder(desk: Path) -> None:
    assert list(scan(desk)) == []
    assert list(scan(desk / "missing")) == []


def test_rows_of_the_sample_desk(sample_desk: Path) -> None:
    rows = {row.path: row for row in scan_all(sample_desk, as_of=NOW)}
    assert len(rows) == 17
    assert all(path.startswith("content/") for path in rows)
    broken = rows["content/business/broken-front-matter.md"]
    assert broken.state is PublishState.INVALID
    assert "Malformed TOML" in broken.error and "line 2" in broken.error
    assert broken.title == ""
    others = [row for row in rows.values() if row is not broken]
    assert all(row.error is None and row.state is not PublishState.INVALID for row in others)
    ferry = rows["content/world/port-avalen-ferry-strike.md"]  # JSON front matter
    assert ferry.title == "Ferry Crews Strike in Port Avalen, Stranding Island Commuters"
    assert ferry.date == dt.datetime(2026, 10, 2, 8, 15, tzinfo=UTC)
    assert ferry.state is PublishState.PUBLISHED
    assert ferry.source == "Atlas World Bulletin"
    assert ferry.enclosure.endswith("port-avalen-ferry-terminal.png")
    assert ferry.size == (sample_desk / ferry.path).stat().st_size
    assert ferry.mtime_ns == (sample_desk / ferry.path).stat().st_mtime_ns
    barrier = rows["content/world/lower-marsh-flood-barrier-vote.md"]
    assert barrier.draft and barrier.state is PublishState.DRAFT


def test_scan_never_writes(sample_desk: Path) -> None:
    files = sorted(p for p in sample_desk.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    scan_all(sample_desk)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert sorted(p for p in sample_desk.rglob("*") if p.is_file()) == files


def test_invalid_rows_carry_the_error(desk: Path) -> None:
    put(desk / "binary.md", b"\x00\x01\x02")
    put(desk / "empty.md", b"")
    put(desk / "latin1.md", b'+++\ntitle = "caf\xe9"\n+++\n')
    put(desk / "unclosed.md", b'---\ntitle: "A"\n')
    put(desk / "deep.md", b"+++\na = " + b"[" * 3_000 + b"]" * 3_000 + b"\n+++\n")
    put(desk / "good.md", b"---\ntitle: Good\ndraft: true\n---\n")
    rows = {row.path: row for row in scan_all(desk, as_of=NOW)}
    for name in ("binary.md", "deep.md", "empty.md", "latin1.md", "unclosed.md"):
        row = rows[name]
        assert row.state is PublishState.INVALID, name
        assert row.error, name
        assert row.to_json()["state"] == "invalid"
        assert row.to_json()["error"] == row.error
    assert "UTF-8" in rows["latin1.md"].error and "line 2" in rows["latin1.md"].error
    assert "never closed" in rows["unclosed.md"].error
    assert rows["good.md"].error is None
    assert rows["good.md"].state is PublishState.DRAFT


def test_summarize_a_file_that_vanished(desk: Path) -> None:
    row = summarize(desk, desk / "gone.md", NOW)
    assert row.state is PublishState.INVALID
    assert row.error == "The file no longer exists"


def test_scan_of_a_single_file(desk: Path) -> None:
    path = put(desk / "news" / "one.md", b'+++\ntitle = "One"\ndate = 2030-01-01T00:00:00Z\n+++\n')
    rows = scan_all(path, as_of=NOW)
    assert [(row.path, row.title, row.state) for row in rows] == [
        ("one.md", "One", PublishState.SCHEDULED)
    ]


def test_summary_fields_and_json(desk: Path) -> None:
    meta = {
        "title": "T",
        "Date": "2025-01-02T03:04:05Z",
        "draft": "true",
        "source": "Wire",
        "source_link": "https://example.com/a",
        "enclosure": "/images/a.png",
        "summary": 42,
    }
    row = summarize_metadata("a/b.md", meta, NOW, mtime_ns=5, size=6)
    assert row == ArticleSummary(
        path="a/b.md",
        title="T",
        date=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        draft=True,
        state=PublishState.DRAFT,
        source="Wire",
        source_link="https://example.com/a",
        enclosure="/images/a.png",
        summary="42",
        mtime_ns=5,
        size=6,
        reason=StateReason("draft", "true"),
        publish_date=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),  # no publishDate: date
        date_key="date",
        fields=(
            ("title", "text"),
            ("Date", "datetime"),
            ("draft", "text"),
            ("source", "text"),
            ("source_link", "text"),
            ("enclosure", "text"),
            ("summary", "int"),
        ),
    )
    assert row.to_json() == {
        "path": "a/b.md",
        "title": "T",
        "date": "2025-01-02T03:04:05+00:00",
        "publish_date": "2025-01-02T03:04:05+00:00",
        "draft": True,
        "state": "draft",
        "source": "Wire",
        "source_link": "https://example.com/a",
        "enclosure": "/images/a.png",
        "error": None,
        "state_key": "draft",
        "reason": {"key": "draft", "value": "true", "via": None, "text": "draft: draft true"},
        "language": None,
    }
    empty = summarize_metadata("c.md", {}, NOW)
    assert (empty.title, empty.date, empty.draft, empty.state) == (
        "",
        None,
        False,
        PublishState.PUBLISHED,
    )


def test_state_uses_as_of(desk: Path) -> None:
    put(desk / "a.md", b'+++\npublishDate = "2026-12-01T00:00:00Z"\n+++\n')
    assert scan_all(desk, as_of=NOW)[0].state is PublishState.SCHEDULED
    assert (
        scan_all(desk, as_of=dt.datetime(2026, 12, 2, tzinfo=UTC))[0].state
        is PublishState.PUBLISHED
    )


def test_links_to_folders_are_not_followed(desk: Path, tmp_path: Path) -> None:
    put(tmp_path / "elsewhere" / "x.md")
    (desk / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    put(desk / "a.md")
    assert [row.path for row in scan_all(desk)] == ["a.md"]


def test_is_article_name() -> None:
    assert is_article_name("a.md") and is_article_name("a.Markdown") and is_article_name("a.html")
    assert not is_article_name(".a.md")
    assert not is_article_name("a.txt")
    assert not is_article_name("md")


def test_unreadable_folder_is_skipped(desk: Path, monkeypatch) -> None:
    put(desk / "ok" / "a.md")
    put(desk / "locked" / "b.md")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("editor.core.index.os.scandir", scandir)
    assert [row.path for row in scan_all(desk)] == ["ok/a.md"]


def test_a_process_pool_gives_the_same_rows_in_the_same_order(desk: Path, monkeypatch) -> None:
    for index in range(12):
        put(
            desk / "content" / f"s{index % 3}" / f"a{index:02d}.md",
            f'+++\ntitle = "Story {index}"\ndraft = {str(index % 2 == 0).lower()}\n+++\nbody\n'.encode(),
        )
    put(desk / "content" / "bad.md", b'+++\ntitle = "unclosed\n+++\n')
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    one = [row for batch in scan(desk, batch_size=4, workers=1) for row in batch]
    pooled_batches = list(scan(desk, batch_size=4, workers=2))
    pooled = [row for batch in pooled_batches for row in batch]
    assert pooled == one
    assert len(pooled_batches) == -(-len(one) // 4)
    assert any(row.error for row in pooled)


def test_rows_read_keys_as_hugo_does(desk: Path) -> None:
    put(
        desk / "content" / "case.md",
        b'+++\nTitle = "Upper wins"\ntitle = "lower"\nSource = "Wire"\n+++\n',
    )
    row = scan_all(desk)[0]
    assert (row.title, row.source) == ("Upper wins", "Wire")


def test_invalid_rows_carry_the_file_time_and_size(desk: Path) -> None:
    broken = put(desk / "broken.md", b'+++\ntitle = "unclosed\n+++\n')
    (desk / "folder.md").mkdir()  # opening it fails (not a file), but it has a time and size
    rows = {
        row.path: row
        for row in (summarize(desk, broken, NOW), summarize(desk, desk / "folder.md", NOW))
    }
    for name, row in rows.items():
        assert row.state is PublishState.INVALID and row.error, name
        info = (desk / name).stat()
        assert (row.mtime_ns, row.size) == (info.st_mtime_ns, info.st_size), name
    assert (
        summarize(desk, desk / "gone.md", NOW).mtime_ns,
        summarize(desk, desk / "gone.md", NOW).size,
    ) == (0, 0)


def test_a_date_hugo_cannot_read_makes_the_row_invalid(desk: Path) -> None:
    put(desk / "content" / "a.md", b'+++\ntitle = "T"\ndate = "2026-11-05 10:00"\n+++\n')
    put(
        desk / "content" / "b.md",
        b'+++\ntitle = "T"\ndate = ""\npublishDate = "2026-11-05T10:00:00Z"\n+++\n',
    )
    rows = {row.path: row for row in scan_all(desk)}
    bad = rows["content/a.md"]
    assert bad.state is PublishState.INVALID and bad.title == "T"
    assert "not a date Hugo can read" in bad.error
    assert (
        rows["content/b.md"].state is PublishState.PUBLISHED and rows["content/b.md"].error is None
    )


def test_a_link_to_a_file_outside_the_folder_is_listed_but_not_read(
    desk: Path, tmp_path: Path
) -> None:
    outside = put(tmp_path / "outside" / "o.md", b'+++\ntitle = "Secret"\n+++\n')
    (desk / "content").mkdir(parents=True, exist_ok=True)
    (desk / "content" / "link.md").symlink_to(outside)
    [row] = scan_all(desk)
    assert row.state is PublishState.INVALID and row.title == ""
    assert "outside the folder" in row.error


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("news", False),
        ("_index", False),
        ("a.b", False),
        ("2026", False),
        ("node_modules", True),
        ("__pycache__", True),
        (".git", True),
        (".hidden", True),
        (".", True),
        ("..", True),
        ("", True),
        ("Node_Modules", False),  # names are compared as written, as the file system gives them
    ],
)
def test_the_one_folder_skipping_rule(name: str, skipped: bool) -> None:
    assert skips_folder(name) is skipped


def test_the_walk_uses_the_folder_rule(tmp_path: Path) -> None:
    for folder in ("news", ".git", "node_modules", "__pycache__", "a.b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.md").write_text("+++\n+++\n", encoding="utf-8")
    found = sorted(path.parent.name for path in article_paths(tmp_path))
    assert found == ["a.b", "news"]


def test_the_merge_driver_covers_exactly_the_files_the_desk_lists() -> None:
    """One home for "which files are articles": the .gitattributes patterns come from it (*.htm too)."""
    from editor.core.site import ARTICLE_SUFFIXES
    from editor.core.walk import is_article_name
    from editor.merge_driver import PATTERNS

    assert {pattern.removeprefix("*") for pattern in PATTERNS} == ARTICLE_SUFFIXES
    assert all(is_article_name(f"a{suffix}") for suffix in ARTICLE_SUFFIXES)
    assert is_article_name("a.htm") and not is_article_name("a.rst")


def _posts_site(tmp_path: Path) -> Path:
    (tmp_path / "site" / "content" / "posts").mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('baseURL = "https://example.com/"\n')
    posts = tmp_path / "site" / "content" / "posts"
    (posts / "_index.md").write_text("+++\ntitle = 'Posts'\n[cascade]\ndraft = true\n+++\n")
    (posts / "a.md").write_text("+++\ntitle = 'A'\n+++\nBody\n")
    return posts


def test_a_loaded_article_s_row_says_what_the_scan_s_row_says(tmp_path: Path) -> None:
    """With content/posts opened, the scan and the row of a saved file judge by the desk's one
    SiteRules: both say "via cascade from _index.md" (a load said "posts/_index.md")."""
    from editor.core.index import summary_of
    from editor.core.service import DocumentService
    from editor.core.site_rules import DeskRules

    posts = _posts_site(tmp_path)
    rules = DeskRules(posts)
    [scanned] = [row for row in scan_all(posts, use_cache=False) if row.path == "a.md"]
    loaded = summary_of(DocumentService(posts).load("a.md"), rules.current())
    assert scanned.why == loaded.why == "draft: draft true, via cascade from _index.md"
    assert rules.current() is rules.current()  # built once, kept while nothing changed
    first = rules.current()
    config = posts.parent.parent / "hugo.toml"
    config.write_text('baseURL = "https://example.org/"\n')
    assert rules.current() is first  # nothing the rules read changed
    config.write_text('baseURL = "https://example.com/"\ntimeZone = "Europe/Paris"\n')
    assert rules.current() is not first  # a change to the site's rules builds new ones


@pytest.mark.parametrize(
    ("name", "bundle"),
    [
        ("index.md", True),
        ("INDEX.MD", True),
        ("index.fr.html", True),
        ("Index.en.markdown", True),
        ("index", False),
        ("indexes.md", False),
        ("index.txt", False),
        ("_index.md", False),
        ("story.md", False),
        ("inde.md", False),
        (".index.md", False),
    ],
)
def test_which_names_make_a_leaf_bundle(name: str, bundle: bool) -> None:
    from editor.core.walk import is_bundle_index

    assert is_bundle_index(name) is bundle
