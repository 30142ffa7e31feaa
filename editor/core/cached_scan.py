"""The desk scan through the index cache: stat every file, parse only the ones that changed.

Split from :mod:`editor.core.index` (which owns what a row is) so that each stays small. The rows are
made by ``index.summary_of_facts`` whether the facts come from the cache or from a parse, so a cached
row cannot differ from a parsed one, and the state is always computed now, from the raw values.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from typing import Any

from editor.core import pool as readers
from editor.core.cache import IndexCache, Kept, file_key
from editor.core.cache_codec import decode_inputs, decode_profile
from editor.core.index import (
    ArticleSummary,
    RowFacts,
    desk_judged_keys,
    judged_row,
    links_outside,
    outside_link_reason,
    read_facts,
)
from editor.core.pool import process_pool
from editor.core.shared_values import shared_text
from editor.core.site_rules import SiteRules
from editor.core.slot_builder import builder
from editor.core.state import PageVerdict, now_utc
from editor.core.verdicts import ANY_RULES, Verdict, as_of_micros, decode_verdict, keep

_STORE_EVERY = 2000  # rows kept per transaction while a big desk is parsed

# (facts, file key or None, cacheable) for a file that had to be parsed
Parsed = tuple[RowFacts, tuple[int, int, int, int] | None, bool]
# One batch's files sorted by what they need: (rows, search texts, to judge again, to parse)
_Sorted = tuple[
    list[Any],
    list["str | None"],
    list[tuple[int, str, str, tuple[Any, ...]]],
    list[tuple[int, str, str, bool]],
]
_HANDED_OUT: _Sorted = ([], [], [], [])
_LOOKED_AT: Any = None  # what replaces a walk entry once it was looked at
# A row of a JSON listing straight from the cache: a tuple whose first item is the relative path
# and whose last two are the state and the row's list --json text.
JsonRow = tuple[Any, ...]


class WalkedFile:
    """What a scan keeps of a walked file (``os.DirEntry``'s ``path``, ``is_symlink`` and
    ``is_file``, as the walk's entry said them): two thirds of an entry's memory, 9 MiB less at
    100,000 files, held while the first batches are made (the launch scan child's peak)."""

    __slots__ = ("_link", "_regular", "path")

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self.path = entry.path
        try:
            self._link = entry.is_symlink()
            self._regular = entry.is_file(follow_symlinks=False)
        except OSError:  # as walk.regular_flags: not a regular file
            self._link = self._regular = False

    def is_symlink(self) -> bool:
        return self._link

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        if follow_symlinks and self._link:
            return os.path.isfile(self.path)
        return self._regular


def walked_files(entries: Iterator[os.DirEntry[str]]) -> list[WalkedFile]:
    """The walk's entries, each as a :class:`WalkedFile`, made as it goes."""
    return [WalkedFile(entry) for entry in entries]


def parse_files(root: str, paths: list[tuple[str, bool]], keys: frozenset[str]) -> list[Parsed]:
    """Facts of ``(path, is_link)`` files; a link is read only when it stays inside ``root``, and
    never cached (its target can change under an unchanged link). ``keys``: ``index.desk_judged_keys``."""
    results: list[Parsed] = []
    for path, is_link in paths:
        if is_link and links_outside(root, path):
            reason = outside_link_reason(path)
            results.append((RowFacts(readable=False, error=reason), None, False))
            continue
        facts, info, cacheable = read_facts(path, keys)
        key = file_key(info) if info is not None else None
        results.append((facts, key, cacheable and not is_link and key is not None))
    return results


def _facts_of_row(row: tuple[Any, ...]) -> RowFacts:
    """The facts of a row as :meth:`IndexCache.facts` gives them (the key, then the facts)."""
    readable, title, source, link, enclosure, summary, error, inputs, shape = row[4:13]
    return RowFacts(
        bool(readable),
        title,
        source,
        link,
        enclosure,
        summary,
        error,
        decode_inputs(inputs),
        decode_profile(shape),  # shared tuples, as vocabulary.profile shares them
    )


def _judged(
    path: str,
    relpath: str,
    facts: RowFacts,
    key: tuple[int, int, int, int] | None,
    as_of: dt.datetime,
    rules: SiteRules,
) -> tuple[ArticleSummary, PageVerdict | None]:
    """The row, by the page's rules now, and the verdict that decided it."""
    mtime_ns, size = (key[1], key[0]) if key else (0, 0)
    if not facts.readable:
        return judged_row(relpath, facts, mtime_ns=mtime_ns, size=size)
    page_rules, language = rules.page_rules(path)  # absolute: the walk starts at a resolved root
    return judged_row(
        relpath,
        facts,
        as_of,
        mtime_ns=mtime_ns,
        size=size,
        rules=page_rules,
        language=language,
    )


def _kept_row(
    relpath: str, row: tuple[Any, ...], decoded: dict[str, Verdict] | None = None
) -> ArticleSummary:
    """The row a listing made from the cached facts and verdict (``IndexCache.rows``' order).
    ``decoded``: the verdicts read so far by their text (a desk of 100,000 files has a few
    thousand distinct ones: each is read once, and its dates are one object for all its rows)."""
    text = row[17]
    verdict = decoded.get(text) if decoded is not None else None
    if verdict is None:
        verdict = decode_verdict(text)
        if decoded is not None:
            decoded[text] = verdict
    state, draft, date, publish_date, date_key, reason, language = verdict
    fields, lists = decode_profile(row[16])
    return _summary(  # every field by position, slot by slot (slot_builder: 1.3 µs, not 2.5)
        relpath,
        row[9],
        date,
        draft,
        state,
        shared_text(row[10]),  # a desk has few sources: one copy each
        row[11],
        row[12],
        row[13],  # summary
        row[14],  # error
        row[2],  # mtime_ns
        row[1],  # size
        bool(row[8]),  # readable
        reason,
        language,
        publish_date,
        date_key,
        fields,
        lists,
    )


_summary = builder(ArticleSummary)  # a warm listing makes one per file: 100,000 at launch


class _RulesIds:
    """The cache's id for the rules of each file's page (None: its verdict cannot be kept), asked
    once per folder where every file in it shares its rules."""

    def __init__(self, cache: IndexCache, rules: SiteRules) -> None:
        self._cache = cache
        self._rules = rules
        self._folders: dict[str, tuple[bool, int | None]] = {}

    def folder(self, parent: str) -> tuple[bool, int | None]:
        """(whether every file right in ``parent`` shares its rules, and then their id)."""
        found = self._folders.get(parent)
        if found is None:
            text = self._rules.folder_verdict_key(parent)
            found = (False, None) if text is None else (True, self._cache.rules_id(text))
            self._folders[parent] = found
        return found

    def of(self, path: str) -> int | None:
        shared, found = self.folder(os.path.dirname(path))
        if shared:
            return found
        text = self._rules.verdict_key(path)
        return None if text is None else self._cache.rules_id(text)


def scan_with_cache(
    root: str,
    entries: list[Any],  # os.DirEntry or WalkedFile
    as_of: dt.datetime | None,
    batch_size: int,
    workers: int,
    cache: IndexCache,
    rules: SiteRules,
    *,
    as_json: bool = False,
    searched: bool = False,
    raw_kept: bool = False,
) -> Iterator[Any]:
    """Batches of rows in path order; unchanged files from ``cache``, the rest parsed (and cached).

    A cached row whose kept verdict still holds (the same rules, "now" inside its interval) is not
    judged again. ``as_json``: a row may come as a :data:`JsonRow` (its ``list --json`` text from
    the cache) instead of an :class:`ArticleSummary`. ``searched``: each batch comes as (rows,
    their search texts), a text kept in the cache or None where the file was parsed (the window
    makes those, :mod:`editor.core.row_search`). ``raw_kept``: a cached row whose verdict holds
    comes as the cache's tuple (:data:`KeptRow`), for :func:`kept_summary` to make into its
    summary in another process (:mod:`editor.core.scan_child`).
    """
    started_ns = time.time_ns()
    moment = as_of if as_of is not None else now_utc()
    now = as_of_micros(moment)
    keys = desk_judged_keys(rules)
    searched = searched and not as_json
    # The child (raw_kept) holds no cached row while it walks: it reads each batch's rows as the
    # batch comes (IndexCache.rows_of: ~130 MiB less at 100,000 files); the others read every row
    # at once, in one query (the CLI's listing and the in-process window: no slower that way).
    streamed = raw_kept and not as_json
    shapes: dict[str, str] = {}  # (streamed) the profile and verdict texts read so far
    seen = bytearray()  # (streamed) by row id: 1 where the walk met the row's file
    if streamed:
        counted, last_id = cache.row_count()
        seen = bytearray(last_id + 1)
        cached: dict[str, tuple[Any, ...]] = {}
    else:
        cached = cache.rows(as_json=as_json, searched=searched, now=now)  # intervals judged there
    ids = _RulesIds(cache, rules)
    cut = len(root) + 1
    slash = os.sep == "/"
    sep = os.sep
    had_row: set[str] = set()  # files to parse that had a cached row
    folder_rules: list[Any] = ["", False, None]  # the last parent folder, shared, its rules id

    def classify(start: int) -> _Sorted:
        """Sort one batch's files into ready rows (a verdict that holds), cached facts to judge
        again and files to parse; the rows themselves are made as the batch is handed out."""
        last_parent, shared, folder_id = folder_rules
        rows: list[Any] = []  # a ready row, or None (to parse or to judge)
        found: list[str | None] = []  # (searched) the cached rows' search texts
        todo: list[tuple[int, str, str, bool]] = []  # (slot, relpath, path, is_link)
        judge: list[tuple[int, str, str, tuple[Any, ...]]] = []  # (slot, path, relpath, row)
        chunk = entries[start : start + batch_size]
        # Each entry keeps its stat result (100,000 of them held 30 MiB): let them go as they are
        # looked at, not at the end of a scan that now hands out rows meanwhile.
        entries[start : start + batch_size] = [_LOOKED_AT] * len(chunk)
        batch_rows = cached
        if streamed:
            relpaths = [entry.path[cut:] for entry in chunk]
            if not slash:
                relpaths = [relpath.replace(sep, "/") for relpath in relpaths]
            batch_rows = cache.rows_of(relpaths, shapes, searched=searched, now=now)
            for read in batch_rows.values():
                seen[read[-1]] = 1  # its row id
        for slot, entry in enumerate(chunk):
            path = entry.path
            relpath = path[cut:] if slash else path[cut:].replace(sep, "/")
            row = batch_rows.pop(relpath, None)  # what is left at the end is gone
            if row is not None:
                if entry.is_symlink():
                    had_row.add(relpath)
                    row = None
                else:
                    # os.stat, not entry.stat(): the entry would keep the result for as long as
                    # the walk's list holds it (100,000 of them were 60 MiB of the window's peak).
                    try:
                        info = os.stat(path)
                    except OSError:
                        row = None
                    else:
                        if (
                            row[2] != info.st_mtime_ns
                            or row[1] != info.st_size
                            or row[3] != info.st_ino
                            or row[4] != info.st_ctime_ns
                        ):
                            row = None
                    if row is None:
                        had_row.add(relpath)
            if row is None:
                rows.append(None)
                found.append(None)
                todo.append((slot, relpath, path, entry.is_symlink()))
                continue
            if searched:
                found.append(row[18])  # the file's facts, so its search text, are as cached
            kept = row[5]
            if kept is not None:  # its rules id, "now" inside its interval (IndexCache.rows)
                if kept != ANY_RULES:
                    parent = path[: path.rfind(sep)] or sep
                    if parent != last_parent:
                        last_parent = parent
                        shared, folder_id = ids.folder(parent)
                    if kept != (folder_id if shared else ids.of(path)):
                        kept = None
                if kept is not None:
                    if not as_json:
                        rows.append(row)  # made into a summary as its batch is handed out
                        continue
                    if row[9] is not None:
                        rows.append(row)  # a JsonRow: path, ..., state, JSON text
                        continue
            rows.append(None)
            judge.append((slot, path, relpath, row))  # facts cached, judged again
        folder_rules[:] = (last_parent, shared, folder_id)
        return rows, found, judge, todo

    pending: list[tuple[str, tuple[int, int, int, int], RowFacts, Kept | None]] = []
    uncacheable: list[str] = []
    decoded: dict[str, Verdict] = {}  # verdict texts read so far (_kept_row)

    def hand_out(batch: _Sorted, parsed: list[Parsed]) -> Any:
        made, found, judge, todo = batch
        if raw_kept:
            _check_kept_rows(made, judge, root, decoded)
        elif not as_json:
            _make_kept_rows(made, judge, root, decoded)
        if judge:
            for slot, value in _judge_again(cache, judge, moment, rules, ids, as_json):
                made[slot] = value
        for (slot, relpath, path, _link), (facts, key, cacheable) in zip(todo, parsed, strict=True):
            summary, verdict = _judged(path, relpath, facts, key, moment, rules)
            made[slot] = summary
            if cacheable and key is not None:
                kept_now = keep(summary, verdict, ids.of(path) if verdict else None)
                pending.append((relpath, key, facts, kept_now))
                if as_json and kept_now is not None and kept_now[5] is not None:
                    made[slot] = (relpath, kept_now[3], kept_now[5])
            elif relpath in had_row:
                uncacheable.append(relpath)
        return (made, found) if searched else made

    # While every file so far is unchanged, each batch goes out as soon as its files are
    # looked at: a warm window shows its first rows without waiting for the last stat.
    start = 0
    sorted_batches: list[_Sorted] = []
    while start < len(entries):
        batch = classify(start)
        start += batch_size
        if batch[3]:  # files to parse: the rest is sorted first, to parse them together
            sorted_batches.append(batch)
            break
        yield hand_out(batch, [])
    while start < len(entries):
        sorted_batches.append(classify(start))
        start += batch_size
    entries.clear()
    gone = cache.paths_unseen(seen) if streamed and seen.count(1) < counted else list(cached)
    cached.clear()
    misses = [batch[3] for batch in sorted_batches]
    total = sum(len(todo) for todo in misses)
    parsed_batches = _parsed_batches(root, misses, workers, total, keys)
    for number, parsed in enumerate(parsed_batches):
        batch = sorted_batches[number]
        sorted_batches[number] = _HANDED_OUT  # let it go
        yield hand_out(batch, parsed)
        if len(pending) >= _STORE_EVERY:
            cache.store(pending, started_ns)
            pending = []
    # Only a scan run to its end writes these; one stopped (Ctrl-C, an error, a window that
    # closed the desk) ends at once, with the rows stored so far. Storing the rows in hand and
    # pruning the rules took up to 0.5 s after Ctrl-C in a cold 100k listing; the next listing
    # parses those files again, and finds the gone ones again.
    cache.store(pending, started_ns)
    cache.forget(gone + uncacheable)
    cache.prune_rules()


def _make_kept_rows(
    made: list[Any],
    again: list[tuple[int, str, str, tuple[Any, ...]]],
    root: str,
    decoded: dict[str, Verdict],
) -> None:
    """Turn a batch's cached rows whose verdict holds into summaries, in place (here, not while
    the files are sorted, so the first batch comes without waiting for the last); a verdict text
    this code cannot read joins ``again``, to be judged from its facts."""
    for slot, row in enumerate(made):
        if type(row) is tuple:
            try:
                made[slot] = _kept_row(row[0], row, decoded)
            except (ValueError, KeyError, TypeError, IndexError):
                made[slot] = None
                path = os.path.join(root, *row[0].split("/"))
                again.append((slot, path, row[0], row))


def _check_kept_rows(
    made: list[Any],
    again: list[tuple[int, str, str, tuple[Any, ...]]],
    root: str,
    decoded: dict[str, Verdict],
) -> None:
    """:func:`_make_kept_rows` for rows made elsewhere (``raw_kept``): each cached row whose
    verdict holds stays the cache's tuple, cut to what :func:`kept_summary` reads, once its verdict
    and profile texts are known to be readable (each distinct text read once); the others join
    ``again``, as there."""
    for slot, row in enumerate(made):
        if type(row) is tuple:
            text = row[17]
            try:
                if text not in decoded:
                    decoded[text] = decode_verdict(text)
                decode_profile(row[16])
            except (ValueError, KeyError, TypeError, IndexError):
                made[slot] = None
                path = os.path.join(root, *row[0].split("/"))
                again.append((slot, path, row[0], row))
            else:
                made[slot] = row[:_KEPT_LENGTH]


# A cached row whose verdict holds, as ``raw_kept`` hands it out: ``IndexCache.rows``' tuple
# without the search text (which comes beside it).
KeptRow = tuple[Any, ...]
_KEPT_LENGTH = 18


def kept_summary(row: KeptRow, decoded: dict[str, Verdict]) -> ArticleSummary:
    """The summary of a :data:`KeptRow`, the one the listing itself would have made of it
    (:func:`_kept_row`). ``decoded``: the verdicts read so far, one dict for a whole listing."""
    return _kept_row(row[0], row, decoded)


def _judge_again(
    cache: IndexCache,
    rows: list[tuple[int, str, str, tuple[Any, ...]]],
    moment: dt.datetime,
    rules: SiteRules,
    ids: _RulesIds,
    as_json: bool,
) -> list[tuple[int, Any]]:
    """The rows of cached files whose kept verdict no longer holds, judged again from their cached
    facts (read now: ``IndexCache.rows`` holds no judged inputs, and none of a JSON listing's
    facts); their verdicts kept."""
    facts_of = cache.facts(relpath for _slot, _path, relpath, _row in rows)
    out: list[tuple[int, Any]] = []
    updates: list[tuple[str, tuple[int, int, int, int], Kept | None]] = []
    for slot, path, relpath, row in rows:
        key = row[1:5]
        found = facts_of.get(relpath)
        if found is None or found[:4] != key:  # changed in the cache meanwhile: parse it
            facts, info, _ = read_facts(path, desk_judged_keys(rules))
            summary, _verdict = _judged(
                path, relpath, facts, file_key(info) if info else None, moment, rules
            )
            out.append((slot, summary))
            continue
        facts = _facts_of_row(found)
        summary, verdict = _judged(path, relpath, facts, key, moment, rules)
        kept = keep(summary, verdict, ids.of(path) if verdict else None)
        updates.append((relpath, key, kept))
        if as_json and kept is not None and kept[5] is not None:
            out.append((slot, (relpath, kept[3], kept[5])))
        else:
            out.append((slot, summary))
    cache.store_verdicts(updates)
    return out


def _parsed_batches(
    root: str,
    misses: list[list[tuple[int, str, str, bool]]],
    workers: int,
    total: int,
    keys: frozenset[str],
) -> Iterator[list[Parsed]]:
    """The parse results of each batch's misses, in order; by a process pool when there are many."""
    jobs = [[(path, link) for _slot, _rel, path, link in todo] for todo in misses]
    if workers <= 1 or total < readers.PARALLEL_THRESHOLD:
        for job in jobs:
            yield parse_files(root, job, keys) if job else []
        return
    with process_pool(workers) as pool:
        with readers.ctrl_c_held():  # the readers start with their first jobs (see ctrl_c_held)
            futures = {
                number: pool.submit(parse_files, root, job, keys)
                for number, job in enumerate(jobs)
                if job and number > 0
            }
        try:
            # The first batch is parsed here while the pool starts.
            yield parse_files(root, jobs[0], keys) if jobs and jobs[0] else []
            for number in range(1, len(jobs)):
                future = futures.get(number)
                yield future.result() if future is not None else []
        except BaseException:
            readers.stop(pool)  # a listing stopped: its readers too, now (see there)
            raise
