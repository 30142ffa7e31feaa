"""``make bench``: listing seed-like desks, cold and warm, beside Hugo and a bare tomllib loop.

``make bench`` measures 10,000 articles; ``make bench BENCH_ARGS="--sizes 10000 50000 100000"`` the
issue's three sizes (100k takes minutes to generate the first time, and keeps both cores busy).
Exits 1 when a target is missed (each a ratio to a reference measured in the same run).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
from pathlib import Path

from bench import core_bench, merge_bench, publish_bench, rescan_bench
from bench.generate import generate_desk


def _row(name: str, figure: core_bench.Figure, hugo: core_bench.Figure, count: int) -> str:
    if figure.error:
        return f"  {name:<30} error: {figure.error}"
    ratio = figure.wall_s / hugo.wall_s if hugo.wall_s else math.nan
    return (
        f"  {name:<30} {figure.wall_s:8.3f} s wall {figure.cpu_s:8.3f} s CPU "
        f"{figure.cpu_s / max(count, 1) * 1e6:7.1f} µs/article  {ratio:6.3f}× Hugo  "
        f"({figure.files} rows)"
    )


def _opening(results: dict[str, object], repeat: int) -> list[str]:
    """Start-up to first paint and opening articles (seed-sized, 5 MB): each figure beside its
    target; returns the targets missed."""
    from bench import open_bench, startup_bench

    missed: list[str] = []
    startup = startup_bench.run(max(repeat, 15))
    results["startup"] = startup
    verdict = "ok" if startup["ratio"] <= startup_bench.TARGET_RATIO else "MISSED"
    print(
        f"\nStart-up to first paint: {startup['app_s'] * 1000:.0f} ms, a bare Qt window with an "
        f"empty table {startup['bare_s'] * 1000:.0f} ms = {startup['ratio']:.2f}× (at most "
        f"{startup_bench.TARGET_RATIO}×) {verdict}"
    )
    if verdict != "ok":
        missed.append(f"start-up {startup['ratio']:.2f}× a bare Qt window")
    opening = open_bench.run(max(1, min(repeat, 2)))
    results["open"] = opening
    print("\nOpening articles (offscreen):")
    for line in open_bench.report(opening):
        print(f"  {line}")
        if line.startswith("MISSED"):
            missed.append(line.removeprefix("MISSED: "))
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000], help="desk sizes")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds per size")
    parser.add_argument("--ui", action="store_true", help="also measure the window (slow)")
    parser.add_argument("--skip-git", action="store_true", help="skip the git columns")
    parser.add_argument("--git-count", type=int, default=50_000, help="articles in the git desk")
    parser.add_argument("--git-commits", type=int, default=5_000, help="commits in its history")
    parser.add_argument("--out", type=Path, default=Path(".bench/results.json"))
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, {platform.machine()}, {args.repeat} rounds")
    results: dict[str, object] = {}
    missed: list[str] = []
    per_article: dict[int, float] = {}
    for count in args.sizes:
        root = generate_desk(Path(".bench") / f"seed-{count}", count)
        cache_dir = Path(".bench") / f"cache-{count}"
        figures = core_bench.measure(root, args.repeat, cache_dir)
        hugo = figures["hugo list all"]
        print(f"\n{count} articles ({root}), medians:")
        for name, figure in figures.items():
            print(_row(name, figure, hugo, count))
        cold = figures["copydesk list --json, cold"]
        warm = figures["copydesk list --json, warm"]
        per_article[count] = cold.wall_s / count
        search = core_bench.measure_search(cache_dir, root, args.repeat)
        for name, value in search.items():
            print(f"  search {name:<23} {value:8.2f} ms")
        results[str(count)] = {
            name: {
                "wall_s": figure.wall_s,
                "cpu_s": figure.cpu_s,
                "files": figure.files,
                "error": figure.error,
            }
            for name, figure in figures.items()
        } | {"search_ms": search}
        if hugo.error or not hugo.wall:
            missed.append(f"{count}: no Hugo reference ({hugo.error})")
            continue
        for label, figure, target in (
            ("cold", cold, core_bench.COLD_TARGET),
            ("warm", warm, core_bench.WARM_TARGET),
        ):
            ratio = figure.wall_s / hugo.wall_s
            verdict = "ok" if ratio <= target else "MISSED"
            print(f"  target {label}: {ratio:.3f}× Hugo (at most {target:.3f}×) {verdict}")
            if not ratio <= target:
                missed.append(f"{count}: {label} listing {ratio:.3f}× Hugo > {target:.3f}×")
            if figure.files != hugo.files:
                missed.append(f"{count}: {label} listed {figure.files} rows, Hugo {hugo.files}")
        slowest = max(search.values(), default=math.nan)
        if not slowest <= core_bench.SEARCH_TARGET_MS:
            missed.append(
                f"{count}: body search {slowest:.1f} ms > {core_bench.SEARCH_TARGET_MS} ms"
            )
    if len(per_article) > 1:
        sizes = sorted(per_article)
        growth = per_article[sizes[-1]] / per_article[sizes[0]]
        print(
            f"\nCold time per article, {sizes[-1]} vs {sizes[0]}: {growth:.2f}×"
            f" (at most {core_bench.LINEAR_TARGET}×)"
        )
        if growth > core_bench.LINEAR_TARGET:
            missed.append(
                f"cold listing grows {growth:.2f}× per article from {sizes[0]} to {sizes[-1]}"
            )
    from bench import hostile_bench

    results["hostile"] = hostile_bench.run()
    print(
        "\nSetting a value in one hostile file, as a ratio to the largest ordinary one (target <= 1):"
    )
    for name, figures in results["hostile"].items():
        print(f"  {name:<30} {figures['seconds']:7.3f} s  ratio {figures['ratio']:6.3f}")
    if args.ui:
        from bench import ui_bench

        root = Path(".bench") / f"seed-{args.sizes[0]}"
        results["window"] = ui_bench.run(root, args.repeat)
        print(f"\nWindow on {args.sizes[0]} articles (offscreen, warm):")
        for name, value in results["window"].items():
            print(f"  {name:<38} {value}")
        missed += ui_bench.misses(results["window"])
    publish = publish_bench.run(Path(".bench") / f"seed-{args.sizes[0]}", args.repeat)
    results["publish_check"] = publish
    print(
        f"\nPublish check on {args.sizes[0]} articles: first {publish['first_check_s']:.2f} s, "
        f"next {publish['next_check_s']:.3f} s = {publish['ratio']:.3f}x check_folder "
        f"({publish['check_folder_s']:.2f} s; target at most {publish_bench.NEXT_TARGET}x: "
        f"{'ok' if publish['ok'] else 'MISSED'})"
    )
    if not publish["ok"]:
        missed.append(f"publish check {publish['ratio']:.3f}x check_folder")
    rescan = rescan_bench.run()
    results["rescan"] = rescan
    print(
        f"\nRescan of 5,000 unchanged bundles: {rescan['rescan_s']:.3f} s, "
        f"{rescan['ratio']:.2f}× a full scan ({rescan['scan_s']:.3f} s; at most "
        f"{rescan['target']}×) {'ok' if rescan['ok'] else 'MISSED'}"
    )
    if not rescan["ok"]:
        missed.append(f"rescan {rescan['ratio']:.2f}× a full scan")
    merge = merge_bench.run(max(args.repeat, 5))
    results["merge"] = merge
    print(
        f"\nMerge one seed-sized article: {merge['merge_best_ms']:.2f} ms best / "
        f"{merge['merge_median_ms']:.2f} ms median (target < {merge['target_ms']:.0f} ms: "
        f"{'ok' if merge['ok'] else 'MISSED'}); {merge['ratio_to_floor']:.1f}x the bare tomllib "
        f"floor ({merge['floor_best_ms']:.3f} ms)"
    )
    if not merge["ok"]:
        missed.append(f"merge of one article {merge['merge_median_ms']:.2f} ms")
    if not args.skip_git:
        from bench import git_bench

        git_root = git_bench.generate_repo(
            Path(".bench") / f"git-{args.git_count}-{args.git_commits}",
            args.git_count,
            args.git_commits,
        )
        git = git_bench.run(git_root, args.repeat)
        git["window"] = git_bench.window_figures(git_root, args.repeat)  # seconds, offscreen
        results["git"] = git
        print(f"\nGit columns on {args.git_count} articles, {args.git_commits} commits:")
        for name, value in git.items():
            if isinstance(value, dict):
                shown = "  ".join(
                    f"{key} {item:.3f}" if isinstance(item, float) else f"{key} {item}"
                    for key, item in value.items()
                )
                print(f"  {name:<34} {shown}")
            else:
                print(f"  {name:<34} {value}")
        if not git.get("warm_within_target", False):
            missed.append(f"git columns warm over {git_bench.TARGET_WARM_S} s")
        stall = git["window"]["GUI: apply a snapshot, worst ms"]
        if stall > git_bench.TARGET_STALL_MS:
            missed.append(f"git snapshot held the window {stall:.0f} ms")
    missed += _opening(results, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nFigures saved to {args.out}")
    for line in missed:
        print(f"TARGET MISSED: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
