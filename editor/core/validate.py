"""Validation of article metadata: problems an editor should fix, with the file line they are on.

``check_article`` looks at one file already in memory and touches the disk only to see whether a local
cover image exists, so the form can call it on every edit. ``check_folder`` reads every article below a
folder once and adds the checks that need the whole desk (the same id or link in two files).

Keys are matched case-insensitively, as Hugo reads them. A problem points at the line of its key; a
missing key points at the start of the front matter (key_lines.py finds the lines).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.errors import describe_error
from editor.core.files import read_regular
from editor.core.frontmatter import CONFLICT_MARKERS, FrontMatterError, SplitFile, read
from editor.core.hugo_keys import ALL_DATE_KEYS, fold_keys
from editor.core.images import IMAGE_KEYS, find_local_image, image_places, static_folders
from editor.core.index import desk_rules, links_outside, outside_link_reason
from editor.core.key_lines import KeyLines
from editor.core.problem import DESCRIPTION_LIMIT as DESCRIPTION_LIMIT  # their home: problem
from editor.core.problem import LENGTH_LIMITS, Level, Problem
from editor.core.problem import SUMMARY_LIMIT as SUMMARY_LIMIT
from editor.core.site import find_site_root
from editor.core.state import DEFAULT_RULES, PageRules, is_draft, rendered
from editor.core.urls import Verdict, check_web_url, is_local_reference
from editor.core.values import DATE_FORM_HINT, date_problem
from editor.core.walk import article_paths

if TYPE_CHECKING:
    from editor.core.article import Article
    from editor.core.site_rules import SiteRules

URL_KEYS = ("source_link", *IMAGE_KEYS)  # the image keys may also name a file of the site
UNIQUE_KEYS = ("article_id", "feed_item_id", "source_link")
CHECKED_DATE_KEYS = ALL_DATE_KEYS


# --- the checks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleContext:
    """What a rule may need besides the front matter: where the article and its site are."""

    article_path: Path | str | None = None
    site_root: Path | str | None = None
    static_dirs: tuple[Path, ...] | None = None
    # The page's site rules, asked only when a rule needs them (None: Hugo's defaults, no cascade).
    page_rules: Callable[[], PageRules] | None = None


# lower-case key -> (key as written, value): hugo_keys.fold_keys
Found = Mapping[str, tuple[str, Any]]
Report = Callable[[Level, str, str], None]  # level, key as written, message
Rule = Callable[[Found, ArticleContext, Report], None]


def draft_is_a_boolean(found: Found, _context: ArticleContext, report: Report) -> None:
    if "draft" in found:
        key, value = found["draft"]
        if value is not None and not isinstance(value, bool):
            reads = "a draft" if is_draft({"draft": value}) else "published (not a draft)"
            report(
                Level.WARNING,
                key,
                f"{key} is {_show(value)}, which Hugo reads as {reads}; write true or false",
            )


def title_is_given(found: Found, context: ArticleContext, report: Report) -> None:
    key, value = found.get("title", ("title", None))
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return
    rules = context.page_rules() if context.page_rules else DEFAULT_RULES
    if not rendered(found, rules):
        return  # never written out (a headless snippet an include reads): no page shows a title
    if "title" not in found and rules.kind == "home":
        return  # Hugo titles the home page with the site's title (dapr's docs: a false error)
    if "title" not in found and rules.kind != "page":
        # A section (or taxonomy) page: Hugo shows its folder's name, capitalised.
        report(Level.WARNING, key, "title is missing: Hugo shows the section's name instead")
        return
    report(Level.ERROR, key, "title is missing" if "title" not in found else f"{key} is empty")


def dates_are_readable(found: Found, _context: ArticleContext, report: Report) -> None:
    for lower in CHECKED_DATE_KEYS:
        if lower not in found:
            continue
        key, value = found[lower]
        problem = date_problem(key, value)  # the rule the list's invalid rows follow too
        if problem is not None:
            report(Level.ERROR, key, problem)
        elif value == "":
            report(
                Level.WARNING,
                key,
                f"{key} is empty (Hugo reads it as not set): give a date or remove the key",
            )
        elif isinstance(value, int) and not isinstance(value, bool):
            try:
                shown = f" ({dt.datetime.fromtimestamp(value, dt.UTC):%Y-%m-%dT%H:%M:%SZ})"
            except (OverflowError, OSError, ValueError):
                shown = ""
            report(
                Level.WARNING,
                key,
                f"{key} {value} is a number: Hugo reads it as seconds since 1970{shown}; {DATE_FORM_HINT}",
            )


def links_lead_somewhere(found: Found, context: ArticleContext, report: Report) -> None:
    for lower in URL_KEYS:
        if lower not in found:
            continue
        key, value = found[lower]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if lower in IMAGE_KEYS and isinstance(value, str) and is_local_reference(value):
            places = image_places(context.article_path, context.site_root, context.static_dirs)
            local = find_local_image(value, places)
            if local.path is None:
                report(
                    Level.ERROR,
                    key,
                    f"{key} {_show(value)} is neither an http(s) URL nor a file of the site: "
                    f"{local.reason}",
                )
            continue
        address = check_web_url(value)
        if address.verdict is Verdict.REFUSE:
            report(
                Level.ERROR, key, f"{key} {_show(value)} is not an http(s) URL: {address.reason}"
            )
        elif address.verdict is Verdict.ASK:
            report(
                Level.WARNING,
                key,
                f"{key} points to {address.reason}; readers of the site cannot reach it",
            )


def texts_fit_their_limits(found: Found, _context: ArticleContext, report: Report) -> None:
    for lower, limit in LENGTH_LIMITS.items():
        if lower not in found:
            continue
        key, value = found[lower]
        if isinstance(value, str) and len(value) > limit:
            report(
                Level.WARNING,
                key,
                f"{key} is {len(value)} characters long; keep it to {limit} or fewer",
            )


# The checks of one article, in the order their problems are listed. A new check is one more
# function here; the checks across the desk (duplicate ids) are in check_folder.
ARTICLE_RULES: tuple[Rule, ...] = (
    draft_is_a_boolean,
    title_is_given,
    dates_are_readable,
    links_lead_somewhere,
    texts_fit_their_limits,
)


def check_article(
    relpath: str,
    split_file: SplitFile,
    metadata: Mapping[str, Any],
    *,
    article_path: Path | str | None = None,
    site_root: Path | str | None = None,
    static_dirs: tuple[Path, ...] | None = None,
    page_rules: Callable[[], PageRules] | None = None,
) -> list[Problem]:
    """The problems of one article in memory (no folder scan), by each of :data:`ARTICLE_RULES`.

    ``metadata`` may include unsaved edits; lines come from ``split_file`` (a key not in the file yet
    is reported at the start of the front matter). ``article_path`` and ``site_root`` (and the site's
    ``static_dirs``, read from its config when not given) are used to find local cover images;
    without them a local path is reported as not found.
    """
    lines = KeyLines(split_file)
    found = fold_keys(metadata)
    context = ArticleContext(article_path, site_root, static_dirs, page_rules)
    problems: list[Problem] = []

    def report(level: Level, key: str, message: str) -> None:
        problems.append(Problem(relpath, lines.of(key), level, message, key))

    for rule in ARTICLE_RULES:
        rule(found, context, report)
    if "<<<<<<<" in split_file.body:  # (the front matter's would not have parsed)
        from editor.core.line_merge import conflict_marker_line  # not before the first paint

        marker = conflict_marker_line(split_file.body)
        if marker is not None:
            line = split_file.body_line + marker - 1
            problems.append(Problem(relpath, line, Level.ERROR, CONFLICT_MARKERS))
    return problems


def check_loaded(
    article: Article,
    site_root: Path | str | None = None,
    static_dirs: tuple[Path, ...] | None = None,
    page_rules: Callable[[], PageRules] | None = None,
) -> list[Problem]:
    """The problems of an open article, including its unsaved edits (for the form)."""
    return check_article(
        article.relpath,
        article.split,
        article.current_metadata(),
        article_path=article.path,
        site_root=site_root,
        static_dirs=static_dirs,
        page_rules=page_rules,
    )


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return json.dumps(text, ensure_ascii=False)


def problem_for_error(relpath: str, error: BaseException) -> Problem:
    """An error-level problem for a file that could not be read at all (its line, if known)."""
    line = error.line if isinstance(error, FrontMatterError) else None
    return Problem(relpath, line, Level.ERROR, describe_error(error, with_line=False))


# --- a whole folder --------------------------------------------------------------------------------


@dataclass
class FolderCheck:
    """The outcome of checking a folder: the problems, sorted by path and line, and how many files."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def errors(self) -> int:
        return sum(problem.level is Level.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.level is Level.WARNING for problem in self.problems)


def _unique_value(value: Any) -> str | None:
    """The text two files are compared on; None when the value is empty or not a plain value."""
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        return None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One file's problems, its values that must be unique across the desk, and whether it was read
    (an unreadable file has only the problem that says why)."""

    problems: list[Problem]
    entries: list[UniqueEntry]
    readable: bool


def check_file(
    folder: Path,
    path: Path,
    relpath: str,
    *,
    site_root: Path | None,
    static_dirs: tuple[Path, ...],
    rules: bool = True,
    data: bytes | None = None,
    page_rules: Callable[[Path], PageRules] | None = None,
) -> FileCheck:
    """Check one article of the desk at ``folder``: the one per-file step of Check Folder and of the
    check before publishing (``rules=False``: only read it and collect its unique values).

    ``data``: the bytes to check instead of the file's (the version a write is about to make);
    ``page_rules``: the site's rules for a page (its cascades), asked only where a rule needs them."""
    if links_outside(folder, path):  # the list and the window refuse it too
        return FileCheck(
            [Problem(relpath, None, Level.ERROR, outside_link_reason(path))], [], False
        )
    try:
        split_file, metadata = read(read_regular(path)[0] if data is None else data)
    except (FrontMatterError, OSError) as error:
        return FileCheck([problem_for_error(relpath, error)], [], False)
    problems = (
        check_article(
            relpath,
            split_file,
            metadata,
            article_path=path,
            site_root=site_root,
            static_dirs=static_dirs,
            page_rules=None if page_rules is None else lambda: page_rules(path),
        )
        if rules
        else []
    )
    return FileCheck(problems, unique_entries(relpath, split_file, metadata), True)


def check_folder(root: Path | str) -> FolderCheck:
    """Check every article below ``root`` (or the one file ``root``), reading each file once.

    Problem paths are relative to ``root`` ("/"-separated); for a single file, its name.
    """
    return check_paths([root], names=None)


def check_paths(roots: Sequence[Path | str], names: Sequence[str] | None) -> FolderCheck:
    """Check the articles below several folders and files together (``copydesk check A B``), so a
    duplicate id is found across them too; a file reached twice (a folder and a file in it) counts once.

    ``names``: what each root is called in the problem paths (the path as typed), joined with the
    path below it; None: paths relative to the root, as ``check_folder`` gives them.
    """
    result = FolderCheck()
    # (lower-case key, value) → [(relpath, key as written, line)]
    seen: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    done: set[Path] = set()
    for index, root in enumerate(roots):
        # Resolved as the walk resolves it (a desk reached through a symlink lists its real paths).
        base = Path(root).resolve()
        site_root = find_site_root(base)
        static_dirs = static_folders(site_root)  # the site's config, read once for the folder
        if base.is_file():
            folder, paths = base.parent, iter([base])
        else:
            folder, paths = base, article_paths(base)
        name = None if names is None else names[index]
        page_rules = _lazy_page_rules(folder)
        for path in paths:
            if path in done:
                continue
            done.add(path)
            result.files += 1
            relpath = path.relative_to(folder).as_posix()
            if name is not None:
                relpath = name if path == base else str(Path(name) / relpath)
            checked = check_file(
                folder,
                path,
                relpath,
                site_root=site_root,
                static_dirs=static_dirs,
                page_rules=page_rules,
            )
            result.problems.extend(checked.problems)
            for value_key, owner in checked.entries:
                seen.setdefault(value_key, []).append(owner)
    result.problems.extend(duplicate_problems(seen))
    result.problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    return result


def _lazy_page_rules(desk: Path) -> Callable[[Path], PageRules]:
    """A page's rules by the desk's site config, read when a page first needs them (few do)."""
    made: list[SiteRules] = []

    def page_rules(path: Path) -> PageRules:
        if not made:
            made.append(desk_rules(desk))
        return made[0].page_rules(path)[0]

    return page_rules


UniqueEntry = tuple[tuple[str, str], tuple[str, str, int]]
"""((lower-case key, value text), (relpath, key as written, line)): one value that must be unique."""


def unique_entries(
    relpath: str, split_file: SplitFile, metadata: Mapping[str, Any]
) -> list[UniqueEntry]:
    """The values of one file that no other file may share (``UNIQUE_KEYS``), with their lines."""
    found = fold_keys(metadata)
    lines = KeyLines(split_file)
    entries: list[UniqueEntry] = []
    for lower in UNIQUE_KEYS:
        if lower in found:
            key, value = found[lower]
            text = _unique_value(value)
            if text is not None:
                entries.append(((lower, text), (relpath, key, lines.of(key))))
    return entries


def duplicate_problems(seen: Mapping[tuple[str, str], list[tuple[str, str, int]]]) -> list[Problem]:
    """An error for each file holding a value that another file holds too."""
    problems = []
    for (_, text), owners in seen.items():
        if len(owners) < 2:
            continue
        for relpath, key, line in owners:
            others = [other for other, _, _ in owners if other != relpath]
            named = ", ".join(others[:3]) + (
                f" and {len(others) - 3} more" if len(others) > 3 else ""
            )
            problems.append(
                Problem(
                    relpath,
                    line,
                    Level.ERROR,
                    f"duplicate {key} {_show(text)}: also in {named}",
                    key,
                )
            )
    return problems
