"""Compare Copydesk's listing of a Hugo site with ``hugo list`` at several clocks.

    python -m tools.hugo_compare SITE [--hugo PATH] [--clock ISO ...] [--show N]

For each clock it runs ``hugo list all`` (Hugo's dates and draft flag, resolved with every rule Hugo
has) and ``copydesk``'s index on the site root, and counts the files where the two disagree: a page
Hugo lists that Copydesk misses or judges otherwise, or a file Copydesk lists that Hugo does not
(a page Copydesk calls ``unlisted`` counts as agreeing when Hugo leaves it out). Nothing is written
in SITE except Hugo's own ``.hugo_build.lock`` (``--noBuildLock`` avoids even that).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from editor.core.listing import scan_all
from editor.core.state import PublishState

ZERO = "0001-01-01T00:00:00Z"
CLOCKS = (
    "2015-01-01T00:00:00Z",
    "2020-01-01T00:00:00Z",
    "2026-12-01T00:00:00Z",
    "2040-01-01T00:00:00Z",
)


def hugo_all(binary: str, site: Path, clock: str, cache: str) -> dict[str, dict[str, str]]:
    completed = subprocess.run(
        [binary, "list", "all", "--clock", clock, "--source", str(site), "--noBuildLock"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "HUGO_CACHEDIR": cache},
    )
    lines = completed.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("path,")), None)
    if start is None:
        raise SystemExit(f"hugo list failed:\n{completed.stderr}")
    rows = csv.DictReader(io.StringIO("\n".join(lines[start:])))
    return {row["path"]: row for row in rows}


def _moment(text: str) -> dt.datetime | None:
    return None if text == ZERO else dt.datetime.fromisoformat(text)


def verdict(row: dict[str, str], clock: dt.datetime) -> str:
    if row["draft"] == "true":
        return PublishState.DRAFT.value
    published, expires = _moment(row["publishDate"]), _moment(row["expiryDate"])
    if published is not None and published > clock:
        return PublishState.SCHEDULED.value
    if expires is not None and expires <= clock:
        return PublishState.EXPIRED.value
    return PublishState.PUBLISHED.value


def compare(site: Path, binary: str, clocks: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(clock, path, Hugo's verdict or "-", ours or "-") for each disagreement."""
    out = []
    with tempfile.TemporaryDirectory() as cache:
        for clock_text in clocks:
            clock = dt.datetime.fromisoformat(clock_text)
            theirs = {
                path: verdict(row, clock)
                for path, row in hugo_all(binary, site, clock_text, cache).items()
            }
            ours = {row.path: row.state.value for row in scan_all(site, as_of=clock)}
            for path in sorted(set(theirs) | set(ours)):
                hugo, mine = theirs.get(path, "-"), ours.get(path, "-")
                if hugo == "-" and mine == "unlisted":  # Hugo builds it and lists it nowhere
                    continue
                if hugo != mine:
                    out.append((clock_text, path, hugo, mine))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hugo_compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument(
        "--hugo", default=shutil.which("hugo", path=str(Path(sys.executable).parent))
    )
    parser.add_argument("--clock", action="append", help="ISO moment (repeatable)")
    parser.add_argument("--show", type=int, default=10, help="disagreements to print")
    args = parser.parse_args(argv)
    if not args.hugo:
        parser.error("no hugo binary: pass --hugo")
    clocks = tuple(args.clock) if args.clock else CLOCKS
    found = compare(args.site.resolve(), args.hugo, clocks)
    for clock in clocks:
        print(f"{clock}: {sum(1 for item in found if item[0] == clock)} disagreements")
    kinds = Counter((hugo, mine) for _, _, hugo, mine in found)
    for (hugo, mine), count in kinds.most_common():
        print(f"  hugo {hugo:<9} copydesk {mine:<9} {count}")
    for clock, path, hugo, mine in found[: args.show]:
        print(f"  {clock} {path}: hugo {hugo}, copydesk {mine}")
    print(f"total: {len(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
