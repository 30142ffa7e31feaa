"""The translations: every source string has a finished German entry, the window speaks German when
the user's locale is German, and the .qm a wheel builds without Qt's tools reads like lrelease's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTranslator

from tools import qm, translations

ROOT = Path(__file__).resolve().parent.parent
GERMAN = ROOT / "resources" / "translations" / "copydesk_de.ts"


def test_every_source_string_has_a_finished_german_translation() -> None:
    assert translations.problems(GERMAN) == []


def test_every_shown_string_goes_through_a_translation_function() -> None:
    assert translations.untranslated() == []


def test_the_check_names_a_string_without_a_translation(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'QCoreApplication.translate("MainWindow", "Scanning…")\n'
        'QCoreApplication.translate("MainWindow", "A string nobody translated")\n'
    )
    said = translations.problems(GERMAN, [source])
    assert said == [
        "copydesk_de.ts: [MainWindow] 'A string nobody translated': no finished translation"
    ]


def test_the_check_names_a_translation_that_lost_its_placeholder(tmp_path: Path) -> None:
    ts = tmp_path / "copydesk_xx.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="xx">\n'
        "<context><name>MainWindow</name>\n"
        "<message><source>{0} is not a folder.</source><translation>Kein Ordner.</translation>"
        "</message>\n"
        "<message><source>Scanning…</source><translation>Lese…</translation></message>\n"
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    source = tmp_path / "probe.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'QCoreApplication.translate("MainWindow", "{0} is not a folder.")\n'
        'QCoreApplication.translate("MainWindow", "Scanning…")\n'
    )
    assert translations.problems(ts, [source]) == [
        "copydesk_xx.ts: [MainWindow] '{0} is not a folder.': the placeholders differ in "
        "'Kein Ordner.'"
    ]


def test_the_source_check_names_bare_text_f_strings_in_tr_and_other_objects_tr(
    tmp_path: Path,
) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        textwrap.dedent(
            """\
            def build(label, window, name):
                label.setText("Not translated")
                label.setText(f"<b>{name}</b>")
                label.setToolTip(window.tr(f"Hello {name}"))
                window.tr("Looked up in the wrong context")
                label.setText(QCoreApplication.translate("Ctx", "Fine"))
                label.setText(_tr("Hidden from lupdate"))
            """
        )
    )
    assert translations.untranslated([source]) == [
        f"{source}:2: setText() shows untranslated text",
        f"{source}:4: tr() needs a literal string",
        f"{source}:4: use QCoreApplication.translate, not x.tr()",
        f"{source}:5: use QCoreApplication.translate, not x.tr()",
        f"{source}:7: lupdate cannot see _tr(); call Qt's function",
    ]


def test_the_python_compiler_reads_like_lrelease(qapp: object, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.qm", tmp_path / "lrelease.qm"
    count = qm.compile_ts(GERMAN, ours)
    translations.lrelease(GERMAN, theirs)
    mine, reference = QTranslator(), QTranslator()
    assert mine.load(str(ours)) and reference.load(str(theirs))
    assert mine.language() == reference.language() == "de_DE"
    entries = qm.messages(GERMAN)
    assert count == len(entries) > 300
    for context, source, comment, texts in entries:
        found = mine.translate(context, source, comment or None)
        assert found == reference.translate(context, source, comment or None) == texts[0]
    # Same source text, other context: each context finds its own word, an unknown one none.
    assert mine.translate("GitBar", "Pull") == "Holen"
    assert mine.translate("Nowhere", "Pull") == ""


WINDOW_SCRIPT = """
import json, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from editor import app as entry
from editor.ui.common import dialogs
from editor.ui.window.actions import ActionId

qapp = entry.application()
window = entry.create_main_window(sys.argv[1])
window.scan_finished.connect(qapp.quit)
QTimer.singleShot(20000, qapp.quit)
if window.scanning:
    qapp.exec()
model = window.model
box = dialogs.confirm_bulk_box(window, "?")
print(json.dumps({
    "menus": [action.text() for action in window.menuBar().actions()],
    "items": [
        [item.text() for item in action.menu().actions() if not item.isSeparator()]
        for action in window.menuBar().actions()
    ],
    "publish": window.action_registry[ActionId.PUBLISH].text(),
    "headers": [
        model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(model.columnCount())
    ],
    "states": sorted({model.index(row, 0).data() for row in range(model.rowCount())} - {None}),
    "count": window.count_label.text(),
    "box": [box.windowTitle(), box.button(QMessageBox.StandardButton.Cancel).text()],
}))
"""


def access_key(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower-cased."""
    found = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_the_window_speaks_german_with_a_german_lang(sample_desk: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    env.update(LANG="de_DE.UTF-8", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    compiled = GERMAN.with_suffix(".qm")  # make test builds it; a bare pytest run may not have
    if not compiled.is_file() or compiled.stat().st_mtime < GERMAN.stat().st_mtime:
        translations.lrelease(GERMAN)
    run = subprocess.run(
        [sys.executable, "-c", WINDOW_SCRIPT, str(sample_desk)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert shown["menus"] == [
        *("&Datei", "&Bearbeiten", "&Artikel", "A&nsicht", "E&xtras", "&Git", "&Hilfe"),
    ]
    # Alt+letter reaches one menu of the bar, and one item of each menu, in German too.
    for texts in (shown["menus"], *shown["items"]):
        keys = [access_key(text) for text in texts]
        assert len(set(keys) - {None}) == len([key for key in keys if key]), texts
    assert shown["publish"] == "&Veröffentlichen"
    assert shown["headers"][:3] == ["Status", "Titel", "Datum"]
    assert {"Entwurf", "Veröffentlicht", "Geplant"} <= set(shown["states"])
    assert shown["count"].endswith(" Artikel")
    # Copydesk's own message, and Qt's button from its qtbase translation.
    assert shown["box"] == ["Mehrere Artikel ändern", "Abbrechen"]


def test_make_translations_is_one_command_that_leaves_the_ts_as_it_is(tmp_path: Path) -> None:
    """Updating an up-to-date .ts changes nothing (no locations, sorted: branches merge cleanly)."""
    copy = tmp_path / GERMAN.name
    shutil.copyfile(GERMAN, copy)
    translations.lupdate(copy)
    assert copy.read_bytes() == GERMAN.read_bytes()


def test_inline_wrappers_turns_a_modules_tr_wrapper_into_qts_call(tmp_path: Path) -> None:
    module = tmp_path / "merged.py"
    module.write_text(
        "from PySide6.QtCore import QCoreApplication\n\n\n"
        "def _tr(text: str) -> str:\n"
        '    return QCoreApplication.translate("Dialogs", text)\n\n\n'
        "def title() -> str:\n"
        '    return _tr("Unsaved changes")\n'
    )
    assert translations.untranslated([module]) != []
    assert translations.inline_wrappers([module]) == [module]
    assert module.read_text() == (
        "from PySide6.QtCore import QCoreApplication\n\n\n"
        "def title() -> str:\n"
        '    return QCoreApplication.translate("Dialogs", "Unsaved changes")\n'
    )
    assert translations.untranslated([module]) == []
