"""The front matter limits, enforced where the front matter is parsed (editor.core.frontmatter)."""

from __future__ import annotations

import pytest

from editor.core import limits
from editor.core.frontmatter import FrontMatterError, read


def nested_json(depth: int) -> bytes:
    return b'{"a": ' + b"[" * (depth - 1) + b"1" + b"]" * (depth - 1) + b"}\n"


def test_size_limit_counts_utf8_bytes() -> None:
    fits = "é" * (limits.MAX_FRONT_MATTER_BYTES // 2 - 20)  # two bytes each
    assert limits.size_problem(fits) is None
    message = limits.size_problem(fits + "é" * 40)
    assert message is not None and "48 KiB" in message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(nested_json(limits.MAX_DEPTH + 1), id="json"),
        pytest.param(
            b"+++\nx = " + b"[" * limits.MAX_DEPTH + b"]" * limits.MAX_DEPTH + b"\n+++\n",
            id="toml-array",
        ),
        pytest.param(
            b"+++\n[" + b".".join([b"t"] * limits.MAX_DEPTH) + b"]\n+++\n", id="toml-header"
        ),
    ],
)
def test_one_level_past_the_depth_limit_is_refused_with_the_line(data: bytes) -> None:
    with pytest.raises(FrontMatterError, match="nested more than") as caught:
        read(data)
    assert caught.value.line is not None


def test_the_depth_limit_itself_is_read() -> None:
    _, metadata = read(nested_json(limits.MAX_DEPTH))
    assert "a" in metadata


def test_shared_values_count_each_time_they_are_used() -> None:
    shared = list(range(1_000))
    assert limits.shape_problem({"a": [shared] * 99}) is None
    assert "aliases" in (limits.shape_problem({"a": [shared] * 101}) or "")
