"""Keep the translations current: ``make translations`` (update, then release) and the check.

- ``update``: ``pyside6-lupdate`` reads every ``.py`` file under ``editor/`` (it understands
  ``self.tr("…")`` with the class as context, and ``QCoreApplication.translate("Context", "…")`` /
  ``QT_TRANSLATE_NOOP("Context", "…")`` with the context given) and merges the strings into each
  ``resources/translations/copydesk_<lang>.ts``. Strings no longer in the source are dropped; the
  file has no source locations and sorted messages, so two branches that add strings merge cleanly.
- ``release``: ``pyside6-lrelease`` compiles each ``.ts`` to the ``.qm`` the app loads (not committed;
  the make targets that need it build it, and setup.py does for a wheel).
- ``check``: runs lupdate into a temporary copy of each ``.ts`` and fails naming every source string
  without a finished translation, and every translation that lost a ``{0}`` / ``%1`` placeholder.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "editor"
TRANSLATIONS = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{\d+\}|%\d")
LUPDATE_OPTIONS = ("-no-obsolete", "-locations", "none", "-sort-messages", "-silent")


@dataclass(frozen=True, slots=True)
class Entry:
    """One message of a .ts file."""

    context: str
    source: str
    translation: str
    finished: bool


def ts_files() -> list[Path]:
    """Every language's .ts file (copydesk_<lang>.ts)."""
    return sorted(TRANSLATIONS.glob("copydesk_*.ts"))


def source_files() -> list[Path]:
    return sorted(SOURCES.rglob("*.py"))


def tool(name: str) -> str:
    """The PySide6 tool ``name`` (lupdate, lrelease) next to this Python, or on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.is_file() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (make venv)")
    return found


def lupdate(ts: Path) -> None:
    """Merge the strings of the source into ``ts`` (created when missing)."""
    files = [str(path) for path in source_files()]
    subprocess.run([tool("lupdate"), *LUPDATE_OPTIONS, *files, "-ts", str(ts)], check=True)


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    """Compile ``ts`` to ``qm`` (next to it by default)."""
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def entries(ts: Path) -> list[Entry]:
    """The messages of ``ts``; obsolete and vanished ones left out."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            kind = element.get("type") if element is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = "".join(element.itertext()) if element is not None else ""
            found.append(
                Entry(name, message.findtext("source") or "", text, kind is None and bool(text))
            )
    return found


def problems(ts: Path) -> list[str]:
    """What is wrong with ``ts`` against the source as it is now (checked on a temporary copy)."""
    with tempfile.TemporaryDirectory(prefix="copydesk-ts-") as folder:
        copy = Path(folder) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy)
        found = entries(copy)
    said = []
    for entry in found:
        where = f"{ts.name}: [{entry.context}] {entry.source!r}"
        if not entry.finished:
            said.append(f"{where}: no finished translation")
        elif sorted(PLACEHOLDER.findall(entry.source)) != sorted(
            PLACEHOLDER.findall(entry.translation)
        ):
            said.append(f"{where}: the placeholders differ in {entry.translation!r}")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations", description=__doc__)
    parser.add_argument("command", choices=("update", "release", "check", "all"))
    parser.add_argument("--new", metavar="LANG", help="with update: start copydesk_LANG.ts")
    args = parser.parse_args(argv)
    targets = ts_files()
    if args.new:
        targets.append(TRANSLATIONS / f"copydesk_{args.new}.ts")
    if args.command in ("update", "all"):
        for ts in targets:
            lupdate(ts)
    if args.command in ("release", "all"):
        for ts in targets:
            lrelease(ts)
    if args.command == "check":
        said = [line for ts in targets for line in problems(ts)]
        for line in said:
            print(line, file=sys.stderr)
        if said:
            print(
                f"{len(said)} translation problem(s): translate them in the .ts file "
                "(pyside6-linguist or a text editor), then make translations",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
