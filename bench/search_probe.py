"""Body search in a fresh process: ``python -m bench.search_probe ROOT REPEAT``.

Prints ``NAME MS`` lines: the median time of a few prefix queries, as an editor types them.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

QUERIES = ("h", "har", "harbour", "harbour co", "strategic partnership", "zzz")


def main(root: str, repeat: int) -> None:
    from editor.core.body_search import index_bodies, search
    from editor.core.cache import IndexCache

    cache = IndexCache.open_existing(Path(root))
    if not cache.usable:
        raise SystemExit("no cache")
    start = time.perf_counter()
    indexed = index_bodies(cache, root)
    if indexed:  # once per desk: the bodies go into the FTS5 index (not a search figure)
        print(f"[indexed {indexed} bodies in {time.perf_counter() - start:.1f} s]", file=sys.stderr)
    for query in QUERIES:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            search(cache, query, 50)
            runs.append((time.perf_counter() - start) * 1000)
        print(f"{query!r} {statistics.median(runs):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
