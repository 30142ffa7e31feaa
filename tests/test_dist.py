"""The app built by `make dist` works on its own: run by `make dist-test` (and CI), skipped by
`make test`. COPYDESK_DIST may name another built folder."""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

import editor

pytestmark = pytest.mark.dist

ROOT = Path(__file__).resolve().parent.parent
NAME = f"copydesk-{editor.__version__}"


@pytest.fixture(scope="module")
def app_dir() -> Path:
    folder = Path(os.environ.get("COPYDESK_DIST") or ROOT / "build" / "dist" / NAME)
    if not (folder / "copydesk").is_file():
        pytest.fail(f"no built app in {folder}: run `make dist` first")
    return folder


def run(app_dir: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))},
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [str(app_dir / "copydesk"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )


def test_the_built_app_answers_version(app_dir: Path, tmp_path: Path) -> None:
    done = run(app_dir, "--version", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert first == f"copydesk {editor.__version__}"
    assert all(line.startswith("Python ") for line in rest), done.stdout  # then what it runs on


def test_the_built_app_lists_its_bundled_sample_desk(app_dir: Path, tmp_path: Path) -> None:
    samples = app_dir / "_internal" / "editor" / "resources" / "samples"
    done = run(app_dir, "list", "--json", str(samples), tmp_path=tmp_path)
    assert done.returncode in (0, 1), done.stderr  # 1: the sample desk has a broken file on purpose
    rows = json.loads(done.stdout)
    assert len(rows) == len(list((ROOT / "resources" / "samples" / "content").rglob("*.md")))
    assert {row["state"] for row in rows} >= {"draft", "published", "invalid"}


def test_the_built_app_reads_a_big_desk_with_its_reader_processes(
    app_dir: Path, tmp_path: Path
) -> None:
    """Above the pool's threshold the listing spawns reader processes: in a frozen app they must run
    the reader, not start another app."""
    desk = tmp_path / "big"
    desk.mkdir()
    for n in range(2500):
        (desk / f"a{n:04}.md").write_text(
            f'+++\ntitle = "Story {n}"\ndraft = {str(n % 3 == 0).lower()}\n+++\nBody\n'
        )
    done = run(app_dir, "list", "--json", str(desk), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 2500
    assert sum(row["state"] == "draft" for row in rows) == 834


def test_the_built_app_opens_its_window_on_the_sample_desk(app_dir: Path, tmp_path: Path) -> None:
    picture = tmp_path / "window.png"
    done = run(app_dir, "open", "--screenshot", str(picture), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes().startswith(b"\x89PNG") and picture.stat().st_size > 10_000


def test_the_archive_holds_the_app_and_its_desktop_files(app_dir: Path) -> None:
    (archive,) = (ROOT / "build").glob(f"{NAME}-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert f"{NAME}/copydesk" in names
    assert f"{NAME}/share/applications/{editor.APP_ID}.desktop" in names
    assert f"{NAME}/share/icons/hicolor/scalable/apps/{editor.APP_ID}.svg" in names
    assert f"{NAME}/share/metainfo/{editor.APP_ID}.metainfo.xml" in names


def test_the_qt_plugins_are_the_ones_a_desk_needs(app_dir: Path) -> None:
    plugins = app_dir / "_internal" / "PySide6" / "Qt" / "plugins"
    found = {p.relative_to(plugins).as_posix().split(".")[0] for p in plugins.rglob("*.so")}
    for needed in (
        "platforms/libqxcb",
        "platforms/libqoffscreen",
        "platforms/libqwayland",
        "imageformats/libqjpeg",
        "imageformats/libqwebp",
        "imageformats/libqsvg",
    ):
        assert needed in found
    assert not any(name.startswith(("generic/", "egldeviceintegrations/")) for name in found)
