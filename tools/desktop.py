"""Install Copydesk's desktop integration for the current user, or remove it (XDG paths).

`make install-desktop` / `make uninstall-desktop`; also used to lay out the share/ folder of the
release archive. Everything is named after the one app id (editor.APP_ID):

- applications/<id>.desktop (Exec pointed at the copydesk being installed)
- metainfo/<id>.metainfo.xml
- icons/hicolor/scalable/apps/<id>.svg and icons/hicolor/<n>x<n>/apps/<id>.png
- mime/packages/<id>.xml (Markdown content files), then the MIME and desktop databases are updated
  when their tools are installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from editor import APP_ID
from editor.bundled import icons_dir

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def planned_files(share: Path) -> dict[Path, Path]:
    """Where each shipped file goes below ``share`` → the file it comes from."""
    files = {
        share / "applications" / f"{APP_ID}.desktop": PACKAGING / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml": PACKAGING / f"{APP_ID}.metainfo.xml",
        share / "mime" / "packages" / f"{APP_ID}.xml": PACKAGING / f"{APP_ID}.mime.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons_dir()
        / f"{APP_ID}.svg",
    }
    for png in sorted(icons_dir().glob(f"{APP_ID}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        files[share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = png
    return files


def install(share: Path, executable: str | None) -> list[Path]:
    """Copy the files into ``share``; the desktop file's Exec names ``executable`` when given."""
    written = []
    for target, source in planned_files(share).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".desktop" and executable:
            text = source.read_text(encoding="utf-8")
            text = re.sub(r"^Exec=\S+", f"Exec={_quoted(executable)}", text, flags=re.M)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    _refresh(share)
    return written


def uninstall(share: Path) -> list[Path]:
    """Remove what :func:`install` put in ``share`` (and nothing else)."""
    removed = []
    for target in planned_files(share):
        if target.exists():
            target.unlink()
            removed.append(target)
    _refresh(share)
    return removed


def _quoted(executable: str) -> str:
    # Desktop Entry quoting: a path with spaces or specials goes in double quotes.
    if re.fullmatch(r"[\w./+-]+", executable):
        return executable
    return '"' + re.sub(r'(["`$\\])', r"\\\1", executable) + '"'


def _refresh(share: Path) -> None:
    for tool, folder in (
        ("update-mime-database", share / "mime"),
        ("update-desktop-database", share / "applications"),
        ("gtk-update-icon-cache", share / "icons" / "hicolor"),
    ):
        if shutil.which(tool) and folder.is_dir():
            args = (
                [tool, "-q", "-t", str(folder)] if tool.startswith("gtk") else [tool, str(folder)]
            )
            subprocess.run(args, check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools.desktop", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("install", "uninstall"))
    parser.add_argument("--share", type=Path, help="the data folder (default: $XDG_DATA_HOME)")
    parser.add_argument("--exec", dest="executable", help="the copydesk to launch")
    args = parser.parse_args(argv)
    share = args.share or data_home()
    if args.action == "install":
        done = install(share, args.executable)
        print(f"Installed {len(done)} files below {share}")
    else:
        done = uninstall(share)
        print(f"Removed {len(done)} files below {share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
