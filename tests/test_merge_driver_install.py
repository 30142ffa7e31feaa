"""``copydesk merge-driver --install`` names the site's real content folders (contentDir, each
language's, module mounts) in ``.gitattributes``, as git itself then reads them (real git in a temp
folder, ``git check-attr``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.git import git, write

ARTICLE = "+++\ntitle = 'A'\n+++\nBody.\n"


def merge_attribute(repo: Path, path: str) -> str:
    """What git says the ``merge`` attribute of ``path`` is: "copydesk", "unspecified", ..."""
    return git(repo, "check-attr", "merge", "--", path).rsplit(": ", 1)[1].strip()


@pytest.fixture
def repo(tmp_path: Path, git_home: Path) -> Path:
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write(root, "README.md", "# The desk\n")
    return root


def install(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, str, str]:
    return run(capsys, "merge-driver", "--install", folder, "--command", "copydesk")


def test_a_content_dir_elsewhere_gets_the_attributes(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    write(repo, "hugo.toml", 'contentDir = "articles"\n')
    write(repo, "articles/news/a.md", ARTICLE)
    write(repo, "content/old.md", ARTICLE)  # a leftover folder Hugo does not read here
    status, out, _ = install(capsys, repo)
    assert status == 0
    assert merge_attribute(repo, "articles/news/a.md") == "copydesk"
    assert merge_attribute(repo, "content/old.md") == "unspecified"
    assert merge_attribute(repo, "README.md") == "unspecified"
    assert not (repo / ".gitattributes").exists() and not (repo / "content/.gitattributes").exists()
    assert f"added to {repo / 'articles' / '.gitattributes'}" in out
    again = install(capsys, repo)
    assert again[0] == 0 and "already in" in again[1] and "added to" not in again[1]


def test_each_language_and_each_mount_gets_the_attributes(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    site = repo / "site"  # the site below the top of the repository
    write(
        site,
        "hugo.toml",
        "[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content.fr'\n",
    )
    write(site, "content/en/a.md", ARTICLE)
    write(site, "content.fr/a.md", ARTICLE)
    status, _, _ = install(capsys, site)
    assert status == 0
    assert merge_attribute(repo, "site/content/en/a.md") == "copydesk"
    assert merge_attribute(repo, "site/content.fr/a.md") == "copydesk"
    assert merge_attribute(repo, "README.md") == "unspecified"

    mounted = repo / "mounted"
    write(
        mounted,
        "hugo.toml",
        "[[module.mounts]]\nsource = 'pages'\ntarget = 'content'\n"
        "[[module.mounts]]\nsource = 'docs'\ntarget = 'content/docs'\n"
        "[[module.mounts]]\nsource = 'pages/inner'\ntarget = 'content/inner'\n",
    )
    write(mounted, "pages/a.md", ARTICLE)
    write(mounted, "pages/inner/b.md", ARTICLE)
    write(mounted, "docs/guide.markdown", ARTICLE)
    write(mounted, "content/not-read.md", ARTICLE)
    status, _, _ = install(capsys, mounted / "pages")  # from inside one of them: the same
    assert status == 0
    assert merge_attribute(repo, "mounted/pages/a.md") == "copydesk"
    assert merge_attribute(repo, "mounted/pages/inner/b.md") == "copydesk"
    assert merge_attribute(repo, "mounted/docs/guide.markdown") == "copydesk"
    assert merge_attribute(repo, "mounted/content/not-read.md") == "unspecified"
    assert not (mounted / "pages/inner/.gitattributes").exists()  # pages/ covers it


def test_content_outside_the_repository_is_named_not_written(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    write(shared, "a.md", ARTICLE)
    write(
        repo,
        "hugo.toml",
        "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n"
        f"[[module.mounts]]\nsource = '{shared}'\ntarget = 'content/shared'\n",
    )
    write(repo, "content/a.md", ARTICLE)
    status, _, err = install(capsys, repo)
    assert status == 0
    assert merge_attribute(repo, "content/a.md") == "copydesk"
    assert not (shared / ".gitattributes").exists()
    assert str(shared) in err and "outside this repository" in err


def test_a_site_without_a_content_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    write(repo, "hugo.toml", 'contentDir = "articles"\n')
    status, _, err = install(capsys, repo)
    assert status == 1
    assert "no content folder" in err and "articles" in err
    assert git(repo, "config", "--get", "merge.copydesk.driver", check=False) == ""
    assert not (repo / ".gitattributes").exists()


def test_a_folder_outside_any_site_gets_them_itself(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    write(repo, "notes/a.md", ARTICLE)
    status, _, _ = install(capsys, repo / "notes")
    assert status == 0
    assert merge_attribute(repo, "notes/a.md") == "copydesk"
    assert merge_attribute(repo, "README.md") == "unspecified"


def test_a_nearer_gitattributes_that_sets_another_merge_is_named(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """``content/news/.gitattributes`` saying ``*.md merge=union`` wins over the lines --install
    writes higher up: it said "added" and exited 0, and git never ran the driver on those files."""
    write(repo, "notes/a.md", ARTICLE)
    write(repo, "notes/news/b.md", ARTICLE)
    write(repo, "notes/news/.gitattributes", "*.md merge=union\n")
    status, _, err = install(capsys, repo / "notes")
    assert merge_attribute(repo, "notes/news/b.md") == "union"  # git's answer: not the driver
    assert status == 1
    assert "notes/news/b.md" in err and "merge=union" in err, err
    assert merge_attribute(repo, "notes/a.md") == "copydesk"
