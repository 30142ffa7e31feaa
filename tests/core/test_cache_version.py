"""The cache's version covers the code of every module that decides what it keeps: a module split
out of one of them (state.py's key folding went to hugo_keys.py, its cascades to cascade.py) must
join the list, or a change to it would leave rows cached by the old code trusted."""

from __future__ import annotations

import ast
from pathlib import Path

from editor.core import cache_file

CORE = Path(cache_file.__file__).parent


def _loaded_with(name: str) -> set[str]:
    """The editor.core modules ``name`` imports when it loads (not in functions, not for types)."""
    tree = ast.parse((CORE / f"{name}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else [node]:
            if isinstance(inner, ast.ImportFrom) and inner.module:
                if inner.module.startswith("editor.core."):
                    found.add(inner.module.split(".")[2])
                elif inner.module == "editor.core":
                    found.update(alias.name for alias in inner.names)
    return found


def test_every_module_the_cached_facts_load_is_in_the_version() -> None:
    stamped = set(cache_file.FACT_MODULES)
    seen: set[str] = set()
    todo = list(stamped)
    while todo:
        name = todo.pop()
        if name in seen or not (CORE / f"{name}.py").exists():
            continue
        seen.add(name)
        todo.extend(_loaded_with(name))
    assert seen - stamped <= cache_file.FACT_NEUTRAL, sorted(
        seen - stamped - cache_file.FACT_NEUTRAL
    )
    assert all((CORE / f"{name}.py").exists() for name in stamped)


def test_the_code_that_makes_a_kept_launch_s_frames_is_in_the_version() -> None:
    """A kept launch's frames hold rows made ready for the list in the child
    (``scan_child.ready_frames``: summaries, search texts, sort keys) and are sent again while the
    version is the same: every module that makes them (imported inside its functions) must be
    stamped, or rows made by old code would fill a newer window's list."""
    tree = ast.parse((CORE / "scan_child.py").read_text(encoding="utf-8"))
    made_by: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in (
            "ready_frames",
            "unpack_ready",
            "_summary_builder",
            "_row_values",
        ):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "editor.core."
                ):
                    made_by.add(str(inner.module).split(".")[2])
    assert "row_columns" in made_by
    seen: set[str] = set()
    todo = list(made_by)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_loaded_with(name))
    stamped = set(cache_file.FACT_MODULES)
    assert seen - stamped <= cache_file.FACT_NEUTRAL, sorted(seen - stamped)
