"""What a folder that holds Hugo sites lists besides their pages, so that the note about it says
only what is there.

Opened above its sites (a repository of several, linkerd's), a desk reads every file below as a
page: a site's templates (``layouts/``, ``themes/``), its archetypes, a README or an HTML file in
``static/``. The CLI's warning and the window's note said "templates" even of a site that had none;
:func:`listed_extras` looks which kinds are there (on a worker in the window: it walks folders).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from editor.core.site import site_for_desk
from editor.core.walk import is_article_name, skips_folder

TEMPLATES = "templates"
ARCHETYPES = "archetypes"
OTHER = "other files"
KINDS = (TEMPLATES, ARCHETYPES, OTHER)  # in the order the notes name them
_FOLDER_KINDS = {"layouts": TEMPLATES, "themes": TEMPLATES, "archetypes": ARCHETYPES}


def listed_extras(sites: Iterable[Path]) -> tuple[str, ...]:
    """The kinds of files (of :data:`KINDS`, in that order) that a desk opened above ``sites``
    lists as pages although they are none: files of the sites outside their content folders."""
    found: set[str] = set()
    for site_root in sites:
        site = site_for_desk(site_root)
        contents = [cd.path.resolve() for cd in site.content_dirs]
        try:
            entries = sorted(os.scandir(site_root), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if not is_dir:
                if is_article_name(entry.name):
                    found.add(OTHER)
                continue
            kind = _FOLDER_KINDS.get(entry.name, OTHER)
            if kind in found or skips_folder(entry.name):
                continue
            path = Path(entry.path).resolve()
            if any(path == folder or folder.is_relative_to(path) for folder in contents):
                continue  # a content folder (or one holding them): its pages are pages
            if _has_page_file(entry.path):
                found.add(kind)
    return tuple(kind for kind in KINDS if kind in found)


def _has_page_file(folder: str) -> bool:
    """Whether the desk walk would find a file named like a page below ``folder`` (the first one
    ends the look)."""
    for _here, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not skips_folder(name)]
        if any(is_article_name(name) for name in files):
            return True
    return False
