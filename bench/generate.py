"""Generate a desk of seed-like articles (a Hugo site) for the benchmarks, deterministically.

The articles mimic shared/reference/seed-article.md (the shape real wire stories have): TOML front
matter with the seed's twelve keys, ~4 KB in all with a body of ``<p>`` paragraphs, in dated folders
(content/news/YYYY/MM/DD/), 30% drafts, one in ten with a ``[params]`` table, one in eight with comments,
a few scheduled or expired. A generator that is not tuned to the parser keeps the figures honest.
"""

from __future__ import annotations

import random
from pathlib import Path

GENERATOR_VERSION = "seed-3"

# The seed article's own words (four letters and more) and some wire-desk words; bodies draw them with
# a Zipf-like skew, so a search word is as common or as rare as in real copy.
_VOCABULARY = (
    "harbour council freight battery grid market ferry tunnel bond quarter merger rail storage "
    "robotics privacy copper satellite drought tariff port vote plant water review launch "
    "accelerate acknowledging adapt aggressive aims aligns alliance analysis approach automakers "
    "automotive based between beyond both brand brands broader building called capabilities "
    "capability carefully challenge challenging changing china chinese collaborating collaboration "
    "combines comes commitment companies company compete competition competitive competitor "
    "considers consumer contrasts could create creating customers deeper demand demonstrate "
    "demonstrates described development direct domestic dynamics electric emergence enlightened "
    "entered entry establish established european evolution evolving experience expertise face "
    "factors focus formidable from global group growth high highest huawei importance increasing "
    "increasingly industry integrated integration international into japanese landscape leader "
    "levels leveraging like long luxury manufacturers manufacturing market markets massimo measured "
    "milestone mobility more move often ongoing partnership partnerships patterns perceptions "
    "planned players positioning potentially pragmatic premium previous produce qijing quality rapid "
    "rapidly rather readiness realistic realm reflects represents reshape role schedule sector seen "
    "segment setting signals significant solutions standards strategic strategy suggesting suggests "
    "supplier sustainable systematically targeting technological technology term than that their "
    "themselves this thorough time timelines traditional transformation translates trends "
    "underscores vehicle vehicles when where which while with"
)
_WORDS = _VOCABULARY.split()
_WEIGHTS = [1 / (rank + 1) for rank in range(len(_WORDS))]
_SOURCES = (
    "InvestorBrandNetwork (IBN)",
    "Harbor Wire",
    "Meridian Business Desk",
    "Northgate Tech Report",
    "Coastline Press Service",
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(_WORDS, _WEIGHTS, k=words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(_sentence(rng, rng.randint(12, 22)) for _ in range(5)) + "</p>"


def article_text(index: int, rng: random.Random) -> tuple[str, str]:
    """(relative folder, text) of article ``index``."""
    title = " ".join(word.capitalize() for word in rng.sample(_WORDS, 9))
    year = 2024 + index % 2
    month, day = 1 + index % 12, 1 + (index // 12) % 28
    hour, minute, second = index % 24, (index * 7) % 60, (index * 13) % 60
    roll = rng.random()
    draft = "true" if roll < 0.30 else "false"
    lines = ["+++"]
    if index % 8 == 0:
        lines.append("# imported from the wire; do not edit the ids")
    lines += [
        f'title = "{title} {index}"',
        f'date = "{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"',
        f"draft = {draft}",
        f'summary = "{_sentence(rng, 40)}"',
        f'description = "{_sentence(rng, 28)}"',
        f'source_link = "https://rss.example.com/gcs/{index}-{rng.choice(_WORDS)}/"',
        f'enclosure = "https://cdn.example.app/genai/images/{index % 300}/{index:08x}.png"',
        f"article_id = {218000 + index}",
        f"feed_item_id = {21000 + index}",
        f'qrcode = "https://cdn.example.app/ibn/qrcode/{index % 300}/{index:06x}.webp"',
        f'source = "{_SOURCES[index % len(_SOURCES)]}"',
    ]
    if 0.30 <= roll < 0.33:
        lines.append(f"publishDate = {year + 7}-{month:02d}-{day:02d}T09:00:00+02:00  # embargo")
    elif 0.33 <= roll < 0.36:
        lines.append('expiryDate = "2025-01-01T00:00:00Z"')
    if index % 10 == 0:
        lines += ["", "[params]", f"priority = {index % 5}", 'tags = ["wire", "business"]']
    lines.append("+++")
    body = "".join(_paragraph(rng) for _ in range(5))
    folder = f"content/news/{year}/{month:02d}/{day:02d}"
    return folder, "\n".join(lines) + "\n\n" + body


def generate_desk(root: Path, count: int) -> Path:
    """Write ``count`` articles under root/content (once; reused when the marker matches)."""
    marker = root / ".generated"
    stamp = f"{GENERATOR_VERSION} {count}"
    if marker.exists() and marker.read_text() == stamp:
        return root
    rng = random.Random(42)
    made: set[str] = set()
    for index in range(count):
        folder, text = article_text(index, rng)
        if folder not in made:
            (root / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (root / folder / f"story-{index:06d}.md").write_text(text, encoding="utf-8")
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench desk"\n', encoding="utf-8"
    )
    marker.write_text(stamp)
    return root
