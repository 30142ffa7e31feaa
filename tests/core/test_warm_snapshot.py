"""A warm ``list --json`` written from the last listing's kept answer (editor.core.warm_snapshot)
is byte for byte what an uncached listing writes, after every kind of change; and a kept answer
is used only when the desk's tree is the one it was kept for."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from editor import cli_json
from editor.core import cache_file, tree_look, warm_snapshot
from tests.helpers.cli import run

pytestmark = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")

HOUR_AGO_NS = time.time_ns() - 3600 * 1_000_000_000
STORY = (
    "+++\ntitle = '{title}'\ndate = 2024-01-0{day}T10:00:00Z\ndraft = {draft}\n+++\nBody {title}.\n"
)


def _old(path: Path, offset: int = 0) -> None:
    """Out of the cache's racy window (a file changed in the last two seconds is never kept)."""
    os.utime(path, ns=(HOUR_AGO_NS + offset, HOUR_AGO_NS + offset))


def _write(path: Path, text: str, offset: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _old(path, offset)


def _story(title: str, day: int = 1, draft: str = "false") -> str:
    return STORY.format(title=title, day=day, draft=draft)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    _write(root / "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'T'\n")
    content = root / "content"
    _write(content / "_index.md", "+++\ntitle = 'Home'\n+++\n")
    _write(content / "news" / "_index.md", "+++\ntitle = 'News'\n+++\n")
    for n in range(6):
        _write(content / "news" / f"s{n}.md", _story(f"Story {n}", 1 + n % 5, str(n == 2).lower()))
    _write(
        content / "news" / "later.md",
        "+++\ntitle = 'Later'\npublishDate = 2031-01-15T09:00:00Z\n+++\n",
    )
    _write(content / "bundle" / "index.md", _story("Bundle"))
    _write(content / "bundle" / "notes.md", _story("Resource"))
    _write(content / "deep" / "a" / "b" / "c.md", _story("Deep", 3))
    _write(content / ".hidden" / "h.md", _story("Hidden"))
    return root


def _listing(capsys: pytest.CaptureFixture[str], desk: Path, *args: object) -> str:
    status, out, err = run(capsys, "list", desk, "--json", *args)
    assert status == 0, err
    return out


def _kept_file(desk: Path) -> Path:
    return warm_snapshot.snapshot_path(cache_file.database_path(desk.resolve(), None))


def _same_as_uncached(capsys: pytest.CaptureFixture[str], desk: Path, *args: object) -> str:
    warm = _listing(capsys, desk, *args)
    assert warm == _listing(capsys, desk, "--no-cache", *args)
    return warm


def test_a_warm_listing_is_the_kept_answer(
    site: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    first = _listing(capsys, site)
    assert _kept_file(site).exists()
    assert no_scan == [1]
    second = _listing(capsys, site)
    assert no_scan == [1]  # written from the kept answer
    assert second == first == _listing(capsys, site, "--no-cache")
    assert '"path": "content/bundle/index.md"' in first and "notes.md" not in first
    assert ".hidden" not in first


def test_the_state_filter_on_a_kept_answer(
    site: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    _listing(capsys, site)
    for state in ("draft", "published", "scheduled", "expired"):
        assert _listing(capsys, site, "--state", state) == _listing(
            capsys, site, "--no-cache", "--state", state
        )
    assert no_scan == [1, 1, 1, 1, 1]  # the first, and the four uncached ones


def test_the_clock_past_a_kept_interval_lists_again(
    site: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    _listing(capsys, site, "--as-of", "2030-01-01T00:00:00Z")
    before = _listing(capsys, site, "--as-of", "2030-06-01T00:00:00Z")
    assert len(no_scan) == 1
    after = _same_as_uncached(capsys, site, "--as-of", "2031-02-01T00:00:00Z")
    assert before != after  # later.md is published by then
    assert len(no_scan) == 3


def _edit(site: Path) -> None:
    _write(site / "content" / "news" / "s1.md", _story("Story 1 edited"), 7)


def _same_size_edit(site: Path) -> None:
    path = site / "content" / "news" / "s1.md"
    text = path.read_text(encoding="utf-8").replace("Story 1", "Story X")
    info = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # only the ctime tells


def _same_size_and_time_other_inode(site: Path) -> None:
    path = site / "content" / "news" / "s1.md"
    info = path.stat()
    fresh = path.with_name("fresh.tmp-file")
    fresh.write_text(path.read_text(encoding="utf-8").replace("Story 1", "Story Y"))
    os.utime(fresh, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(fresh, path)


def _touch(site: Path) -> None:
    _old(site / "content" / "news" / "s3.md", 99)


def _delete(site: Path) -> None:
    (site / "content" / "news" / "s4.md").unlink()


def _rename(site: Path) -> None:
    os.rename(site / "content" / "news" / "s4.md", site / "content" / "news" / "z4.md")


def _add(site: Path) -> None:
    _write(site / "content" / "news" / "new.md", _story("New"))


def _add_folder(site: Path) -> None:
    _write(site / "content" / "other" / "x" / "n.md", _story("Other"))


def _make_a_bundle(site: Path) -> None:
    _write(site / "content" / "deep" / "a" / "index.md", _story("Now a bundle"))


def _cascade(site: Path) -> None:
    _write(
        site / "content" / "news" / "_index.md",
        "+++\ntitle = 'News'\n[cascade]\ndraft = true\n+++\n",
        5,
    )


def _config(site: Path) -> None:
    _write(site / "hugo.toml", "baseURL = 'https://example.org/'\n[cascade]\ndraft = true\n")


def _date_keys(site: Path) -> None:
    _write(
        site / "hugo.toml",
        "baseURL = 'https://example.org/'\n[frontmatter]\ndate = ['publishDate']\n",
    )


def _link(site: Path) -> None:
    os.symlink(site / "content" / "news" / "s0.md", site / "content" / "news" / "linked.md")


def _temp_file(site: Path) -> None:
    _write(site / "content" / "news" / ".s0.md.abc.copydesk-tmp", "half")


def _hidden_change(site: Path) -> None:
    _write(site / "content" / ".hidden" / "h.md", _story("Hidden, edited"), 3)


CHANGES = [
    _edit,
    _same_size_edit,
    _same_size_and_time_other_inode,
    _touch,
    _delete,
    _rename,
    _add,
    _add_folder,
    _make_a_bundle,
    _cascade,
    _config,
    _date_keys,
    _link,
    _temp_file,
    _hidden_change,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_every_change_lists_as_without_the_cache(
    site: Path, capsys: pytest.CaptureFixture[str], change: Any
) -> None:
    before = _listing(capsys, site)
    _listing(capsys, site)
    change(site)
    after = _same_as_uncached(capsys, site)
    assert _same_as_uncached(capsys, site) == after  # and the answer kept after the change
    if change not in (_touch, _hidden_change, _temp_file):
        assert after != before


def _late_file_while_listed(site: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The scan (returned, to put back) writes late.md once it has read the desk."""
    scan = cli_json.scan_json

    def changing(*args: Any, **kwargs: Any) -> Any:
        yield from scan(*args, **kwargs)
        _write(site / "content" / "news" / "late.md", _story("Late"))

    monkeypatch.setattr(cli_json, "scan_json", changing)
    return scan


def test_a_desk_changed_while_it_is_listed_keeps_no_answer(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk saw the tree before the change; ``find``'s second look, after, does not match."""
    scan = _late_file_while_listed(site, monkeypatch)
    first = _listing(capsys, site)
    assert "late.md" not in first
    assert not _kept_file(site).exists()
    monkeypatch.setattr(cli_json, "scan_json", scan)
    assert "late.md" in _same_as_uncached(capsys, site)


def test_fresh_files_keep_no_answer(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "news" / "s0.md").write_text(_story("Just now"), encoding="utf-8")
    _listing(capsys, site)
    _listing(capsys, site)
    assert not _kept_file(site).exists()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other header"])
def test_a_damaged_kept_answer_is_not_used(
    site: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    first = _listing(capsys, site)
    kept = _kept_file(site)
    data = kept.read_bytes()
    if damage == "truncate":
        kept.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        kept.write_bytes(data[:-40] + b"x" * 40)
    elif damage == "empty":
        kept.write_bytes(b"")
    else:
        kept.write_bytes(data.replace(b"|", b"#", 1))
    assert _same_as_uncached(capsys, site) == first


def test_garbled_texts_fall_back_to_the_listing(
    site: Path, capsys: pytest.CaptureFixture[str], no_scan: list[int]
) -> None:
    """Kept texts that do not split into their rows (same length, other bytes) are not written
    where they are read (a stdout that is no file or pipe, the state filter, git fields row by
    row; sent whole by the kernel, only their end is checked, as a cached row's text is not)."""
    first = _listing(capsys, site)
    kept = _kept_file(site)
    kept.write_bytes(kept.read_bytes().replace(b"\n  },\n  {", b"\n  ]+\n  {"))
    assert _listing(capsys, site) == first
    assert _listing(capsys, site, "--state", "draft") == _listing(
        capsys, site, "--no-cache", "--state", "draft"
    )
    assert len(no_scan) == 3


def test_no_find_lists_as_before(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = _listing(capsys, site, "--no-cache")
    empty = tmp_path / "no-tools"
    empty.mkdir()
    git = shutil.which("git")
    if git:
        os.symlink(git, empty / "git")
    monkeypatch.setenv("PATH", str(empty))
    assert _listing(capsys, site) == first
    assert _listing(capsys, site) == first
    assert not _kept_file(site).exists()


def test_find_prints_the_keys_the_cache_holds(site: Path) -> None:
    """The one assumption about GNU find's output: its key text is :func:`key_text` of the
    file's stat (else no answer is ever kept: a listing as before, never a wrong one)."""
    probe = warm_snapshot.start(site.resolve(), _rules(site), ("date",), 0)
    assert probe is not None
    found = probe.found()
    assert found is not None
    printed = tree_look.printed_keys(found)
    story = "content/news/s1.md"
    info = os.stat(site / story)
    assert printed[story] == tree_look.key_text(
        info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns
    )
    assert "content/.hidden/h.md" not in printed  # pruned, as the walk never goes there
    assert "content/bundle/notes.md" in printed  # walked over, not listed


def _rules(site: Path) -> Any:
    from editor.core.index import desk_rules

    return desk_rules(site.resolve())


def test_a_plain_folder_desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk = tmp_path / "plain"
    for n in range(3):
        _write(desk / f"d{n}" / f"p{n}.md", _story(f"Plain {n}"))
    first = _listing(capsys, desk)
    assert _kept_file(desk).exists()
    assert _same_as_uncached(capsys, desk) == first
    _delete_plain = desk / "d1" / "p1.md"
    _delete_plain.unlink()
    assert _same_as_uncached(capsys, desk) != first


def test_a_kept_answer_sent_to_a_file(site: Path, tmp_path: Path) -> None:
    """The whole texts go to a real stdout by ``sendfile``: the bytes of an uncached listing."""
    import sys

    def listing(*args: str) -> bytes:
        out = tmp_path / "out.json"
        with open(out, "wb") as handle:
            subprocess.run(
                [sys.executable, "-m", "editor", "list", "--json", *args, str(site)],
                stdout=handle,
                check=True,
                timeout=120,
                cwd=Path(__file__).resolve().parents[2],
            )
        return out.read_bytes()

    first = listing()
    assert _kept_file(site).exists()
    assert listing() == first == listing("--no-cache")
    kept = _kept_file(site)
    kept.write_bytes(kept.read_bytes()[:-1] + b"x")  # the texts' end damaged: listed again
    assert listing() == first


@pytest.mark.parametrize("folders", [0, 1, 2, 3, 9, 20])
def test_two_finds_print_what_one_prints(tmp_path: Path, folders: int) -> None:
    """The tree shared out to two ``find`` runs (the top listed here): the same records as one
    ``find`` prints, in an order of its own that is the same each time."""
    desk = tmp_path / "split"
    _write(desk / "content" / "top.md", _story("Top"))
    for n in range(folders):
        _write(desk / "content" / "news" / f"{n:02d}" / f"s{n}.md", _story(f"S {n}"))
        _write(desk / "content" / "news" / f"{n:02d}" / "deep" / "d.md", _story(f"D {n}"))
    _write(desk / "content" / "news" / ".git" / "x.md", _story("Hidden"))
    _write(desk / "content" / "node_modules" / "y.md", _story("Module"))
    one = subprocess.run(
        ["find", "./content", *tree_look.FIND_EXPRESSION],
        cwd=desk,
        capture_output=True,
        check=True,
    ).stdout
    look = tree_look.Look.start(desk, ["./content"])
    assert look is not None
    shared = look.output()
    assert shared is not None
    assert sorted(shared.split(b"\0")) == sorted(one.split(b"\0"))
    again = tree_look.Look.start(desk, ["./content"])
    assert again is not None and again.output() == shared
    split = tree_look._split(desk, ["./content"])
    assert (split is not None) == (folders >= 2)


def test_a_find_printing_less_than_the_whole_key_keeps_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two equal outputs prove an unchanged tree only if each key is printed whole: a ``find``
    printing whole seconds (another ``find``, another version) never gets an answer kept."""
    coarse = tuple(
        part.replace("%T@ %C@", "%Ts %Cs") if part.startswith("%y") else part
        for part in tree_look.FIND_EXPRESSION
    )
    assert coarse != tree_look.FIND_EXPRESSION
    monkeypatch.setattr(tree_look, "FIND_EXPRESSION", coarse)
    first = _listing(capsys, site)
    assert _listing(capsys, site) == first  # every row from the cache: checked all the same
    assert not _kept_file(site).exists()


@pytest.mark.parametrize("kernel", ["sends", "cannot"])
def test_a_kept_answer_to_a_real_stdout(
    site: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kernel: str,
) -> None:
    """To a stdout with a file under it the texts go by ``sendfile``; where the kernel refuses
    (a terminal), they are written instead, the same bytes."""
    import errno

    from editor.cli import main

    def listing(*args: str) -> str:
        assert main(["list", str(site), "--json", *args]) == 0
        return capfd.readouterr().out

    first = listing("--no-cache")
    listing()  # keeps the answer
    sent: list[int] = []
    real = os.sendfile

    def sendfile(out: int, source: int, offset: int, count: int) -> int:
        sent.append(count)
        if kernel == "cannot":
            raise OSError(errno.EINVAL, "not here")
        return real(out, source, offset, count)

    monkeypatch.setattr(os, "sendfile", sendfile)
    assert listing() == first
    assert sent  # the kept answer went this way


def test_a_name_that_is_not_utf8(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file whose name is no UTF-8 is never cached (SQLite keeps text as UTF-8): listed as
    without the cache, and no answer kept with it."""
    folder = os.fsencode(site / "content" / "news")
    name = os.path.join(folder, b"caf\xe9.md")
    with open(name, "wb") as handle:
        handle.write(_story("Latin-1 name").encode())
    os.utime(name, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    first = _same_as_uncached(capsys, site)
    assert "caf" in first
    assert _same_as_uncached(capsys, site) == first
    assert not _kept_file(site).exists()


def test_a_file_dated_before_1970_at_the_top_keeps_no_answer(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top folders' entries are listed in Python when the look is shared out to two finds;
    a file there dated before 1970 was written with no key ("f ?"), so an edit that dated it so
    again went unseen and the kept answer printed the old row (found in review)."""
    path = site / "content" / "zz.md"
    before_1970 = -315_619_200 * 1_000_000_000  # 1960-01-01
    _write(path, _story("Old title"))
    os.utime(path, ns=(before_1970, before_1970))
    _listing(capsys, site)
    _listing(capsys, site)
    path.write_text(_story("A new and longer title", 2, "true"), encoding="utf-8")
    os.utime(path, ns=(before_1970, before_1970))
    warm = _same_as_uncached(capsys, site)
    assert "A new and longer title" in warm and "Old title" not in warm


def test_a_cache_removed_takes_its_kept_answer_with_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrupt cache is removed and rebuilt (cache_file.remove_database); its kept answer
    stayed beside it (found in review)."""
    _listing(capsys, site)
    kept = _kept_file(site)
    assert kept.exists()
    assert cache_file.remove_database(cache_file.database_path(site.resolve(), None))
    assert not kept.exists()
