"""The one local-image resolver: where "/x", "x" and "../x" are looked up, and what stays out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.images import (
    ImagePlaces,
    find_local_image,
    image_places,
    image_references,
    is_image_key,
    resolve_local_image,
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with static/images, a page bundle with its own images, and files outside both."""
    root = tmp_path / "site"
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "s.png").write_bytes(b"png")
    (root / "static" / "images" / "my cover.png").write_bytes(b"png")
    bundle = root / "content" / "news" / "story"
    (bundle / "images").mkdir(parents=True)
    (bundle / "index.md").write_text("+++\ntitle = 'T'\n+++\n", encoding="utf-8")
    (bundle / "pic.jpg").write_bytes(b"jpg")
    (bundle / "images" / "local.png").write_bytes(b"png")
    (bundle / "100%.png").write_bytes(b"png")
    (root / "content" / "news" / "sibling.png").write_bytes(b"png")
    (root / "secret.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    (bundle / "escape.png").symlink_to(tmp_path / "outside.png")
    (bundle / "inside-link.png").symlink_to(bundle / "pic.jpg")
    (root / "static" / "images" / "out.png").symlink_to(root / "secret.png")
    (bundle / "folder.png").mkdir()
    os.mkfifo(bundle / "pipe.png")
    return root


BUNDLE = Path("content/news/story")
STATIC = Path("static/images")

# reference → the file it names (relative to the site), or None and words of the reason
CASES = [
    ("/images/s.png", STATIC / "s.png", ""),
    ("/images/my cover.png", STATIC / "my cover.png", ""),
    ("/images/my%20cover.png?v=2#top", STATIC / "my cover.png", ""),
    ("pic.jpg", BUNDLE / "pic.jpg", ""),
    ("./pic.jpg", BUNDLE / "pic.jpg", ""),
    ("images/local.png", BUNDLE / "images" / "local.png", ""),
    ("  images/local.png  ", BUNDLE / "images" / "local.png", ""),
    ("100%.png", BUNDLE / "100%.png", ""),
    ("inside-link.png", BUNDLE / "pic.jpg", ""),
    ("images/../pic.jpg", BUNDLE / "pic.jpg", ""),
    # root-relative is the static folder only: a file of that name beside the article is not
    # at /images/local.png on the built site
    ("/images/local.png", None, "static/images/local.png"),
    # relative references stay in the article's folder: ../../static is not served there
    ("../../../static/images/s.png", None, "written /images/s.png"),
    ("../sibling.png", None, "outside the article's folder"),
    ("../../../secret.png", None, "outside the article's folder"),
    ("../../../../outside.png", None, "outside the article's folder"),
    ("/../secret.png", None, "outside the site's static folder"),
    ("/images/out.png", None, "outside the site's static folder"),
    ("escape.png", None, "outside the article's folder"),
    ("folder.png", None, "no file folder.png"),
    ("pipe.png", None, "no file pipe.png"),
    ("/images", None, "no file static/images"),
    ("missing.png", None, "no file missing.png in the article's folder"),
    ("pic\x00.jpg", None, "no file"),
    ("x" * 5000 + ".png", None, "no file"),
    # addresses are not files
    ("https://example.org/images/s.png", None, "not a file of the site"),
    ("//example.org/images/s.png", None, "not a file of the site"),
    ("file:///etc/passwd", None, "not a file of the site"),
    ("", None, "no image is set"),
    ("   ", None, "no image is set"),
]


@pytest.mark.parametrize(("reference", "expected", "words"), CASES)
def test_the_resolver_table(site: Path, reference: str, expected: Path | None, words: str) -> None:
    article = site / BUNDLE / "index.md"
    found = find_local_image(reference, image_places(article, site))
    if expected is None:
        assert found.path is None
        assert words in found.reason
    else:
        assert found.path == (site / expected).resolve()
        assert found.reason == ""
    assert resolve_local_image(reference, article, site) == found.path


def test_without_a_site_a_root_relative_reference_has_no_folder(site: Path) -> None:
    article = site / BUNDLE / "index.md"
    assert resolve_local_image("pic.jpg", article, None) == (site / BUNDLE / "pic.jpg").resolve()
    found = find_local_image("/images/s.png", image_places(article, None))
    assert found.path is None and "no Hugo site" in found.reason


def test_without_the_article_a_relative_reference_is_not_known(site: Path) -> None:
    assert "folder is not known" in find_local_image("pic.jpg", ImagePlaces()).reason
    assert resolve_local_image("/images/s.png", None, site) == site / STATIC / "s.png"


@pytest.mark.parametrize("value", [None, 42, ["pic.jpg"]])
def test_values_that_are_not_text(site: Path, value: object) -> None:
    assert resolve_local_image(value, site / BUNDLE / "index.md", site) is None


def test_root_relative_references_use_the_static_folders_the_site_configures(
    tmp_path: Path,
) -> None:
    (tmp_path / "hugo.toml").write_text('staticDir = ["public-files", "more"]\n', encoding="utf-8")
    (tmp_path / "public-files" / "images").mkdir(parents=True)
    (tmp_path / "public-files" / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.png").write_bytes(b"png")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "c.png").write_bytes(b"png")  # not served: the config names others
    article = tmp_path / "content" / "a.md"
    assert resolve_local_image("/images/a.png", article, tmp_path) == (
        tmp_path / "public-files" / "images" / "a.png"
    )
    assert resolve_local_image("/b.png", article, tmp_path) == tmp_path / "more" / "b.png"
    missing = find_local_image("/c.png", image_places(article, tmp_path))
    assert missing.path is None and "no file public-files/c.png" in missing.reason


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("enclosure", True),
        ("Enclosure", True),
        ("QRCODE", True),
        ("qrcode", True),
        ("cover", False),
        ("image", False),
        ("enclosure ", False),
        ("source_link", False),
        ("", False),
    ],
)
def test_is_image_key(key: str, expected: bool) -> None:
    assert is_image_key(key) is expected


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({}, {}),
        ({"enclosure": " /images/a.png "}, {"enclosure": "/images/a.png"}),
        ({"Enclosure": "a.png"}, {"enclosure": "a.png"}),
        # Hugo reads the key that is not all lower case
        ({"enclosure": "low.png", "Enclosure": "High.png"}, {"enclosure": "High.png"}),
        ({"Enclosure": "High.png", "enclosure": "low.png"}, {"enclosure": "High.png"}),
        ({"qrcode": "q.png", "enclosure": "e.png"}, {"enclosure": "e.png", "qrcode": "q.png"}),
        ({"enclosure": "", "qrcode": "   "}, {}),
        ({"enclosure": 42, "qrcode": None, "cover": "c.png"}, {}),
        ({"enclosure": ["a.png"]}, {}),
    ],
)
def test_image_references(metadata: dict[str, object], expected: dict[str, str]) -> None:
    assert image_references(metadata) == expected
    assert list(image_references(metadata)) == list(expected)


def test_static_folders_are_resolved_with_or_without_a_config(tmp_path: Path) -> None:
    """The one home of a site's static folders answers alike for a site and a bare folder."""
    from editor.core.images import static_folders

    (tmp_path / "real" / "static").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert static_folders(tmp_path / "link") == ((tmp_path / "real" / "static").resolve(),)
    (tmp_path / "real" / "hugo.toml").write_bytes(b"")
    assert static_folders(tmp_path / "link") == ((tmp_path / "real" / "static").resolve(),)
    assert static_folders(None) == ()
