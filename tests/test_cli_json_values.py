"""``--json`` output is JSON any reader takes: TOML and YAML hold inf and nan, which JSON has not
(``show --json`` wrote the bare words Infinity and NaN, which JSON.parse and Go's decoder refuse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run


def _refuse(word: str) -> None:
    raise ValueError(f"{word} is not JSON")


@pytest.mark.parametrize(
    "text",
    [
        b'+++\ntitle = "T"\nup = inf\ndown = -inf\nodd = nan\n[params]\nlist = [inf, 1.5]\n+++\n',
        b"---\ntitle: T\nup: .inf\ndown: -.inf\nodd: .nan\nparams:\n  list: [.inf, 1.5]\n---\n",
    ],
)
def test_show_json_writes_inf_and_nan_as_their_text(
    desk: Path, capsys: pytest.CaptureFixture[str], text: bytes
) -> None:
    path = desk / "a.md"
    path.write_bytes(text)
    status, out, err = run(capsys, "show", "--json", path)
    assert status == 0, err
    metadata = json.loads(out, parse_constant=_refuse)["metadata"]
    assert (metadata["up"], metadata["down"], metadata["odd"]) == ("inf", "-inf", "nan")
    assert metadata["params"]["list"] == ["inf", 1.5]
