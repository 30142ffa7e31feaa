"""Two versions of the code side by side: ``copydesk list --json`` cold and warm, alternated rounds,
medians, each beside ``hugo list all`` measured in the same run.

``python -m bench.compare_code OTHER_CHECKOUT [--sizes 10000 50000] [--rounds 12]`` runs this
checkout's code and the other one's (a ``git worktree add /tmp/base <commit>`` of an older
commit, say) with the same Python, each from its own folder (``python -m editor`` finds the
package in the current folder first), each with a cache folder and bytecode folder of its own.
The machine is shared and noisy: what counts is the two versions in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.core_bench import _hugo
from bench.generate import generate_desk

HERE = Path(__file__).resolve().parents[1]


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900
    )
    return time.perf_counter() - start


def compare(other: Path, sizes: list[int], rounds: int) -> dict[int, dict[str, list[float]]]:
    """Each size's timings by name ("this cold", "other warm", "hugo", ...)."""
    base = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    scratch = Path(tempfile.mkdtemp(prefix="copydesk-compare-"))
    codes = {"this": HERE, "other": other.resolve()}
    found: dict[int, dict[str, list[float]]] = {}
    for count in sizes:
        desk = str(generate_desk(HERE / ".bench" / f"seed-{count}", count).resolve())
        envs = {
            name: {
                **base,
                "PYTHONPYCACHEPREFIX": str(scratch / f"pycache-{name}"),
                "COPYDESK_CACHE_DIR": str(scratch / f"cache-{name}-{count}"),
            }
            for name in codes
        }
        listing = [sys.executable, "-m", "editor", "list", "--json"]
        for name, code in codes.items():  # bytecode written, the answer kept, the page cache warm
            for _ in range(2):
                _timed([*listing, desk], code, envs[name])
        times: dict[str, list[float]] = {}
        for number in range(rounds):
            order = list(codes.items()) if number % 2 == 0 else list(reversed(codes.items()))
            for name, code in order:
                for kind, extra in (("cold", ["--no-cache"]), ("warm", [])):
                    seconds = _timed([*listing, *extra, desk], code, envs[name])
                    times.setdefault(f"{name} {kind}", []).append(seconds)
            if number % 4 == 0:
                hugo = [_hugo(), "list", "all", "--source", desk]
                times.setdefault("hugo", []).append(_timed(hugo, HERE, base))
        found[count] = times
    return found


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare_code", description=__doc__)
    parser.add_argument("other", type=Path, help="the other checkout (its editor/ package)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    if not (args.other / "editor" / "__init__.py").is_file():
        parser.error(f"{args.other} holds no editor/ package")
    for count, times in compare(args.other, args.sizes, args.rounds).items():
        hugo = statistics.median(times["hugo"])
        print(f"\n{count} articles, {args.rounds} alternated rounds, medians:")
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"  {name:<12} {median:7.3f} s  {median / hugo:6.3f}× Hugo  "
                f"(min {min(values):.3f}, max {max(values):.3f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
