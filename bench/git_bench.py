"""The git columns on a big desk: status and last change for 50,000 articles with 5,000 commits.

The repository is made once with ``git fast-import`` (seconds, not the minutes 5,000 ``git commit``
runs would take), then measured cold (a fresh last-change cache: the full history pass) and warm (the
cache kept: only new commits are read). Each figure comes with the bare git command it wraps, run
in the same moment, so the ratio says what Copydesk adds whatever the machine's speed.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.generate import article_text
from editor.core.git import find_checkout, run_git
from editor.core.git_status import LOG_FORMAT, LastChanges, commit_paths, desk_status

AUTHORS = ("Ana Reyes", "Bo Lindqvist", "Chidi Okafor", "Dana Weiss", "Emi Sato", "Femi Ade")
FILES_PER_COMMIT = 10
TARGET_WARM_S = 1.0
TARGET_STALL_MS = 50.0  # the window's event loop, applying one snapshot of the whole desk

_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@desk.example",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@desk.example",
}


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    import os

    done = subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, env={**os.environ, **_ENV}
    )
    if done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def _path(index: int, folders: int = 50) -> str:
    return f"content/section-{index % folders:02d}/story-{index:05d}.md"


def _fast_import_stream(count: int, commits: int) -> bytes:
    rng = random.Random(7)
    texts = [article_text(index, rng)[1].encode() for index in range(count)]
    out: list[bytes] = []
    moment = 1_700_000_000

    def commit(number: int, author: str, message: str, files: list[tuple[str, bytes]]) -> None:
        stamp = f"{author} <{author.split()[0].lower()}@desk.example> {moment + number * 600} +0000"
        out.append(f"commit refs/heads/main\nmark :{number + 1}\n".encode())
        out.append(f"author {stamp}\ncommitter {stamp}\n".encode())
        data = message.encode()
        out.append(b"data %d\n%s\n" % (len(data), data))
        if number:
            out.append(f"from :{number}\n".encode())
        for path, content in files:
            out.append(f"M 100644 inline {path}\n".encode())
            out.append(b"data %d\n%s\n" % (len(content), content))

    commit(0, AUTHORS[0], "Import the desk", [(_path(i), texts[i]) for i in range(count)])
    for number in range(1, commits):
        chosen = rng.sample(range(count), FILES_PER_COMMIT)
        files = [(_path(i), texts[i] + b"<p>Update %d.</p>\n" % number) for i in chosen]
        commit(number, AUTHORS[number % len(AUTHORS)], f"Edit body: update {number}", files)
    return b"".join(out)


def generate_repo(root: Path, count: int, commits: int) -> Path:
    """A checkout of ``count`` articles with ``commits`` commits (once; reused when the marker fits),
    with some local work on top: modified, untracked, staged, and three unpushed commits."""
    marker = root / ".git" / "copydesk-bench"
    wanted = f"{count} {commits}"
    if marker.exists() and marker.read_text() == wanted:
        return root
    if root.exists():
        import shutil

        shutil.rmtree(root)
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "fast-import", "--quiet", stdin=_fast_import_stream(count, commits))
    _git(root, "read-tree", "-u", "--reset", "HEAD")  # a fresh, empty work tree: fill it
    _git(root, "update-ref", "refs/remotes/origin/main", "HEAD~3")
    _git(root, "config", "remote.origin.url", str(root / "no-remote.git"))
    _git(root, "config", "branch.main.remote", "origin")
    _git(root, "config", "branch.main.merge", "refs/heads/main")
    for index in range(0, 100):
        target = root / _path(index * 97 % count)
        target.write_bytes(target.read_bytes() + b"<p>Local edit.</p>\n")
    for index in range(100):
        (root / "content" / f"new-{index:03d}.md").write_text("+++\ntitle = 'New'\n+++\n")
    _git(root, "add", "--", *(f"content/new-{index:03d}.md" for index in range(20)))
    marker.write_text(wanted)
    return root


def _timed(function: Callable[[], Any], repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return {"best_s": min(runs), "median_s": statistics.median(runs)}


def run(root: Path, repeat: int = 3) -> dict[str, Any]:
    checkout = find_checkout(root / "content")
    assert checkout is not None
    results: dict[str, Any] = {}

    def bare_status() -> None:
        run_git(root, ["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all"])

    def bare_log() -> None:
        run_git(root, ["log", LOG_FORMAT, "--name-only", "-z", "--no-renames", "HEAD"])

    results["reference: git status"] = _timed(bare_status, repeat)
    results["reference: git log --name-only"] = _timed(bare_log, repeat)
    results["desk_status"] = _timed(lambda: desk_status(checkout), repeat)

    def cold() -> None:
        desk_status(checkout)
        LastChanges(checkout).refresh()

    results["cold: status + last change"] = _timed(cold, repeat)
    cache = LastChanges(checkout)
    cache.refresh()
    rows = len(cache.changes)

    def warm() -> None:
        desk_status(checkout)
        cache.refresh()

    results["warm: status + last change"] = _timed(warm, repeat)
    saved = root / ".git" / "copydesk-bench-last-change.json"
    cache.save(saved)

    def start_from_saved() -> None:
        desk_status(checkout)
        LastChanges.load(checkout, saved).refresh()

    results["start with a saved map"] = _timed(start_from_saved, repeat)

    target = _path(1).removeprefix("content/")
    path = root / _path(1)
    original = path.read_bytes()
    path.write_bytes(original + b"<p>Bench commit.</p>\n")
    try:
        commit_paths(checkout, [target], "Edit body: bench")
        results["warm after 1 new commit"] = _timed(warm, 1)
        results["warm after 1 new commit"]["commits_read"] = cache.commits_read
    finally:  # leave the desk as generated: the bench commit is undone by a new one
        path.write_bytes(original)
        commit_paths(checkout, [target], "Edit body: bench undone")
    ref = (
        results["reference: git status"]["best_s"]
        + results["reference: git log --name-only"]["best_s"]
    )
    for name in (
        "cold: status + last change",
        "warm: status + last change",
        "start with a saved map",
    ):
        results[name]["ratio_to_bare_git"] = results[name]["best_s"] / ref
    results["last_change_rows"] = rows
    results["target_warm_s"] = TARGET_WARM_S
    results["warm_within_target"] = results["warm: status + last change"]["best_s"] < TARGET_WARM_S
    results.update(_pygit2(root, repeat))
    return results


def _pygit2(root: Path, repeat: int) -> dict[str, Any]:
    """pygit2 (libgit2) for the read-only status, when it is installed: in-process, no fork."""
    try:
        import pygit2  # type: ignore[import-not-found]
    except ImportError:
        return {"pygit2": "not installed (pip install pygit2 to compare)"}
    repository = pygit2.Repository(str(root))
    found: dict[str, Any] = {"pygit2 status": _timed(repository.status, repeat)}

    def last_change_walk() -> None:  # the newest WALKED commits only: the full walk takes minutes
        seen: dict[str, str] = {}
        walker = repository.walk(repository.head.target, pygit2.enums.SortMode.TIME)
        for _, commit in zip(range(WALKED), walker, strict=False):
            if not commit.parents:
                for item in _tree_paths(commit.tree):
                    seen.setdefault(item, str(commit.id))
                continue
            diff = repository.diff(commit.parents[0], commit)
            for delta in diff.deltas:
                seen.setdefault(delta.new_file.path, str(commit.id))

    def git_walk() -> None:
        run_git(root, ["log", LOG_FORMAT, "--name-only", "-z", f"--max-count={WALKED}", "HEAD"])

    found[f"pygit2 walk of {WALKED} commits"] = _timed(last_change_walk, 1)
    found[f"git log of {WALKED} commits"] = _timed(git_walk, 1)
    return found


WALKED = 200


def _tree_paths(tree: Any, prefix: str = "") -> list[str]:
    paths = []
    for entry in tree:
        name = prefix + entry.name
        if entry.type_str == "tree":
            paths.extend(_tree_paths(entry, name + "/"))
        else:
            paths.append(name)
    return paths


def window_figures(root: Path, repeat: int = 3) -> dict[str, float]:
    """The GUI side of a git refresh on the whole desk: what the worker hands over (cells and
    counts), and how long applying them holds the event loop (target: under 50 ms)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from editor.core.index import summarize_metadata
    from editor.ui.desk.article_list import ArticleListPanel
    from editor.ui.desk.git_columns import cells_of, git_counts

    app = QApplication.instance() or QApplication([])
    checkout = find_checkout(root / "content")
    assert checkout is not None
    status = desk_status(checkout)
    changes = LastChanges(checkout).refresh()
    paths = sorted(changes)
    panel = ArticleListPanel(lambda: None)
    panel.resize(900, 700)
    panel.show()
    panel.model.put_rows([summarize_metadata(path, {"title": path}) for path in paths])
    panel.set_git_shown(True)
    start = time.perf_counter()
    cells = cells_of(status, changes, {}, paths, time.time())
    counts = git_counts(cells)
    worker = time.perf_counter() - start
    stalls = []
    for _ in range(repeat):
        start = time.perf_counter()
        panel.show_git(dict(cells), counts)
        app.processEvents()
        stalls.append(time.perf_counter() - start)
    panel.close()
    return {
        "worker: cells + counts s": worker,
        "GUI: apply a snapshot, worst ms": max(stalls) * 1000,
    }
