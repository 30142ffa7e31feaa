"""Merging one seed-sized article (issue 7: under 5 ms), next to a floor measured in the same run.

The floor reads the three versions with tomllib and nothing else; the merge also splits them, merges
field by field and line by line, and replays the other side's edits through the edit engine (with
its read-back check). The figure that must hold is the merge's own time; the ratio shows how far it
is from the floor on this machine.
"""

from __future__ import annotations

import statistics
import time
import tomllib
from collections.abc import Callable

from editor.core.merge import merge

TARGET_MS = 5.0

# A seed-sized article (the shape of shared/reference/seed-article.md: eleven keys, a 2 KB body).
_BODY = (
    "<p>Chinese technology leader Huawei has entered into a strategic automotive partnership with "
    "GAC Group to establish a new premium electric vehicle brand called Qijing.</p>"
) * 8
SEED = (
    "+++\n"
    'title = "Huawei and GAC Group Forge Strategic Partnership to Launch Premium EV Brand Qijing"\n'
    'date = "2025-09-23T14:21:27Z"\n'
    "draft = false\n"
    "summary = \"Huawei's strategic automotive partnership with GAC Group to establish the premium "
    "electric vehicle brand Qijing represents a significant shift in China's automotive sector.\"\n"
    'description = "Huawei and GAC Group unveil Qijing, a new premium electric vehicle brand."\n'
    'source_link = "https://rss.investorbrandnetwork.com/gcs/huawei-gac-partnership/"\n'
    'enclosure = "https://cdn.newsramp.app/genai/images/259/23/939fd40ff903a028971e2dc4.png"\n'
    "article_id = 218034\n"
    "feed_item_id = 21131\n"
    'qrcode = "https://cdn.newsramp.app/ibn/qrcode/259/23/envyXrUE.webp"\n'
    'source = "InvestorBrandNetwork (IBN)"\n'
    "+++\n\n" + _BODY + "\n"
).encode()
MINE = SEED.replace(b'title = "Huawei', b'title = "Exclusive: Huawei')
THEIRS = SEED.replace(b'date = "2025-09-23T14:21:27Z"', b'date = "2025-09-24T06:00:00Z"').replace(
    b'source = "InvestorBrandNetwork (IBN)"', b'source = "IBN"'
)


def _floor() -> None:
    for data in (SEED, MINE, THEIRS):
        tomllib.loads(data.decode().split("+++", 2)[1])


def _merge() -> None:
    result = merge(SEED, MINE, THEIRS)
    assert result.clean


def _best_ms(function: Callable[[], None], repeat: int, number: int = 50) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        runs.append((time.perf_counter() - start) / number * 1000)
    return min(runs), statistics.median(runs)


def run(repeat: int = 5) -> dict[str, float]:
    floor_best, _ = _best_ms(_floor, repeat)
    best, median = _best_ms(_merge, repeat)
    return {
        "merge_best_ms": best,
        "merge_median_ms": median,
        "floor_best_ms": floor_best,
        "ratio_to_floor": best / floor_best if floor_best else float("nan"),
        "target_ms": TARGET_MS,
        "ok": best < TARGET_MS,
    }
