"""A non-editable install (a wheel) carries the bundled files and finds them where it is installed."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("copydesk-*.whl")
    return found


def test_the_wheel_holds_icons_and_the_whole_sample_desk(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "editor/resources/icons/app.copydesk.Copydesk.svg" in names
    assert "editor/docs/guide.md" in names and "editor/docs/main-window.png" in names
    samples = sorted(
        n for n in names if n.startswith("editor/resources/samples/content/") and n.endswith(".md")
    )
    expected = sorted(
        "editor/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources" / "samples" / "content").rglob("*.md")
    )
    assert samples == expected and len(samples) >= 10
    assert not any("__pycache__" in n for n in names)


def test_an_installed_wheel_lists_its_own_bundled_samples(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    fresh_site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies come from the test venv's site-packages as a plain path entry: the .pth files
    # there (the editable install of this checkout among them) are not run, so `editor` can only
    # come from the wheel.
    (fresh_site / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    where = subprocess.run(
        [python, "-c", "from editor.bundled import bundled_samples; print(bundled_samples())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(fresh_site), where
    listed = subprocess.run(
        [venv / "bin" / "copydesk", "list", "--json", where],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert listed.returncode in (0, 1), listed.stderr  # 1: the sample desk holds a broken file
    rows = json.loads(listed.stdout)
    bundled = list((ROOT / "resources" / "samples" / "content").rglob("*.md"))
    assert len(rows) == len(bundled)
