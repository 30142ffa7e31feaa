"""Where the bundled files live: icons, the sample desk, translations and the editor's guide.

One lookup for a source checkout, an editable install, a wheel and a frozen (PyInstaller) app: the
top-level ``resources/`` folder is the package ``editor.resources`` in every one of them (setup.py
maps it; the PyInstaller spec collects it there), so the import system finds it. Its spec is asked
for rather than ``importlib.resources`` (a few milliseconds of the window's start-up to import)."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path


def _package_folder(name: str) -> Path:
    """The folder of the data package ``editor.<name>``, as a real path (never zipped)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller collects the folder as data, not as an importable package
        return Path(frozen) / "editor" / name
    spec = find_spec(f"editor.{name}")
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not places or not Path(places[0]).is_dir():
        raise RuntimeError(f"Copydesk's bundled files are not in a folder: editor.{name} {places}")
    return Path(places[0])


def resources_dir() -> Path:
    """The folder of bundled files: icons, the sample desk, translations."""
    return _package_folder("resources")


def docs_dir() -> Path:
    """The editor's guide and its pictures (the top-level docs/ folder, shipped as editor.docs)."""
    return _package_folder("docs")


def bundled_samples() -> Path:
    """The bundled sample desk (read-only: the app works on a private copy)."""
    return resources_dir() / "samples"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return resources_dir() / "translations"
