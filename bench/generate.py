"""Generate a desk of seed-like articles (a Hugo site) for the benchmarks, deterministically."""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = [
    "harbour",
    "council",
    "freight",
    "battery",
    "grid",
    "market",
    "ferry",
    "tunnel",
    "bond",
    "quarter",
    "merger",
    "rail",
    "storage",
    "robotics",
    "privacy",
    "copper",
    "satellite",
    "drought",
    "tariff",
    "port",
    "vote",
    "plant",
    "water",
    "review",
    "launch",
]
_SOURCES = (
    "Harbor Wire",
    "Meridian Business Desk",
    "Northgate Tech Report",
    "Coastline Press Service",
)
_PARAGRAPH = (
    "<p>{a} officials said on {day} that the {b} programme would continue into next year, citing "
    "steady demand and a backlog of {n} orders. Analysts at regional banks described the figures as "
    "encouraging but cautioned that input costs remain volatile and that the {c} market is crowded.</p>"
)


def article_text(index: int, rng: random.Random) -> str:
    words = rng.sample(_WORDS, 6)
    title = " ".join(word.capitalize() for word in words)
    state = index % 10
    draft = "true" if state == 0 else "false"
    year = 2031 if state == 1 else 2025
    lines = [
        "+++",
        f'title = "{title} {index}"',
        f'date = "{year}-{1 + index % 12:02d}-{1 + index % 28:02d}T{index % 24:02d}:{index % 60:02d}:00Z"',
        f"draft = {draft}",
        f'summary = "{title} — a summary of the story that runs to a realistic length for a wire item."',
        f'description = "{title}: what happened and why it matters."',
        f'source_link = "https://example.com/wire/{index}"',
        f'enclosure = "https://images.example.org/covers/{index}.png"',
        f"article_id = {200000 + index}",
        f"feed_item_id = {20000 + index}",
        f'qrcode = "https://images.example.org/qr/{index}.webp"',
        f'source = "{_SOURCES[index % len(_SOURCES)]}"',
    ]
    if state == 2:
        lines.append('expiryDate = "2025-12-31T00:00:00Z"')
    lines.append("+++")
    body = "".join(
        _PARAGRAPH.format(
            a=words[0].capitalize(), b=words[1], c=words[2], day="Monday", n=rng.randint(10, 900)
        )
        for _ in range(5)
    )
    return "\n".join(lines) + "\n\n" + body + "\n"


def generate_desk(root: Path, count: int, folders: int = 50) -> Path:
    """Write ``count`` articles under root/content (once; reused when the marker matches)."""
    marker = root / ".generated"
    if marker.exists() and marker.read_text() == str(count):
        return root
    rng = random.Random(42)
    content = root / "content"
    for index in range(count):
        folder = content / f"section-{index % folders:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{index:05d}.md").write_text(article_text(index, rng), encoding="utf-8")
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench desk"\n', encoding="utf-8"
    )
    marker.write_text(str(count))
    return root
