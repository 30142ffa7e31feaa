"""A warm scan hands out each batch as soon as its own files are looked at (while none changed).

Checked against an uncached listing: a warm desk, one whose change comes half-way (the scan then
sorts the rest before parsing), a file changed after the first batch came out, and a scan closed
after its first batch (the rows it never looked at stay cached).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from editor.core import cached_scan
from editor.core.listing import scan, scan_all

HOUR_AGO_NS = (int(dt.datetime.now(dt.UTC).timestamp()) - 3600) * 1_000_000_000


def put(path: Path, text: str, offset_ns: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(HOUR_AGO_NS + offset_ns, HOUR_AGO_NS + offset_ns))


def desk(root: Path) -> Path:
    for number in range(10):
        put(root / f"{number // 4}/{number:02}.md", f'+++\ntitle = "Title {number}"\n+++\nBody\n')
    return root


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the scan parsed (not taken from the cache)."""
    seen: list[str] = []
    real = cached_scan.read_facts

    def counting(path: str, *args: Any) -> Any:
        seen.append(path)
        return real(path, *args)

    monkeypatch.setattr(cached_scan, "read_facts", counting)
    return seen


def listed(root: Path, cache_dir: Path) -> list[Any]:
    return [row for batch in scan(root, batch_size=2, cache_dir=cache_dir) for row in batch]


def test_warm_and_half_way_changes_equal_an_uncached_listing(
    tmp_path: Path, parsed: list[str]
) -> None:
    root, cache_dir = desk(tmp_path / "desk"), tmp_path / "cache"
    assert listed(root, cache_dir) == scan_all(root, use_cache=False)
    parsed.clear()
    assert listed(root, cache_dir) == scan_all(root, use_cache=False)
    assert parsed == []  # warm: nothing parsed
    put(root / "1/07.md", '+++\ntitle = "Changed later"\n+++\n', 1000)
    (root / "2/09.md").unlink()
    put(root / "2/10.md", '+++\ntitle = "New"\n+++\n')
    parsed.clear()
    assert listed(root, cache_dir) == scan_all(root, use_cache=False)
    assert sorted(Path(path).name for path in parsed) == ["07.md", "10.md"]
    parsed.clear()
    assert listed(root, cache_dir) == scan_all(root, use_cache=False)
    assert parsed == []


def test_a_file_changed_after_the_first_batch_is_listed_as_it_is_now(tmp_path: Path) -> None:
    root, cache_dir = desk(tmp_path / "desk"), tmp_path / "cache"
    listed(root, cache_dir)
    batches = scan(root, batch_size=2, cache_dir=cache_dir)
    rows = list(next(batches))
    put(root / "2/09.md", '+++\ntitle = "Written meanwhile, longer"\n+++\n', 5000)
    rows += [row for batch in batches for row in batch]
    assert rows[-1].title == "Written meanwhile, longer"
    assert rows == scan_all(root, use_cache=False)


def test_a_scan_closed_early_forgets_nothing(tmp_path: Path, parsed: list[str]) -> None:
    root, cache_dir = desk(tmp_path / "desk"), tmp_path / "cache"
    listed(root, cache_dir)
    batches = scan(root, batch_size=2, cache_dir=cache_dir)
    next(batches)
    batches.close()
    parsed.clear()
    assert listed(root, cache_dir) == scan_all(root, use_cache=False)
    assert parsed == []


def test_rows_of_one_verdict_share_its_values(tmp_path: Path, parsed: list[str]) -> None:
    """A warm scan reads each distinct kept verdict once: rows judged alike share its dates."""
    root, cache_dir = tmp_path / "desk", tmp_path / "cache"
    for name in ("a", "b", "c"):
        put(root / f"{name}.md", f'+++\ntitle = "{name}"\ndate = 2024-05-01T10:00:00Z\n+++\n')
    cold = listed(root, cache_dir)
    parsed.clear()
    warm = listed(root, cache_dir)
    assert parsed == [] and warm == cold == scan_all(root, use_cache=False)
    assert warm[0].date is warm[1].date is warm[2].date
    assert warm[0].publish_date is warm[0].date
