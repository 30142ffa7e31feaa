"""The README's module map and its "One home per rule" table stay true: every module, function and
class they name is where they say, and every module of the package is on the map.

A map that names a module split away or a function renamed sends the reader to the wrong file; one
that leaves a module out hides where a change belongs. Both drifted before (session 17 found 17
modules missing from the map)."""

from __future__ import annotations

import ast
import builtins
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "editor"


def section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found is not None, f"the README has no section {title!r}"
    return found.group(1)


def module_tree() -> str:
    found = re.search(r"```\n(editor/\n.*?)```", section("Architecture"), re.S)
    assert found is not None, "the Architecture section has no module tree"
    return found.group(1)


def listed_modules() -> dict[Path, str]:
    """Each module file the tree names → the tree's line that names it."""
    listed: dict[Path, str] = {}
    folder: Path | None = None
    for line in module_tree().splitlines():
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if indent == 0:
            folder = PACKAGE if text == "editor/" else None
            continue
        if folder is None:
            continue
        head = re.match(r"(\w+)/\s", text)
        in_ui = folder.name == "ui" or folder.parent.name == "ui"
        if indent == 2:  # core/, ui/ or a module of editor/
            folder = PACKAGE / head.group(1) if head else PACKAGE
            if folder.name == "ui":
                continue  # its line says what the ui is
            text = text[head.end() :] if head else text
        elif indent == 4 and in_ui and head:  # a package below ui/
            folder = PACKAGE / "ui" / head.group(1)
            text = text[head.end() :]
        elif indent == 4 and in_ui:  # a module of ui/ itself, then what it does
            listed[PACKAGE / "ui" / f"{text.split()[0]}.py"] = line
            continue
        if folder.name == "ui" or folder.parent.name == "ui":  # bare names: modules of the package
            bare = re.sub(r"\((?!\+)[^)]*\)", "", text)  # (what it is), not (+ more modules)
            for name in re.findall(r"[a-z_]+", bare.replace("+", " ")):
                listed[folder / f"{name}.py"] = line
        else:
            for name in re.findall(r"\b\w+\.py\b", text):
                listed[folder / name] = line
    return listed


@cache
def definitions(path: Path) -> frozenset[str]:
    """The names ``path`` defines at its top level and in its classes (``Class.method`` too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    names.add(f"{node.name}.{item.name}")
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(element, ast.Name):
                    names.add(element.id)
    return frozenset(names)


def defined_anywhere(name: str) -> bool:
    return any(name in definitions(path) for path in PACKAGE.rglob("*.py"))


def code_names(text: str) -> list[str]:
    """The names in ``text``'s backticks that are code: ``core/x.Name``, ``Class.method``, a
    function or class; a call's arguments are left out, and Hugo's keys and folders are not code."""
    code = (
        r"core/\w+\.\w+"  # core/site_rules.DeskRules
        r"|[A-Z]\w*[a-z]\w*(\.\w+)?"  # DocumentService, ArticleSession.row_of
        r"|[a-z]+_\w+"  # summary_of
        r"|(app|pool)\.\w+"  # app.main, pool.can_fork
    )
    names = []
    for quoted in re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        name = quoted.split("(", 1)[0]
        if re.fullmatch(code, name) and name not in vars(builtins):
            names.append(name)
    return names


def resolves(name: str) -> bool:
    if name.startswith("core/"):
        module, attribute = name.split(".", 1)
        path = PACKAGE / f"{module}.py"
        return path.exists() and attribute in definitions(path)
    if re.fullmatch(r"(app|pool)\.\w+", name):  # a module's function: app.main, pool.can_fork
        module, attribute = name.split(".", 1)
        paths = [PACKAGE / f"{module}.py", PACKAGE / "core" / f"{module}.py"]
        return any(path.exists() and attribute in definitions(path) for path in paths)
    return defined_anywhere(name)


def test_every_module_on_the_map_exists() -> None:
    missing = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path, line in listed_modules().items()
        if not path.exists()
    ]
    assert not missing, "the README's module tree names modules that are not there"


def test_every_module_of_the_package_is_on_the_map() -> None:
    listed = set(listed_modules())
    left_out = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py" and path not in listed
    ]
    assert not left_out, "add these to the README's module tree (Architecture)"


def test_every_name_the_architecture_and_one_home_sections_give_is_defined() -> None:
    named = code_names(section("Architecture")) + code_names(section("One home per rule"))
    assert len(named) >= 15  # the parse found the names (DocumentService, DeskRules, …)
    unknown = [name for name in named if not resolves(name)]
    assert not unknown


def test_the_map_check_sees_a_wrong_name() -> None:
    assert not resolves("core/values.no_such_rule")
    assert not resolves("ArticleSession.no_such_method")
    assert resolves("ArticleSession.row_of")
    assert code_names("`core/site.ARTICLE_SUFFIXES` and `contentDir` and `summary_of(a, b)`") == [
        "core/site.ARTICLE_SUFFIXES",
        "summary_of",
    ]
