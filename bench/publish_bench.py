"""Publish checks on a seed desk: the first check reads the desk, the next ones only what changed.

The reference is ``check_folder`` (every file read, the rules of Check Folder) in the same run; the
target is that a later check (Publish and Next in a review) costs at most ``NEXT_TARGET`` of it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from editor.core.publish_check import PublishChecker
from editor.core.validate import check_folder

NEXT_TARGET = 0.2  # a later publish check, as a share of a whole check_folder


def run(root: Path, repeat: int) -> dict[str, float | bool]:
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.md"))[: repeat + 1]
    whole, nexts = [], []
    checker = PublishChecker(root)
    started = time.perf_counter()
    checker.problems(names[:1])
    first = time.perf_counter() - started
    for name in names[1:]:
        started = time.perf_counter()
        check_folder(root)
        whole.append(time.perf_counter() - started)
        started = time.perf_counter()
        checker.problems([name])
        nexts.append(time.perf_counter() - started)
    reference, following = statistics.median(whole), statistics.median(nexts)
    return {
        "check_folder_s": reference,
        "first_check_s": first,
        "next_check_s": following,
        "ratio": following / reference,
        "ok": following / reference <= NEXT_TARGET,
    }
