"""``copydesk list`` imports only what listing needs: the other commands' modules (show/set's
cli_article, the merge driver, git's status outside a checkout) cost 10-20 ms of a 10,000-article
desk's 0.3 s listing. Run in a fresh interpreter, so that nothing imported by other tests counts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import editor

SOURCE = str(Path(editor.__file__).resolve().parents[1])  # this copy of editor, not another

NOT_FOR_LIST = (
    "editor.cli_article",
    "editor.cli_set",
    "editor.merge_driver",
    "editor.core.service",
    "editor.core.git_status",
    "editor.core.validate",
)

PROBE = """
import json, sys
from editor.cli import main
status = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(status)
"""


def _modules_after(tmp_path: Path, *words: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": SOURCE,
            "COPYDESK_CACHE_DIR": str(tmp_path / "cache"),
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("words", [["--json"], ["--json", "--no-cache"], []])
def test_list_imports_no_other_command(tmp_path: Path, words: list[str]) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.md").write_bytes(b'+++\ntitle = "A"\ndraft = true\n+++\nbody\n')
    output, modules = _modules_after(tmp_path, "list", *words, str(desk))
    assert "a.md" in output
    assert "editor.cli" in modules and "editor.core.listing" in modules  # the probe ran
    assert sorted(modules & set(NOT_FOR_LIST)) == []


NOT_FOR_NO_CACHE = (
    "sqlite3",
    "editor.core.cache",
    "editor.core.cached_scan",
    "editor.core.warm_snapshot",
    "editor.core.tree_look",
)


@pytest.mark.parametrize("words", [["--json", "--no-cache"], ["--no-cache"]])
def test_a_listing_without_the_cache_imports_none_of_it(tmp_path: Path, words: list[str]) -> None:
    """Nor the kept listing's modules: ~4 ms of a cold listing's start-up (outside a checkout;
    inside one, git's last-change map is kept where the cache is, cache_file and sqlite3 load)."""
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.md").write_bytes(b'+++\ntitle = "A"\ndraft = true\n+++\nbody\n')
    output, modules = _modules_after(tmp_path, "list", *words, str(desk))
    assert "a.md" in output and "editor.core.listing" in modules
    assert sorted(modules & set(NOT_FOR_NO_CACHE)) == []
    _, modules = _modules_after(tmp_path, "list", "--json", str(desk))
    assert {"editor.core.cache", "editor.core.warm_snapshot"} <= modules  # the test can fail


def test_the_others_still_load_what_they_need(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(b'+++\ntitle = "A"\ndraft = true\n+++\nbody\n')
    output, modules = _modules_after(tmp_path, "show", str(article))
    assert "draft" in output and "editor.cli_article" in modules
    _, modules = _modules_after(tmp_path, "--help")
    assert {"editor.cli_article", "editor.merge_driver"} <= modules  # all commands listed


@pytest.mark.skipif(shutil.which("find") is None, reason="a kept listing needs find")
def test_a_kept_listing_imports_no_scan(tmp_path: Path) -> None:
    """The second ``list --json`` of an unchanged desk writes the first one's answer
    (warm_snapshot): it needs neither the scan nor the index cache's readers."""
    desk = tmp_path / "desk"
    desk.mkdir()
    article = desk / "a.md"
    article.write_bytes(b'+++\ntitle = "A"\ndraft = true\n+++\nbody\n')
    past = time.time() - 3600  # a file changed this second is never kept (its mtime may move)
    os.utime(article, (past, past))
    os.utime(desk, (past, past))
    first, modules = _modules_after(tmp_path, "list", "--json", str(desk))
    assert "editor.core.listing" in modules  # the first one scans
    again, modules = _modules_after(tmp_path, "list", "--json", str(desk))
    assert again == first
    assert sorted(modules & {"editor.core.listing", "editor.core.cached_scan"}) == []
