"""Counted phrases ("1 article", "12 articles") that read right without a translation file loaded.

Qt's ``%n`` plurals need a compiled English translation to drop the "(s)"; these helpers take both
forms, already passed through ``tr()`` by the caller so translators still see them.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def number(n: int) -> str:
    """``n`` with the user's digit grouping (4,200)."""
    return QLocale().toString(n)


def counted(n: int, one: str, many: str, *more: object) -> str:
    """``one`` when n == 1, else ``many``; ``{0}`` in either is replaced by the grouped number, and
    ``{1}``… by ``more`` (numbers grouped too), for phrases that hold more than the one count."""
    rest = [number(value) if isinstance(value, int) else value for value in more]
    return (one if n == 1 else many).format(number(n), *rest)
