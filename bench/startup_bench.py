"""Start-up to first paint: the window on a small desk, beside a bare Qt window with an empty table.

Both are measured in fresh processes (Qt offscreen), from the moment the process is spawned to the
first paint event of the window, interleaved and repeated; the figure is the ratio of the medians.
The bare window is what any PySide6 program pays (the interpreter, Qt's libraries, a QMainWindow
with a QTableView); everything above it is Copydesk's own start-up, as the ``copydesk DESK``
command runs it (``editor.entry.main``, then ``editor.app.main``). Both sides run
``bench/startup_probe.py`` (nothing imported for either beforehand) with the same environment and
bytecode: compiled once by a warm-up into a temporary ``PYTHONPYCACHEPREFIX``, as an installed
app has it compiled at install time.

    .venv/bin/python -m bench.startup_bench [--repeat 15] [--against OTHER_WORK_TREE]

``--against`` runs a second checkout's Copydesk (``git worktree add /tmp/before main``) in the
same rounds, bare, this one and that one in turn, each with its own bytecode and user folders:
the before-and-after figure on a machine too busy for two separate runs to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.0  # issue 9: at most twice the bare window
PROBE = Path(__file__).with_name("startup_probe.py")  # imports only sys, time, json itself


def run(repeat: int = 15, against: Path | None = None) -> dict[str, float]:
    """Medians (seconds) of both start-ups and their ratio (and of ``against``'s Copydesk, a
    second work tree, run in the same rounds: ``other_*``)."""
    with tempfile.TemporaryDirectory(prefix="copydesk-startup-") as folder:
        desk = Path(folder) / "desk"
        from editor.bundled import bundled_samples

        shutil.copytree(bundled_samples(), desk)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "COPYDESK_CACHE_DIR": str(Path(folder) / "cache"),
            "XDG_CONFIG_HOME": str(Path(folder) / "config"),
            "XDG_DATA_HOME": str(Path(folder) / "data"),
            "XDG_CACHE_HOME": str(Path(folder) / "xdg-cache"),
            # An installed Copydesk has its bytecode compiled; so does the bench's (in the temp folder).
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        other_env = _other_env(env, Path(folder) / "other", against) if against else None
        _spawn(["bare"], env)  # warm-ups: bytecode written, files in the page cache
        _spawn(["app", str(desk)], env)
        if other_env is not None:
            _spawn(["app", str(desk)], other_env, against)
        bare: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        other: list[tuple[float, float]] = []
        for _ in range(repeat):
            bare.append(_spawn(["bare"], env))
            app.append(_spawn(["app", str(desk)], env))
            if other_env is not None:
                other.append(_spawn(["app", str(desk)], other_env, against))
    bare_s, app_s = statistics.median(b[0] for b in bare), statistics.median(a[0] for a in app)
    bare_cpu, app_cpu = statistics.median(b[1] for b in bare), statistics.median(a[1] for a in app)
    figures = {
        "bare_s": bare_s,
        "app_s": app_s,
        "ratio": app_s / bare_s,
        "bare_cpu_s": bare_cpu,
        "app_cpu_s": app_cpu,
        "cpu_ratio": app_cpu / bare_cpu,
        "target": TARGET_RATIO,
        "bare_min_s": min(b[0] for b in bare),
        "app_min_s": min(a[0] for a in app),
    }
    if other:
        figures["other_s"] = statistics.median(o[0] for o in other)
        figures["other_ratio"] = figures["other_s"] / bare_s
        figures["other_cpu_ratio"] = statistics.median(o[1] for o in other) / bare_cpu
    return figures


def _other_env(env: dict[str, str], folder: Path, tree: Path) -> dict[str, str]:
    """``env`` for the other work tree's Copydesk: its code first on the path, its own bytecode,
    caches and user folders."""
    names = ("COPYDESK_CACHE_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    return {
        **env,
        **{name: str(folder / name.lower()) for name in names},
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        "PYTHONPATH": str(tree),
    }


def _spawn(args: list[str], env: dict[str, str], tree: Path | None = None) -> tuple[float, float]:
    """Seconds from spawning the probe (``tree``'s, else this one) to its first paint, and the
    CPU it used until then."""
    probe = PROBE if tree is None else tree / "bench" / PROBE.name
    started = time.time()
    out = subprocess.run(
        [sys.executable, str(probe), *args, repr(started)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"start-up probe {args[0]} failed: {out.stderr.strip()[-500:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return float(figures["first_paint_s"]), float(figures["cpu_s"])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup_bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another work tree, run in the same rounds")
    args = parser.parse_args()
    against = args.against.resolve() if args.against else None
    if against is not None and not (against / "editor" / "app.py").is_file():
        parser.error(f"{args.against}: no Copydesk work tree there (editor/app.py is missing)")
    figures = run(args.repeat, against)
    print(
        f"start-up to first paint: bare {figures['bare_s'] * 1000:.0f} ms, Copydesk "
        f"{figures['app_s'] * 1000:.0f} ms = {figures['ratio']:.2f}× (at most {TARGET_RATIO}×); "
        f"CPU until then {figures['bare_cpu_s'] * 1000:.0f} / {figures['app_cpu_s'] * 1000:.0f} ms "
        f"= {figures['cpu_ratio']:.2f}×"
    )
    if "other_s" in figures:
        print(
            f"  {against}: {figures['other_s'] * 1000:.0f} ms = {figures['other_ratio']:.2f}× "
            f"(CPU {figures['other_cpu_ratio']:.2f}×), in the same rounds"
        )
    return 0 if figures["ratio"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
