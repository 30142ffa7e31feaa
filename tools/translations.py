"""Keep the translations current: ``make translations`` (update, then release) and the check.

- ``update``: ``pyside6-lupdate`` reads every ``.py`` file under ``editor/`` (it understands
  ``self.tr("…")`` with the class as context, and ``QCoreApplication.translate("Context", "…")`` /
  ``QT_TRANSLATE_NOOP("Context", "…")`` with the context given) and merges the strings into each
  ``resources/translations/copydesk_<lang>.ts``. Strings no longer in the source are dropped; the
  file has no source locations and sorted messages, so two branches that add strings merge cleanly.
- ``release``: ``pyside6-lrelease`` compiles each ``.ts`` to the ``.qm`` the app loads (not committed;
  the make targets that need it build it, and setup.py does for a wheel).
- ``check``: runs lupdate into a temporary copy of each ``.ts`` and fails naming every source string
  without a finished translation, and every translation that lost a ``{0}`` / ``%1`` placeholder;
  and reads editor/ui and app.py for text lupdate would miss (see :func:`untranslated`).
- ``inline-wrappers``: turns the old per-module ``_tr("…")`` wrappers into Qt's own call.
"""

from __future__ import annotations

import argparse
import ast
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
# Calls that put text on screen: a string literal (or an f-string with words) as their first text
# argument was not translated. Not every way to show text, but the ones the UI code uses.
TEXT_SINKS = frozenset(
    {
        *("setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle"),
        *("setPlaceholderText", "setInformativeText", "setDetailedText", "setLabelText"),
        *("setTabText", "addTab", "insertTab", "setItemText", "addItem", "insertItem"),
        *("addAction", "addMenu", "setHeaderLabels", "setAccessibleName", "setSuffix"),
        *("setPrefix", "setSpecialValueText", "showMessage", "show_message", "report_error"),
        *("report_failures", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox"),
        *("QToolButton", "QAction", "QMenu", "QToolBar", "QDockWidget", "setButtonText"),
    }
)
TRANSLATING = frozenset({"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"})
UI_SOURCES = ("editor/ui", "editor/app.py")
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


def lupdate(ts: Path, sources: list[Path] | None = None) -> None:
    """Merge the strings of ``sources`` (default: editor/) into ``ts`` (created when missing)."""
    files = [str(path) for path in (source_files() if sources is None else sources)]
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


def problems(ts: Path, sources: list[Path] | None = None) -> list[str]:
    """What is wrong with ``ts`` against the source as it is now (checked on a temporary copy)."""
    with tempfile.TemporaryDirectory(prefix="copydesk-ts-") as folder:
        copy = Path(folder) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy, sources)
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


def _words(node: ast.expr) -> str:
    """The literal text of a string or f-string argument, markup left out ("" for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    else:
        return ""
    return re.sub(r"<[^>]*>", "", text)


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def untranslated(paths: list[Path] | None = None) -> list[str]:
    """Strings lupdate would miss or file wrongly: words passed straight to a call that shows them;
    a tr() / translate() whose text is an f-string or an expression (lupdate needs a literal); a
    local ``_tr("…")`` wrapper; ``other.tr()`` outside a class (filed under the context "other")."""
    if paths is None:
        paths = [
            path
            for place in UI_SOURCES
            for path in ([ROOT / place] if place.endswith(".py") else (ROOT / place).rglob("*.py"))
        ]
    said: list[str] = []
    for path in sorted(paths):
        found: list[tuple[int, str]] = []
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name = _name(call)
            shown = call.args
            if name in ("addItem", "insertItem") and len(shown) > 1:
                shown = shown[:-1]  # the last is the item's data
            texts = [arg for arg in shown if isinstance(arg, ast.Constant | ast.JoinedStr)]
            if name in TEXT_SINKS and texts and re.search(r"[^\W\d_]", _words(texts[0])):
                found.append((call.lineno, f"{name}() shows untranslated text"))
            index = 1 if name in ("translate", "QT_TRANSLATE_NOOP") else 0
            # A name passes a string marked elsewhere (QT_TRANSLATE_NOOP); anything else is lost.
            if (
                name in TRANSLATING
                and len(call.args) > index
                and not isinstance(call.args[index], ast.Constant | ast.Name)
            ):
                found.append((call.lineno, f"{name}() needs a literal string"))
            if name in ("_tr", "_translate") and texts:
                # A local wrapper hides the string from lupdate (it knows only Qt's names).
                found.append((call.lineno, f"lupdate cannot see {name}(); call Qt's function"))
            if name == "tr" and not (
                isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "self"
            ):
                # lupdate files other.tr() under the context "other"; Qt looks in other's class.
                found.append((call.lineno, "use QCoreApplication.translate, not x.tr()"))
        said.extend(f"{where}:{line}: {text}" for line, text in sorted(found))
    return said


WRAPPER = re.compile(
    r'\n+def _tr\(text: str\) -> str:\n    return QCoreApplication\.translate\("(\w+)", text\)\n+'
)


def inline_wrappers(paths: list[Path] | None = None) -> list[Path]:
    """Rewrite ``_tr("…")`` in each module that defines ``_tr(text)`` as a call of
    ``QCoreApplication.translate("Context", text)`` into that call, and drop the wrapper (lupdate
    only knows Qt's names). For code merged from branches that still use the wrappers; run
    ``ruff format`` after it. Returns the files changed."""
    changed = []
    for path in paths if paths is not None else source_files():
        text = path.read_text(encoding="utf-8")
        match = WRAPPER.search(text)
        if match is None:
            continue
        text = text[: match.start()] + "\n\n\n" + text[match.end() :]
        text = re.sub(r"\b_tr\(", f'QCoreApplication.translate("{match[1]}", ', text)
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations", description=__doc__)
    parser.add_argument("command", choices=("update", "release", "check", "all", "inline-wrappers"))
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
    if args.command == "inline-wrappers":
        for path in inline_wrappers():
            print(f"rewrote {path.relative_to(ROOT)}")
    if args.command == "check":
        said = untranslated() + [line for ts in targets for line in problems(ts)]
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
