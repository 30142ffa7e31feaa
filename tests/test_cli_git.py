"""The copydesk commands over git, through main() on real checkouts: log, sync, --commit, list --json."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from editor.core.git_status import last_change_folder
from tests.helpers.cli import HALDEN, run
from tests.helpers.git import (
    OTHER,
    OTHER_TEXT,
    STORY,
    STORY_TEXT,
    Team,
    branched_history,
    commit_all,
    git,
    write,
)

PUBLISHED = STORY_TEXT.replace("draft = true", "draft = false")


def test_list_json_gains_git_and_last_change_in_a_checkout(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, STORY, PUBLISHED)
    write(repo, "content/news/new story.md", "+++\ntitle = 'New'\n+++\n")
    status, out, _ = run(capsys, "list", repo / "content", "--json")
    assert status == 0
    rows = {row["path"]: row for row in json.loads(out)}
    assert rows["news/harbour-reopens.md"]["git"] == {"state": "modified", "unpushed": False}
    assert rows["news/new story.md"]["git"] == {"state": "untracked", "unpushed": False}
    assert rows["news/new story.md"]["last_change"] is None
    other = rows["news/council-vote.md"]
    assert other["git"]["state"] == "clean"
    assert other["last_change"]["author"] == "Alice"
    assert other["last_change"]["subject"] == "Start the desk"
    assert other["last_change"]["commit"] == git(repo, "rev-parse", "HEAD").strip()


def test_list_json_outside_git_has_no_git_fields(
    sample_desk: Path, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "list", sample_desk, "--json")
    assert status == 0
    assert all("git" not in row and "last_change" not in row for row in json.loads(out))


def test_publish_commit_takes_only_the_published_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, OTHER, "the user's staged work\n")
    git(repo, "add", "--", OTHER)
    status, out, err = run(capsys, "publish", "--commit", repo / STORY)
    assert status == 0, err
    assert "committed" in out and "Publish: Harbour reopens" in out
    assert git(repo, "log", "-1", "--format=%s").strip() == "Publish: Harbour reopens"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [STORY]
    assert git(repo, "diff", "--cached", "--name-only").split() == [OTHER]  # still staged, its own


def test_set_commit_names_the_keys_and_the_new_title(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "set", "--commit", repo / STORY, "title=Harbour is open", "summary=Open again."
    )
    assert status == 0, err
    assert git(repo, "log", "-1", "--format=%s").strip() == "Edit title, summary: Harbour is open"


def test_draft_commit_of_two_files_is_one_commit(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(repo, "rev-list", "--count", "HEAD")
    write(repo, STORY, PUBLISHED)
    commit_all(repo, "Publish")
    status, _, err = run(capsys, "draft", "--commit", repo / STORY, repo / OTHER)
    assert status == 0, err
    assert int(git(repo, "rev-list", "--count", "HEAD")) == int(before) + 2
    assert git(repo, "log", "-1", "--format=%B").strip().splitlines() == [
        "Back to draft: 2 articles",
        "",
        "- Harbour reopens",
        "- Council vote",
    ]


def test_unchanged_files_make_no_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = git(repo, "rev-parse", "HEAD")
    status, out, _ = run(capsys, "draft", "--commit", repo / STORY)  # already a draft
    assert status == 0 and "unchanged" in out and "committed" not in out
    assert git(repo, "rev-parse", "HEAD") == head


def test_commit_outside_a_checkout_keeps_the_change_and_says_so(
    sample_desk: Path, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "publish", "--commit", sample_desk / HALDEN)
    assert status == 1
    assert "saved, but not committed" in err and "not in a git checkout" in err
    assert "draft = false" in (sample_desk / HALDEN).read_text()


def test_a_failing_hook_keeps_the_file_and_exits_1(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'spell check failed' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    status, _, err = run(capsys, "publish", "--commit", repo / STORY)
    assert status == 1
    assert "pre-commit hook refused" in err and "spell check failed" in err
    assert (repo / STORY).read_text() == PUBLISHED


def test_log_shows_each_commit_field_by_field(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", "--commit", repo / STORY)[0] == 0
    assert run(capsys, "set", "--commit", repo / STORY, "title=Harbour is open")[0] == 0
    write(repo, STORY, (repo / STORY).read_text().replace("Friday", "Saturday"))
    commit_all(repo, "Edit body")

    status, out, _ = run(capsys, "log", repo / STORY, "--body")

    assert status == 0
    assert "Alice <alice@desk.example>" in out
    blocks = [block.splitlines() for block in out.strip().split("\n\n")]
    assert [block[1].strip() for block in blocks] == [
        "Edit body",
        "Edit title: Harbour is open",
        "Publish: Harbour reopens",
        "Start the desk",
    ]
    assert "body: 2 lines changed" in blocks[0][2]
    assert "    | -The harbour reopened on Friday." in blocks[0]
    assert blocks[1][2].strip() == 'title: "Harbour reopens" → "Harbour is open"'
    assert blocks[2][2].strip() == "draft: true → false"
    assert blocks[3][2].strip() == "created in this commit"


def test_log_json_and_max_count(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "publish", "--commit", repo / STORY)[0] == 0
    status, out, _ = run(capsys, "log", repo / STORY, "--json", "-n", "1")
    assert status == 0
    (entry,) = json.loads(out)
    assert entry["subject"] == "Publish: Harbour reopens"
    assert entry["fields"] == [{"key": "draft", "old": True, "new": False}]
    assert entry["body_diff"] == ""


def test_log_after_a_merge_shows_what_each_commit_changed(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    made = branched_history(team)
    status, out, _ = run(capsys, "log", team.alice / STORY, "--json")
    assert status == 0
    by_commit = {entry["commit"]: entry for entry in json.loads(out)}
    assert by_commit[made["alice_summary"]]["fields"] == [
        {
            "key": "summary",
            "old": "The harbour reopens after the storm.",
            "new": "The harbour reopens after the big storm.",
        }
    ]
    assert by_commit[made["bob_title2"]]["fields"] == [
        {"key": "title", "old": "Harbour BOB", "new": "Harbour BOB2"}
    ]
    merge = by_commit[made["merge"]]
    assert merge["merge"] and [field["key"] for field in merge["fields"]] == ["summary"]
    assert merge["summary"][0].startswith("merge:")
    # -n takes the newest commits, each still against its own parent.
    status, out, _ = run(capsys, "log", team.alice / STORY, "--json", "-n", "1")
    (newest,) = json.loads(out)
    assert newest == by_commit[newest["commit"]]


def test_log_outside_a_checkout(
    sample_desk: Path, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "log", sample_desk / HALDEN)
    assert status == 1 and "not inside a git checkout" in err


def test_sync_pulls_and_pushes(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "publish", "--commit", team.alice / STORY)[0] == 0
    status, out, err = run(capsys, "sync", team.alice)
    assert status == 0, err
    assert out.splitlines() == ["pulled: already up to date", "pushed"]
    status, out, _ = run(capsys, "sync", team.bob / "content")
    assert status == 0 and out.splitlines() == ["pulled: new commits", "nothing to push"]
    assert (team.bob / STORY).read_text() == PUBLISHED


def test_sync_with_nothing_to_push_names_the_changes_not_committed(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    # `set` without --commit leaves the file changed but not committed: "nothing to push" alone
    # read as if the edit had gone out (found on a real desk).
    assert run(capsys, "set", team.alice / STORY, "title=Harbour is open")[0] == 0
    write(team.alice, "content/news/new story.md", "+++\ntitle = 'New'\n+++\n")
    status, out, err = run(capsys, "sync", team.alice)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["pulled: already up to date", "nothing to push"]
    assert "2 files in the desk have changes that are not committed" in out
    assert "--commit" in out and STORY.removeprefix("content/") in out
    assert "news/new story.md (untracked)" in out and "git add" in out
    write(team.alice, "content/news/\x1b[31mred.md", "+++\ntitle = 'Red'\n+++\n")
    out = run(capsys, "sync", team.alice)[1]
    assert "\x1b" not in out  # a name's control characters do not reach the terminal


def test_sync_conflicts_and_offline_exit_1_with_a_next_step(
    team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(team.alice, STORY, STORY_TEXT.replace("Friday", "Saturday"))
    commit_all(team.alice, "Edit body")
    git(team.alice, "push", "-q")
    write(team.bob, STORY, STORY_TEXT.replace("Friday", "Sunday"))
    commit_all(team.bob, "Edit body")
    status, _, err = run(capsys, "sync", team.bob)
    assert status == 1
    assert "conflicts in:" in err and STORY in err and "Nothing was pushed" in err
    git(team.bob, "merge", "--abort")

    git(team.bob, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    status, _, err = run(capsys, "sync", team.bob)
    assert status == 1 and "cannot be reached" in err and "git remote -v" in err


def test_sync_outside_a_checkout(
    sample_desk: Path, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "sync", sample_desk)
    assert status == 1 and "not inside a git checkout" in err


def test_log_names_added_and_removed_keys(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = STORY_TEXT.replace('summary = "The harbour reopens after the storm."\n', "")
    write(repo, STORY, text.replace("draft = true", 'draft = true\nsource = "Harbor Wire"'))
    commit_all(repo, "Swap summary for source")
    status, out, _ = run(capsys, "log", repo / STORY, "-n", "1")
    assert status == 0
    lines = [line.strip() for line in out.splitlines()]
    assert 'summary: removed (was "The harbour reopens after the storm.")' in lines
    assert 'source: (new) "Harbor Wire"' in lines


def test_list_json_keeps_the_last_change_map_between_runs(
    repo: Path, git_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = json.loads(run(capsys, "list", repo / "content", "--json")[1])
    folder = last_change_folder()
    assert folder is not None
    (kept,) = folder.glob("last-change-*.json")
    assert b"Start the desk" in kept.read_bytes()
    git(repo, "config", "user.name", "Bob")
    write(repo, OTHER, OTHER_TEXT.replace("voted", "voted again"))
    commit_all(repo, "Edit body: Council vote")
    second = {
        row["path"]: row for row in json.loads(run(capsys, "list", repo / "content", "--json")[1])
    }
    assert second["news/council-vote.md"]["last_change"]["author"] == "Bob"
    assert (
        second["news/harbour-reopens.md"]
        == {row["path"]: row for row in first}["news/harbour-reopens.md"]
    )
    assert b"Edit body: Council vote" in kept.read_bytes()  # the map was brought up to date
