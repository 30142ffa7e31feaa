"""Typed options with defaults over QSettings.

Nothing is read at import time: :class:`Settings` wraps a QSettings built by ``main()`` (or a throwaway
INI file in tests) and every option is declared once in :data:`OPTIONS` with its type and default, so a
value of the wrong type in the file (hand edits, an older version) falls back to the default instead of
reaching the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

SETTINGS_VERSION = 1
MAX_RECENT_FOLDERS = 8


class Option(NamedTuple, Generic[T]):  # not a dataclass: made ~5x faster at start-up
    """One setting: where it lives, what it defaults to, and how a stored value is read back."""

    key: str
    default: T
    read: Callable[[Any], T]


def _bytes(value: Any) -> QByteArray:
    if isinstance(value, QByteArray):
        return value
    if isinstance(value, bytes | bytearray):
        return QByteArray(bytes(value))
    raise TypeError(value)


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    return int(value)


def _bool(value: Any) -> bool:
    # INI files give back "true" / "false" as strings.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise TypeError(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _str_list(value: Any) -> list[str]:
    # INI files give back a bare string for a one-item list and None (or "") for an empty one.
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _int_list(value: Any) -> list[int]:
    return [int(item) for item in _str_list(value)]


WINDOW_GEOMETRY = Option("window/geometry", QByteArray(), _bytes)
WINDOW_STATE = Option("window/state", QByteArray(), _bytes)
SPLITTER_STATE = Option("window/splitter", QByteArray(), _bytes)
EDITOR_SPLITTER_STATE = Option("window/editorSplitter", QByteArray(), _bytes)
COLUMN_WIDTHS = Option("list/columnWidths", [], _int_list)
SORT_COLUMN = Option("list/sortColumn", 2, _int)
SORT_ORDER = Option("list/sortOrder", 1, _int)  # Qt.SortOrder: 1 = descending (newest first)
LAST_FOLDER = Option("desk/lastFolder", "", _str)
RECENT_FOLDERS = Option("desk/recentFolders", [], _str_list)
# In a git checkout: one commit per review action, pull at start-up, fetch and pull on a timer.
GIT_COMMIT_PER_ACTION = Option("git/commitPerAction", True, _bool)
GIT_PULL_ON_START = Option("git/pullOnStart", True, _bool)
GIT_FETCH_MINUTES = Option("git/fetchMinutes", 2, _int)  # 0: never on its own
GIT_PULL_MINUTES = Option("git/pullMinutes", 10, _int)  # 0: never on its own

OPTIONS: tuple[Option[Any], ...] = (
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    SPLITTER_STATE,
    EDITOR_SPLITTER_STATE,
    COLUMN_WIDTHS,
    SORT_COLUMN,
    SORT_ORDER,
    LAST_FOLDER,
    RECENT_FOLDERS,
    GIT_COMMIT_PER_ACTION,
    GIT_PULL_ON_START,
    GIT_FETCH_MINUTES,
    GIT_PULL_MINUTES,
)

_VERSION_KEY = "settings/version"


class Settings:
    """The application's options, read and written through one QSettings."""

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self._upgrade()

    @classmethod
    def in_file(cls, path: Path | str) -> Settings:
        """Settings kept in an INI file at ``path`` (tests, portable use)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def stored_version(self) -> int | None:
        """The layout version written in the settings file (None for a new or unreadable one)."""
        stored = self.store.value(_VERSION_KEY)
        try:
            return int(stored) if stored is not None else None
        except (TypeError, ValueError):
            return None

    def _upgrade(self) -> None:
        version = self.stored_version()
        if version == SETTINGS_VERSION:
            return
        if version is not None and version > SETTINGS_VERSION:
            # Written by a newer Copydesk: read what we understand, never rewrite its layout.
            return
        # Version 1 is the first layout; later versions migrate keys here, oldest first.
        self.store.setValue(_VERSION_KEY, SETTINGS_VERSION)

    def get(self, option: Option[T]) -> T:
        if not self.store.contains(option.key):
            return _copy(option.default)
        try:
            return option.read(self.store.value(option.key))
        except (TypeError, ValueError):
            return _copy(option.default)

    def set(self, option: Option[T], value: T) -> None:
        self.store.setValue(option.key, value)

    def reset(self, option: Option[Any]) -> None:
        self.store.remove(option.key)

    def sync(self) -> None:
        self.store.sync()

    # --- folders -----------------------------------------------------------------------------------

    def recent_folders(self) -> list[str]:
        """Recent folders, most recent first, without the ones that no longer exist."""
        kept = [folder for folder in self.get(RECENT_FOLDERS) if os.path.isdir(folder)]
        return _unique(kept)[:MAX_RECENT_FOLDERS]

    def add_recent_folder(self, folder: Path | str) -> list[str]:
        path = str(Path(folder).resolve())
        folders = _unique([path, *self.recent_folders()])[:MAX_RECENT_FOLDERS]
        self.set(RECENT_FOLDERS, folders)
        self.set(LAST_FOLDER, path)
        return folders

    def clear_recent_folders(self) -> None:
        self.set(RECENT_FOLDERS, [])

    def last_folder(self) -> Path | None:
        """The folder opened last time, if it still exists."""
        folder = self.get(LAST_FOLDER)
        return Path(folder) if folder and os.path.exists(folder) else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]
