"""Desktop integration: the files validate, and `make install-desktop` / `make uninstall-desktop`
put them into (and take them out of) the user's XDG data folder."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import editor
from tools import desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_the_desktop_file_validates() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / f"{editor.APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream missing")
def test_the_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(PACKAGING / f"{editor.APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_desktop_file_offers_markdown_and_html_content() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{editor.APP_ID}.desktop", encoding="utf-8")
    types = set(parser["Desktop Entry"]["MimeType"].strip(";").split(";"))
    assert {"text/markdown", "text/html", "inode/directory"} <= types


def make(target: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        [sys.executable, "-m", "tools.desktop", target, "--exec", "/opt/my apps/copydesk"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_install_and_uninstall_into_the_users_data_folder(tmp_path: Path) -> None:
    share = tmp_path / "share"
    keep = share / "applications" / "someone-else.desktop"
    keep.parent.mkdir(parents=True)
    keep.write_text("[Desktop Entry]\n")
    done = make("install", share)
    assert done.returncode == 0, done.stderr
    app_id = editor.APP_ID
    entry = share / "applications" / f"{app_id}.desktop"
    assert 'Exec="/opt/my apps/copydesk" %f' in entry.read_text()
    assert (share / "metainfo" / f"{app_id}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{app_id}.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg").is_file()
    for size in (16, 32, 48, 256):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png").is_file()
    assert make("uninstall", share).returncode == 0
    assert not any(path.name.startswith(app_id) for path in share.rglob("*"))
    assert keep.exists()  # nothing of anyone else's is touched


def test_planned_files_cover_every_bundled_icon() -> None:
    planned = desktop.planned_files(Path("/share"))
    sources = set(planned.values())
    assert set(desktop.icons_dir().glob(f"{editor.APP_ID}*")) <= sources
