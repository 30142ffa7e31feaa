"""The arrows point ui → core (and app/cli → both), never back, and the import graph has no cycle,
not even through TYPE_CHECKING imports."""

from __future__ import annotations

import ast
from pathlib import Path

import editor

PACKAGE = Path(editor.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Each editor module → the editor modules it imports (any import statement anywhere in it)."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    assert find_cycle(import_graph()) is None


def test_core_imports_nothing_of_the_ui_or_the_entry_points() -> None:
    for name, targets in import_graph().items():
        if name.startswith("editor.core"):
            assert not {t for t in targets if not t.startswith("editor.core")} - {"editor"}, name


def test_the_ui_never_imports_the_entry_points() -> None:
    for name, targets in import_graph().items():
        if name.startswith("editor.ui"):
            assert not targets & {"editor.app", "editor.cli"}, name


def test_no_module_below_the_window_imports_the_main_window() -> None:
    for name, targets in import_graph().items():
        if name.startswith("editor.ui") and not name.startswith("editor.ui.window"):
            assert "editor.ui.window.main_window" not in targets, name


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
