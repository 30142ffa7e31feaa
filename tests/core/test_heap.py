"""The window's C heap: one arena, and its free memory given back (issue 9: memory at 100k)."""

from __future__ import annotations

import sys

import pytest

from editor.core import heap


@pytest.fixture
def fresh_handle():  # type: ignore[no-untyped-def]
    heap._glibc.cache_clear()
    yield
    heap._glibc.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's calls")
def test_on_glibc_both_calls_reach_the_c_library(fresh_handle) -> None:  # type: ignore[no-untyped-def]
    assert heap.give_back() is False  # nothing before one_arena loaded the library
    if heap._glibc() is None:
        pytest.skip("not glibc")
    assert heap.one_arena() is True
    freed = bytearray(64 << 20)  # malloc'd, then freed: there is something to give back
    del freed
    assert heap.give_back() in (True, False)  # whether anything was left to return


def test_elsewhere_they_do_nothing(fresh_handle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap._glibc() is None
    assert heap.one_arena() is False
    assert heap.give_back() is False
