"""Shared by the command-line tests: the sample desk's articles, and main() run on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor.cli import main

BUSINESS = Path("content/business")
CALDER = (
    BUSINESS / "calder-bay-container-volumes.md"
)  # date = 2026-03-02T09:30:00Z (a TOML datetime)
BRIGHTWELL = (
    BUSINESS / "brightwell-foods-third-quarter.md"
)  # date = "2026-10-29T07:00:00Z" (a string)
BROKEN = BUSINESS / "broken-front-matter.md"
HALDEN = BUSINESS / "halden-riverside-merger-talks.md"  # draft = true
VISTULA = BUSINESS / "vistula-freight-poznan-warehouse.md"  # has a [params] table
ORBITLINE = Path(
    "content/technology/orbitline-polar-ground-stations.md"
)  # publishDate 2031-01-15T09:00Z
LOCKERLOOP = Path("content/technology/lockerloop-privacy-review.md")  # YAML
SHENZHEN = Path("content/technology/shenzhen-lanchi-semi-solid-battery.md")  # CJK title
PORT_AVALEN = Path("content/world/port-avalen-ferry-strike.md")  # JSON

DRAFTS = [
    "content/business/halden-riverside-merger-talks.md",
    "content/world/lower-marsh-flood-barrier-vote.md",
    "content/world/vallombra-water-rationing.md",
]


def run(capsys: pytest.CaptureFixture[str], *argv: object, **options: Any) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv], **options)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err
