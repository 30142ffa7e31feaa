"""The pictures of working with others, for ``tools.screenshots``: the merge resolver, the team desk
over git (its columns and the incoming-change bar), the History panel, and the window in German.

The git pictures use a throwaway bare origin and two clones made here in a temp folder (Alice's and
Bob's), with git's global and system configuration kept out and each commit's identity and date given
on its command line: no network, and nothing of the machine's git setup shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtWidgets import QApplication

from editor.app import create_main_window, install_translations
from editor.ui.article import resolver
from editor.ui.article.resolver import ResolverDialog
from editor.ui.common.settings import GIT_PULL_ON_START, Settings
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tools.shots_common import (
    UNTITLED,
    WINDOW_SIZE,
    ShotError,
    composite,
    save,
    settle,
    stage,
    wait_until,
)

TEAM_SIZE = QSize(1680, 900)  # the Git and Last change columns need the room beside the title
FERRY = "world/port-avalen-ferry-strike.md"
LANCHI = "technology/shenzhen-lanchi-semi-solid-battery.md"
MARSH = "world/lower-marsh-flood-barrier-vote.md"  # a draft Alice publishes on origin
BRENNHORN = "world/brennhorn-rail-tunnel-reopens.md"
NEW_STORY = "world/night-ferry-timetable.md"
NEW_STORY_TEXT = """+++
title = "Night Ferry Timetable Returns to the Outer Islands"
date = 2026-11-25T06:00:00Z
draft = true
source = "Atlas World Bulletin"
+++

The night ferries run again from Monday.
"""
LANCHI_TITLE = "深圳电动车企澜驰汽车发布首款半固态电池样车"
MY_TITLE = "澜驰汽车发布首款半固态电池样车，续航900公里"
THEIR_TITLE = "深圳澜驰汽车发布半固态电池样车，2027年量产"
HOUR = 3600


def _git(cwd: Path, *args: str, who: str = "", ago: int = 0) -> str:
    """Run git for the pictures' story; ``who`` commits as that editor, ``ago`` seconds back."""
    env = dict(os.environ)
    if who:
        stamp = f"@{int(time.time()) - ago} +0000"
        env.update(
            GIT_AUTHOR_NAME=who,
            GIT_AUTHOR_EMAIL=f"{who.lower()}@desk.example",
            GIT_COMMITTER_NAME=who,
            GIT_COMMITTER_EMAIL=f"{who.lower()}@desk.example",
            GIT_AUTHOR_DATE=stamp,
            GIT_COMMITTER_DATE=stamp,
        )
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise OSError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise OSError(f"{path.name} has no {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_team(root: Path, samples: Path) -> Path:
    """A bare origin with the sample desk and a few days of edits, Alice's clone one commit ahead on
    origin, and Bob's clone (returned) with local work of his own: one commit not yet pushed, one
    file modified, one new file."""
    home = root / "home"
    home.mkdir(parents=True)
    os.environ.update(
        HOME=str(home), GIT_CONFIG_NOSYSTEM="1", XDG_CONFIG_HOME=str(home / ".config")
    )
    origin, alice, bob = root / "origin.git", root / "alice", root / "bob"
    _git(root, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(root, "clone", "-q", str(origin), str(alice))
    shutil.copytree(samples, alice, dirs_exist_ok=True)
    _git(alice, "add", "-A")
    _git(alice, "commit", "-q", "-m", "Add the desk", who="Alice", ago=72 * HOUR)
    ferry = alice / "content" / FERRY
    _edit(ferry, "Ferry Crews Strike in", "Ferry Crews Walk Out in")
    _git(alice, "commit", "-q", "-am", "Edit title: Ferry Crews Walk Out in Port Avalen",
         who="Alice", ago=50 * HOUR)  # fmt: skip
    _edit(ferry, "Ferry Crews Walk Out in", "Ferry Crews Strike in")
    _edit(ferry, '"source": "Atlas World Bulletin"', '"source": "Atlas Wire"')
    _git(alice, "commit", "-q", "-am", "Edit title, source: Ferry Crews Strike in Port Avalen",
         who="Carlos", ago=26 * HOUR)  # fmt: skip
    _git(alice, "push", "-q", "origin", "main")
    _git(root, "clone", "-q", str(origin), str(bob))
    _edit(alice / "content" / MARSH, "draft = true", "draft = false")
    _git(alice, "commit", "-q", "-am", "Publish: Lower Marsh Residents to Vote on Tidal Flood",
         who="Alice", ago=20 * 60)  # fmt: skip
    _git(alice, "push", "-q", "origin", "main")
    desk = bob / "content"
    _edit(desk / BRENNHORN, "After 14-Month Repair", "After 14 Months of Repairs")
    _git(bob, "commit", "-q", "-am", "Edit title: Brennhorn Rail Tunnel Reopens After 14 Months",
         who="Bob", ago=5 * 60)  # fmt: skip
    _edit(desk / LANCHI, 'source = "Northgate Tech Report"', 'source = "Northgate Auto"')
    (desk / NEW_STORY).write_text(NEW_STORY_TEXT, encoding="utf-8")
    return bob


def team_window(desk: Path, temp: Path) -> MainWindow:
    """Bob's window on his clone, without the start-up pull (the picture shows what is incoming)."""
    settings = Settings.in_file(temp / "team-settings.ini")
    settings.set(GIT_PULL_ON_START, False)
    window = create_main_window(desk, settings=settings)
    window.resize(TEAM_SIZE)
    window.show()
    window.splitter.setSizes([980, TEAM_SIZE.width() - 980])
    window.editor_splitter.setSizes([420, TEAM_SIZE.width() - 980 - 420])
    wait_until(lambda: not window.scanning, "the clone's scan")
    wait_until(lambda: window.git.desk.idle and window.git.desk.snapshot is not None, "git status")
    window.git.desk.fetch()
    settle(0.3)
    wait_until(lambda: window.git.desk.idle, "the fetch")
    return window


def take_team(out: Path, temp: Path, samples: Path) -> None:
    """git-desk.png (the columns and the incoming bar) and history.png, on Bob's clone."""
    window = team_window(make_team(temp / "team", samples), temp)
    try:
        window.select_path(MARSH)
        wait_until(lambda: window.git.bar.isVisible(), "the incoming-change bar")
        window.list_view.setFocus()
        settle(0.5)
        save(window.grab(), out / "git-desk.png")

        window.select_path(FERRY)
        wait_until(lambda: window.session.path == FERRY, "the ferry story")
        window.action_registry[ActionId.HISTORY].trigger()
        panel = window.git.history
        wait_until(lambda: len(panel.entries) == 3, "the ferry story's history")
        panel.select(1)
        # Room for the commits' headings: the panel takes the body's width, the list gives a little.
        window.resizeDocks([panel], [520], Qt.Orientation.Horizontal)
        central = TEAM_SIZE.width() - 520
        window.splitter.setSizes([640, central - 640])
        window.editor_splitter.setSizes([330, central - 640 - 330])
        settle(0.5)
        save(window.grab(), out / "history.png")
    finally:
        close(window)


def take_resolver(window: MainWindow, out: Path, desk: Path) -> None:
    """merge-resolver.png: my unsaved title edit, another editor's title saved meanwhile, and the
    resolver the Merge button opens (shown, photographed, then cancelled)."""
    window.select_path(LANCHI)
    wait_until(lambda: window.session.path == LANCHI, "the story to edit")
    line = window.form.editor("title").line
    line.setFocus()
    line.setText(MY_TITLE)
    line.textEdited.emit(MY_TITLE)
    wait_until(lambda: window.session.dirty, "the title edit to be staged")
    path = desk / "content" / LANCHI
    theirs = path.read_text(encoding="utf-8").replace(LANCHI_TITLE, THEIR_TITLE)
    theirs = theirs.replace('source = "Northgate Tech Report"', 'source = "Northgate Auto"')
    temporary = path.with_name(".outside.tmp")
    temporary.write_text(theirs, encoding="utf-8")
    os.replace(temporary, path)
    wait_until(window.conflict_bar.isVisible, "the conflict bar")
    settle(0.3)
    save(window.grab(), out / "conflict-bar.png")

    def photograph(parent, base, mine, other, result=None, **kwargs):  # type: ignore[no-untyped-def]
        dialog = ResolverDialog(base, mine, other, parent, result=result, **kwargs)
        dialog.resize(1000, 520)
        dialog.show()
        settle(0.5)
        save(composite(window, dialog), out / "merge-resolver.png")
        dialog.close()
        return None  # cancelled: nothing is written, the bar stays

    original = resolver.resolve_conflicts
    resolver.resolve_conflicts = photograph
    try:
        window.conflict_bar.merge_button.click()
    finally:
        resolver.resolve_conflicts = original
    if not (out / "merge-resolver.png").exists():
        raise ShotError("the Merge button did not open the resolver")
    window.session.discard()


def take_german(out: Path, samples: Path, temp: Path) -> None:
    """german.png: the window as it starts with LANG=de_DE.UTF-8 (Qt's and Copydesk's German)."""
    app = QApplication.instance()
    locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    QLocale.setDefault(locale)
    translators = install_translations(app, locale)
    if not translators:
        raise ShotError("no German translation found (make translations compiles the .qm files)")
    desk = temp / "german-desk"
    shutil.copytree(samples, desk)
    window = create_main_window(desk, settings=None)
    window.resize(WINDOW_SIZE)
    window.show()
    stage(window)
    try:
        wait_until(lambda: not window.scanning, "the German window's scan")
        window.select_path(UNTITLED)
        wait_until(lambda: window.session.path == UNTITLED, "the untitled draft")
        window.list_view.setFocus()
        settle(0.5)
        save(window.grab(), out / "german.png")
    finally:
        close(window)
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def close(window: MainWindow) -> None:
    window.shutdown()
    window.hide()
    window.deleteLater()
    window.pool.waitForDone(5000)
    QApplication.processEvents()
