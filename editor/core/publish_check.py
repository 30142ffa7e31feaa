"""Checks before publishing: the errors of the files to publish, the across-desk ones included.

A duplicate ``article_id`` needs every file of the desk, and reading 10,000 files took four seconds
per Publish. :class:`PublishChecker` remembers each file's unique values with its size and
modification time, so a later check reads only the files to publish and the ones that changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from editor.core.images import static_folders
from editor.core.site import find_site_root
from editor.core.validate import Level, Problem, UniqueEntry, check_file, duplicate_problems
from editor.core.walk import article_paths

Stamp = tuple[int, int]  # (mtime_ns, size)


class PublishChecker:
    """The errors that should stop files below ``root`` from being published unasked (the rules of
    Check Folder; warnings do not count). Not thread-safe: one check at a time."""

    def __init__(self, root: Path | str) -> None:
        # Resolved, as the walk's paths are (a root named through a link gave no relative paths).
        self.root = Path(root).resolve()
        self._known: dict[str, tuple[Stamp, list[UniqueEntry]]] = {}

    def problems(
        self, relpaths: Iterable[str], pending: Mapping[str, bytes] | None = None
    ) -> dict[str, list[Problem]]:
        """Errors per file of ``relpaths`` (relative to the root); files with none are left out.

        ``pending`` maps a file to the bytes the publish will write there (the open article with its
        unsaved edits): those are checked, not what the file holds yet, since they are published."""
        wanted = set(relpaths)
        pending = pending or {}
        site_root = find_site_root(self.root)
        static_dirs = static_folders(site_root)
        found: dict[str, list[Problem]] = {}
        seen: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
        known: dict[str, tuple[Stamp, list[UniqueEntry]]] = {}

        def report(problem: Problem) -> None:
            if problem.level is Level.ERROR and problem.path in wanted:
                found.setdefault(problem.path, []).append(problem)

        for path in article_paths(self.root):
            relpath = path.relative_to(self.root).as_posix()
            try:
                info = os.stat(path)
                stamp: Stamp | None = (info.st_mtime_ns, info.st_size)
            except OSError:
                stamp = None  # check_file says why (a link to nothing, a loop...)
            cached = self._known.get(relpath)
            if relpath not in wanted and cached is not None and cached[0] == stamp:
                entries = cached[1]
            else:
                checked = check_file(
                    self.root,
                    path,
                    relpath,
                    site_root=site_root,
                    static_dirs=static_dirs,
                    rules=relpath in wanted,
                    data=pending.get(relpath),
                )
                for problem in checked.problems:
                    report(problem)
                if not checked.readable or stamp is None or relpath in pending:
                    for value_key, owner in checked.entries:  # not remembered: not on disk yet
                        seen.setdefault(value_key, []).append(owner)
                    continue  # read again next time
                entries = checked.entries
            known[relpath] = (stamp, entries)
            for value_key, owner in entries:
                seen.setdefault(value_key, []).append(owner)
        self._known = known
        for problem in duplicate_problems(seen):
            report(problem)
        return found


def problems_before_publishing(
    root: Path | str, relpaths: Iterable[str]
) -> dict[str, list[Problem]]:
    """:meth:`PublishChecker.problems` once, with nothing remembered."""
    return PublishChecker(root).problems(relpaths)
