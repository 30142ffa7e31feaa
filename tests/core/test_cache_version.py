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
