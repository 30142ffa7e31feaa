"""The desk walk: which files of a folder tree are pages, as Hugo reads them.

A site's root is walked as its content folders (see :mod:`editor.core.site`); a leaf bundle (a folder
with an ``index`` file) gives only that file, the other files in it being the page's resources;
hidden folders, ``node_modules`` and ``__pycache__`` are skipped. The index (:mod:`editor.core.index`)
makes a row of each file the walk gives; the folder watcher asks :func:`would_list` of new files.
The walk removes Copydesk's own stale temp files as it meets them (a save killed mid-write).
"""

from __future__ import annotations

import bisect
import contextlib
import os
from collections.abc import Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

from editor.core.atomic import clean_stale_temps, is_temp_name
from editor.core.disk_names import SKIPPED_FOLDERS
from editor.core.site import ARTICLE_SUFFIXES, CONTENT_EXTENSIONS, content_roots, site_for_desk

_EXTENSIONS = frozenset(suffix[1:] for suffix in ARTICLE_SUFFIXES)  # without the dot
_NAME = attrgetter("name")


def skips_folder(name: str) -> bool:
    """Whether the desk walk (the index and the folder watcher) stays out of a folder of this name:
    hidden folders (``.git``, ``.hugo_build.lock``'s kin), ``node_modules`` and ``__pycache__``."""
    return not name or name.startswith(".") or name in SKIPPED_FOLDERS


def is_article_name(name: str) -> bool:
    stem, dot, suffix = name.rpartition(".")  # os.path.splitext's answer, in a third of its time
    return bool(dot and stem) and suffix.lower() in _EXTENSIONS and name[0] != "."


def article_paths(root: Path) -> Iterator[Path]:
    """Article files below ``root`` in a stable order: what ``listing.scan`` lists, without reading
    them."""
    base = Path(root).resolve()
    return (Path(entry.path) for entry in _desk_entries(base, site_for_desk(root)))


def _desk_entries(base: Path, site: Any) -> list[os.DirEntry[str]]:
    return list(_iter_desk_entries(base, site))


def _iter_desk_entries(base: Path, site: Any) -> Iterator[os.DirEntry[str]]:
    """The entries of :func:`_desk_entries` as the walk finds them (in the same order)."""
    for folder, skip in content_roots(base, site):
        # In a site even the top may be a leaf bundle (Hugo: an index.md at the content root makes
        # every other file the home page's resource); a plain folder is listed whole.
        yield from _walk_entries(str(folder), skip, top_bundle=site.root is not None)


def would_list(root: Path | str, path: Path | str, site: Any = None) -> bool:
    """Whether :func:`scan` of ``root`` lists the file at ``path`` (for a watcher's new files):
    inside a content folder of the desk, and not a resource of a leaf bundle."""
    base = Path(root).resolve()
    file = Path(os.path.abspath(path))
    desk_site = site if site is not None else site_for_desk(base)
    for folder, skip in content_roots(base, desk_site):
        if not file.is_relative_to(folder):
            continue
        parts = file.relative_to(folder).parts
        if len(parts) > 1 and parts[0] in skip:
            return False
        for depth in range(0 if desk_site.root is not None else 1, len(parts)):
            inside = folder.joinpath(*parts[:depth])
            if depth == len(parts) - 1 and is_bundle_index(parts[-1]):
                return True
            with contextlib.suppress(OSError):
                if any(is_bundle_index(entry.name) for entry in os.scandir(inside)):
                    return False
        return is_article_name(file.name)
    return False


def is_bundle_index(name: str) -> bool:
    """Whether ``name`` makes its folder a leaf bundle: ``index.md``, ``index.fr.html``..."""
    if name[:5].lower() != "index":  # the stem's first part must be "index": most names end here
        return False
    stem, ext = os.path.splitext(name)
    return ext.lower() in CONTENT_EXTENSIONS and stem.split(".", 1)[0].lower() == "index"


def _walk(
    root: str, skip: frozenset[str] = frozenset(), *, top_bundle: bool = False
) -> Iterator[str]:
    """Article files below ``root``, skipping hidden folders, node_modules and ``skip`` at the top.

    A folder with an ``index`` file is a leaf bundle: only that file is a page (at the top too when
    ``top_bundle``).
    """
    return (entry.path for entry in _walk_entries(root, skip, top_bundle=top_bundle))


def _walk_entries(
    root: str, skip: frozenset[str] = frozenset(), *, top_bundle: bool = False
) -> Iterator[os.DirEntry[str]]:
    # Run once per file of a desk (a warm 100,000-file listing spent a fifth of its time here):
    # is_bundle_index, is_article_name and is_listed_entry are inlined, each in its cheap part first.
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                items = sorted(entries, key=_NAME)
        except OSError:
            continue
        if folder != root or top_bundle:
            bundle = [entry for entry in _starting_with_i(items) if is_bundle_index(entry.name)]
            if bundle and any(_is_file(entry) for entry in bundle):
                yield from (e for e in bundle if is_article_name(e.name) and _is_file(e))
                continue
        subfolders = []
        temps = []
        for entry in items:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not skips_folder(name) and not (folder == root and name in skip):
                        subfolders.append(entry.path)
                    continue
                stem, dot, suffix = name.rpartition(".")  # is_listed_entry, inlined
                if dot and stem and name[0] != "." and suffix.lower() in _EXTENSIONS:
                    try:
                        listed = not (entry.is_symlink() and entry.is_dir())
                    except OSError:  # a link loop
                        listed = True
                    if listed:
                        yield entry
                        continue
                if is_temp_name(name):
                    temps.append(name)
            except OSError:
                continue
        if temps:  # a save killed mid-write left these; ours, stale and unlocked ones go
            clean_stale_temps(folder, temps)
        stack.extend(reversed(subfolders))


def _starting_with_i(items: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
    """The entries of a folder (sorted by name) whose name starts with ``I`` or ``i``, in order:
    only they can be a bundle's index (no other character lowercases to ``i``: ``İ`` gives two),
    found by bisection instead of a look at every file."""
    found: list[os.DirEntry[str]] = []
    for first, after in (("I", "J"), ("i", "j")):
        start = bisect.bisect_left(items, first, key=_NAME)
        found.extend(items[start : bisect.bisect_left(items, after, start, key=_NAME)])
    return found


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def is_listed_entry(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry (not itself a folder) gets a row: an article name, not a folder link.

    Pipes, devices, link loops and links to nothing are listed too: their row says what they are
    (``files.kind_problem``) instead of the file going missing from the list.
    """
    if not is_article_name(entry.name):
        return False
    try:
        return not (entry.is_symlink() and entry.is_dir())  # a link to a folder is not followed
    except OSError:  # a link loop
        return True


def regular_flags(entries: Sequence[os.DirEntry[str]]) -> list[bool]:
    """For each walked entry, whether it is a regular file and no link: what the folder listing
    says (``d_type``), so asking costs no system call on the usual file systems."""
    flags = []
    for entry in entries:
        try:
            flags.append(entry.is_file(follow_symlinks=False))
        except OSError:
            flags.append(False)
    return flags
