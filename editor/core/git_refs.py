"""Noticing a ``git fetch`` (or pull, push) made outside the app: a stamp of the remote refs.

A fetch writes ``FETCH_HEAD`` and moves ``refs/remotes/…`` (loose files, or ``packed-refs`` after a
``git gc``). Stat-ing those few paths costs microseconds and runs no git, so the window can compare
stamps every couple of seconds and read the incoming changes again only when one differs; the git
folders themselves are found once, with one ``git rev-parse``, on a worker.
"""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.git import Checkout

RefsStamp = tuple[tuple[str, int, int], ...]  # (path, mtime_ns, size) of each file that exists


def git_folders(checkout: Checkout) -> tuple[Path, ...]:
    """The checkout's git folder and, for a linked work tree, the common one (where the remote
    refs live); empty when git cannot say."""
    ran = checkout.run("rev-parse", "--git-dir", "--git-common-dir")
    if not ran.ok:
        return ()
    folders: list[Path] = []
    for line in ran.stdout.decode("utf-8", "surrogateescape").splitlines():
        folder = (checkout.top / line.strip()).resolve()
        if line.strip() and folder not in folders:
            folders.append(folder)
    return tuple(folders)


def remote_refs_stamp(folders: tuple[Path, ...]) -> RefsStamp:
    """What the remote refs look like now: a different stamp means something fetched or pushed."""
    found: list[tuple[str, int, int]] = []
    for folder in folders:
        for name in ("FETCH_HEAD", "packed-refs"):
            _stat_into(found, folder / name)
        remotes = folder / "refs" / "remotes"
        for place, _dirs, files in os.walk(remotes):
            _stat_into(found, Path(place))  # a ref deleted leaves only its folder's time
            for name in files:
                _stat_into(found, Path(place) / name)
    return tuple(sorted(found))


def _stat_into(found: list[tuple[str, int, int]], path: Path) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    found.append((str(path), info.st_mtime_ns, info.st_size))
