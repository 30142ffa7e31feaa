"""Building a frozen, slotted dataclass from all its fields by position, without its ``__init__``.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (frozen classes
refuse plain assignment): measured here, 2.0 µs for the nine fields of a row's facts against 0.7
through the slots' own descriptors. A cold listing builds four such objects per file (the facts,
the page's rules, the verdict and its reason), ~3 µs of a reader's ~50 a row. :func:`builder`
makes the function that sets the slots directly, the way unpickling does.

Only for a class with no ``__post_init__`` and no field made by a factory, called with every
field: then the object is the one ``cls(*values)`` makes (tests/core/test_slot_builder.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """``lambda *values: cls(*values)`` for every field of ``cls`` in order, faster (see above).

    Raises TypeError for a class it would build differently from ``cls(...)``: not a slotted
    dataclass, or one with a ``__post_init__``."""
    if not is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that the builder would skip")
    if any(item.init is False for item in fields(cls)):
        raise TypeError(f"{cls.__name__} has a field its __init__ does not take")
    # Every field is passed, so no default or factory is ever applied; the arguments are named
    # by position, so no field name can clash with the names the code uses.
    names = [item.name for item in fields(cls)]
    arguments = [f"a{index}" for index in range(len(names))]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def build({', '.join(arguments)}):", "    made = _new(_cls)"]
    for index, name in enumerate(names):
        scope[f"_set{index}"] = cls.__dict__[name].__set__
        lines.append(f"    _set{index}(made, a{index})")
    lines.append("    return made")
    exec("\n".join(lines), scope)  # code made here from the field count alone
    built: Callable[..., T] = scope["build"]
    built.__doc__ = f"A {cls.__name__} from all its fields by position (slot_builder.builder)."
    return built
