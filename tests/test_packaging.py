"""The app's identity is defined once (editor/__init__.py); packaging files must agree with it."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import editor

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def test_desktop_file_is_named_after_the_app_id() -> None:
    desktop = PACKAGING / f"{editor.APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Name"] == editor.APP_NAME
    assert entry["Icon"] == editor.APP_ID
    assert entry["Exec"].split()[0] == "copydesk"


def test_metainfo_matches_id_and_version() -> None:
    tree = ET.parse(PACKAGING / f"{editor.APP_ID}.metainfo.xml")
    assert tree.findtext("id") == editor.APP_ID
    assert tree.findtext("launchable") == f"{editor.APP_ID}.desktop"
    versions = [release.get("version") for release in tree.iter("release")]
    assert editor.__version__ in versions


def test_pyproject_takes_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "editor.__version__"}
    assert project["project"]["scripts"]["copydesk"] == "editor.entry:main"
