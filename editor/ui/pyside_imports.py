"""PySide6 reads the source of every module imported after it; this makes that a dictionary scan.

To honour ``from __feature__ import snake_case`` per module, PySide6 (6.4 and later) hooks
``__import__`` and, for each newly imported module, calls ``inspect.getsource`` on it to see
whether the text ``PySide6`` occurs in it. The window imports about 200 modules before it paints,
so that reads and tokenizes 200 source files: about 20 ms of CPU, an eighth of Copydesk's own
import time. :func:`scan_names_not_source` replaces the check with one that looks at the module's
names instead (a module that uses PySide6 has imported something from it). The answer only picks
the module's feature set, and Copydesk selects no feature anywhere, so every module gets Qt's
ordinary names either way. With another PySide6 (no such hook) this does nothing.

The hook itself (``builtins.__import__`` becomes PySide6's, for every import statement anywhere)
cost about 6 ms of the window's 100 ms of imports even so. :func:`unhooked_imports` lets the
``copydesk`` command import the window's modules with Python's own ``__import__``, and puts the
hook back before anything else runs: no Copydesk module selects a feature (a test checks), and
a module imported afterwards (qtawesome, the renderer, one of a user's) has the hook as ever.
"""

from __future__ import annotations

import builtins
import contextlib
import sys
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

_PREFIXES = ("PySide6", "shiboken6")


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module`` holds anything from PySide6 (a module, a class, a function) by name."""
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        try:
            name = value.__name__ if isinstance(value, ModuleType) else value.__module__
        except Exception:  # an object with a strange __getattr__: not PySide's
            continue
        if isinstance(name, str) and name.startswith(_PREFIXES):
            return True
    return False


def scan_names_not_source() -> bool:
    """Install :func:`uses_pyside` in PySide6's feature module; False when there is none."""
    import PySide6  # noqa: F401  (loads shiboken's support modules)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True


@contextlib.contextmanager
def unhooked_imports(plain_import: Callable[..., Any]) -> Iterator[None]:
    """Import with ``plain_import`` (Python's own ``__import__``, taken before PySide6 was
    imported) inside the block, and with PySide6's hook again after it. Qt's own modules are
    imported through the hook first. Does nothing when the hook was there before the caller
    took ``plain_import`` (PySide6 already imported) or is not there at all."""
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets  # noqa: F401  (through the hook, as ever)

    hook = builtins.__import__
    if hook is plain_import:
        yield
        return
    builtins.__import__ = plain_import
    try:
        yield
    finally:
        if builtins.__import__ is plain_import:  # (nobody else replaced it meanwhile)
            builtins.__import__ = hook
