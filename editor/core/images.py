"""Images an article names: which keys hold one, and where a local image file is.

One resolver for validation, the cover thumbnail, the cover preview and the images in the body, so
that what is shown is what is reported valid. The rule follows where a browser finds the file on the
built site:

- ``/images/x.png`` (root-relative) is a file of the site's static folder, served at the site's root.
  Nothing else: a file of that name beside the article is not at ``/images/x.png`` on the site.
- ``x.png`` or ``images/x.png`` (relative) is a file in the article's own folder or below it, where Hugo
  keeps a page bundle's resources. ``..`` may not climb out of that folder:
  ``../../static/images/s.png`` is not served at that address (write ``/images/s.png``).
- The file must be a regular file, and the real path (after links) must stay inside the folder it was
  looked up in; ``?query`` and ``#fragment`` are ignored and ``%20`` may stand for a space.

Web addresses are :mod:`editor.core.urls`' business. The site's static folders are the ones its
config names (``staticDir``, mounts onto ``static``, read by :mod:`editor.core.site`); a folder that is
no Hugo site but has a ``static/`` has that one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from editor.core.hugo_keys import fold_keys
from editor.core.site import is_site, load_site
from editor.core.urls import is_local_reference

IMAGE_KEYS = ("enclosure", "qrcode")
"""Front matter keys whose value names an image: a web address or a file of the site."""

COVER_KEY = "enclosure"
"""The image shown as the article's cover thumbnail."""


def is_image_key(key: str) -> bool:
    """Whether a front matter key names an image, as Hugo reads keys (``Enclosure`` is one)."""
    return key.lower() in IMAGE_KEYS


def is_cover_key(key: str) -> bool:
    """Whether a front matter key is the cover image's, as Hugo reads keys (``Enclosure`` is)."""
    return key.lower() == COVER_KEY


def image_references(metadata: Mapping[str, Any]) -> dict[str, str]:
    """lower-case image key → the reference Hugo reads for it (stripped text; other values and
    blanks are left out), in :data:`IMAGE_KEYS` order."""
    found = fold_keys(metadata)
    references = {}
    for key in IMAGE_KEYS:
        value = found.get(key, ("", None))[1]
        if isinstance(value, str) and value.strip():
            references[key] = value.strip()
    return references


class ImagePlaces(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """The folders an article's local images are looked up in (see the module's docstring)."""

    article_dir: Path | None = None
    static_dirs: tuple[Path, ...] = ()


def static_folders(site_root: Path | str | None) -> tuple[Path, ...]:
    """The folders a site serves "/" from (reads the site's config: callers keep the answer);
    ``static/`` of a folder with no config (a bare folder that only has ``static/``). Resolved, as
    the config's folders are, so the two kinds of site compare alike."""
    if site_root is None:
        return ()
    root = Path(site_root)
    return load_site(root).static_dirs if is_site(root) else ((root / "static").resolve(),)


def image_places(
    article_path: Path | str | None,
    site_root: Path | str | None,
    static_dirs: tuple[Path, ...] | None = None,
) -> ImagePlaces:
    """Where the images of the article at ``article_path`` live, in the site at ``site_root``;
    ``static_dirs`` is :func:`static_folders` of that site when the caller has it already."""
    article_dir = Path(article_path).parent if article_path is not None else None
    if static_dirs is None:
        static_dirs = static_folders(site_root)
    return ImagePlaces(article_dir, static_dirs)


class LocalImage(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """The file a reference names (``path``), or why there is none (``reason``, a sentence part)."""

    path: Path | None
    reason: str = ""


def find_local_image(reference: object, places: ImagePlaces) -> LocalImage:
    """The existing file ``reference`` names among ``places``; never raises."""
    if not isinstance(reference, str) or not reference.strip():
        return LocalImage(None, "no image is set")
    text = reference.strip()
    if not is_local_reference(text):
        return LocalImage(None, "it is not a file of the site")
    if "?" in text or "#" in text:
        text = urlsplit(text).path
    names = list(dict.fromkeys([text, unquote(text)]))
    if text.startswith("/"):
        if not places.static_dirs:
            return LocalImage(
                None, "no Hugo site was found above the article, so it has no static folder"
            )
        tried = [
            _inside(folder, name.lstrip("/")) for name in names for folder in places.static_dirs
        ]
        found = next((path for path in tried if isinstance(path, Path)), None)
        if found is not None:
            return LocalImage(found)
        if _OUTSIDE in tried:
            return LocalImage(None, "it points outside the site's static folder")
        return LocalImage(None, f"there is no file {places.static_dirs[0].name}{text} in the site")
    if places.article_dir is None:
        return LocalImage(None, "the article's folder is not known")
    tried = [_inside(places.article_dir, name) for name in names]
    found = next((path for path in tried if isinstance(path, Path)), None)
    if found is not None:
        return LocalImage(found)
    if _OUTSIDE in tried:
        return LocalImage(None, "it points outside the article's folder" + _hint(names, places))
    return LocalImage(None, f"there is no file {text} in the article's folder")


def resolve_local_image(
    reference: object, article_path: Path | str | None, site_root: Path | str | None
) -> Path | None:
    """The existing local file an image reference of this article names, or None."""
    return find_local_image(reference, image_places(article_path, site_root)).path


_OUTSIDE, _MISSING = "outside", "missing"


def _inside(folder: Path, name: str) -> Path | str:
    """The regular file ``folder/name`` really is, _OUTSIDE if it leaves ``folder``, else _MISSING."""
    try:
        base = folder.resolve()
        candidate = (base / name).resolve()
        if not candidate.is_relative_to(base):
            return _OUTSIDE
        return candidate if candidate.is_file() else _MISSING
    except (OSError, ValueError, RuntimeError):  # a NUL in the name, too long, a link loop
        return _MISSING


def _hint(names: list[str], places: ImagePlaces) -> str:
    """How to write a reference that climbed into a static folder, if it did."""
    if places.article_dir is None:
        return ""
    for name in names:
        try:
            target = (places.article_dir.resolve() / name).resolve()
            for folder in places.static_dirs:
                if target.is_relative_to(folder.resolve()) and target.is_file():
                    inside = target.relative_to(folder.resolve()).as_posix()
                    return f"; a file of {folder.name}/ is written /{inside}"
        except (OSError, ValueError, RuntimeError):
            continue
    return ""
