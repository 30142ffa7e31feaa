"""``copydesk list --json`` streams its rows, and the text is what one json.dumps would have made."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from editor import cli_json, cli_rows, desk_git
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


def _cold_rows(events: list[str], fail: bool = False):  # type: ignore[no-untyped-def]
    """A stand-in for the scan: two batches of ready rows (or a failure after the first)."""

    def scan(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        for number in range(2):
            events.append(f"batch {number}")
            yield [(f"{number}.md", "published", f'{{\n    "path": "{number}.md"\n  }}'.encode())]
            if fail:
                raise RuntimeError("a reader was lost")

    return scan


def test_a_cold_listing_asks_git_at_its_first_batch_and_writes_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each batch's text is made as it comes (git's fields known from the first), while the
    readers read the next: the text is what the rows written at the end would be."""
    events: list[str] = []
    monkeypatch.setattr(cli_json, "scan_json", _cold_rows(events))
    result = desk_git.EarlyGit.result

    def asked(self: desk_git.EarlyGit) -> desk_git.DeskGit | None:
        events.append("git")
        return result(self)

    monkeypatch.setattr(desk_git.EarlyGit, "result", asked)
    assert cli_json.list_json(tmp_path, None, None, use_cache=False) == 0
    assert events == ["batch 0", "git", "batch 1"]
    assert [row["path"] for row in json.loads(capsys.readouterr().out)] == ["0.md", "1.md"]


def test_a_cold_listing_that_fails_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_json, "scan_json", _cold_rows([], fail=True))
    with pytest.raises(RuntimeError):
        cli_json.list_json(tmp_path, None, None, use_cache=False)
    assert capsys.readouterr().out == ""  # as before: no half of an array
