"""PySide6's per-module feature check looks at the module's names, not its source, and gives the
same answer as the source check for every module the window imports."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import editor.app  # everything the window imports before its first paint
from editor.ui import pyside_imports
from editor.ui.pyside_imports import uses_pyside


def test_the_check_is_installed_once_editor_ui_is_imported() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None, "this PySide6 has no feature module: the test needs rethinking"
    assert feature._mod_uses_pyside is uses_pyside
    assert pyside_imports.scan_names_not_source()  # again: harmless


def test_it_finds_every_copydesk_module_that_imports_pyside() -> None:
    """The source check asks whether the text "PySide6" is in the module; every Copydesk module
    that imports from it is found by its names (one that only mentions it in a string, like
    ``copydesk --version``, is told apart; that only chooses no feature set either way)."""
    differ = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("editor") or name == pyside_imports.__name__:
            continue  # (this one imports PySide6 inside its function)
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        imports = re.search(r"^\s*(from|import) PySide6", source, re.MULTILINE) is not None
        if imports != uses_pyside(module):
            differ.append(name)
    assert differ == []


def test_modules_with_and_without_pyside() -> None:
    with_qt = ModuleType("with_qt")
    from PySide6.QtCore import QObject

    with_qt.QObject = QObject  # type: ignore[attr-defined]
    without = ModuleType("without")
    without.value = 3  # type: ignore[attr-defined]
    odd = ModuleType("odd")

    class Strange:
        def __getattr__(self, name: str) -> object:
            raise RuntimeError(name)

    odd.thing = Strange()  # type: ignore[attr-defined]
    assert uses_pyside(with_qt)
    assert not uses_pyside(without)
    assert not uses_pyside(odd)


def test_a_module_that_selects_a_feature_still_gets_it(tmp_path: Path) -> None:
    """The one thing the check is for: ``from __feature__ import snake_case`` keeps working."""
    (tmp_path / "snaky.py").write_text(
        textwrap.dedent(
            """
            from PySide6.QtCore import QObject
            from __feature__ import snake_case  # noqa: F401

            def name_of(thing):
                return thing.object_name()
            """
        ),
        encoding="utf-8",
    )
    code = textwrap.dedent(
        f"""
        import sys
        import editor.ui
        sys.path.insert(0, {str(tmp_path)!r})
        from PySide6.QtCore import QObject
        import snaky
        thing = QObject()
        thing.setObjectName("x")
        assert snaky.name_of(thing) == "x"
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_unhooked_imports_lift_the_hook_for_the_block_only(tmp_path: Path) -> None:
    import builtins
    import importlib

    from editor.ui.pyside_imports import unhooked_imports

    hook = builtins.__import__
    assert hook.__name__ == "__feature_import__"  # PySide6's, this test process imported it
    (tmp_path / "plain_module.py").write_text("from PySide6.QtCore import QObject\n")
    sys.path.insert(0, str(tmp_path))
    try:
        plain = importlib.__import__  # stands in for Python's own, taken before PySide6
        with unhooked_imports(plain):
            assert builtins.__import__ is plain
            import plain_module  # noqa: F401
        assert builtins.__import__ is hook
        try:
            with unhooked_imports(plain):
                raise ValueError("an import failed")
        except ValueError:
            pass
        assert builtins.__import__ is hook  # put back whatever happened
        with unhooked_imports(hook):  # PySide6 was imported before: nothing to lift
            assert builtins.__import__ is hook
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("plain_module", None)


def test_no_copydesk_module_selects_a_feature() -> None:
    """What lets the window's modules be imported without the hook (editor.entry)."""
    package = Path(editor.app.__file__).resolve().parent
    selecting = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(name and name.split(".")[0] == "__feature__" for name in names):
                selecting.append(str(path))
    assert selecting == []
