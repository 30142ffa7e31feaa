"""Body search in the index cache: prefix queries as typed, ranked, with an excerpt; it follows edits
and deletions, and it never rebuilds (or drops) what the listing keeps."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.body_search import (
    body_matches,
    fts_query,
    index_bodies,
    index_desk_bodies,
    plain_body,
    search,
)
from editor.core.cache import IndexCache
from editor.core.listing import scan_all

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000


def put(path: Path, title: str, body: str, *, offset_ns: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f'+++\ntitle = "{title}"\n+++\n{body}\n'.encode())
    os.utime(path, ns=(HOUR_AGO_NS + offset_ns, HOUR_AGO_NS + offset_ns))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def indexed(desk: Path, cache_dir: Path) -> Path:
    put(desk / "a.md", "Alpha", "The harbour council met on Monday.")
    put(desk / "b.md", "Beta", "Freight volumes rose at the port.")
    put(desk / "c.md", "Harbours", "<p>Harbour harbour harbour: the <b>harbour</b> again.</p>")
    (desk / "broken.md").write_bytes(b'+++\ntitle = "unclosed\n+++\nharbour\n')
    os.utime(desk / "broken.md", ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    scan_all(desk, NOW, cache_dir=cache_dir)
    assert index_desk_bodies(desk, cache_dir) == 3  # the unreadable file has no body to index
    return desk


def test_fts_query_quotes_every_word_and_prefixes_the_last() -> None:
    assert fts_query("harb") == '"harb"*'
    assert fts_query("harbour co") == '"harbour" "co"*'
    assert fts_query("harbour ") == '"harbour"'
    assert fts_query('NEAR( "x" OR -') == '"NEAR" "x" "OR"'
    assert fts_query("  ") == ""
    assert fts_query("1.0.0") == '"1 0 0"*'  # one typed word: a phrase, not three words anywhere
    assert fts_query("e-mail works.") == '"e mail" "works"'


def test_a_dotted_version_finds_only_the_bodies_that_hold_it(desk: Path, cache_dir: Path) -> None:
    put(desk / "release.md", "Release", "CoreDNS 1.0.0 is out.")
    put(desk / "other.md", "Other", "Version 1.10 of a plugin, with 0 changes.")
    scan_all(desk, NOW, cache_dir=cache_dir)
    index_desk_bodies(desk, cache_dir)
    assert list(body_matches(desk, "1.0.0", cache_dir=cache_dir)) == ["release.md"]
    assert list(body_matches(desk, "1.0", cache_dir=cache_dir)) == ["release.md"]
    assert list(body_matches(desk, "1.1", cache_dir=cache_dir)) == ["other.md"]


def test_plain_body_drops_markup() -> None:
    assert plain_body("<p>a <b>b</b> {{< fig >}} &amp; **c**</p>").split() == ["a", "b", "c"]


def test_prefix_search_ranked_with_an_excerpt(indexed: Path, cache_dir: Path) -> None:
    with IndexCache.open_existing(indexed, cache_dir) as cache:
        results = search(cache, "harb", 10)
        assert [path for path, _, _ in results] == ["c.md", "a.md"]
        assert results[0][1] <= results[1][1]  # bm25: lower is better
        assert "[harbour]" in results[1][2].lower() and "<p>" not in results[0][2]
        assert search(cache, "freight vol", 10)[0][0] == "b.md"
        assert search(cache, "nothing-like-this", 10) == []
        assert search(cache, "", 10) == search(cache, "h", 10) == []  # a lone letter: no search
        assert index_bodies(cache, indexed) == 0  # nothing new
    assert list(body_matches(indexed, "council", cache_dir=cache_dir)) == ["a.md"]


def test_search_follows_edits_and_deletions(indexed: Path, cache_dir: Path) -> None:
    put(indexed / "a.md", "Alpha", "Now about copper.", offset_ns=1)
    (indexed / "b.md").unlink()
    scan_all(indexed, NOW, cache_dir=cache_dir)
    assert body_matches(indexed, "council", cache_dir=cache_dir) == {}
    assert body_matches(indexed, "freight", cache_dir=cache_dir) == {}
    assert index_desk_bodies(indexed, cache_dir) == 1
    assert list(body_matches(indexed, "copp", cache_dir=cache_dir)) == ["a.md"]


def test_a_file_changed_since_the_listing_is_not_indexed_until_listed_again(
    indexed: Path, cache_dir: Path
) -> None:
    put(indexed / "a.md", "Alpha", "Now about copper.", offset_ns=1)
    scan_all(indexed, NOW, cache_dir=cache_dir)
    put(indexed / "a.md", "Alpha", "Now about zinc instead.", offset_ns=2)
    assert index_desk_bodies(indexed, cache_dir) == 0
    assert body_matches(indexed, "copper", cache_dir=cache_dir) == {}


def test_without_a_cache_there_is_nothing_to_search(desk: Path, cache_dir: Path) -> None:
    assert body_matches(desk, "harbour", cache_dir=cache_dir) == {}
    assert index_desk_bodies(desk, cache_dir) == 0
    assert not cache_dir.exists()  # searching never makes a cache


def test_searching_never_rebuilds_the_listing_cache(
    indexed: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core import cache_file

    monkeypatch.setattr(cache_file, "code_stamp", lambda: "another build")
    assert list(body_matches(indexed, "council", cache_dir=cache_dir)) == ["a.md"]


def test_the_window_s_indexing_is_paced_between_files(
    desk: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nobody waits for it: it rests between files so the window keeps the GIL (issue 9: it ran
    # beside the watcher's first look and the first keystrokes in the filter).
    from editor.core import body_search, pacing

    calls: list[int] = []

    class Counting(pacing.Pacer):
        def __call__(self) -> None:
            calls.append(1)
            super().__call__()

    monkeypatch.setattr(body_search, "Pacer", Counting)
    for number in range(4):
        put(desk / f"p{number}.md", f"P{number}", "The harbour council met.")
    scan_all(desk, NOW, cache_dir=cache_dir)
    assert index_desk_bodies(desk, cache_dir) == 4
    assert len(calls) == 4


@given(
    st.lists(
        st.sampled_from(
            [
                "word ",
                "<b>",
                "</p>\n",
                "{{< fig >}}",
                "{{% a\nb %}}",
                "&amp;",
                "**",
                "[x](y)",
                "<a\nhref='z'>",
                "\n\n",
                "é",
                "<",
                ">",
                "{{<",
            ]
        ),
        max_size=60,
    )
)
def test_a_big_body_is_made_plain_as_one_substitution_would(pieces: list[str]) -> None:
    from editor.core import body_search

    body = "".join(pieces) * 2
    before = body_search._WHOLE_SUB_CHARS
    try:
        body_search._WHOLE_SUB_CHARS = 0  # the one-match-at-a-time path, whatever the size
        assert plain_body(body) == body_search._MARKUP.sub(" ", body)
    finally:
        body_search._WHOLE_SUB_CHARS = before
