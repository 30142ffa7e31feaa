"""Which editor a front matter value gets, decided from its key and the type the file gives it.

Qt-free: the form asks ``kind_for`` and builds the matching widget from :mod:`editor.ui.form.field_editors`.
A value that no editor can show faithfully is READONLY, so the form can never damage it.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from editor.core.frontmatter import Format
from editor.core.images import IMAGE_KEYS
from editor.core.urls import is_web_url
from editor.core.values import string_date

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # TOML integers are 64-bit
_QT_MIN_YEAR, _QT_MAX_YEAR = 1753, 9999  # QDateTimeEdit's default range


class FieldKind(StrEnum):
    TEXT = "text"
    LINK = "link"  # text with an "open" button
    MULTILINE = "multiline"
    DATETIME = "datetime"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    LIST = "list"  # a list of strings, edited as chips
    READONLY = "readonly"


# Keys with a designated editor, used when the value has the type that editor expects.
KNOWN_KINDS = {
    "title": FieldKind.TEXT,
    "source": FieldKind.TEXT,
    "summary": FieldKind.MULTILINE,
    "description": FieldKind.MULTILINE,
    "source_link": FieldKind.LINK,
    **dict.fromkeys(IMAGE_KEYS, FieldKind.LINK),
    "article_id": FieldKind.INT,
    "feed_item_id": FieldKind.INT,
    "draft": FieldKind.BOOL,
}
_TEXT_KINDS = (FieldKind.TEXT, FieldKind.LINK, FieldKind.MULTILINE)


def kind_for(key: str, value: Any) -> FieldKind:
    """Which editor shows ``value`` of ``key`` without risk of changing it on its own."""
    known = KNOWN_KINDS.get(key.lower())
    if known in _TEXT_KINDS and (value is None or isinstance(value, str)):  # YAML "title:" is null
        return known
    if known is FieldKind.INT and isinstance(value, int) and not isinstance(value, bool):
        return _int_kind(value)
    if known is FieldKind.BOOL and isinstance(value, bool):
        return known
    return _kind_by_type(value)


def _int_kind(value: int) -> FieldKind:
    return FieldKind.INT if INT64_MIN <= value <= INT64_MAX else FieldKind.READONLY


def _kind_by_type(value: Any) -> FieldKind:
    if isinstance(value, bool):
        return FieldKind.BOOL
    if isinstance(value, int):
        return _int_kind(value)
    if isinstance(value, float):
        return FieldKind.FLOAT
    if isinstance(value, dt.datetime | dt.date):
        if not _QT_MIN_YEAR <= value.year <= _QT_MAX_YEAR:
            return FieldKind.READONLY
        return FieldKind.DATETIME if isinstance(value, dt.datetime) else FieldKind.DATE
    if isinstance(value, str):
        found = string_date(value)
        if found is not None and _QT_MIN_YEAR <= found[0].year <= _QT_MAX_YEAR:
            return FieldKind.DATE if found[1] else FieldKind.DATETIME
        if "\n" in value:
            return FieldKind.MULTILINE
        if is_web_url(value):
            return FieldKind.LINK
        return FieldKind.TEXT
    if isinstance(value, list) and all(
        isinstance(item, str) and "\n" not in item for item in value
    ):
        return FieldKind.LIST  # chips: an item may hold a comma
    return FieldKind.READONLY


def nested_text(value: Any, fmt: Format, key: str) -> str:
    """How a value the form does not edit looks in the file's own syntax (close enough to read)."""
    if value is None:
        return QCoreApplication.translate("FieldKinds", "(no value)")
    if isinstance(value, dt.time):
        return value.isoformat()
    if fmt is Format.TOML:
        import tomlkit

        try:
            return tomlkit.dumps({key: value}).strip()
        except (TypeError, ValueError):
            pass
    if fmt is Format.YAML:
        import io

        from ruamel.yaml import YAML

        stream = io.StringIO()
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.dump({key: value}, stream)
        return stream.getvalue().strip()
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
