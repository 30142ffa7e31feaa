"""The History panel's entries once history has branched: each commit against its own parent,
worded as ``copydesk log`` words it (core/history_text)."""

from __future__ import annotations

import json

import pytest

from editor.core.git import find_checkout
from editor.core.git_history import file_history
from editor.core.history_text import ENGLISH
from editor.ui.article.history_panel import entries_of, panel_wording
from tests.helpers.cli import run
from tests.helpers.git import STORY, Team, branched_history, commit_all, write


def test_entries_compare_each_commit_with_its_parent(team: Team) -> None:
    made = branched_history(team)
    checkout = find_checkout(team.alice / "content")
    assert checkout is not None
    entries = {
        entry.version.change.commit: entry.details
        for entry in entries_of(file_history(checkout, STORY.removeprefix("content/")))
    }
    bob = entries[made["bob_title2"]]
    assert 'title: "Harbour BOB" → "Harbour BOB2"' in bob and "summary" not in bob
    merge = entries[made["merge"]]
    assert (
        "merge: what it brought in" in merge
        and "summary: " in merge
        and "title" not in merge.split("\n", 3)[3]
    )


def test_the_panel_and_the_command_line_word_each_commit_alike(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    made = branched_history(team)
    write(team.alice, STORY, (team.alice / STORY).read_text().replace("Friday", "Monday"))
    made["body"] = commit_all(team.alice, "Edit body")
    checkout = find_checkout(team.alice / "content")
    assert checkout is not None
    panel = {
        entry.version.change.commit: entry.details.splitlines()
        for entry in entries_of(file_history(checkout, STORY.removeprefix("content/")))
    }
    status, out, _ = run(capsys, "log", team.alice / STORY, "--json")
    assert status == 0
    logged = {entry["commit"]: entry["summary"] for entry in json.loads(out)}
    assert set(logged) == set(panel) and set(made.values()) <= set(logged)
    for commit, summary in logged.items():
        assert summary, commit
        assert panel[commit][3 : 3 + len(summary)] == summary  # after the commit, subject, blank
    assert logged[made["body"]] == ["body: 2 lines changed"]
    assert panel[made["body"]][4:7] == ["", "--- before", "+++ after"]  # and the diff itself


def test_the_panel_words_are_the_core_words_until_translated() -> None:
    assert panel_wording() == ENGLISH


def test_the_panel_counts_in_words_and_fits_long_subjects(qtbot, team: Team) -> None:
    """ "1 commits"; and a long subject ran off the list behind a horizontal scroll bar."""
    from PySide6.QtCore import Qt

    from editor.ui.article.history_panel import HistoryPanel

    checkout = find_checkout(team.alice / "content")
    assert checkout is not None
    entries = entries_of(file_history(checkout, STORY.removeprefix("content/")))
    assert len(entries) == 1
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    panel.show_entries("news/harbour-reopens.md", entries)
    assert panel.note.text() == "news/harbour-reopens.md: 1 commit"
    write(team.alice, STORY, (team.alice / STORY).read_text().replace("Friday", "Monday"))
    commit_all(team.alice, "A subject long enough to run well past the edge of a narrow panel")
    entries = entries_of(file_history(checkout, STORY.removeprefix("content/")))
    panel.show_entries("news/harbour-reopens.md", entries)
    assert panel.note.text() == "news/harbour-reopens.md: 2 commits"
    qtbot.waitUntil(lambda: panel.view.visualRect(panel.model.index(0, 0)).height() > 0)
    viewport = panel.view.viewport().width()
    assert panel.view.visualRect(panel.model.index(0, 0)).width() <= viewport
    assert panel.view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    tip = panel.model.item(0).toolTip()
    assert "past the edge of a narrow panel" in tip and entries[0].version.change.commit in tip
