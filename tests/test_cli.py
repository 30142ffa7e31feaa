"""The copydesk command line, driven through main() on real files (and once through `python -m editor`)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

from editor import __version__, cli
from editor.cli import main
from tests.helpers.cli import (
    BROKEN,
    CALDER,
    DRAFTS,
    HALDEN,
    LOCKERLOOP,
    ORBITLINE,
    SHENZHEN,
    run,
)


def cells(text: str) -> int:
    return cli._cells(text)


# --- list ------------------------------------------------------------------------------------------


def test_list_prints_an_aligned_table(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "list", sample_desk)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["STATE", "DATE", "(UTC)", "TITLE", "PATH"]
    assert len(lines) == 1 + 17
    rows = {line.rsplit("  ", 1)[1]: line for line in lines[1:]}
    assert rows[str(BROKEN)].startswith("invalid ")
    assert "[Malformed TOML front matter" in rows[str(BROKEN)]
    assert rows[str(CALDER)].startswith("published  2026-03-02 09:30  Calder Bay Port Posts")
    assert rows[str(HALDEN)].startswith("draft ")
    assert "(no title)" in rows[DRAFTS[2]]
    # Every path starts in the same terminal column, wide CJK titles included.
    columns = {cells(line[: line.index("content/")]) for line in lines[1:]}
    assert columns == {cells(lines[0][: lines[0].index("PATH")])}
    assert "深圳电动车企澜驰汽车发布首款半固态电池样车" in rows[str(SHENZHEN)]


def test_list_cuts_long_titles_with_an_ellipsis(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (desk / "long.md").write_text(f'+++\ntitle = "{"Word " * 40}"\n+++\n', encoding="utf-8")
    (desk / "wide.md").write_text(f'+++\ntitle = "{"澜" * 40}"\n+++\n', encoding="utf-8")
    status, out, _ = run(capsys, "list", desk)
    assert status == 0
    long_row, wide_row = out.splitlines()[1:]
    assert "Word Word…" in long_row.replace("  ", " ")
    assert "澜…" in wide_row
    assert cells(long_row[: long_row.index("long.md")]) == cells(
        wide_row[: wide_row.index("wide.md")]
    )


def test_list_json_has_one_object_per_article(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "list", sample_desk, "--json")
    assert status == 0
    rows = {row["path"]: row for row in json.loads(out)}
    assert len(rows) == 17
    keys = {
        "path",
        "title",
        "date",
        "publish_date",  # the date Hugo publishes on: publishDate, falling back to date
        "draft",
        "state",
        "source",
        "source_link",
        "enclosure",
        "error",
        "state_key",  # which key decided the state, and the reason in full
        "reason",
        "language",
    }
    assert all(set(row) == keys for row in rows.values())
    calder = rows[str(CALDER)]
    assert calder.pop("state_key") == "date"
    assert calder.pop("reason") == {
        "key": "date",
        "value": "2026-03-02T09:30:00+00:00",
        "via": None,
        "text": "published: date 2026-03-02T09:30:00+00:00",
    }
    assert calder.pop("language") is None
    assert calder == {
        "path": str(CALDER),
        "title": "Calder Bay Port Posts Record February Volumes as Northern Terminal Opens",
        "date": "2026-03-02T09:30:00+00:00",
        "publish_date": "2026-03-02T09:30:00+00:00",
        "draft": False,
        "state": "published",
        "source": "Harbor Wire",
        "source_link": "https://www.example.com/harbor-wire/2026/03/calder-bay-record-february-volumes",
        "enclosure": "https://images.example.org/covers/2026/calder-bay-northern-terminal.png",
        "error": None,
    }
    broken = rows[str(BROKEN)]
    assert broken["state"] == "invalid" and broken["date"] is None
    assert broken["error"].startswith("Malformed TOML front matter")


def test_list_filters_by_state(sample_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", sample_desk, "--state", "draft", "--json")
    assert status == 0
    assert [row["path"] for row in json.loads(out)] == DRAFTS


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        ("2031-01-15", "scheduled"),  # a date alone is midnight UTC
        ("2031-01-15T08:59:59", "scheduled"),  # naive means UTC
        ("2031-01-15T10:00:00+02:00", "scheduled"),
        ("2031-01-15T09:00:00Z", "published"),
        ("2031-01-15T10:30:00+01:00", "published"),
    ],
)
def test_as_of_moves_now(
    sample_desk: Path, capsys: pytest.CaptureFixture[str], as_of: str, state: str
) -> None:
    status, out, _ = run(capsys, "list", sample_desk / ORBITLINE, "--as-of", as_of, "--json")
    assert status == 0
    assert [(row["path"], row["state"]) for row in json.loads(out)] == [(ORBITLINE.name, state)]


def test_as_of_changes_a_scheduled_article_to_published(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, before, _ = run(
        capsys, "list", sample_desk, "--state", "scheduled", "--as-of", "2030-01-01", "--json"
    )
    _, after, _ = run(
        capsys, "list", sample_desk, "--state", "published", "--as-of", "2031-01-20", "--json"
    )
    assert str(ORBITLINE) in [row["path"] for row in json.loads(before)]
    assert str(ORBITLINE) in [row["path"] for row in json.loads(after)]


def test_list_never_crashes_on_bad_files(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (desk / "binary.md").write_bytes(b"\x00\x01\x02")
    (desk / "latin1.md").write_bytes(b'+++\ntitle = "caf\xe9"\n+++\n')
    (desk / "empty.md").write_bytes(b"")
    (desk / "unclosed.md").write_bytes(b"---\ntitle: x\n")
    status, out, _ = run(capsys, "list", desk, "--json")
    assert status == 0
    rows = json.loads(out)
    assert [row["state"] for row in rows] == ["invalid"] * 4
    assert all(row["error"] for row in rows)
    status, out, _ = run(capsys, "list", desk)
    assert status == 0 and len(out.splitlines()) == 5


def test_list_reports_an_empty_result_on_stderr(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "list", desk)
    assert (status, out) == (0, "")
    assert err == f"copydesk: no articles in {desk}\n"
    assert run(capsys, "list", desk, "--json")[1] == "[]\n"


def test_a_missing_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    for command in ("list", "check", "show"):
        status, out, err = run(capsys, command, missing)
        assert status == 1 and out == ""
        assert err.startswith(f"copydesk: {missing}: no such file")
        assert err.count("\n") == 1


# --- show ------------------------------------------------------------------------------------------


def test_show_prints_metadata_state_and_body(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "show", sample_desk / CALDER)
    assert status == 0
    head, state, body = out.split("\n\n", 2)
    assert head.splitlines()[:4] == [
        "title: Calder Bay Port Posts Record February Volumes as Northern Terminal Opens",
        "date: 2026-03-02T09:30:00+00:00",
        "draft: false",
        "summary: The Port of Calder Bay handled 412,000 containers in February, a 14 percent rise on last year, as its automated Northern Terminal began full operations and two major shipping lines shifted calls away from congested southern hubs.",
    ]
    assert "article_id: 304117" in head.splitlines()
    assert state == "state: published"
    assert body.startswith("<p>The Port of Calder Bay handled 412,000")


def test_show_json(sample_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", sample_desk / LOCKERLOOP, "--json")
    assert status == 0
    document = json.loads(out)
    assert set(document) == {"path", "format", "state", "reason", "metadata", "body"}
    assert document["format"] == "yaml"
    assert document["state"] == "published"
    assert document["path"] == str(sample_desk / LOCKERLOOP)
    assert document["metadata"]["article_id"] == 302010
    assert (
        document["metadata"]["title"]
        == "Regulator Opens Privacy Review of Parcel Locker Camera Network"
    )
    assert document["body"].lstrip().startswith("The national data protection authority")

    _, out, _ = run(capsys, "show", sample_desk / CALDER, "--json")
    assert (
        json.loads(out)["metadata"]["date"] == "2026-03-02T09:30:00+00:00"
    )  # a TOML datetime, as ISO


def test_show_reports_a_malformed_file(
    sample_desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "show", sample_desk / BROKEN)
    assert status == 1 and out == ""
    assert err.startswith(f"copydesk: {sample_desk / BROKEN}: Malformed TOML front matter")
    assert "(line 2, column 62)" in err


def test_show_refuses_a_folder(sample_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "show", sample_desk)
    assert status == 1
    assert err == f"copydesk: {sample_desk}: is a folder, not an article file\n"


# --- usage, the window, and failures -------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", ".", "--state", "lost"],
        ["list", ".", "--as-of", "next tuesday"],
        ["set", "a.md"],
        ["set", "a.md", "no-equals-sign"],
        ["set", "a.md", "=value"],
        ["publish"],
        ["check"],
        ["--frobnicate"],
        ["one", "two"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert "usage: copydesk" in err and "error:" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert (status, out.splitlines()[0]) == (0, f"copydesk {__version__}")
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in ("list", "show", "set", "publish", "draft", "check"):
        assert f"    {command} " in out


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Stands in for editor.app (the window): records the path it was asked to open."""
    opened: list[str | None] = []

    def app_main(path: str | None, screenshot: str | None = None) -> int:
        opened.append(path)
        return 7

    monkeypatch.setitem(sys.modules, "editor.app", types.SimpleNamespace(main=app_main))
    return opened


def test_a_path_alone_opens_the_window(
    sample_desk: Path,
    capsys: pytest.CaptureFixture[str],
    fake_app: list[str | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(sample_desk)
    assert run(capsys, "content")[0] == 7  # the window's exit status is passed on
    assert run(capsys)[0] == 7
    assert run(capsys, "open", "hugo.toml")[0] == 7
    assert fake_app == [str(sample_desk / "content"), None, str(sample_desk / "hugo.toml")]


def test_opening_a_missing_path_does_not_start_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: list[str | None]
) -> None:
    status, _, err = run(capsys, tmp_path / "nope")
    assert status == 1
    assert err == f"copydesk: {tmp_path / 'nope'}: no such file or folder\n"
    assert fake_app == []


def test_an_unexpected_error_is_one_line(
    sample_desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.delenv("COPYDESK_DEBUG", raising=False)
    monkeypatch.setattr("editor.core.listing.scan", explode)  # cmd_list imports it when run
    status, out, err = run(capsys, "list", sample_desk)
    assert status == 1 and out == ""
    assert (
        err
        == "copydesk: unexpected error (RuntimeError): disk on fire; set COPYDESK_DEBUG=1 for details\n"
    )


def test_a_closed_pipe_is_quiet(
    sample_desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    status = main(["list", str(sample_desk)])
    assert status == 128 + signal.SIGPIPE  # what a shell reports for `cat big | head -1`, not 1
    assert capsys.readouterr().err == ""


# --- the real entry point --------------------------------------------------------------------------


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COPYDESK_DEBUG", None)
    return env


def test_python_dash_m_editor_lists_as_json(sample_desk: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editor", "list", str(sample_desk), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=_python_env(),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    rows = json.loads(done.stdout)
    assert len(rows) == 17
    assert {row["state"] for row in rows} == {
        "draft",
        "scheduled",
        "published",
        "expired",
        "invalid",
    }


def test_commands_never_import_qt(sample_desk: Path) -> None:
    script = (
        "import sys\n"
        "from editor.cli import main\n"
        "for argv in (['list', sys.argv[1]], ['check', sys.argv[1]], ['show', sys.argv[2]]):\n"
        "    main(argv)\n"
        "sys.stdout.flush()\n"
        "print('QT' if any(name.startswith('PySide6') for name in sys.modules) else 'NO QT', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(sample_desk), str(sample_desk / CALDER)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=_python_env(),
    )
    assert done.stderr.splitlines()[-1] == "NO QT", done.stderr


def test_a_reader_that_goes_away_gets_no_traceback(sample_desk: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "editor", "list", str(sample_desk), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_python_env(),
    )
    process.stdout.close()  # like `| head` exiting before copydesk writes
    _, err = process.communicate(timeout=60)
    # Not 1 ("a file failed"): the status a Unix tool has when SIGPIPE ends it.
    assert process.returncode == 128 + signal.SIGPIPE
    assert err == b""


# --- an unknown command ----------------------------------------------------------------------------


def test_a_mistyped_command_is_named_with_the_closest_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no file called "lst" here
    status, out, err = run(capsys, "lst", ".")
    assert status == 2 and out == ""
    assert "unrecognized arguments" not in err
    assert "unknown command 'lst' (did you mean 'list'?)" in err
    assert err.startswith("usage: copydesk")


def test_an_unknown_command_with_no_close_one_lists_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "frobnicate", "x.md")
    assert status == 2
    assert "unknown command 'frobnicate'" in err
    assert "list, show, set, publish, draft, check" in err


def test_a_lone_mistyped_command_that_is_no_path_is_named_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "chek")
    assert status == 2
    assert "did you mean 'check'?" in err


def test_an_existing_folder_named_like_a_command_still_opens(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_app: list[str | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "lists").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "lists")[0] == 7
    assert fake_app == [str(tmp_path / "lists")]


def test_list_warns_when_the_site_config_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "hugo.toml").write_text("title = [unclosed\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("+++\ntitle = 'T'\n+++\n", encoding="utf-8")
    status, out, err = run(capsys, "list", tmp_path)
    assert status == 0 and "content/a.md" in out
    assert err.startswith("copydesk: warning: the site config cannot be read:")
    assert "Hugo's defaults are used" in err


def test_list_of_a_site_root_shows_its_content_and_a_language_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "hugo.toml").write_text(
        '[languages.en]\ncontentDir = "en"\n[languages.nb]\ncontentDir = "nb"\n', encoding="utf-8"
    )
    for name in ("en/a.md", "nb/a.md", "layouts/_default/single.html", "archetypes/default.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("+++\ntitle = 'T'\n+++\n", encoding="utf-8")
    status, out, _ = run(capsys, "list", tmp_path)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["STATE", "DATE", "(UTC)", "LANG", "TITLE", "PATH"]
    assert [line.split()[1:] for line in lines[1:]] == [
        ["en", "T", "en/a.md"],
        ["nb", "T", "nb/a.md"],
    ]


def test_show_prints_a_yaml_block_value_without_a_trailing_blank_line(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folded title (``title: >``) ends in a newline: show printed an indented blank line."""
    path = desk / "folded.md"
    path.write_bytes(
        b"---\ntitle: >\n  Harbour\n  reopens\nnote: |\n  one\n  two\ndraft: true\n---\nB\n"
    )
    status, out, _ = run(capsys, "show", path)
    assert status == 0
    head = out.split("\n\n", 1)[0]
    assert head.splitlines() == ["title: Harbour reopens", "note: one", "  two", "draft: true"]


def test_show_of_a_file_without_front_matter_starts_with_its_state(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """coredns.io's manual pages have no front matter: show printed a blank line first."""
    path = desk / "what.md"
    path.write_bytes(b"# What is CoreDNS?\n\nA DNS server.\n")
    status, out, _ = run(capsys, "show", path)
    assert (status, out) == (0, "state: published\n\n# What is CoreDNS?\n\nA DNS server.\n")
    (desk / "empty.md").write_bytes(b"---\n# Do not remove front matter.\n---\nSnippet.\n")
    assert run(capsys, "show", desk / "empty.md")[1].startswith("state: published\n")


def test_list_of_a_folder_holding_sites_says_to_give_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """linkerd's repository holds its site in linkerd.io/: listed from the top, its 71 templates
    were invalid pages, without a word why."""
    site = tmp_path / "linkerd.io"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "L"\n', encoding="utf-8")
    (site / "content" / "a.md").write_text("+++\ntitle = 'A'\n+++\n", encoding="utf-8")
    (site / "layouts").mkdir()
    (site / "layouts" / "baseof.html").write_text("<html>{{ block }}</html>\n", encoding="utf-8")
    (tmp_path / "bin").mkdir()
    status, out, err = run(capsys, "list", tmp_path)
    assert status == 0 and "layouts/baseof.html" in out
    assert err == (
        f"copydesk: warning: {tmp_path} is no Hugo site, but linkerd.io/ is one: every file "
        "below is read as a page, templates too; give a site's folder to see its pages alone\n"
    )
    status, out, err = run(capsys, "list", site)
    assert (status, err) == (0, "") and "baseof" not in out
    assert "is no Hugo site" in run(capsys, "check", tmp_path)[2]
