"""``make bench``: generate a 10,000-article desk once, then measure listing it (and the window)."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from bench import core_bench
from bench.generate import generate_desk


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="articles in the generated desk")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each listing")
    parser.add_argument("--skip-ui", action="store_true", help="measure the core only")
    parser.add_argument("--skip-git", action="store_true", help="skip the git columns")
    parser.add_argument("--git-count", type=int, default=50_000, help="articles in the git desk")
    parser.add_argument("--git-commits", type=int, default=5_000, help="commits in its history")
    parser.add_argument("--out", type=Path, default=Path(".bench/results.json"))
    args = parser.parse_args()

    root = generate_desk(Path(".bench") / f"desk-{args.count}", args.count)
    print(
        f"Desk: {root} ({args.count} articles), Python {platform.python_version()}, {platform.machine()}"
    )
    results: dict[str, object] = {"count": args.count, "listing": core_bench.run(root, args.repeat)}
    print(f"\nListing {args.count} articles (best / median of {args.repeat}):")
    for name, figures in results["listing"].items():
        note = f"  ({figures['error']})" if "error" in figures else ""
        print(
            f"  {name:<22} {figures['best_s']:7.3f} s / {figures['median_s']:7.3f} s   {figures['files']} files{note}"
        )
    if not args.skip_ui:
        from bench import ui_bench

        results["window"] = ui_bench.run(root)
        print(f"\nWindow on {args.count} articles (offscreen):")
        for name, value in results["window"].items():
            print(f"  {name:<34} {value}")
    if not args.skip_git:
        from bench import git_bench

        git_root = git_bench.generate_repo(
            Path(".bench") / f"git-{args.git_count}-{args.git_commits}",
            args.git_count,
            args.git_commits,
        )
        results["git"] = git_bench.run(git_root, args.repeat)
        if not args.skip_ui:
            results["git"]["window"] = git_bench.window_figures(git_root, args.repeat)
        print(f"\nGit columns on {args.git_count} articles, {args.git_commits} commits:")
        for name, value in results["git"].items():
            if isinstance(value, dict):
                shown = "  ".join(
                    f"{key} {item:.3f}" if isinstance(item, float) else f"{key} {item}"
                    for key, item in value.items()
                )
                print(f"  {name:<34} {shown}")
            else:
                print(f"  {name:<34} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nFigures saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
