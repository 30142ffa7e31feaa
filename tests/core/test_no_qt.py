"""editor.core must run without Qt: import every core module with Qt made unimportable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import editor.core

BLOCKED = ("PySide6", "shiboken6", "qtawesome", "qtpy", "PyQt5", "PyQt6")

_SCRIPT = """
import importlib, sys

BLOCKED = {blocked!r}

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"Qt is blocked in editor.core: {{name}}")
        return None

sys.meta_path.insert(0, BlockQt())
try:
    import PySide6  # the blocker must work, or this test proves nothing
except ImportError:
    pass
else:
    sys.exit("the Qt blocker did not block PySide6")

failures = []
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ImportError as error:
        failures.append(f"{{name}}: {{error}}")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
if loaded:
    failures.append(f"Qt modules loaded: {{loaded}}")
print("\\n".join(failures))
sys.exit(1 if failures else 0)
"""


def core_modules() -> list[str]:
    folder = Path(editor.core.__file__).parent
    return ["editor.core"] + [
        f"editor.core.{info.name}" for info in pkgutil.iter_modules([str(folder)])
    ]


def test_the_core_list_is_complete() -> None:
    names = core_modules()
    for expected in (
        "frontmatter",
        "edit",
        "values",
        "article",
        "state",
        "service",
        "index",
        "validate",
    ):
        assert f"editor.core.{expected}" in names


def test_no_core_module_imports_qt() -> None:
    script = _SCRIPT.format(blocked=BLOCKED, modules=core_modules())
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
