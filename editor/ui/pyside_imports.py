"""PySide6 reads the source of every module imported after it; this makes that a dictionary scan.

To honour ``from __feature__ import snake_case`` per module, PySide6 (6.4 and later) hooks
``__import__`` and, for each newly imported module, calls ``inspect.getsource`` on it to see
whether the text ``PySide6`` occurs in it. The window imports about 200 modules before it paints,
so that reads and tokenizes 200 source files: about 20 ms of CPU, an eighth of Copydesk's own
import time. :func:`scan_names_not_source` replaces the check with one that looks at the module's
names instead (a module that uses PySide6 has imported something from it). The answer only picks
the module's feature set, and Copydesk selects no feature anywhere, so every module gets Qt's
ordinary names either way. With another PySide6 (no such hook) this does nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

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
