"""The questions' wording and buttons (built without showing the modal box)."""

from __future__ import annotations
