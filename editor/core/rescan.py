"""Looking at some folders of the desk again: which files are new, changed or gone.

The folder watcher (ui/desk) calls this on a worker when the folders it watches change; it reads only
the files whose modification time or size differ from the listed rows. Qt-free, so its rules are the
index's own (what is listed, which folders are skipped) and tested without a window.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.index import ArticleSummary, desk_rules, summarize
from editor.core.site_rules import SiteRules, is_rules_file
from editor.core.walk import is_listed_entry, skips_folder, would_list


@dataclass
class Rescan:
    """What changed in some folders: rows to add or update, paths to drop, folders that exist."""

    changed: list[ArticleSummary] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    # New rules when an _index or config file changed (the rows here were judged by them): the
    # desk's DeskRules adopts them.
    rules: SiteRules | None = None

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def list_folders(root: Path) -> list[Path]:
    """``root`` and every folder below it that the index would look into."""
    folders = [root]
    for folder, subfolders, _ in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not skips_folder(name))
        folders.extend(
            Path(folder) / name
            for name in subfolders
            if not os.path.islink(os.path.join(folder, name))
        )
    return folders


def rescan_folders(
    root: Path,
    folders: Iterable[Path],
    known: Mapping[str, ArticleSummary],
    watched: set[Path] | frozenset[Path] = frozenset(),
    as_of: dt.datetime | None = None,
    rules: SiteRules | None = None,
    pace: Callable[[], None] | None = None,
) -> Rescan:
    """Compare the files in ``folders`` with ``known`` (relative path → the listed row); only files
    whose modification time or size differ are read again.

    Subfolders that are not in ``watched`` are new: everything below them is read. A folder that no
    longer exists drops every row below it. Every changed file is judged by one set of ``rules`` (the
    desk's; read here when not given), rebuilt first when an ``_index`` or config file changed.
    ``pace`` (:class:`editor.core.pacing.Pacer`) is called between files, for a look nobody waits
    for (the watcher's first look, its polls): it rests there to leave the GIL to the window.
    """
    step = pace if pace is not None else _no_pace
    result = Rescan()
    tree: _KnownTree | None = None
    changed: list[Path] = []
    pending = list(dict.fromkeys(folders))
    seen: set[Path] = set()
    while pending:
        folder = pending.pop()
        if folder in seen:
            continue
        seen.add(folder)
        try:
            prefix = folder.relative_to(root).as_posix()
        except ValueError:
            continue
        prefix = "" if prefix == "." else prefix + "/"
        present: set[str] = set()
        subfolders: set[str] = set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    step()
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if not skips_folder(entry.name):
                                subfolders.add(entry.name)
                                child = Path(entry.path)
                                if child not in watched:
                                    pending.append(child)
                        elif is_listed_entry(entry):
                            # Pipes, link loops and links to nothing are rows too (listed as
                            # invalid, as the scan lists them): a loop has only its own status.
                            relpath = prefix + entry.name
                            present.add(relpath)
                            try:
                                info = entry.stat()
                            except OSError:
                                info = entry.stat(follow_symlinks=False)
                            old = known.get(relpath)
                            if (
                                old is None
                                or (old.mtime_ns, old.size) != (info.st_mtime_ns, info.st_size)
                            ) and (old is not None or would_list(root, entry.path)):
                                changed.append(Path(entry.path))
                    except OSError:
                        continue
        except OSError:
            pass  # gone (or unreadable): every row below it goes
        else:
            result.folders.append(folder)
        if tree is None:
            tree = _KnownTree(known, step)
        result.removed.extend(path for path in tree.files_in.get(prefix, ()) if path not in present)
        for head in tree.heads.get(prefix, set()) - subfolders:
            result.removed.extend(tree.below(prefix + head + "/"))
    result.removed = sorted(set(result.removed))
    if any(is_rules_file(path.name) for path in changed) or any(
        is_rules_file(relpath.rpartition("/")[2]) for relpath in result.removed
    ):
        rules = result.rules = desk_rules(root)
    elif rules is None and changed:
        rules = desk_rules(root)
    result.changed = []
    for path in changed:
        step()
        result.changed.append(summarize(root, path, as_of, rules))
    return result


def _no_pace() -> None:
    """A look the window waits for never rests."""


class ListedRows(Mapping[str, ArticleSummary]):
    """The rows a list shows, by path, for a look on a worker (the lists are the window's copies).

    Grouped by folder on first use (on the thread that reads them), and a look asks for one folder
    at a time: each folder's rows become a small dict when the look gets to it, not one dict of
    every row (3.7 MiB at 100,000 rows, made again for every look)."""

    def __init__(self, paths: list[str], summaries: list[ArticleSummary]) -> None:
        self._paths = paths
        self._summaries = summaries
        self._count = len(paths)
        self._groups: dict[str, tuple[list[str], list[ArticleSummary]]] | None = None
        self._folder: str | None = None
        self._rows: dict[str, ArticleSummary] = {}

    def folders(self) -> dict[str, tuple[list[str], list[ArticleSummary]]]:
        """Each folder ("a/b/", "" for the top) with its rows' paths and rows."""
        if self._groups is None:
            groups: dict[str, tuple[list[str], list[ArticleSummary]]] = {}
            for path, summary in zip(self._paths, self._summaries, strict=True):
                parent, slash, _ = path.rpartition("/")
                folder = parent + "/" if slash else ""
                group = groups.get(folder)
                if group is None:
                    group = groups[folder] = ([], [])
                group[0].append(path)
                group[1].append(summary)
            self._groups = groups
            self._paths, self._summaries = [], []  # the copies go: the groups hold the rows
        return self._groups

    def _in_folder(self, path: str) -> dict[str, ArticleSummary]:
        parent, slash, _ = path.rpartition("/")
        folder = parent + "/" if slash else ""
        if folder != self._folder:
            group = self.folders().get(folder)
            self._rows = dict(zip(*group, strict=True)) if group is not None else {}
            self._folder = folder
        return self._rows

    def get(self, path: str, default: Any = None) -> Any:
        return self._in_folder(path).get(path, default)

    def __getitem__(self, path: str) -> ArticleSummary:
        return self._in_folder(path)[path]

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and path in self._in_folder(path)

    def __iter__(self) -> Iterator[str]:
        for paths, _rows in self.folders().values():
            yield from paths

    def __len__(self) -> int:
        return self._count


class _KnownTree:
    """The listed rows by folder, made once per rescan: each folder looked at costs its own rows,
    not a pass over every row of the desk (5,000 bundles took 2 s to rescan unchanged)."""

    def __init__(self, known: Iterable[str], step: Callable[[], None] = _no_pace) -> None:
        self.files_in: dict[str, list[str]] = defaultdict(list)  # "a/b/" -> rows directly in it
        if isinstance(known, ListedRows):  # grouped already: the same lists
            self.files_in.update((folder, paths) for folder, (paths, _) in known.folders().items())
        else:
            for number, relpath in enumerate(known):
                if not number & 1023:
                    step()
                parent, slash, _ = relpath.rpartition("/")
                self.files_in[parent + "/" if slash else ""].append(relpath)
        self.heads: dict[str, set[str]] = defaultdict(set)  # "a/" -> {"b"}: known subfolders
        for folder in self.files_in:
            parts = folder.split("/")[:-1]
            for depth, name in enumerate(parts):
                self.heads["".join(part + "/" for part in parts[:depth])].add(name)

    def below(self, prefix: str) -> Iterator[str]:
        """Every row in the folder ``prefix`` ("a/b/") and below it."""
        for folder, paths in self.files_in.items():
            if folder.startswith(prefix):
                yield from paths
