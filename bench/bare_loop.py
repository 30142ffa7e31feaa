"""The floor: read every article and parse its TOML front matter with tomllib, nothing else.

Run as ``python -m bench.bare_loop ROOT``; prints the number of files read.
"""

from __future__ import annotations

import os
import sys
import tomllib


def bare_loop(root: str) -> int:
    count = 0
    for folder, dirs, files in os.walk(os.path.join(root, "content")):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    text = handle.read()
                tomllib.loads(text.split("+++", 2)[1])
                count += 1
    return count


if __name__ == "__main__":
    print(bare_loop(sys.argv[1]))
