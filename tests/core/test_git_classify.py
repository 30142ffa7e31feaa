"""core/git.classify is a table (FAILURE_RULES): each row is tried with git's own words, and the
table's order decides where two rows' signs meet in one output."""

from __future__ import annotations

import pytest

from editor.core.git import FAILURE_RULES, Failure, Ran, classify

# (what git printed, the kind, a word the plain message or next step must hold)
SAMPLES = [
    ("git@github.com: Permission denied (publickey).\nfatal: Could not read from remote "
     "repository.", Failure.AUTHENTICATION, "SSH key"),
    ("remote: Invalid username or password.\nfatal: Authentication failed for "
     "'https://example.org/x.git/'", Failure.AUTHENTICATION, "credential"),
    ("Author identity unknown\n\n*** Please tell me who you are.", Failure.IDENTITY, "user.name"),
    ("fatal: unable to access 'https://example.org/x.git/': Could not resolve host: "
     "example.org", Failure.OFFLINE, "git remote -v"),
    ("fatal: 'origin' does not appear to be a git repository", Failure.OFFLINE, "network"),
    (" ! [rejected]        main -> main (non-fast-forward)", Failure.NON_FAST_FORWARD, "Pull"),
    ("There is no tracking information for the current branch.", Failure.NO_UPSTREAM, "upstream"),
    ("You are not currently on a branch.", Failure.DETACHED, "git switch"),
    ("error: cannot pull with rebase: You have unstaged changes.", Failure.UNCOMMITTED, "Commit"),
    ("hint: You have divergent branches and need to specify how to reconcile them.",
     Failure.DIVERGED, "pull.ff"),
    ("fatal: You have not concluded your merge (MERGE_HEAD exists).", Failure.IN_PROGRESS,
     "merge"),
    ("It seems that there is already a rebase-merge directory", Failure.IN_PROGRESS, "rebase"),
    ("error: Pulling is not possible because you have unmerged files.", Failure.CONFLICTS,
     "conflicted"),
    ("fatal: bad revision 'nope'", Failure.OTHER, "bad revision 'nope'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "word"), SAMPLES)
def test_each_output_is_classified_in_plain_words(text: str, kind: Failure, word: str) -> None:
    error = classify(Ran(("git", "pull"), 1, b"", text.encode()))
    assert error.kind is kind
    assert word in f"{error.message} {error.next_step}"
    assert error.detail == text.strip()  # git's own words stay at hand for the details


def first_rule(text: str) -> int | None:
    low = text.lower()
    return next((n for n, rule in enumerate(FAILURE_RULES) if rule.matches(low)), None)


def test_every_rule_is_tried_and_gives_its_own_kind() -> None:
    hit = {first_rule(text): kind for text, kind, _ in SAMPLES}
    assert set(hit) - {None} == set(range(len(FAILURE_RULES)))  # no row without a sample
    for n, rule in enumerate(FAILURE_RULES):
        assert hit[n] is rule.kind
        assert rule.signs and all(sign == sign.lower() for sign in rule.signs)
        assert rule.build is not None or (rule.message and rule.next_step)


def test_the_first_matching_row_wins() -> None:
    # A refused ssh key also says "Could not read from remote repository", an offline sign.
    text = SAMPLES[0][0]
    matching = [rule.kind for rule in FAILURE_RULES if rule.matches(text.lower())]
    assert matching == [Failure.AUTHENTICATION, Failure.OFFLINE]
    assert classify(Ran(("git",), 128, b"", text.encode())).kind is Failure.AUTHENTICATION
