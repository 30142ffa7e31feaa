"""Rows share their repeated values (sources, date keys, reasons, a publish date that is the date)
without any row changing: cached, parsed and reader-process rows equal an uncached listing's."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

from editor.core.cache import IndexCache
from editor.core.index import ArticleSummary, _values_inside, desk_judged_keys, desk_rules
from editor.core.listing import scan_all
from editor.core.packed_rows import pack, unpack

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000
SHAPES = (
    '+++\ntitle = "T{n}"\nsource = "Harbor {wire}"\ndraft = true\ndate = 2024-01-0{d}\n+++\n',
    '+++\ntitle = "T{n}"\nsource = "Harbor {wire}"\ndate = "2024-01-0{d}T10:00:00+02:00"\n+++\n',
    '+++\ntitle = "T{n}"\nsource = "Harbor {wire}"\ndate = 2024-01-0{d}\n'
    "publishDate = 2024-02-0{d}\n+++\n",
    '+++\ntitle = "T{n}"\nsource = "Harbor {wire}"\npublishDate = 2099-01-0{d}\n+++\n',
)


def _desk(root: Path, count: int = 24) -> Path:
    for number in range(count):
        text = SHAPES[number % len(SHAPES)].format(n=number, wire="Wire", d=1 + number % 5)
        path = root / "content" / f"s{number % 3}" / f"a{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Assembled from pieces, so equal texts are not one constant object in each row.
        path.write_bytes(text.replace("Harbor Wire", "Harbor" + " " + "Wire").encode())
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))  # old enough to be cached
    (root / "content" / "broken.md").write_bytes(b'+++\ntitle = "Broken\n+++\n')
    return root.resolve()


def _assert_shared(rows: list[ArticleSummary]) -> None:
    readable = [row for row in rows if row.readable]
    for texts in ([row.source for row in readable], [row.date_key for row in readable]):
        assert len({id(text) for text in texts}) == len(set(texts))  # one object per text
    drafts = [row for row in readable if row.draft]
    assert drafts and len({id(row.reason) for row in drafts}) == 1
    fallback = [row for row in readable if row.date is not None and row.date == row.publish_date]
    assert fallback and all(row.publish_date is row.date for row in fallback)


def test_cached_rows_equal_uncached_ones_and_share_their_values(tmp_path: Path) -> None:
    desk = _desk(tmp_path / "desk")
    expected = scan_all(desk, as_of=NOW, use_cache=False, workers=1)
    cache = tmp_path / "cache"
    filled = scan_all(desk, as_of=NOW, cache_dir=cache, workers=1)
    warm = scan_all(desk, as_of=NOW, cache_dir=cache, workers=1)
    assert filled == expected
    assert warm == expected
    assert [row.to_json() for row in warm] == [row.to_json() for row in expected]
    for rows in (expected, filled, warm):
        _assert_shared(rows)


def test_rows_from_a_reader_process_share_their_values(tmp_path: Path) -> None:
    desk = _desk(tmp_path / "desk")
    rules = desk_rules(desk)
    paths = sorted(str(path) for path in (desk / "content").rglob("*.md"))
    values = [_values_inside(str(desk), path, path, NOW, rules, False) for path in paths]
    # Each row pickled on its own, as a reader's batch would bring it: texts of its own.
    rows = [unpack(pickle.loads(pickle.dumps(pack(row)))) for row in values]
    assert rows == [ArticleSummary(*row) for row in values]
    _assert_shared(rows)


def test_the_cached_rows_held_at_once_share_their_profile_and_leave_out_the_inputs(
    tmp_path: Path,
) -> None:
    desk = _desk(tmp_path / "desk")
    cache_dir = tmp_path / "cache"
    expected = scan_all(desk, as_of=NOW, use_cache=False, workers=1)
    scan_all(desk, as_of=NOW, cache_dir=cache_dir, workers=1)
    keys = tuple(sorted(desk_judged_keys(desk_rules(desk))))
    with IndexCache.open_for(desk, cache_dir, keys) as cache:
        rows = [row for path, row in cache.rows().items() if path.startswith("content/s")]
        facts = cache.facts(row[0] for row in rows)
    assert rows and all(row[15] is None for row in rows)  # the inputs are read when needed
    assert all(facts[row[0]][11] for row in rows)  # and the cache still has them
    profiles = [row[16] for row in rows]
    assert len({id(text) for text in profiles}) == len(set(profiles))
    # A verdict that no longer holds is judged again from the facts read then: the same rows.
    later = dt.datetime(2099, 6, 1, tzinfo=dt.UTC)
    assert scan_all(desk, as_of=later, cache_dir=cache_dir, workers=1) == scan_all(
        desk, as_of=later, use_cache=False, workers=1
    )
    assert scan_all(desk, as_of=NOW, cache_dir=cache_dir, workers=1) == expected
