"""Shared by the git tests: real git in temp folders, a bare origin and clones as editors.

The machine's own git configuration never applies: HOME points to an empty folder and the system file
is off; each clone has its editor's identity in its own .git/config. Nothing reaches the network.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

STORY = "content/news/harbour-reopens.md"
STORY_TEXT = """+++
title = "Harbour reopens"
date = 2026-11-20T09:00:00Z
draft = true
summary = "The harbour reopens after the storm."
+++

The harbour reopened on Friday.
"""
OTHER = "content/news/council-vote.md"
OTHER_TEXT = """+++
title = "Council vote"
draft = false
+++

The council voted.
"""


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git as a test's own hands (not through the code under test); returns stdout."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stdout}{done.stderr}")
    return done.stdout


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME with no global or system git config, and no identity in the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # Qt's cache folder, for one
    for name in (
        "GIT_CONFIG_GLOBAL",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


def identify(clone: Path, name: str) -> None:
    git(clone, "config", "user.name", name)
    git(clone, "config", "user.email", f"{name.lower()}@desk.example")


def write(clone: Path, path: str, text: str) -> Path:
    target = clone / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def commit_all(clone: Path, message: str) -> str:
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", message)
    return git(clone, "rev-parse", "HEAD").strip()


@dataclass
class Team:
    origin: Path
    alice: Path
    bob: Path

    def clone(self, name: str) -> Path:
        target = self.origin.parent / name.lower()
        git(self.origin.parent, "clone", "-q", str(self.origin), str(target))
        identify(target, name)
        return target


@pytest.fixture
def team(tmp_path: Path, git_home: Path) -> Team:
    """A bare origin (branch main) holding two articles, and two editors' clones: Alice and Bob."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    seed = tmp_path / "seed"
    git(tmp_path, "init", "-q", "-b", "main", str(seed))
    identify(seed, "Seed")
    write(seed, STORY, STORY_TEXT)
    write(seed, OTHER, OTHER_TEXT)
    write(seed, "hugo.toml", 'title = "Desk"\n')
    commit_all(seed, "Start the desk")
    git(seed, "push", "-q", str(origin), "main")
    made = Team(origin, Path(), Path())
    made.alice = made.clone("Alice")
    made.bob = made.clone("Bob")
    return made


@pytest.fixture
def repo(tmp_path: Path, git_home: Path) -> Path:
    """One checkout with no remote, an identity, and the two articles committed."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    identify(root, "Alice")
    write(root, STORY, STORY_TEXT)
    write(root, OTHER, OTHER_TEXT)
    commit_all(root, "Start the desk")
    return root


def _edit(clone: Path, old: str, new: str) -> None:
    text = (clone / STORY).read_text(encoding="utf-8")
    assert old in text
    write(clone, STORY, text.replace(old, new))


def branched_history(team: Team) -> dict[str, str]:
    """Alice (summary) and Bob (title) change STORY in parallel, Bob merges; then both change the
    title again, Alice's pull conflicts and she keeps hers. Returns the commits by name; Alice's
    clone ends on the resolution."""
    alice, bob = team.alice, team.bob
    made: dict[str, str] = {}
    _edit(alice, "after the storm", "after the big storm")
    made["alice_summary"] = commit_all(alice, "Alice: summary")
    git(alice, "push", "-q")
    _edit(bob, 'title = "Harbour reopens"', 'title = "Harbour BOB"')
    made["bob_title"] = commit_all(bob, "Bob: title")
    git(bob, "pull", "-q", "--no-rebase", "--no-edit")
    made["merge"] = git(bob, "rev-parse", "HEAD").strip()
    git(bob, "push", "-q")
    git(alice, "pull", "-q", "--no-rebase")
    # Both change the title again; Alice's pull conflicts and she keeps hers.
    _edit(alice, 'title = "Harbour BOB"', 'title = "Harbour ALICE2"')
    made["alice_title"] = commit_all(alice, "Alice: title")
    _edit(bob, 'title = "Harbour BOB"', 'title = "Harbour BOB2"')
    made["bob_title2"] = commit_all(bob, "Bob: title again")
    git(bob, "push", "-q")
    git(alice, "pull", "-q", "--no-rebase", "--no-edit", check=False)
    text = STORY_TEXT.replace("the storm", "the big storm").replace('reopens"', 'ALICE2"')
    write(alice, STORY, text)
    git(alice, "add", STORY)
    git(alice, "commit", "-q", "--no-edit")
    return made
