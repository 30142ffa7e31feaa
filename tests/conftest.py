"""Shared test setup: Qt runs offscreen, and tests get a private copy of the sample desk."""

from __future__ import annotations

import os

# Before anything imports Qt: tests must never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests stay quick in the normal run; COPYDESK_HYPOTHESIS=thorough hunts for longer.
settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)

# The git fixtures (git_home, repo, team) for every test folder.
pytest_plugins = ("tests.helpers.git",)

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"


@pytest.fixture(autouse=True)
def _private_index_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own index cache folder: never the user's, never another test's."""
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path_factory.mktemp("index-cache")))


@pytest.fixture
def sample_desk(tmp_path: Path) -> Path:
    """A private copy of resources/samples (a small Hugo site) that a test may change freely."""
    desk = tmp_path / "desk"
    shutil.copytree(SAMPLES, desk)
    return desk


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """An empty desk folder for tests that write their own files."""
    root = tmp_path / "desk"
    root.mkdir()
    return root
