"""``copydesk list --json`` streams its rows, and the text is what one json.dumps would have made."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from editor import cli_rows
from editor.core.index import ArticleSummary
from editor.core.names import json_text
from editor.core.state import PublishState


def row(path: str, title: str) -> ArticleSummary:
    date = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    return ArticleSummary(path, title, date, False, PublishState.PUBLISHED, "Wire", "", "")


@pytest.mark.parametrize("count", [0, 1, 3, 256, 512, 700])
def test_streamed_json_equals_one_dump(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    titles = ["plain", 'é 😀 \u2028 \x7f \x1f "quoted" \\ /', "bad name \udcff", "澜驰"]
    rows = [row(f"news/{n}-{titles[n % 4][:3]}.md", titles[n % 4]) for n in range(count)]
    out = io.StringIO()
    monkeypatch.setattr(cli_rows.sys, "stdout", out)
    cli_rows.write_json_rows(iter(rows))
    expected = json_text([r.to_json() for r in rows]) + "\n"
    assert out.getvalue() == expected
    assert len(json.loads(out.getvalue())) == count


def test_rows_are_written_while_the_scan_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(cli_rows.sys, "stdout", out)
    written: list[int] = []

    def rows():  # type: ignore[no-untyped-def]
        for n in range(1000):
            written.append(len(out.getvalue()))
            yield row(f"{n}.md", "t")

    cli_rows.write_json_rows(rows())
    assert written[-1] > 0  # text went out before the last row was made
