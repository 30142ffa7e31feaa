"""The window judges every row by its desk's one SiteRules: the scan's, the watcher's and a save's."""

from __future__ import annotations

from pathlib import Path


def test_a_saved_row_says_what_the_scanned_row_said(qtbot, make_window, tmp_path: Path) -> None:
    posts = tmp_path / "site" / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('baseURL = "https://example.com/"\n')
    (posts / "_index.md").write_text("+++\ntitle = 'Posts'\n[cascade]\ndraft = true\n+++\n")
    (posts / "a.md").write_text("+++\ntitle = 'A'\n+++\nBody\n")
    window = make_window(posts)
    scanned = window.model.summary("a.md")
    assert scanned is not None and scanned.why.endswith("via cascade from _index.md")
    rules = window.session.rules.current()
    assert window.select_path("a.md") is not False
    qtbot.waitUntil(lambda: window.session.path == "a.md")
    window.session.article.set_value("title", "B")
    assert window.session.save()
    saved = window.model.summary("a.md")
    assert saved is not None and saved.title == "B"
    assert saved.why == scanned.why  # a load used to say "via cascade from posts/_index.md"
    assert window.session.rules.current() is rules  # one SiteRules for the desk, not one per row
