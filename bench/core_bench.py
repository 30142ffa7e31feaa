"""Listing a big desk: Copydesk's index next to a bare tomllib loop and ``hugo list all``."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from editor.core.index import scan_all


def bare_loop(root: Path) -> int:
    """The floor: read every file and parse its TOML front matter with tomllib, nothing else."""
    count = 0
    for folder, dirs, files in os.walk(root / "content"):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md"):
                text = Path(folder, name).read_text(encoding="utf-8")
                front = text.split("+++", 2)[1]
                tomllib.loads(front)
                count += 1
    return count


def copydesk_index(root: Path) -> int:
    return len(scan_all(root))


def hugo_list_all(root: Path) -> int:
    hugo = shutil.which("hugo") or str(Path(sys.executable).with_name("hugo"))
    out = subprocess.run(
        [hugo, "list", "all", "--source", str(root)], capture_output=True, text=True, check=True
    )
    # The hugo package's wrapper prints a banner line before Hugo's CSV; count the content rows only.
    return sum(1 for line in out.stdout.splitlines() if line.startswith("content/"))


def timed(function: Callable[[Path], int], root: Path, repeat: int) -> dict[str, float]:
    runs = []
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = function(root)
        runs.append(time.perf_counter() - start)
    return {"files": count, "best_s": min(runs), "median_s": statistics.median(runs)}


def run(root: Path, repeat: int = 3) -> dict[str, dict[str, float]]:
    results = {
        "bare tomllib loop": timed(bare_loop, root, repeat),
        "copydesk index.scan": timed(copydesk_index, root, repeat),
    }
    try:
        results["hugo list all"] = timed(hugo_list_all, root, repeat)
    except (OSError, subprocess.CalledProcessError) as error:
        results["hugo list all"] = {
            "files": 0,
            "best_s": float("nan"),
            "median_s": float("nan"),
            "error": str(error),
        }
    return results
