"""Fixtures shared by the core tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from editor import cli_json


@pytest.fixture
def no_scan(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the listings made by the scan (not from a kept answer)."""
    made: list[int] = []
    scan = cli_json.scan_json

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return scan(*args, **kwargs)

    monkeypatch.setattr(cli_json, "scan_json", counted)
    yield made
