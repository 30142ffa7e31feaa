"""A warm ``list --json`` answered before the command line is imported (editor.cli_kept) is byte
for byte the uncached listing; any change to what the kept answer was made from (the config, a
folder that could become the site, the code, the Python, the clock, the tree) leaves the answer to
the usual way, which lists as ever. Git's fields are read now."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor import cli_kept
from editor.core import cache_file, tree_look, warm_snapshot
from tests.core.test_warm_snapshot import _kept_file, _listing, _story, _write
from tests.helpers.cli import run
from tests.helpers.git import git

pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """The config files a test just wrote count as older than the listing (the racy window's two
    seconds would otherwise leave every input of a test unnoted)."""
    monkeypatch.setattr(warm_snapshot, "RACY_NS", 0)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A site's content folder, with a config folder beside the site's config file."""
    root = tmp_path / "site"
    _write(root / "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'T'\n")
    _write(root / "config" / "_default" / "params.toml", "motto = 'x'\n")
    content = root / "content"
    _write(content / "_index.md", "+++\ntitle = 'Home'\n+++\n")
    for n in range(5):
        _write(content / "news" / f"s{n}.md", _story(f"Story {n}", 1 + n, str(n == 2).lower()))
    _write(
        content / "news" / "later.md",
        "+++\ntitle = 'Later'\npublishDate = 2031-01-15T09:00:00Z\n+++\n",
    )
    return content


def _quick(capsys: pytest.CaptureFixture[str], *options: object) -> str | None:
    """What the quick answer writes, or None when it leaves the listing to the usual way (then
    having written nothing)."""
    status = cli_kept.quick_list([str(option) for option in options])
    out = capsys.readouterr().out
    if not isinstance(status, int):  # None, or the look it took (the tree changed)
        assert out == ""
        return None
    assert status == 0
    return out


def _kept(capsys: pytest.CaptureFixture[str], desk: Path) -> str:
    """A listing that keeps its answer; returns it (the uncached listing's bytes)."""
    answer = _listing(capsys, desk)
    assert answer == _listing(capsys, desk, "--no-cache")
    assert _kept_file(desk).exists()
    return answer


def test_a_kept_answer_is_written_without_the_command_line(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    answer = _kept(capsys, desk)
    scans = len(no_scan)
    assert _quick(capsys, "--json", desk) == answer
    assert _quick(capsys, desk, "--json") == answer  # `list DESK --json` too
    assert len(no_scan) == scans
    assert '"path": "news/s0.md"' in answer


def test_the_state_filter_is_answered_from_the_kept_answer_too(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    _kept(capsys, desk)
    scans = len(no_scan)
    for state in sorted(cli_kept.STATES):
        expected = _listing(capsys, desk, "--no-cache", "--state", state)
        scans += 1
        assert _quick(capsys, "--json", "--state", state, desk) == expected
        assert _quick(capsys, desk, f"--state={state}", "--json") == expected
        assert _quick(capsys, "--state", state, desk, "--json") == expected
    assert len(no_scan) == scans  # none of them listed the usual way
    assert '"state": "draft"' in _quick(capsys, "--json", "--state", "draft", desk)  # type: ignore[operator]


def test_the_states_are_the_command_lines() -> None:
    from editor.core.state import PublishState

    assert {state.value for state in PublishState} == cli_kept.STATES


@pytest.mark.parametrize(
    "options",
    [
        ("--json", "--state", "nonsense", "{desk}"),
        ("--json", "--state", "{desk}"),
        ("--json", "--state", "draft", "--state", "published", "{desk}"),
        ("--json", "--state=draft", "--state=expired", "{desk}"),
        ("--json", "--sta", "draft", "{desk}"),
        ("--json", "--state", "draft"),
        ("--json", "--no-cache", "{desk}"),
        ("--json", "--as-of", "2026-01-01", "{desk}"),
        ("{desk}",),
        ("--json", "--json"),
        ("--json", "-h"),
        ("--json", "{desk}/missing"),
        ("--json", "{desk}/news/s0.md"),
    ],
)
def test_other_words_are_left_to_the_command_line(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], options: tuple[str, ...]
) -> None:
    _kept(capsys, desk)
    assert _quick(capsys, *(option.format(desk=desk) for option in options)) is None


def test_a_stdout_that_is_not_utf8_is_left_to_the_command_line(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line writes such a stdout with replacements (cli._tolerant_output)."""
    _kept(capsys, desk)
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", latin)
    assert cli_kept.quick_list(["--json", str(desk)]) is None
    latin.flush()
    assert latin.buffer.getvalue() == b""


def _same_size_config(desk: Path) -> None:
    (desk.parent / "hugo.toml").write_text("baseURL = 'https://example.org/'\ntitle = 'U'\n")


def _config_file_added(desk: Path) -> None:
    (desk.parent / "config" / "_default" / "menus.toml").write_text("[[main]]\nname = 'Home'\n")


def _config_file_removed(desk: Path) -> None:
    (desk.parent / "config" / "_default" / "params.toml").unlink()


def _production_config(desk: Path) -> None:
    folder = desk.parent / "config" / "production"
    folder.mkdir()
    (folder / "hugo.toml").write_text("buildFuture = true\n")


def _desk_becomes_a_site(desk: Path) -> None:
    (desk / "hugo.toml").write_text("title = 'A site of its own'\n")


def _article_edited(desk: Path) -> None:
    (desk / "news" / "s1.md").write_text(_story("Story 1 edited"))


def _article_added(desk: Path) -> None:
    (desk / "news" / "new.md").write_text(_story("New"))


@pytest.mark.parametrize(
    "change",
    [
        _same_size_config,
        _config_file_added,
        _config_file_removed,
        _production_config,
        _desk_becomes_a_site,
        _article_edited,
        _article_added,
    ],
)
def test_a_change_leaves_the_answer_to_the_usual_way(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], change: object
) -> None:
    before = _kept(capsys, desk)
    change(desk)  # type: ignore[operator]
    assert _quick(capsys, "--json", desk) is None
    after = _listing(capsys, desk)
    assert after == _listing(capsys, desk, "--no-cache")
    if change in (_article_edited, _article_added, _desk_becomes_a_site):
        assert after != before


def test_a_site_above_the_desk_leaves_the_answer_to_the_usual_way(
    tmp_path: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A config file in a folder between the desk and its site's root (which ``find`` does not
    walk) makes that folder the site."""
    site = tmp_path / "site"
    _write(site / "hugo.toml", "contentDir = 'src/content'\n")
    desk = site / "src" / "content"
    for n in range(3):
        _write(desk / f"s{n}.md", _story(f"Story {n}", 1 + n))
    _kept(capsys, desk)
    assert _quick(capsys, "--json", desk) is not None
    (site / "src" / "hugo.toml").write_text("title = 'src is a site now'\n")
    assert _quick(capsys, "--json", desk) is None
    assert _listing(capsys, desk) == _listing(capsys, desk, "--no-cache")


def test_the_look_taken_is_the_listings_first_after_a_change(
    desk: Path,
    trusted: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An article changed: the quick answer's look is handed to the listing (which looks once
    more, after reading the files, before it keeps its answer), not taken a third time."""
    _kept(capsys, desk)
    _write(desk / "news" / "s1.md", _story("Story 1 edited"), 7)  # dated back: it can be kept
    looks: list[list[str]] = []
    start = tree_look.Look.start.__func__  # type: ignore[attr-defined]

    def counted(
        cls: type[tree_look.Look], base: Path, roots: list[str], cores: int = 2
    ) -> tree_look.Look | None:
        looks.append(roots)
        return start(cls, base, roots, cores)

    monkeypatch.setattr(tree_look.Look, "start", classmethod(counted))
    handed = cli_kept.quick_list(["--json", str(desk)])
    assert isinstance(handed, tree_look.Looked) and handed.desk == str(desk.resolve())
    assert capsys.readouterr().out == ""
    status, out, err = run(capsys, "list", desk, "--json", looked=handed)
    assert status == 0 and err == ""
    assert len(looks) == 2  # the quick answer's, and the one after the listing read the files
    assert out == _listing(capsys, desk, "--no-cache")
    assert _quick(capsys, "--json", desk) == out  # and its answer was kept
    elsewhere = tree_look.Looked(str(desk.parent), handed.starts, handed.found)
    looks.clear()
    _write(desk / "news" / "new.md", _story("New"), 9)
    run(capsys, "list", desk, "--json", looked=elsewhere)  # another desk's look: not taken
    assert len(looks) == 2


def test_changed_code_leaves_the_answer_to_the_usual_way(
    desk: Path,
    trusted: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A source of the modules that decide a row, edited since (as while developing)."""
    source = tmp_path / "index.py"
    source.write_text("# the code\n")
    monkeypatch.setattr(cache_file, "code_files", lambda: [str(source)])
    _kept(capsys, desk)
    assert _quick(capsys, "--json", desk) is not None
    source.write_text("# the code, edited\n")
    assert _quick(capsys, "--json", desk) is None


def test_another_python_or_time_zone_leaves_the_answer_to_the_usual_way(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept(capsys, desk)
    monkeypatch.setattr(sys, "executable", "/opt/other/python3")
    assert _quick(capsys, "--json", desk) is None
    monkeypatch.undo()
    monkeypatch.setattr(warm_snapshot, "RACY_NS", 0)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert _quick(capsys, "--json", desk) is None


def test_past_the_kept_interval_the_usual_way_answers(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """later.md is scheduled for 2031: a kept answer holds until then."""
    _kept(capsys, desk)
    february_2031 = 1_928_000_000 * 1_000_000_000
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: february_2031)
    assert _quick(capsys, "--json", desk) is None
    monkeypatch.setattr(time, "time_ns", real)
    assert _quick(capsys, "--json", desk) is not None


def test_a_damaged_kept_answer_is_no_answer(
    desk: Path, trusted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = _kept(capsys, desk)
    kept = _kept_file(desk)
    whole = kept.read_bytes()
    for damaged in (whole[:-1], whole[: len(whole) // 2], b"", b"copydesk-listing 2\n" + b"\0" * 9):
        kept.write_bytes(damaged)
        assert _quick(capsys, "--json", desk) is None
    kept.write_bytes(whole.replace(b"copydesk-inputs 1", b"copydesk-inputs 0"))
    assert _quick(capsys, "--json", desk) is None
    kept.write_bytes(whole)
    assert _quick(capsys, "--json", desk) == answer


def test_inputs_changed_in_the_racy_window_are_not_noted(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written just now (as in every test without ``trusted``): the answer is kept for the usual
    way, which checks it all again, and not for the quick one."""
    answer = _kept(capsys, desk)
    assert _quick(capsys, "--json", desk) is None
    assert _listing(capsys, desk) == answer


def test_inside_a_git_checkout_the_fields_are_read_now(
    desk: Path, trusted: None, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = desk.parent
    git(site, "init", "-q")
    git(site, "config", "user.name", "Alice")
    git(site, "config", "user.email", "alice@example.org")
    _kept(capsys, desk)
    untracked = _quick(capsys, "--json", desk)
    assert untracked is not None and untracked == _listing(capsys, desk, "--no-cache")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "The desk")  # the tree is the same; git's fields are not
    committed = _quick(capsys, "--json", desk)
    assert committed is not None and committed != untracked
    assert committed == _listing(capsys, desk, "--no-cache")
    drafts = _quick(capsys, "--json", "--state", "draft", desk)
    assert drafts == _listing(capsys, desk, "--no-cache", "--state", "draft")


def test_a_desk_git_ignores_is_sent_whole(
    desk: Path, trusted: None, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row's fields the same (as the bench's desks, inside this checkout, ignored)."""
    site = desk.parent
    git(site, "init", "-q")
    (site / ".gitignore").write_text("content/\n")
    _kept(capsys, desk)
    ignored = _quick(capsys, "--json", desk)
    assert ignored is not None and ignored.count('"state": "ignored"') == 7
    assert ignored == _listing(capsys, desk, "--no-cache")
    for state in ("draft", "published", "expired"):  # the shared fields spliced in as bytes
        assert _quick(capsys, "--json", "--state", state, desk) == _listing(
            capsys, desk, "--no-cache", "--state", state
        )
    (site / ".gitignore").write_text("")  # no longer ignored: the same tree, other fields
    untracked = _quick(capsys, "--json", desk)
    assert untracked is not None and '"state": "ignored"' not in untracked
    assert untracked == _listing(capsys, desk, "--no-cache")


def test_the_command_answers_without_importing_the_command_line(desk: Path) -> None:
    """Through the real entry point, its stdout a file (the kernel copies the kept texts): the
    config and the code have to be out of the racy window, so this test waits for it."""
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(desk.parent.parent / "cache")}
    script = (
        "import sys\nfrom editor.entry import main\nstatus = main(sys.argv[1:])\n"
        "print('editor.cli' in sys.modules, 'editor.core.index' in sys.modules, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )

    def listing(*args: str) -> subprocess.CompletedProcess[bytes]:
        with open(desk.parent.parent / "out.json", "w+b") as out:
            done = subprocess.run(
                [sys.executable, "-c", script, "list", "--json", *args, str(desk)],
                env=env,
                stdout=out,
                stderr=subprocess.PIPE,
                timeout=120,
                check=False,
            )
            out.seek(0)
            return subprocess.CompletedProcess(done.args, done.returncode, out.read(), done.stderr)

    time.sleep(warm_snapshot.RACY_NS / 1e9 + 0.2)
    first = listing()
    assert first.returncode == 0 and first.stderr == b"True True\n"
    second = listing()
    assert second.returncode == 0 and second.stderr == b"False False\n"
    assert second.stdout == first.stdout == listing("--no-cache").stdout


def test_the_ignored_fields_tail_is_the_encoders() -> None:
    """desk_git writes the ignored fields' tail out, so that the quick answer need not import the
    encoder; it is what verdicts.fields_tail makes of them."""
    from editor import desk_git
    from editor.core.verdicts import fields_tail

    ignored = desk_git.DeskGit({}, set(), {})
    assert ignored.shared is not None
    assert fields_tail(ignored.shared) == desk_git.IGNORED_TAIL
    assert desk_git.shared_tail(ignored) == desk_git.IGNORED_TAIL
