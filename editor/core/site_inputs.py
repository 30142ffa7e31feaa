"""What a site's rules for a desk depend on, as paths whose ``stat`` tells: the config files that
could make a folder the site, the config, the content folders, the named time zones' files.
:mod:`editor.core.warm_snapshot` notes them with a kept listing (:mod:`editor.core.listing_inputs`),
so that a warm listing can trust it without reading the config (:mod:`editor.cli_kept`). Beside
:mod:`editor.core.site`, whose rules it follows, by the names that module gives them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from editor.core.site import (
    CONFIG_DIR,
    ENVIRONMENTS,
    SITE_MARKERS,
    config_files,
    load_site,
    site_above,
)


def desk_inputs(root: Path | str) -> list[str] | None:
    """Every path whose ``stat`` decides :func:`site_for_desk` and :func:`content_roots` for a
    desk at ``root`` lying in a site (None elsewhere): the config files each folder from the desk
    up to its site's root may hold (:func:`is_site`), every file of the site's config, missing ones
    too, the config folders, and the content folders, both as found (links followed) and as the
    config names them (``stat`` follows a link there to the folder it points to now: pointed
    elsewhere, the content folders are others), and the files of the time zones the config names
    (:func:`_zone_files`). The same answers for them all, the same site
    (:mod:`editor.core.listing_inputs` notes them for a kept listing)."""
    base = Path(root).resolve()
    found = site_above(base)
    if found is None:
        return None
    paths: list[Path] = []
    for folder in (base, *base.parents):
        paths.extend(folder / name for name in SITE_MARKERS)
        paths.append(folder / CONFIG_DIR / "_default")
        if folder == found:
            break
    paths.append(found / CONFIG_DIR)
    paths.extend(found / CONFIG_DIR / environment for environment in ENVIRONMENTS)
    paths.extend(config_files(found))
    site = load_site(found)
    paths.extend(cd.path for cd in site.content_dirs)
    paths.extend(site.given_content)
    zones = _zone_files(site.zone_names)
    if zones is None:
        return None
    return [str(path) for path in paths] + zones


def _zone_files(names: Iterable[str]) -> list[str] | None:
    """Where zoneinfo looks each of the time zones ``names`` up (every folder of its search path,
    missing ones too: the first found is the zone, in the same Python with the same
    ``PYTHONTZPATH``, which listing_inputs notes); None when one is in none of them (unknown, or
    from the ``tzdata`` package: whether it is found then depends on what is installed)."""
    if not names:
        return []
    import zoneinfo

    files = []
    for name in names:
        candidates = [os.path.join(folder, name) for folder in zoneinfo.TZPATH]
        if not any(map(os.path.isfile, candidates)):
            return None
        files.extend(candidates)
    return files
