"""The verdicts the index cache keeps never change a result.

A cached row keeps the verdict its last listing judged (state, dates, reason, the ``list --json``
text) with the rules it was judged by and the clock interval it holds for. Each test moves what a
verdict depends on (the clock, an ``_index`` cascade, the site config, the file's own time) between
two warm listings and compares both kinds of listing, the rows and the ``list --json`` text, with a
listing that parses and judges every file. The ``judged`` fixture counts how many rows were judged,
so a test also shows that the kept verdicts are used where nothing moved.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from editor.core import cached_scan
from editor.core.index import ArticleSummary
from editor.core.listing import scan_all, scan_json
from editor.core.site import load_site
from editor.core.site_rules import SiteRules
from editor.core.state import PublishState, StateReason, judge, stable_interval
from editor.core.verdicts import decode_verdict, document_text, encode_verdict

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HOUR_AGO_NS = (int(dt.datetime.now(UTC).timestamp()) - 3600) * 1_000_000_000


def put(path: Path, data: bytes, *, offset_ns: int = 0) -> Path:
    """Write a file dated an hour back (a file changed in the last two seconds is never cached)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(HOUR_AGO_NS + offset_ns, HOUR_AGO_NS + offset_ns))
    return path


def page(title: str, extra: str = "") -> bytes:
    return f'+++\ntitle = "{title}"\n{extra}+++\nBody.\n'.encode()


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rows the cached scan judged (from a parse or from cached facts)."""
    seen: list[str] = []
    real = cached_scan.judged_row

    def counting(relpath: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(relpath)
        return real(relpath, *args, **kwargs)

    monkeypatch.setattr(cached_scan, "judged_row", counting)
    return seen


def json_texts(rows: list[Any]) -> list[str]:
    return [
        row[-1].decode() if type(row) is tuple else document_text(row.to_json()) for row in rows
    ]


def same_listing(desk: Path, cache_dir: Path, as_of: dt.datetime = NOW) -> list[ArticleSummary]:
    """The cached listings (rows, and list --json text) equal the uncached ones; the rows."""
    expected = scan_all(desk, as_of=as_of, use_cache=False)
    rows = scan_all(desk, as_of=as_of, cache_dir=cache_dir)
    assert rows == expected
    texts = json_texts(
        [row for batch in scan_json(desk, as_of, cache_dir=cache_dir) for row in batch]
    )
    assert texts == [document_text(row.to_json()) for row in expected]
    return rows


def states(rows: list[ArticleSummary]) -> dict[str, PublishState]:
    return {row.path: row.state for row in rows}


@pytest.fixture
def dated(desk: Path, cache_dir: Path) -> Path:
    put(desk / "soon.md", page("Soon", "publishDate = 2026-12-01T00:00:00Z\n"))
    put(desk / "ends.md", page("Ends", 'date = 2026-01-01\nexpiryDate = "2026-12-01T00:00:00Z"\n'))
    put(desk / "both.md", page("Both", "publishDate = 2026-12-01\nexpiryDate = 2027-01-01\n"))
    put(desk / "plain.md", page("Plain", "date = 2025-05-05\n"))
    put(desk / "draft.md", page("Draft", "draft = true\npublishDate = 2026-12-01\n"))
    put(desk / "broken.md", b'+++\ntitle = "Broken\n+++\n')
    same_listing(desk, cache_dir)
    return desk


def test_nothing_moved_nothing_is_judged(dated: Path, cache_dir: Path, judged: list[str]) -> None:
    same_listing(dated, cache_dir)
    assert sorted(set(judged)) == []


def test_the_clock_crossing_a_publish_and_an_expiry_date(
    dated: Path, cache_dir: Path, judged: list[str]
) -> None:
    later = dt.datetime(2026, 12, 15, tzinfo=UTC)
    assert states(same_listing(dated, cache_dir, later)) == {
        "both.md": PublishState.PUBLISHED,  # was scheduled
        "broken.md": PublishState.INVALID,
        "draft.md": PublishState.DRAFT,
        "ends.md": PublishState.EXPIRED,  # was published
        "plain.md": PublishState.PUBLISHED,
        "soon.md": PublishState.PUBLISHED,  # was scheduled
    }
    # Only the rows whose interval "now" left were judged again (each once per kind of listing).
    assert sorted(set(judged)) == ["both.md", "ends.md", "soon.md"]
    judged.clear()
    much_later = dt.datetime(2027, 2, 1, tzinfo=UTC)
    assert states(same_listing(dated, cache_dir, much_later))["both.md"] is PublishState.EXPIRED
    assert sorted(set(judged)) == ["both.md"]
    judged.clear()
    back = states(same_listing(dated, cache_dir, NOW))  # the clock moved back
    assert back["soon.md"] is PublishState.SCHEDULED and back["ends.md"] is PublishState.PUBLISHED
    assert sorted(set(judged)) == ["both.md", "ends.md", "soon.md"]


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 12, 1, tzinfo=UTC),  # exactly the publish date: published
        dt.datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC),  # a microsecond before
        dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),  # same instant
        dt.datetime(2027, 1, 1, tzinfo=UTC),  # exactly the expiry date: expired
        dt.datetime(2026, 12, 1),  # naive: UTC, as judge reads it
    ],
)
def test_the_edges_of_the_interval(dated: Path, cache_dir: Path, moment: dt.datetime) -> None:
    same_listing(dated, cache_dir, moment)
    same_listing(dated, cache_dir, moment)
    same_listing(dated, cache_dir)


def test_a_cascade_edit_in_index_with_the_page_unchanged(
    tmp_path: Path, cache_dir: Path, judged: list[str]
) -> None:
    site = tmp_path / "site"
    put(site / "hugo.toml", b'baseURL = "https://example.org/"\n')
    content = site / "content"
    put(content / "news" / "_index.md", page("News"))
    put(content / "news" / "a.md", page("A", "date = 2025-01-01\n"))
    put(content / "news" / "deep" / "b.md", page("B", "date = 2025-01-01\n"))
    put(content / "other" / "c.md", page("C", "date = 2025-01-01\n"))
    assert set(states(same_listing(site, cache_dir)).values()) == {PublishState.PUBLISHED}
    judged.clear()
    put(content / "news" / "_index.md", page("News", "[cascade]\ndraft = true\n"), offset_ns=1)
    second = states(same_listing(site, cache_dir))
    assert second["content/news/a.md"] is PublishState.DRAFT
    assert second["content/news/deep/b.md"] is PublishState.DRAFT
    assert second["content/other/c.md"] is PublishState.PUBLISHED
    assert "content/other/c.md" not in judged  # its rules did not change
    put(
        content / "news" / "_index.md",
        page("News", '[cascade]\npublishDate = "2031-01-01T00:00:00Z"\n'),
        offset_ns=2,
    )
    third = states(same_listing(site, cache_dir))
    assert third["content/news/deep/b.md"] is PublishState.SCHEDULED
    put(content / "news" / "_index.md", page("News"), offset_ns=3)
    assert set(states(same_listing(site, cache_dir)).values()) == {PublishState.PUBLISHED}


@pytest.mark.parametrize(
    "config",
    [
        b'baseURL = "https://example.org/"\ntimeZone = "America/New_York"\n',
        b'baseURL = "https://example.org/"\n[frontmatter]\npublishDate = ["mydate", ":default"]\n',
        b'baseURL = "https://example.org/"\n[frontmatter]\nexpiryDate = ["mydate"]\n',
        b'baseURL = "https://example.org/"\n[cascade]\ndraft = true\n',
        b'baseURL = "https://example.org/"\ndisableKinds = ["section"]\n',
        b'baseURL = "https://example.org/"\nignoreFiles = ["b\\\\.md$"]\n',
    ],
)
def test_a_site_config_change(tmp_path: Path, cache_dir: Path, config: bytes) -> None:
    site = tmp_path / "site"
    put(site / "hugo.toml", b'baseURL = "https://example.org/"\n')
    content = site / "content"
    put(content / "_index.md", page("Home"))
    put(content / "news" / "_index.md", page("News"))
    put(content / "news" / "a.md", page("A", 'date = "2026-11-23T08:00:00"\n'))
    put(content / "b.md", page("B", 'date = "2020-01-01"\nmydate = 2026-11-23T11:30:00Z\n'))
    before = same_listing(site, cache_dir, dt.datetime(2026, 11, 23, 12, 30, tzinfo=UTC))
    put(site / "hugo.toml", config, offset_ns=1)
    load_site(site)  # the config is read anew (it is remembered by its files' status)
    after = same_listing(site, cache_dir, dt.datetime(2026, 11, 23, 12, 30, tzinfo=UTC))
    assert after != before  # the change decides something
    put(site / "hugo.toml", b'baseURL = "https://example.org/"\n', offset_ns=2)
    assert same_listing(site, cache_dir, dt.datetime(2026, 11, 23, 12, 30, tzinfo=UTC)) == before


def test_file_mod_time_dates(tmp_path: Path, cache_dir: Path, judged: list[str]) -> None:
    site = tmp_path / "site"
    put(
        site / "hugo.toml",
        b'baseURL = "https://example.org/"\n[frontmatter]\n'
        b'publishDate = [":fileModTime"]\nexpiryDate = ["expires"]\n',
    )
    content = site / "content"
    put(content / "a.md", page("A"))
    put(content / "b.md", page("B", "draft = true\n"))  # a draft whatever its dates
    put(content / "c.md", page("C", "expires = 2020-01-01\n"))
    moment = dt.datetime.fromtimestamp(HOUR_AGO_NS / 1e9, UTC)
    first = states(same_listing(site, cache_dir, moment - dt.timedelta(minutes=1)))
    assert first["content/a.md"] is PublishState.SCHEDULED
    assert first["content/c.md"] is PublishState.SCHEDULED  # not yet published, so not expired
    assert states(same_listing(site, cache_dir, moment))["content/a.md"] is PublishState.PUBLISHED
    judged.clear()
    # The file is touched back in time: its modification time moves its publish date.
    put(content / "a.md", page("A"), offset_ns=-7_200_000_000_000)
    rows = same_listing(site, cache_dir, moment - dt.timedelta(minutes=1))
    assert states(rows)["content/a.md"] is PublishState.PUBLISHED
    assert "content/a.md" in judged and "content/b.md" not in judged


def test_a_touched_file(dated: Path, cache_dir: Path, judged: list[str]) -> None:
    os.utime(dated / "soon.md", ns=(HOUR_AGO_NS + 5, HOUR_AGO_NS + 5))
    rows = same_listing(dated, cache_dir)
    assert {row.path: row.mtime_ns for row in rows}["soon.md"] == HOUR_AGO_NS + 5
    assert sorted(set(judged)) == ["soon.md"]


def test_a_multilingual_site_keeps_a_verdict_per_language(tmp_path: Path, cache_dir: Path) -> None:
    site = tmp_path / "site"
    put(
        site / "hugo.toml",
        b'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
        b'[languages.en]\ntimeZone = "UTC"\n[languages.fr]\ntimeZone = "Europe/Paris"\n',
    )
    content = site / "content"
    put(content / "news" / "_index.fr.md", page("Infos", "[cascade]\ndraft = true\n"))
    put(content / "news" / "a.md", page("A", 'date = "2026-11-23T12:30:00"\n'))
    put(content / "news" / "a.fr.md", page("A fr", 'date = "2026-11-23T12:30:00"\n'))
    first = states(same_listing(site, cache_dir))
    assert first["content/news/a.fr.md"] is PublishState.DRAFT
    assert first["content/news/a.md"] is PublishState.SCHEDULED
    put(content / "news" / "_index.fr.md", page("Infos"), offset_ns=1)
    second = states(same_listing(site, cache_dir))
    assert second["content/news/a.fr.md"] is PublishState.PUBLISHED  # 12:30 Paris is 11:30 UTC
    assert second == states(same_listing(site, cache_dir))


def test_git_dates_are_never_kept(tmp_path: Path) -> None:
    """``:git`` dates are one per file and come from the history: no text names them."""
    site = tmp_path / "site"
    put(
        site / "hugo.toml",
        b'baseURL = "https://example.org/"\nenableGitInfo = true\n'
        b'[frontmatter]\npublishDate = [":git", "date"]\n',
    )
    put(site / "content" / "a.md", page("A"))
    rules = SiteRules(load_site(site), site)
    path = str((site / "content" / "a.md").resolve())
    assert rules.verdict_key(path) is None
    assert rules.folder_verdict_key(os.path.dirname(path)) is None


def test_zoned_dates_come_back_in_their_zone(tmp_path: Path, cache_dir: Path) -> None:
    site = tmp_path / "site"
    put(site / "hugo.toml", b'baseURL = "https://example.org/"\ntimeZone = "Europe/Paris"\n')
    put(site / "content" / "a.md", page("A", 'date = "2026-03-29T02:30:00"\n'))  # in the DST gap
    put(site / "content" / "b.md", page("B", 'date = "2026-10-25T02:30:00"\n'))  # twice that day
    put(site / "content" / "c.md", page("C", "date = 2026-07-01T09:00:00\n"))
    same_listing(site, cache_dir)
    rows = same_listing(site, cache_dir)
    for row in rows:
        fresh = next(r for r in scan_all(site, as_of=NOW, use_cache=False) if r.path == row.path)
        assert row.date is not None and fresh.date is not None
        assert (row.date.tzinfo, row.date.fold, row.date.isoformat()) == (
            fresh.date.tzinfo,
            fresh.date.fold,
            fresh.date.isoformat(),
        )


@pytest.mark.parametrize(
    "front",
    [
        {"publishdate": dt.datetime(2026, 12, 1, tzinfo=UTC)},
        {
            "date": dt.datetime(2026, 1, 1, tzinfo=UTC),
            "expirydate": dt.datetime(2026, 12, 1, tzinfo=UTC),
        },
        {
            "publishdate": dt.datetime(2026, 12, 1, tzinfo=UTC),
            "expirydate": dt.datetime(2026, 6, 1, tzinfo=UTC),
        },
        {
            "publishdate": dt.datetime(2026, 6, 1, tzinfo=UTC),
            "expirydate": dt.datetime(2026, 12, 1, tzinfo=UTC),
        },
        {"draft": True, "publishdate": dt.datetime(2026, 12, 1, tzinfo=UTC)},
        {"headless": True},
        {},
    ],
)
def test_the_interval_is_where_judge_agrees(front: dict[str, Any]) -> None:
    """Inside the interval judge gives the same state; a microsecond outside it, another one."""
    tick = dt.timedelta(microseconds=1)
    moments = [dt.datetime(2026, month, 1, 12, tzinfo=UTC) for month in range(1, 13)]
    moments += [value + delta for value in front.values() if isinstance(value, dt.datetime)
                for delta in (-tick, dt.timedelta(0), tick)]  # fmt: skip
    for moment in moments:
        verdict = judge(front, moment)
        start, end = stable_interval(verdict)
        assert (start is None or start <= moment) and (end is None or moment < end)
        for edge in (start, end - tick if end is not None else None):
            if edge is not None:
                assert judge(front, edge).state is verdict.state
        if start is not None:
            assert judge(front, start - tick).state is not verdict.state
        if end is not None:
            assert judge(front, end).state is not verdict.state


def test_list_json_in_a_git_checkout_equals_an_uncached_one(
    tmp_path: Path, cache_dir: Path
) -> None:
    """The kept JSON text with the git fields spliced in is the text an uncached listing writes."""
    desk = tmp_path / "desk"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ann Author",
        "GIT_AUTHOR_EMAIL": "ann@example.com",
        "GIT_COMMITTER_NAME": "Ann Author",
        "GIT_COMMITTER_EMAIL": "ann@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "COPYDESK_CACHE_DIR": str(cache_dir),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    put(desk / "a.md", page("A", "publishDate = 2026-12-01\n"))
    put(desk / "b.md", page("B é 😀", "draft = true\n"))
    subprocess.run(["git", "init", "-q", "-b", "main", str(desk)], env=env, check=True)
    subprocess.run(["git", "-C", str(desk), "add", "a.md"], env=env, check=True)
    subprocess.run(["git", "-C", str(desk), "commit", "-q", "-m", "A"], env=env, check=True)
    command = [sys.executable, "-m", "editor", "list", "--json", str(desk)]
    for moment in ("2026-11-23T12:00:00Z", "2026-12-02T00:00:00Z", "2026-11-23T12:00:00Z"):
        expected = subprocess.run(
            [*command, "--no-cache", "--as-of", moment], capture_output=True, env=env, check=True
        ).stdout
        for _ in range(2):  # the first fills the cache (or judges again), the second reads it
            out = subprocess.run(
                [*command, "--as-of", moment], capture_output=True, env=env, check=True
            ).stdout
            assert out == expected
        listed = json.loads(expected)
        assert [row["git"]["state"] for row in listed] == ["clean", "untracked"]
        assert listed[0]["last_change"]["author"] == "Ann Author"
    state = subprocess.run(
        [*command, "--state", "draft"], capture_output=True, env=env, check=True
    ).stdout
    assert [row["path"] for row in json.loads(state)] == ["b.md"]


def test_a_verdict_is_kept_from_one_process_to_the_next(tmp_path: Path, cache_dir: Path) -> None:
    """The text naming the rules is the same in every process (a set's order follows the string
    hash, which each process seeds anew): the next listing finds the verdicts the last one kept."""
    site = tmp_path / "site"
    put(site / "hugo.toml", b'baseURL = "https://example.org/"\n[taxonomies]\ntag = "tags"\n'
        b'category = "categories"\nseries = "series"\n')  # fmt: skip
    put(site / "content" / "a.md", page("A", "date = 2025-01-01\n"))
    command = [sys.executable, "-m", "editor", "list", "--json", str(site)]
    kept = []
    for seed in ("0", "1", "3", "5"):  # seeds that order {"tags", "categories"} both ways
        env = {**os.environ, "COPYDESK_CACHE_DIR": str(cache_dir), "PYTHONHASHSEED": seed}
        subprocess.run(command, capture_output=True, env=env, check=True)
        (database,) = cache_dir.glob("desk-*.sqlite3")
        with sqlite3.connect(database) as connection:
            kept.append(connection.execute("SELECT rules_id FROM files").fetchall())
    assert kept[0] == kept[1] == kept[2] == kept[3] and kept[0][0][0] is not None


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-7, minutes=-30))),
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1), "CET")),
        dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Paris")),
        dt.datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Paris")),
        None,
    ],
)
def test_a_kept_verdict_comes_back_identical_or_not_at_all(moment: dt.datetime | None) -> None:
    row = ArticleSummary(
        "a.md",
        "A",
        moment,
        False,
        PublishState.PUBLISHED,
        "",
        "",
        "",
        publish_date=moment,
        date_key="date" if moment else "",
        reason=StateReason("date", moment.isoformat() if moment else None),
        language="fr",
    )
    text = encode_verdict(row)
    if text is None:  # not kept: listed by judging each time
        assert moment is not None and moment.tzinfo is not None
        return
    state, draft, date, publish_date, date_key, reason, language = decode_verdict(text)
    assert (state, draft, date_key, reason, language) == (
        row.state,
        row.draft,
        row.date_key,
        row.reason,
        row.language,
    )
    for back in (date, publish_date):
        if moment is None:
            assert back is None
            continue
        assert back is not None
        assert (back.tzinfo, back.fold, back.isoformat(), back.tzname()) == (
            moment.tzinfo,
            moment.fold,
            moment.isoformat(),
            moment.tzname(),
        )


def test_a_verdict_text_that_cannot_be_read_is_judged_again(
    dated: Path, cache_dir: Path, judged: list[str]
) -> None:
    (database,) = cache_dir.glob("desk-*.sqlite3")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE files SET verdict = '[\"no such state\"]' WHERE path = 'soon.md'"
        )
        connection.execute("UPDATE files SET verdict = 'not json' WHERE path = 'plain.md'")
    rows = scan_all(dated, as_of=NOW, cache_dir=cache_dir)
    assert rows == scan_all(dated, as_of=NOW, use_cache=False)
    assert sorted(judged) == ["plain.md", "soon.md"]


def test_the_rows_come_with_the_interval_judged_in_the_query(dated: Path, cache_dir: Path) -> None:
    # Issue 9's memory: the two 64-bit ends of every row's interval were Python integers made at
    # once for 100,000 rows and dropped after one comparison, leaving 9.6 MiB of holes among the
    # rows the window keeps. With ``now`` the query judges them: the rules id or None.
    from editor.core.cache import IndexCache
    from editor.core.verdicts import as_of_micros

    def kept_ids(moment: dt.datetime) -> dict[str, Any]:
        with IndexCache.open_existing(dated, cache_dir) as cache:
            plain = cache.rows()
            judged_there = cache.rows(now=as_of_micros(moment))
        now = as_of_micros(moment)
        assert judged_there.keys() == plain.keys()
        for path, row in plain.items():
            holds = row[5] is not None and row[6] <= now < row[7]
            assert judged_there[path][5:8] == ((row[5] if holds else None), None, None)
            assert judged_there[path][:5] == row[:5] and judged_there[path][8:] == row[8:]
        return {path: row[5] for path, row in judged_there.items()}

    now = kept_ids(NOW)
    later = kept_ids(dt.datetime(2026, 12, 15, tzinfo=UTC))
    assert now["soon.md"] is not None and later["soon.md"] is None  # its publish date passed
    assert later["plain.md"] is not None and later["draft.md"] is not None
