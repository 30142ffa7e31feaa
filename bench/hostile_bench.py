"""Hostile front matter next to the largest ordinary one: refusing a bad file must cost no more.

Each case times what ``copydesk set`` does to one file (load, then stage and render an edit, which
is where an unreadable file is refused) and gives it as a ratio to the same work on the reference:
an ordinary YAML article with a one-line list just under the size limit (the slowest file Copydesk
still reads). Target: every hostile ratio at most 1. The reference's own time is printed too: it is
what the size limit buys (issue 11 allows a command 2 s on one file; about 1.5 s on an idle 2-core
machine). ``python -m bench.hostile_bench`` runs it alone.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from editor.core import limits
from editor.core.edit_common import EditError
from editor.core.frontmatter import FrontMatterError
from editor.core.service import DocumentService


def _laughs() -> bytes:
    lines = ["---", "title: Laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join([*lines, "---", ""]).encode()


def _largest_ordinary() -> bytes:
    items = (limits.MAX_FRONT_MATTER_BYTES - 200) // 5
    return b"---\ntitle: Big\ntags: [" + b", ".join([b"tag"] * items) + b"]\n---\nBody\n"


CASES: dict[str, Callable[[], bytes]] = {
    "10 MB one-line YAML list": lambda: (
        b"---\ntitle: Big\ntags: [" + b", ".join([b"tag"] * 2_000_000) + b"]\n---\n"
    ),
    "YAML billion laughs": _laughs,
    "TOML table nested 500 deep": lambda: b"+++\n[" + b".".join([b"a"] * 500) + b"]\nx = 1\n+++\n",
}


def _set_title(service: DocumentService, name: str) -> None:
    try:
        article = service.load(name)
        article.set_value("title", "X")
        article.bytes_to_save()
    except (FrontMatterError, EditError):
        pass  # the refusal is the answer being timed


def _timed(root: Path, name: str, data: bytes, repeat: int) -> float:
    (root / name).write_bytes(data)
    service = DocumentService(root)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        _set_title(service, name)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def run(repeat: int = 3) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        reference = _timed(root, "reference.md", _largest_ordinary(), repeat)
        results = {"reference (largest ordinary)": {"seconds": reference, "ratio": 1.0}}
        for index, (label, make) in enumerate(CASES.items()):
            seconds = _timed(root, f"hostile{index}.md", make(), repeat)
            results[label] = {"seconds": seconds, "ratio": seconds / reference}
    return results


def main() -> int:
    results = run()
    print("Setting a value in one file (median of 3), as a ratio to the largest ordinary file:")
    for label, figures in results.items():
        print(f"  {label:<30} {figures['seconds']:7.3f} s  ratio {figures['ratio']:6.3f}")
    hostile = [figures["ratio"] for label, figures in results.items() if "reference" not in label]
    ok = max(hostile) <= 1.0
    print("target met" if ok else "TARGET MISSED: a hostile file costs more than the reference")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
