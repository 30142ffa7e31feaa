"""Where the bundled files live: icons, the sample desk and translations.

One lookup for a source checkout, an editable install, a wheel and a frozen (PyInstaller) app: the
top-level ``resources/`` folder is the package ``editor.resources`` in every one of them (setup.py
maps it; the PyInstaller spec collects it there), so importlib.resources finds it."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def resources_dir() -> Path:
    """The folder of bundled files, as a real path (Copydesk is never installed zipped)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller collects the folder as data, not as an importable package
        return Path(frozen) / "editor" / "resources"
    root = resources.files("editor.resources")
    if not isinstance(root, Path):
        raise RuntimeError(f"Copydesk's bundled files are not in a folder: {root}")
    return root


def bundled_samples() -> Path:
    """The bundled sample desk (read-only: the app works on a private copy)."""
    return resources_dir() / "samples"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return resources_dir() / "translations"
