"""The rules of each page of a desk: its Hugo path, kind and language, and the cascades above it.

:class:`SiteRules` turns a file's place in the site (:mod:`editor.core.site`) into the
:class:`~editor.core.state.PageRules` that :func:`~editor.core.state.judge` needs. The ``cascade`` of a
section's ``_index`` file is read the first time a page below it asks, once per desk scan; sections
are Hugo's, not the disk's, so a mount to ``content/docs`` sits below the content root's ``_index``.

:class:`DeskRules` is the one ``SiteRules`` of an open desk: the scan, the watcher's rescans and the
rows of files just saved all judge by it, so a row says the same whichever made it, and the
cascades (and, with ``enableGitInfo``, the ``git log``) are read once per desk, not once per row.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.cascade import Cascade, cascades_of, glob_regex
from editor.core.git import GitError, decode_path, find_checkout
from editor.core.hugo_keys import fold_keys
from editor.core.site import CONTENT_EXTENSIONS, SITE_MARKERS, ContentDir, Site, site_for_desk
from editor.core.slot_builder import builder
from editor.core.state import PageRules


def _split_lang(stem: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """("a", "fr") for "a.fr" when fr is a language of the site, else (stem, "")."""
    head, dot, tail = stem.rpartition(".")
    if dot and tail.lower() in languages:
        return head, tail.lower()
    return stem, ""


def _branch_kind(section: tuple[str, ...], taxonomies: frozenset[str]) -> str:
    """The kind of the ``_index`` page of ``section``: home, taxonomy, term or section."""
    if not section:
        return "home"
    if section[0].lower() in taxonomies and len(section) <= 2:
        return "taxonomy" if len(section) == 1 else "term"
    return "section"


def _excluded(site: Site, file: str, kind: str) -> tuple[str, str] | None:
    if kind in site.disabled_kinds:
        return "disableKinds", kind
    for pattern in site.ignore_files:
        try:
            if re.search(pattern, file.replace(os.sep, "/")):
                return "ignoreFiles", pattern
        except re.error:
            continue  # a Go pattern Python cannot read: not applied
    left_out = _left_out_by_mounts(site.content_dirs, file)
    return ("module.mounts files", left_out) if left_out is not None else None


def _left_out_by_mounts(content_dirs: tuple[ContentDir, ...], file: str) -> str | None:
    """The filter that leaves ``file`` out when every content mount holding it filters it out (a
    mount that takes it, or has no filter, keeps it); None when it is a page."""
    reason = None
    for cd in content_dirs:
        folder = str(cd.path)
        if not file.startswith(folder + os.sep):
            continue
        if not cd.files:
            return None
        why = filtered_out(cd.files, file[len(folder) + 1 :].replace(os.sep, "/"))
        if why is None:
            return None
        reason = reason or why
    return reason


def filtered_out(files: tuple[str, ...], relative: str) -> str | None:
    """The pattern of a mount's ``files`` that leaves out the file at ``relative`` (below the
    mount's source, "/"-separated), or None when the mount takes it. As Hugo's filename filter:
    case-insensitive; a "! glob" matching the file or a folder above it leaves it out; with plain
    globs, the file must match one of them."""
    parts = relative.lower().split("/")
    paths = ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
    takes = []
    for pattern in files:
        if pattern.startswith("!"):
            glob = _glob(pattern[1:].strip())
            if any(glob.fullmatch(path) for path in paths):
                return pattern
        else:
            takes.append(pattern)
    if takes and not any(_glob(p).fullmatch(paths[-1]) for p in takes):
        return ", ".join(takes)
    return None


_UNASKED = object()  # SiteRules.folder_zone: a folder not asked about yet


def _glob(pattern: str) -> re.Pattern[str]:
    """A mount's ``files`` glob as Hugo reads it (case-insensitive, from the mount's source): the
    cascade's glob rules (:func:`editor.core.cascade.glob_regex`; a broken one matches nothing)."""
    return glob_regex(pattern.strip().lstrip("/").lower())


def _is_plain_absolute(path: object) -> bool:
    """Whether ``os.path.abspath(path)`` is ``path`` itself: absolute, with no ``.`` or ``..``
    part, doubled or trailing separator (a walk's paths; abspath cost a fifth of page_rules). A
    name that starts with a dot (a desk below ``~/.sites``) is plain: only a part that is all
    ``.`` or ``..`` is not."""
    if not (
        type(path) is str
        and path[:1] == os.sep
        and os.sep * 2 not in path
        and not path.endswith(os.sep)
        and os.altsep is None
    ):
        return False
    if os.sep + "." not in path:
        return True
    tail = path + os.sep
    return os.sep + "." + os.sep not in tail and os.sep + ".." + os.sep not in tail


GIT_TIMEOUT_S = 60.0
_page_rules = builder(PageRules)  # the rules of every file listed: built slot by slot


class _Folder(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    path: str
    lang: str  # the content folder's language, if it has one
    folders: tuple[str, ...]  # below the content folder
    prefix: tuple[str, ...]  # the mount point below content/
    homes: tuple[ContentDir, ...]  # where the sections above may be found

    @property
    def virtual(self) -> tuple[str, ...]:
        return (*self.prefix, *self.folders)


def git_author_dates(folder: Path, git: str = "git") -> dict[str, dt.datetime]:
    """Absolute path → author date of the last commit (merges left out) that touched it, as Hugo's
    GitInfo reads them; {} when ``folder`` is in no repository, or git is missing, fails (a
    repository with no commit yet) or is too slow: the ``:git`` dates are then left to the next
    source in the list, and a listing never stops over them.

    Through :class:`~editor.core.git.Checkout`, the one runner of the user's git (no prompts, a
    timeout, an English environment); ``-z`` names every file exactly as it is on disk.
    """
    checkout = find_checkout(folder, git)
    if checkout is None:
        return {}
    try:
        log = checkout.check(
            "log", "--name-only", "--no-merges", "--no-renames", "--no-show-signature", "-z",
            "--format=%x1e%aI", timeout=GIT_TIMEOUT_S,
        ).stdout  # fmt: skip
    except GitError:
        return {}
    top = os.fspath(checkout.top)
    dates: dict[str, dt.datetime] = {}
    for record in log.split(b"\x1e")[1:]:
        head, _, names = record.partition(b"\0")
        try:
            moment = dt.datetime.fromisoformat(head.decode("ascii"))
        except ValueError:
            continue
        for name in names.removeprefix(b"\n").split(b"\0"):
            if name:
                dates.setdefault(os.path.realpath(os.path.join(top, decode_path(name))), moment)
    return dates


class SiteRules:
    """The :class:`PageRules` of each file of a desk; reads each section's ``_index`` cascade once.

    Picklable, so a process pool's workers can take it along.
    """

    def __init__(self, site: Site, desk_root: Path | str) -> None:
        self.site = site
        self.desk_root = Path(desk_root).resolve()
        self._cascades: dict[tuple[str, str], tuple[Cascade, ...]] = {}
        self._folders: dict[str, _Folder] = {}
        self._chains: dict[tuple[str, str], tuple[Cascade, ...]] = {}
        self._git_dates: dict[str, dt.datetime] | None = None
        self._verdict_keys: dict[tuple[str, str], str] = {}
        self._site_text: str | None = None
        self._shared: dict[tuple[str, str], tuple[dt.tzinfo | None, tuple[Cascade, ...]]] = {}
        self._plain_zones: dict[str, tuple[dt.tzinfo | None] | None] = {}
        # Whether the config can leave a page out (disableKinds, ignoreFiles, a mount's files), and
        # whether a page can have a ``:git`` date (else _excluded and _git_date give None: not
        # asked per page).
        self._may_exclude = bool(
            site.disabled_kinds or site.ignore_files or any(cd.files for cd in site.content_dirs)
        )
        self._reads_git = bool(site.git_info and site.dates.reads_git() and site.root)

    def page_rules(self, path: Path | str) -> tuple[PageRules, str]:
        """The rules for the file at ``path`` (absolute), and its language ("" unless multilingual)."""
        site = self.site
        if _is_plain_absolute(path):  # a walk's path: os.path's answers, in a third of the time
            file = str(path)
            parent, _, filename = file.rpartition(os.sep)
            parent = parent or os.sep
            if filename[:1] == ".":  # splitext skips leading dots
                stem = os.path.splitext(filename)[0]
            else:
                head, dot, _ = filename.rpartition(".")
                stem = head if dot else filename
        else:
            file = os.path.abspath(path)
            parent, filename = os.path.split(file)
            stem = os.path.splitext(filename)[0]
        place = self._folders.get(parent) or self._folder(parent)
        stem, lang = _split_lang(stem, site.languages)
        lang = place.lang or lang or site.default_language
        folders = place.folders
        lowered = stem.lower()
        if lowered == "_index":
            kind = _branch_kind(place.virtual, site.taxonomies)
            segments = folders
        elif lowered == "index" and folders:
            kind, segments, filename = "page", folders, folders[-1]
        else:
            kind, segments = "page", (*folders, stem)
        page_path = "/" + "/".join((*place.prefix, *segments)).lower().replace(" ", "-")
        # What every page of the folder in this language shares: the zone and the cascades.
        shared = self._shared.get((parent, lang)) or self._shared_of(place, lang)
        rules = _page_rules(  # every field, in order, slot by slot (slot_builder)
            site.dates,
            shared[0],  # zone
            shared[1],  # cascades
            page_path,
            kind,
            lang,
            filename,
            _excluded(site, file, kind) if self._may_exclude else None,
            self._git_date(file) if self._reads_git else None,
        )
        return rules, lang if site.multilingual else ""

    def folder_zone(self, parent: str) -> tuple[dt.tzinfo | None] | None:
        """``(zone,)`` when :meth:`page_rules` gives every file right inside the folder ``parent``
        (a walk's: the path before a file's last separator) this zone, no cascade, no exclusion,
        no git date and the language "": a site of one language, without ``disableKinds``,
        ``ignoreFiles`` or ``:git`` dates, and no cascade over the folder. What a listing's plain
        rows (:mod:`editor.core.plain_rows`) judge by, asked once per folder (page_rules cost a
        tenth of their time). None: ask page_rules for each file."""
        found = self._plain_zones.get(parent, _UNASKED)
        if found is _UNASKED:
            found = self._plain_zones[parent] = self._folder_zone(parent)
        return found  # type: ignore[return-value]

    def _folder_zone(self, parent: str) -> tuple[dt.tzinfo | None] | None:
        site = self.site
        if site.multilingual or self._may_exclude or self._reads_git:
            return None
        if not parent or not _is_plain_absolute(parent + os.sep + "_"):
            return None  # page_rules reads such a path through os.path.abspath
        place = self._folders.get(parent) or self._folder(parent)
        # One language: a file's own ("a.en.md") is the site's, so the folder's decides.
        lang = place.lang or site.default_language
        zone, cascades = self._shared.get((parent, lang)) or self._shared_of(place, lang)
        return None if cascades else (zone,)

    def _shared_of(self, place: _Folder, lang: str) -> tuple[dt.tzinfo | None, tuple[Cascade, ...]]:
        shared = self._shared[(place.path, lang)] = (self.site.zone(lang), self._chain(place, lang))
        return shared

    def verdict_key(self, path: str) -> str | None:
        """Text naming all that :meth:`page_rules` gives the file at ``path`` (absolute) besides
        what follows from the path itself under the same code: the site's config, the page's
        language and the cascades over it. The index cache keeps a file's verdict with it, so an
        ``_index`` or config edit makes it judge again; None when a page's rules depend on more
        (``:git`` dates, one per file): its verdict is not kept."""
        site = self.site
        if site.git_info and site.dates.reads_git() and site.root:
            return None
        parent, filename = os.path.split(path)
        place = self._folder(parent)
        lang = place.lang or _split_lang(os.path.splitext(filename)[0], site.languages)[1]
        return self._verdict_key(place, lang or site.default_language)

    def folder_verdict_key(self, parent: str) -> str | None:
        """:meth:`verdict_key` of every file right inside the folder ``parent`` when they all share
        it (their language cannot differ), else None (ask per file)."""
        site = self.site
        if site.git_info and site.dates.reads_git() and site.root:
            return None
        place = self._folder(parent)
        if place.lang:
            return self._verdict_key(place, place.lang)
        if any(lang != site.default_language for lang in site.languages):
            return None
        return self._verdict_key(place, site.default_language)

    def _verdict_key(self, place: _Folder, lang: str) -> str:
        key = (place.path, lang)
        found = self._verdict_keys.get(key)
        if found is None:
            if self._site_text is None:
                self._site_text = f"{self.desk_root}\n{stable_text(self.site)}"
            found = f"{self._site_text}\n{lang}\n{stable_text(self._chain(place, lang))}"
            self._verdict_keys[key] = found
        return found

    def _folder(self, parent: str) -> _Folder:
        """Where a folder sits in the site (the same for every file in it)."""
        if parent not in self._folders:
            home = self.site.content_dir_of(parent)
            content_root = home.path if home is not None else self.desk_root
            try:
                folders = Path(parent).relative_to(content_root).parts
            except ValueError:
                content_root, folders = Path(parent), ()
            prefix = tuple(home.target.split("/")) if home is not None and home.target else ()
            homes = self.site.content_dirs or (ContentDir(content_root),)
            self._folders[parent] = _Folder(
                parent, home.lang if home is not None else "", folders, prefix, homes
            )
        return self._folders[parent]

    def _chain(self, place: _Folder, lang: str) -> tuple[Cascade, ...]:
        """The cascades over a folder's pages: nearest section first, then the site config's.

        Sections are Hugo's, not the disk's: a mount to content/docs sits below content's _index.
        """
        key = (place.path, lang)
        if key not in self._chains:
            virtual = place.virtual
            chain: list[Cascade] = []
            for depth in range(len(virtual), -1, -1):
                chain.extend(self._cascades_at(virtual[:depth], lang, place.homes))
            self._chains[key] = (*chain, *self.site.cascades)
        return self._chains[key]

    def _git_date(self, file: str) -> dt.datetime | None:
        if not (self.site.git_info and self.site.dates.reads_git() and self.site.root):
            return None
        if self._git_dates is None:  # one pass over the history, the first time a page asks
            self._git_dates = git_author_dates(self.site.root)
        return self._git_dates.get(os.path.realpath(file))

    def _cascades_at(
        self, section: tuple[str, ...], lang: str, homes: tuple[ContentDir, ...]
    ) -> tuple[Cascade, ...]:
        """The cascade of the section at Hugo path ``section``, from whichever mount holds it."""
        key = ("/".join(section), lang)
        if key not in self._cascades:
            found: tuple[Cascade, ...] = ()
            for home in homes:
                mount = tuple(home.target.split("/")) if home.target else ()
                if section[: len(mount)] == mount:
                    found = self._read_cascades(
                        home.path.joinpath(*section[len(mount) :]), lang, home
                    )
                    if found:
                        break
            self._cascades[key] = found
        return self._cascades[key]

    def _read_cascades(
        self, folder: Path, lang: str, home: ContentDir | None
    ) -> tuple[Cascade, ...]:
        from editor.core.files import read_regular
        from editor.core.frontmatter import read

        site = self.site
        plain_lang = (home.lang if home is not None and home.lang else "") or site.default_language
        try:
            # Once per folder of a listing: names, not DirEntry objects, and "_" first (no other
            # character folds to it), a third less than scandir on a folder of 300 files.
            names = sorted(
                name
                for name in os.listdir(folder)
                if name[:1] == "_" and name.lower().startswith("_index")
            )
        except OSError:
            return ()
        for name in names:
            stem, ext = os.path.splitext(name)
            if ext.lower() not in CONTENT_EXTENSIONS:
                continue
            base, file_lang = _split_lang(stem, site.languages)
            if base.lower() != "_index" or (
                site.multilingual and (file_lang or plain_lang) != lang
            ):
                continue
            path = folder / name
            try:
                _, metadata = read(read_regular(path)[0])
            except Exception:  # an unreadable _index is listed as invalid by itself
                continue
            cascade = fold_keys(metadata).get("cascade")
            if cascade is None:
                return ()
            return cascades_of(cascade[1], self._origin(path))
        return ()

    def _origin(self, path: Path) -> str:
        if path.is_relative_to(self.desk_root):
            return path.relative_to(self.desk_root).as_posix()
        home = self.site.content_dir_of(path)
        return path.relative_to(home.path).as_posix() if home is not None else path.name


def stable_text(value: Any) -> str:
    """``repr`` that is the same in every process: sets in sorted order (a set's own order follows
    the string hash, which differs from one run to the next), data classes field by field."""
    if is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(
            f"{item.name}={stable_text(getattr(value, item.name))}" for item in fields(value)
        )
        return f"{type(value).__name__}({inner})"
    if isinstance(value, set | frozenset):
        return f"{type(value).__name__}({{{', '.join(sorted(map(stable_text, value)))}}})"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{stable_text(k)}: {stable_text(v)}" for k, v in value.items())
        return f"{type(value).__name__}({{{inner}}})"
    if isinstance(value, list | tuple):
        return f"{type(value).__name__}([{', '.join(map(stable_text, value))}])"
    return repr(value)


def is_rules_file(name: str) -> bool:
    """Whether a file of this name changes the rules of other pages: a section's ``_index`` file
    (its ``cascade``) or a site config file."""
    stem, ext = os.path.splitext(name)
    if name in SITE_MARKERS:
        return True
    return ext.lower() in CONTENT_EXTENSIONS and stem.split(".", 1)[0].lower() == "_index"


class DeskRules:
    """The one :class:`SiteRules` of the desk opened at ``root``, kept by the window for its scan,
    its watcher and the rows of the files it writes.

    :meth:`current` builds a new one when the site's config changed (``load_site`` notices that
    from the config files' status, so asking costs a few ``stat`` calls); :meth:`renew` when a
    section's ``_index`` file changed or a new scan starts.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self._rules: SiteRules | None = None

    def current(self) -> SiteRules:
        """The rules now: the same object until the site's config or an ``_index`` changes."""
        site = site_for_desk(self.root)
        rules = self._rules
        if rules is None or (rules.site is not site and rules.site != site):
            rules = self._rules = SiteRules(site, self.root)
        return rules

    def renew(self) -> SiteRules:
        """Forget the cascades read so far (a scan starts, an ``_index`` file changed)."""
        self._rules = SiteRules(site_for_desk(self.root), self.root)
        return self._rules

    def adopt(self, rules: SiteRules) -> None:
        """Use ``rules`` (built by a rescan that saw an ``_index`` or config file change)."""
        if rules.desk_root == self.root:
            self._rules = rules
