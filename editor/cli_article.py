"""The ``copydesk`` commands on article files named one by one: ``show``, ``set``, ``publish``, ``draft``.

They share the way a named file is reached: a :class:`DocumentService` rooted at the file's Hugo
site (:func:`service_for`), so local paths resolve and writes go through it as in the app, and, for
``show``, the file's state judged by its site's rules. cli.py keeps the parser, the entry point and
the commands over a whole folder (``list``, ``check``); this module is the one home of the per-file
ones, which ``list`` never needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor import cli_git
from editor.cli_common import CommandError, display, err, existing, jsonable, out
from editor.core.errors import describe_error
from editor.core.frontmatter import FrontMatterError
from editor.core.index import desk_rules
from editor.core.names import json_text, printable, shown_path
from editor.core.site import desk_for, find_site_root
from editor.core.state import PageVerdict, PublishState, judge

if TYPE_CHECKING:  # imported where they are used: loading them costs every command
    from editor.core.article import Article
    from editor.core.service import DocumentService, FileResult


def _plain(value: Any) -> str:
    """A value for ``show``: strings and dates as they are, the rest as JSON."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):  # continuation lines indented under their key
        # A YAML block (``title: >`` or ``|``) ends in a newline: no blank, indented line after it.
        return printable(value.rstrip("\n")).replace("\n", "\n  ")
    return display(value)


def cmd_set(args: argparse.Namespace) -> int:
    """``copydesk set FILE KEY=VALUE...`` (cli_set.py), written through :func:`service_for`."""
    from editor import cli_set

    return cli_set.cmd_set(args, service_for)


def service_for(path: Path) -> DocumentService:
    """A service rooted at the file's Hugo site (or its folder), so local paths resolve as in the app."""
    # Rooted where the path is, not where a symbolic link points: a link out of the site is refused.
    where = path.absolute()
    from editor.core.service import DocumentService

    return DocumentService(find_site_root(where) or where.parent)


def _load(path_text: str) -> Article:
    path = existing(path_text, folder_ok=False)
    try:
        return service_for(path).load(path.absolute())
    except (FrontMatterError, OSError, ValueError) as error:
        raise CommandError(f"{shown_path(path_text)}: {describe_error(error)}") from None


def _verdict(article: Article, as_of: dt.datetime | None) -> PageVerdict:
    """The article's state by its site's rules (cascade, [frontmatter], timeZone, build)."""
    root, _ = desk_for(article.path)
    rules, _ = desk_rules(root).page_rules(Path(article.path).resolve())
    mtime = dt.datetime.fromtimestamp(article.fingerprint.mtime_ns / 1e9, dt.UTC)
    return judge(article.metadata, as_of, rules, mtime=mtime)


def cmd_show(args: argparse.Namespace) -> int:
    """``copydesk show FILE``: the front matter, the state and why, then the body (or all as JSON)."""
    article = _load(args.file)
    verdict = _verdict(article, args.as_of)
    state = verdict.state.value
    if args.json:
        document = {
            "path": args.file,
            "format": article.format.value,
            "state": state,
            "reason": {**verdict.reason.to_json(), "text": verdict.reason.describe(verdict.state)},
            "metadata": jsonable(article.metadata),
            "body": article.body,
        }
        out(json_text(document))
        return 0
    for key, value in article.metadata.items():
        out(f"{printable(key)}: {_plain(value)}")
    if article.metadata:  # no front matter (a page of Markdown alone): no blank line first
        out()
    out(f"state: {state}")
    if verdict.state is not PublishState.PUBLISHED and verdict.reason.key:
        out(f"because: {verdict.reason.describe(verdict.state).partition(': ')[2]}")
    out()
    body = article.body.lstrip("\r\n")  # the blank line after the front matter is not content
    sys.stdout.write(body if body.endswith("\n") or not body else body + "\n")
    return 0


def _bulk(
    files: Sequence[str],
    operation: Callable[[DocumentService, Path], FileResult],
    commit_as: str | None = None,
) -> int:
    """Run ``operation`` on each file; with ``commit_as`` (an action name), commit what was written."""
    from editor.core.service import FileResult, Outcome

    failed = 0
    results = []
    for given in files:
        name = shown_path(given)  # one line whatever the name holds, as list and check show it
        try:
            path = existing(given, folder_ok=False)
        except CommandError as error:
            message = str(error).removeprefix(f"{name}: ")
            result = FileResult(given, Outcome.FAILED, message)
        else:
            result = operation(service_for(path), path.absolute())
        results.append(result)
        if result.outcome is Outcome.FAILED:
            failed += 1
            err(f"{name}: failed: {result.message}")
        else:
            out(f"{name}: {result.outcome.value}")
    committed = cli_git.commit_written(commit_as, results) if commit_as else 0
    return 1 if failed or committed else 0


def cmd_publish(args: argparse.Namespace) -> int:
    """``copydesk publish FILE...``: draft false, each file on its own (``--commit`` commits them)."""
    commit_as = "Publish" if args.commit else None
    return _bulk(args.files, lambda service, path: service.publish([path])[0], commit_as)


def cmd_draft(args: argparse.Namespace) -> int:
    """``copydesk draft FILE...``: back to draft, each file on its own."""
    commit_as = "Back to draft" if args.commit else None
    return _bulk(args.files, lambda service, path: service.unpublish([path])[0], commit_as)
