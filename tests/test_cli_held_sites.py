"""`copydesk list` of a folder holding sites: the warning names only what of theirs is listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run


def _site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "S"\n', encoding="utf-8")
    (root / "content" / "a.md").write_text("+++\ntitle = 'A'\n+++\n", encoding="utf-8")
    return root


def test_a_site_without_templates_is_not_said_to_have_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The warning said "templates too" of a site that had none."""
    _site(tmp_path / "docs")
    status, out, err = run(capsys, "list", tmp_path)
    assert status == 0 and "a.md" in out
    assert err == (
        f"copydesk: warning: {tmp_path} is no Hugo site, but docs/ is one: its config is not "
        "read (Hugo's defaults decide the states); give a site's folder to read its pages as "
        "Hugo does\n"
    )


def test_the_warning_names_the_kinds_that_are_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path / "docs")
    (site / "archetypes").mkdir()
    (site / "archetypes" / "default.md").write_text("+++\n+++\n", encoding="utf-8")
    (site / "README.md").write_text("# Docs\n", encoding="utf-8")
    err = run(capsys, "list", tmp_path)[2]
    assert "every file below is read as a page, archetypes and other files too;" in err
    assert "templates" not in err.split(" is one: ")[1]
