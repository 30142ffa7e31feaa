"""The Hugo site around a folder: where it is, what its config says, and which folders are content.

A folder is a site when it holds one of Hugo's config files (``hugo.toml`` … ``config.json``) or a
``config/_default/`` folder. Its config is read the way Hugo merges it (the root file, then
``config/_default/``, then ``config/production/``, since ``hugo list`` builds for production), with
keys folded to lower case. From it come:

* the content folders: ``contentDir``, each language's ``contentDir``, or the module mounts whose
  target is ``content`` (mounts replace the default, as in Hugo); never ``layouts/``, ``themes/``,
  ``public/`` and the other folders Hugo reads as something else;
* the rules of a page's state: ``[frontmatter]`` dates, ``timeZone`` (per language too), the
  config's ``cascade``, ``disableKinds``, ``ignoreFiles`` and taxonomies (each file's own rules,
  with its sections' cascades, come from :class:`editor.core.site_rules.SiteRules`);
* the image folders (``staticDir``, mounts whose target is ``static``).

Nothing here raises on a bad config: a file Hugo could not read leaves Hugo's defaults in place and
its reason in :attr:`Site.error`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from editor.core.cascade import Cascade, cascades_of
from editor.core.hugo_keys import lowered_keys
from editor.core.state import SITE_CONFIG, DateRules

SITE_MARKERS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")
CONFIG_DIR = "config"
ENVIRONMENTS = ("_default", "production")  # config/<env>/, read in this order
# Folders of a site that Hugo reads as something other than content.
NOT_CONTENT = frozenset(
    {"layouts", "themes", "public", "archetypes", "assets", "data", "i18n", "static", "resources"}
)
# The extensions Hugo reads as content files (an ``index`` file with one of them makes a leaf bundle).
CONTENT_EXTENSIONS = frozenset(
    {".md", ".markdown", ".mdown", ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".org", ".pandoc"}
    | {".pdc", ".rst"}
)
# The content files Copydesk lists and edits as articles (the front-matter formats it reads): the one
# home of the rule, for the index's walk, the watcher and the merge driver's .gitattributes.
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})
_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
DEFAULT_TAXONOMIES = frozenset({"tags", "categories"})


# --- where the site is -----------------------------------------------------------------------------


def is_site(folder: Path | str) -> bool:
    """Whether ``folder`` is a Hugo site's root: one of its config files, or ``config/_default/``."""
    base = Path(folder)
    return (
        any((base / name).is_file() for name in SITE_MARKERS)
        or (base / CONFIG_DIR / "_default").is_dir()
    )


def sites_below(folder: Path | str) -> list[Path]:
    """The Hugo sites among ``folder``'s own subfolders (a repository of several sites): listed
    from above, their templates and archetypes are walked as pages (71 invalid rows at linkerd's)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    return [
        Path(entry.path)
        for entry in entries
        if entry.is_dir() and not entry.name.startswith(".") and is_site(entry.path)
    ]


def sites_held(root: Path | str) -> list[Path]:
    """The sites a desk opened at ``root`` holds in its subfolders while ``root`` lies in no site:
    every file below is then read as a page, the sites' templates too (linkerd's repository: 71
    invalid rows). The CLI's warning and the window's come from this one rule."""
    base = Path(root)
    if not base.is_dir() or site_for_desk(base).root is not None:
        return []
    return sites_below(base)


def find_site_root(path: Path | str) -> Path | None:
    """The nearest folder at or above ``path`` that looks like a Hugo site (a config or static/).

    Local images are looked up from here, so a bare folder with ``static/`` counts too.
    """
    start = Path(path).absolute()
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        if is_site(folder) or (folder / "static").is_dir():
            return folder
    return None


def site_above(path: Path) -> Path | None:
    for folder in (path, *path.parents):
        if is_site(folder):
            return folder
    return None


# --- reading the config ----------------------------------------------------------------------------


CONFIG_BYTES = 4 * 1024 * 1024  # per config file
CONFIG_VALUES = 200_000  # per file, a YAML alias counting each time it is met
CONFIG_DEPTH = 64


def _load_file(path: Path) -> dict[str, Any]:
    """One config file, keys folded; raises ValueError (or the parser's error) on a bad one."""
    from editor.core.files import read_regular

    data, info = read_regular(path)  # never blocks on a pipe named like a config file
    if info.st_size > CONFIG_BYTES:
        raise ValueError(f"{path.name} is larger than {CONFIG_BYTES // (1024 * 1024)} MB")
    if path.suffix == ".toml":
        loaded: Any = tomllib.loads(data.decode("utf-8"))
    elif path.suffix == ".json":
        loaded = json.loads(data)
    else:
        from ruamel.yaml import YAML

        loaded = YAML(typ="safe", pure=True).load(data)
    budget = [CONFIG_VALUES]
    return _folded(loaded, budget, 0, path.name) if isinstance(loaded, dict) else {}


def _folded(value: Any, budget: list[int], depth: int, name: str) -> Any:
    """``value`` with every map's keys folded as Hugo folds config keys, within the limits (a YAML
    alias bomb is small on disk and huge once walked)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > CONFIG_DEPTH:
        raise ValueError(f"{name} holds too many values or is nested too deep")
    if isinstance(value, Mapping):
        return {
            key: _folded(item, budget, depth + 1, name) for key, item in lowered_keys(value).items()
        }
    if isinstance(value, list):
        return [_folded(item, budget, depth + 1, name) for item in value]
    return value


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _config_folder(folder: Path) -> dict[str, Any]:
    """``config/<env>/``: ``hugo.toml``/``config.toml`` hold root keys, ``X.toml`` the key ``X``."""
    merged: dict[str, Any] = {}
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return merged
    for name in names:
        stem, suffix = os.path.splitext(name)
        if suffix not in _SUFFIXES:
            continue
        content = _load_file(folder / name)
        key, _, lang = stem.lower().partition(".")
        if lang:  # "languages.fr.toml" is languages.fr; "menus.fr.toml" is languages.fr.menus
            inner = content if key == "languages" else {key: content}
            _merge(merged, {"languages": {lang: inner}})
        else:
            _merge(merged, content if key in ("hugo", "config") else {key: content})
    return merged


def read_config(root: Path | str) -> dict[str, Any]:
    """The site's merged config, keys folded to lower case; raises ValueError/OSError on a bad file."""
    base = Path(root)
    merged: dict[str, Any] = {}
    for name in SITE_MARKERS:  # hugo.* first: Hugo reads the first it finds
        if (base / name).is_file():
            merged = _load_file(base / name)
            break
    for environment in ENVIRONMENTS:
        _merge(merged, _config_folder(base / CONFIG_DIR / environment))
    return merged


# --- the site --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContentDir:
    """A folder Hugo reads as content, the language it holds ("" for any) and its mount point."""

    path: Path
    lang: str = ""
    target: str = ""  # below content/: "blog" for a mount to content/blog
    # The mount's file filters, Hugo's globs below ``path``: "! pattern" leaves out what it
    # matches (a folder with all below it), a plain one takes only what it matches (mount_files).
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    """A Hugo site as Copydesk needs it; ``root`` is None for a folder outside any site."""

    root: Path | None = None
    content_dirs: tuple[ContentDir, ...] = ()
    static_dirs: tuple[Path, ...] = ()
    languages: tuple[str, ...] = ("en",)
    default_language: str = "en"
    zones: Mapping[str, dt.tzinfo | None] = field(default_factory=dict)  # "" is the site's
    dates: DateRules = field(default_factory=DateRules)
    cascades: tuple[Cascade, ...] = ()
    disabled_kinds: frozenset[str] = frozenset()
    ignore_files: tuple[str, ...] = ()  # regular expressions, searched in the absolute path
    taxonomies: frozenset[str] = DEFAULT_TAXONOMIES  # the plural names
    git_info: bool = False  # enableGitInfo: ":git" dates come from the history
    error: str | None = None
    # The content folders as the config names them, joined to the root, links not followed:
    # where a link among them points decides ``content_dirs`` (desk_inputs notes them).
    given_content: tuple[Path, ...] = field(default=(), compare=False)
    # The time zones the config names: whether each is found decides ``zones`` (desk_inputs).
    zone_names: tuple[str, ...] = field(default=(), compare=False)

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    def zone(self, lang: str) -> dt.tzinfo | None:
        return self.zones.get(lang, self.zones.get(""))

    def content_dir_of(self, path: Path | str) -> ContentDir | None:
        """The content folder ``path`` lies in (the deepest, when mounts nest)."""
        target = Path(path)
        inside = [cd for cd in self.content_dirs if target.is_relative_to(cd.path)]
        return max(inside, key=lambda cd: len(cd.path.parts), default=None)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _zone(name: Any) -> dt.tzinfo | None:
    if not isinstance(name, str) or not name:
        return None
    import zoneinfo  # with the first site that names a time zone, not at start-up (~4 ms)

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def load_site(root: Path | str) -> Site:
    """The site at ``root`` (a folder :func:`is_site` accepts); never raises.

    Remembered until one of its config files changes: the watcher asks once per changed file.
    """
    base = Path(root).resolve()
    return _load_site(base, _config_signature(base))


def config_files(base: Path) -> list[Path]:
    """Every file that may hold the config of the site at ``base``, the missing ones too."""
    paths = [base / name for name in SITE_MARKERS]
    for environment in ENVIRONMENTS:
        with contextlib.suppress(OSError):
            paths.extend(Path(entry.path) for entry in os.scandir(base / CONFIG_DIR / environment))
    return paths


def _config_signature(base: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every config file: what must change for the config to."""
    signature = []
    for path in config_files(base):
        with contextlib.suppress(OSError):
            info = path.stat()
            signature.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(signature)


@lru_cache(maxsize=16)
def _load_site(base: Path, signature: tuple[tuple[str, int, int], ...]) -> Site:
    error = None
    try:
        config = read_config(base)
    except Exception as problem:  # TOML, JSON, YAML and OS errors alike: Hugo's defaults stay
        config, error = {}, f"the site config cannot be read: {problem}"
    return site_from_config(base, config, error)


def site_from_config(base: Path, config: Mapping[str, Any], error: str | None = None) -> Site:
    """The :class:`Site` a folded config describes."""
    languages_config = config.get("languages")
    languages_config = languages_config if isinstance(languages_config, Mapping) else {}
    disabled = {lang.lower() for lang in _strings(config.get("disablelanguages"))}
    default = str(config.get("defaultcontentlanguage") or "en").lower()
    languages = tuple(
        lang for lang in (str(key).lower() for key in languages_config) if lang not in disabled
    ) or (default,)
    zones: dict[str, dt.tzinfo | None] = {"": _zone(config.get("timezone"))}
    named = [config.get("timezone")]
    for lang, settings in languages_config.items():
        if isinstance(settings, Mapping) and settings.get("timezone"):
            zones[str(lang).lower()] = _zone(settings.get("timezone"))
            named.append(settings.get("timezone"))

    content_dirs, static_dirs, given = _mounted(base, config)
    if not content_dirs:
        site_dir = str(config.get("contentdir") or "content")
        per_language = {
            str(lang).lower(): str(settings["contentdir"])
            for lang, settings in languages_config.items()
            if isinstance(settings, Mapping) and settings.get("contentdir")
        }
        if per_language:
            given = [base / per_language.get(lang, site_dir) for lang in languages]
            content_dirs = [
                ContentDir(path.resolve(), lang)
                for path, lang in zip(given, languages, strict=True)
            ]
        else:
            given = [base / site_dir]
            content_dirs = [ContentDir(given[0].resolve())]
    if not static_dirs:
        static_dirs = [(base / name).resolve() for name in _strings(config.get("staticdir"))]
        static_dirs = static_dirs or [(base / "static").resolve()]
    return Site(
        root=base,
        content_dirs=tuple(_unique(content_dirs)),
        static_dirs=tuple(static_dirs),
        languages=languages,
        default_language=default if default in languages else languages[0],
        zones=zones,
        dates=DateRules.from_config(config.get("frontmatter")),
        cascades=cascades_of(config.get("cascade"), SITE_CONFIG) if "cascade" in config else (),
        disabled_kinds=frozenset(kind.lower() for kind in _strings(config.get("disablekinds"))),
        ignore_files=tuple(_strings(config.get("ignorefiles"))),
        taxonomies=_taxonomies(config.get("taxonomies")),
        git_info=config.get("enablegitinfo") is True,
        error=error,
        given_content=tuple(given),
        zone_names=tuple(sorted({name for name in named if isinstance(name, str) and name})),
    )


def _taxonomies(value: Any) -> frozenset[str]:
    if not isinstance(value, Mapping):
        return DEFAULT_TAXONOMIES
    return frozenset(str(plural).lower() for plural in value.values() if isinstance(plural, str))


def _mounted(
    base: Path, config: Mapping[str, Any]
) -> tuple[list[ContentDir], list[Path], list[Path]]:
    """The content mounts, the static ones, and the content mounts' folders as given (links not
    followed)."""
    module = config.get("module")
    mounts = module.get("mounts") if isinstance(module, Mapping) else None
    content: list[ContentDir] = []
    static: list[Path] = []
    given: list[Path] = []
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, Mapping):
            continue
        source, target = mount.get("source"), str(mount.get("target") or "")
        if not isinstance(source, str) or not source:
            continue
        parts = target.strip("/").split("/", 1)
        if parts[0] == "content":
            below = parts[1] if len(parts) > 1 else ""
            given.append(base / source)
            path = given[-1].resolve()
            content.append(ContentDir(path, _lang(mount), below, mount_files(mount)))
        elif parts[0] == "static":
            static.append((base / source).resolve())
    return content, static, given


def mount_files(mount: Mapping[str, Any]) -> tuple[str, ...]:
    """A mount's file filters as "! glob" (left out) and "glob" (taken): its ``files`` (Hugo
    0.144 on), and the ``excludeFiles`` and ``includeFiles`` before them. jaegertracing's docs
    leave ``docs/v?`` and ``_index-pre-docsy.md`` out of their content mount: they were listed as
    published pages that Hugo never builds."""
    found = [pattern.strip() for pattern in _strings(mount.get("files")) if pattern.strip()]
    found += [f"! {pattern}" for pattern in _strings(mount.get("excludefiles")) if pattern]
    found += [pattern for pattern in _strings(mount.get("includefiles")) if pattern]
    return tuple(found)


def _lang(mount: Mapping[str, Any]) -> str:
    lang = mount.get("lang")
    return lang.lower() if isinstance(lang, str) else ""


def _unique(dirs: Iterable[ContentDir]) -> list[ContentDir]:
    """One entry per folder; a folder two languages share holds any language."""
    by_path: dict[Path, ContentDir] = {}
    for cd in dirs:
        known = by_path.get(cd.path)
        if known is not None and (known.lang != cd.lang or known.files != cd.files):
            # Two mounts of one folder: any language, and what either filter takes.
            files = known.files if known.files == cd.files else ()
            lang = known.lang if known.lang == cd.lang else ""
            target = known.target if known.lang == cd.lang else cd.target
            by_path[cd.path] = ContentDir(cd.path, lang, target, files)
        else:
            by_path.setdefault(cd.path, cd)
    return list(by_path.values())


def site_of(path: Path | str) -> Site:
    """The site ``path`` belongs to (the nearest site root at or above it), or an empty Site."""
    start = Path(path).resolve()
    found = site_above(start if start.is_dir() else start.parent)
    return load_site(found) if found is not None else Site()


def site_for_desk(root: Path | str) -> Site:
    """The site whose rules apply to a desk opened at ``root``: its site when ``root`` is the site's
    root, lies in one of its content folders or holds some of them (``content/`` of a site whose
    languages read ``content/en`` and ``content/fr``), else an empty Site (Hugo's defaults).

    A ``config.toml`` of some other program in a folder above is not a Hugo site for this desk.
    """
    base = Path(root).resolve()
    site = site_of(base)
    if site.root is not None and (
        site.root == base
        or site.content_dir_of(base) is not None
        or any(cd.path.is_relative_to(base) for cd in site.content_dirs)
    ):
        return site
    return Site()


def content_roots(root: Path | str, site: Site) -> list[tuple[Path, frozenset[str]]]:
    """The folders to walk for a desk at ``root``, each with the folder names to skip at its top.

    A site's root is walked as its content folders (those inside it that exist); a content folder
    that is the site's root itself skips the folders Hugo reads as something else.
    """
    base = Path(root).resolve()
    if site.root is None:
        return [(base, frozenset())]
    if site.root != base:
        if site.content_dir_of(base) is not None:
            return [(base, frozenset())]
        # A folder holding content folders (content/ of a site whose languages read content/en,
        # content/fr) is walked as those: the rest of it (content/base-l10n) is no page to Hugo.
        held: list[tuple[Path, frozenset[str]]] = [
            (cd.path, frozenset())
            for cd in site.content_dirs
            if cd.path.is_dir() and cd.path.is_relative_to(base)
        ]
        return held or [(base, frozenset())]
    roots = []
    for cd in site.content_dirs:
        if cd.path.is_dir() and cd.path.is_relative_to(base):
            roots.append((cd.path, NOT_CONTENT if cd.path == base else frozenset()))
    return _outermost(roots)


def _outermost(roots: list[tuple[Path, frozenset[str]]]) -> list[tuple[Path, frozenset[str]]]:
    """The roots that lie in no other: a mount of a folder inside another content folder
    (jaegertracing mounts content/docs/v2 to content/docs beside content itself) is walked with
    it, once; every file listed twice was two rows of one path. Its pages still follow their own
    mount (:meth:`Site.content_dir_of`: the deepest)."""
    paths = [path for path, _skip in roots]
    return [
        (path, skip)
        for path, skip in roots
        if not any(other != path and path.is_relative_to(other) for other in paths)
    ]


# --- what the window lists -------------------------------------------------------------------------


def desk_for(path: Path | str) -> tuple[Path, str | None]:
    """The folder to list for ``path``, and the article to select when ``path`` is one file.

    A site with one content folder is listed from it (the templates and build output beside it are
    not articles); a site with several (languages, mounts) from its root, where the index lists them
    all. One file opens its site's content folder (or its own folder) with the file selected.
    """
    target = Path(path).expanduser().resolve()
    if target.is_file():
        site = site_of(target)
        home = site.content_dir_of(target)
        if home is None:
            root = target.parent
        elif len(site.content_dirs) == 1 or site.root is None:
            root = home.path
        else:
            root = site.root
        return root, target.relative_to(root).as_posix()
    if is_site(target):
        site = load_site(target)
        existing = [cd.path for cd in site.content_dirs if cd.path.is_dir()]
        if len(existing) == 1 and existing[0].is_relative_to(target):
            return existing[0], None
    return target, None
