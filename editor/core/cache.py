"""The persistent index cache: what each article file says, kept in SQLite between listings.

A listing of a desk where nothing changed costs a ``stat`` per file and one read of this table instead
of a parse per file. A row is trusted only while the file's path, size, modification time, inode and
status-change time are all what they were when it was parsed; anything else is parsed again. What is
kept are the *facts* (``index.RowFacts``: the title and the other shown texts, and the raw values of the
keys the state is decided from, with the keys as written), and the *verdict* the last listing judged
from them (:mod:`editor.core.verdicts`) with what it holds for: the text naming the page's rules and
the clock interval in which its state cannot change. Outside those, the row is judged again from the
facts, so neither the clock nor the site's rules can come out of the cache. It never changes a result:

* the version (schema, app, parsers, the state keys) is checked on open; another one is rebuilt;
* a corrupt or truncated file is deleted and rebuilt; one that cannot be opened, or is locked by a
  second Copydesk, means no cache (the listing parses everything, as without a cache);
* a file modified in the last two seconds is not cached (its time stamp could hide a second change in
  the same clock tick, git's "racy clean" problem); a symbolic link is never cached (its target can
  change under an unchanged link);
* values are stored with their exact type (see :mod:`editor.core.cache_codec`), and a value that
  would not come back identical is not cached: the file is parsed each time instead.

The database lives in the user's cache folder (``$XDG_CACHE_HOME/copydesk``, or ``COPYDESK_CACHE_DIR``),
one file per desk, in WAL mode so that readers never wait for a writer. Body text is indexed with FTS5
on request (:mod:`editor.core.body_search`), so listings stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from editor.core import cache_file
from editor.core.cache_codec import encode_inputs, encode_profile
from editor.core.cache_file import (
    connect,
    database_path,
    default_cache_dir,
    prepare,
    remove_database,
    stored_version,
    version_text,
)
from editor.core.row_search import search_words
from editor.core.state import judged_keys

T = TypeVar("T")

# A file whose modification time is this close to now is parsed but not cached.
RACY_NS = 2_000_000_000

FileKey = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def file_key(info: os.stat_result) -> FileKey:
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


_KEY = "size, mtime_ns, ino, ctime_ns"
_FACTS = "readable, title, source, source_link, enclosure, summary, error, inputs, profile"
_KEPT = "rules_id, valid_from, valid_until"
_FACTS_LISTED = _FACTS.replace("inputs", "NULL")  # what rows() holds of the facts
# ... and for the window's list, which shows no summary, source link or cover link (their words
# are in the search text): 56 MiB of texts at 100,000 rows, read and dropped again.
_FACTS_SEARCHED = _FACTS_LISTED.replace("source_link, enclosure, summary", "'', '', ''")
_PROFILE = 16  # where rows() gives the profile text
_VERDICT = f"{_KEPT}, state, verdict"
_NO_VERDICT = (None, None, None, None, None, None)
# rules id, valid from, valid until (µs), state, verdict text, row JSON (verdicts.keep)
Kept = tuple[int, int, int, str, str, bytes | None]


class IndexCache:
    """One desk's cache. Every method fails soft: an SQLite error turns the cache off, never a result."""

    def __init__(self, connection: sqlite3.Connection | None, path: Path) -> None:
        self._db: sqlite3.Connection | None = connection
        self.path = path
        self._rule_ids: dict[str, int] | None = None  # rules text -> id, read when first asked
        self._new_rules = False

    # --- opening ------------------------------------------------------------------------------------

    @classmethod
    def open_for(
        cls,
        root: Path | str,
        cache_dir: Path | None = None,
        state_keys: tuple[str, ...] | None = None,
    ) -> IndexCache | None:
        """The cache of the desk at ``root``, made or rebuilt as needed; None when there can be none."""
        if state_keys is None:
            state_keys = tuple(sorted(judged_keys()))
        folder = cache_dir if cache_dir is not None else default_cache_dir()
        real_root = os.path.realpath(root)
        path = database_path(root, folder)
        version = f"{version_text(state_keys)}|{real_root}"
        for attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                connection = connect(path)
                if prepare(connection, version, real_root):
                    return cls(connection, path)
                connection.close()
                return None  # locked by another Copydesk while it is being rebuilt
            except sqlite3.DatabaseError:
                # Corrupt, truncated or not a database at all: start again, once.
                with contextlib.suppress(NameError, sqlite3.Error):
                    connection.close()
                if attempt == 0 and not remove_database(path):
                    return None
            except OSError:
                return None
        return None

    @staticmethod
    def stored_bytes(root: Path | str, cache_dir: Path | None = None) -> int:
        """How big the cache a listing of ``root`` made is on disk (0: there is none), without
        opening it: a measure of the desk's size before it is walked."""
        try:
            return database_path(root, cache_dir).stat().st_size
        except OSError:
            return 0

    @classmethod
    def open_existing(cls, root: Path | str, cache_dir: Path | None = None) -> IndexCache:
        """The cache a listing of ``root`` made, as it is (never rebuilt: for the body search,
        which must not drop what the listing keeps); an unusable one when there is none."""
        path = database_path(root, cache_dir)
        try:
            if path.exists():
                connection = connect(path)
                found = stored_version(connection)
                if found is not None and found.startswith(f"{cache_file.SCHEMA_VERSION}|"):
                    return cls(connection, path)
                connection.close()
        except sqlite3.Error:
            pass
        return cls(None, path)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> IndexCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def usable(self) -> bool:
        return self._db is not None

    def _fail(self, error: sqlite3.Error) -> None:
        """An SQLite error mid-way: stop using the cache for the rest of this run; a damaged file
        is removed, so the next run builds a new one (a busy one is left to its other user)."""
        self.close()
        text = str(error).lower()
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            remove_database(self.path)

    # --- rows ---------------------------------------------------------------------------------------

    def rows(
        self, *, as_json: bool = False, searched: bool = False, now: int | None = None
    ) -> dict[str, tuple[Any, ...]]:
        """Every cached row by relative path (empty when the cache cannot be read): the path, the
        file key, the kept verdict's rules id and interval (:mod:`editor.core.verdicts`), then the
        state and the row's JSON text (``as_json``) or else the facts (as :meth:`facts` gives them)
        and the verdict text, and with ``searched`` the row's search text last
        (:mod:`editor.core.row_search`, made from the facts and the path alone: only the window
        reads it) and the summary, source link and cover link empty (the window's list keeps
        none of them: ``row_columns.list_row``). One query, of only the columns that listing needs.

        Every row is held at once (the listing's peak memory), so the facts come without the
        encoded inputs (None: a row judged again reads them with :meth:`facts`), and one copy of
        each profile text (most files of a desk share one shape): 40 MiB less at 100,000 rows, and
        of each verdict text (a few thousand kinds): 17 MiB less.

        With ``now`` (``as_of_micros``), the interval is judged here: the rules id comes only where
        ``now`` is inside it, and the interval as None, None. Two 64-bit integers per row that the
        scan compared once and dropped were 9.6 MiB at 100,000 rows, made at once here and freed
        among the rows the window keeps (the C heap kept them as holes: issue 9's memory)."""
        if self._db is None:
            return {}
        query = _rows_query(as_json, searched, now)
        try:
            if as_json:
                return {row[0]: row for row in self._db.execute(query)}
            return _shared_rows(self._db.execute(query), {})
        except sqlite3.Error as error:
            self._fail(error)
            return {}

    def row_count(self) -> tuple[int, int]:
        """(how many files have a row, the highest row id): what a scan reading its rows batch by
        batch (:meth:`rows_of`) needs to find the files gone (:meth:`paths_unseen`)."""
        if self._db is None:
            return 0, 0
        try:
            counted, last = self._db.execute("SELECT count(*), max(id) FROM files").fetchone()
        except sqlite3.Error as error:
            self._fail(error)
            return 0, 0
        return counted, last or 0

    def paths_unseen(self, seen: bytearray) -> list[str]:
        """The relative paths of the rows whose id ``seen`` has no 1 for, among the ids it spans
        (a row added since has a higher one): the files a scan's walk did not meet."""
        if self._db is None:
            return []
        try:
            cursor = self._db.execute("SELECT id, path FROM files WHERE id < ?", (len(seen),))
            return [path for row_id, path in cursor if not seen[row_id]]
        except sqlite3.Error as error:
            self._fail(error)
            return []

    def rows_of(
        self,
        relpaths: list[str],
        shapes: dict[str, str],
        *,
        searched: bool = False,
        now: int | None = None,
    ) -> dict[str, tuple[Any, ...]]:
        """:meth:`rows` (not ``as_json``) of these paths only (a batch's files), each with its row
        id last, in one query per 999 (SQLite's oldest limit of bound values). ``shapes``: the
        profile and verdict texts read so far, one dict for a whole scan (each distinct text one
        object, as in :meth:`rows`). With ``now``, each row's interval comes beside its rules id
        (a batch's rows are not held: what a kept launch holds for is its rows' own intervals,
        ``editor.core.kept_launch``)."""
        wanted = [path for path in relpaths if storable((path,))]  # the others are never kept
        if self._db is None or not wanted:
            return {}
        found: dict[str, tuple[Any, ...]] = {}
        query = _rows_query(False, searched, now, intervals=True).replace(
            " FROM files", ", id FROM files"
        )
        try:
            for start in range(0, len(wanted), 999):
                chunk = wanted[start : start + 999]
                cursor = self._db.execute(
                    f"{query} WHERE path IN ({', '.join('?' * len(chunk))})", chunk
                )
                found.update(_shared_rows(cursor, shapes))
        except sqlite3.Error as error:
            self._fail(error)
            return {}
        return found

    def facts(self, relpaths: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """The key and facts columns of these rows: (size, mtime_ns, ino, ctime_ns, readable, title,
        source, source_link, enclosure, summary, error, encoded inputs, encoded profile)."""
        wanted = [path for path in relpaths if storable((path,))]  # the others are never kept
        found: dict[str, tuple[Any, ...]] = {}
        if self._db is None or not wanted:
            return found
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                cursor = self._db.execute(
                    f"SELECT path, {_KEY}, {_FACTS} FROM files "
                    f"WHERE path IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )
                found.update((row[0], row[1:]) for row in cursor)
        except sqlite3.Error as error:
            self._fail(error)
            return {}
        return found

    def rules_id(self, text: str) -> int | None:
        """The id the rules named by ``text`` (``SiteRules.verdict_key``) are kept under, added
        when new; None without a cache."""
        if self._db is None:
            return None
        if self._rule_ids is None:
            try:
                self._rule_ids = dict(self._db.execute("SELECT text, id FROM rules"))
            except sqlite3.Error as error:
                self._fail(error)
                return None
        found = self._rule_ids.get(text)
        if found is None:
            try:
                with self._db:
                    self._db.execute("INSERT OR IGNORE INTO rules (text) VALUES (?)", (text,))
                    row = self._db.execute(
                        "SELECT id FROM rules WHERE text = ?", (text,)
                    ).fetchone()
            except sqlite3.Error as error:
                self._fail(error)
                return None
            found = self._rule_ids[text] = row[0]
            self._new_rules = True
        return found

    def store(
        self, rows: Iterable[tuple[str, FileKey, Any, Kept | None]], now_ns: int | None = None
    ) -> None:
        """Keep the facts of freshly parsed files, and their verdicts when they have one:
        ``(relpath, file key, RowFacts, verdicts.keep(...))``."""
        if self._db is None:
            return
        limit = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
        values = []
        listed = []
        for relpath, key, facts, kept in rows:
            if key[1] > limit:
                continue
            inputs = encode_inputs(facts.judged)
            shape = encode_profile(facts.profile)
            if inputs is None or shape is None:
                continue
            values.append(
                (
                    relpath,
                    *key,
                    1 if facts.readable else 0,
                    facts.title,
                    facts.source,
                    facts.source_link,
                    facts.enclosure,
                    facts.summary,
                    facts.error,
                    inputs,
                    shape,
                    *(kept if kept is not None else _NO_VERDICT)[:5],
                    _search_of(relpath, facts),
                )
            )
            listed.append((relpath, *key, *_listed(kept)))
        if not values:
            return
        try:
            self._insert(values, listed)
        except UnicodeEncodeError:  # the rare row SQLite cannot take: keep the others
            values = [row for row in values if storable(row)]
            kept_paths = {row[0] for row in values}
            self._insert(values, [row for row in listed if row[0] in kept_paths and storable(row)])

    def _insert(self, values: list[tuple[Any, ...]], listed: list[tuple[Any, ...]]) -> None:
        if self._db is None or not values:
            return
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT INTO files (path, {_KEY}, {_FACTS}, {_VERDICT}, search) "
                    f"VALUES ({', '.join('?' * 20)}) "
                    "ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
                    "mtime_ns = excluded.mtime_ns, ino = excluded.ino, "
                    "ctime_ns = excluded.ctime_ns, readable = excluded.readable, "
                    "title = excluded.title, source = excluded.source, "
                    "source_link = excluded.source_link, enclosure = excluded.enclosure, "
                    "summary = excluded.summary, error = excluded.error, "
                    "inputs = excluded.inputs, profile = excluded.profile, body_indexed = 0, "
                    "rules_id = excluded.rules_id, valid_from = excluded.valid_from, "
                    "valid_until = excluded.valid_until, state = excluded.state, "
                    "verdict = excluded.verdict, search = excluded.search",
                    values,
                )
                self._db.executemany(
                    f"INSERT OR REPLACE INTO listed (path, {_KEY}, {_KEPT}, state, row_json) "
                    f"VALUES ({', '.join('?' * 10)})",
                    listed,
                )
        except sqlite3.Error as error:
            self._fail(error)

    def store_verdicts(self, rows: Iterable[tuple[str, FileKey, Kept | None]]) -> None:
        """Keep the new verdicts of cached rows judged again (the rules or the clock moved), or
        drop a verdict that cannot be kept; a row whose file changed meanwhile is left alone."""
        if self._db is None:
            return
        values = []
        listed = []
        for relpath, key, kept in rows:
            values.append((*(kept if kept is not None else _NO_VERDICT)[:5], relpath, *key))
            listed.append((*_listed(kept), relpath, *key))
        if not values:
            return
        if not all(storable(row) for row in values):  # a lone surrogate: no row of it is kept
            values = [row for row in values if storable(row)]
            listed = [row for row in listed if storable(row)]
        where = "WHERE path = ? AND size = ? AND mtime_ns = ? AND ino = ? AND ctime_ns = ?"
        try:
            with self._db:
                self._db.executemany(
                    "UPDATE files SET rules_id = ?, valid_from = ?, valid_until = ?, state = ?, "
                    f"verdict = ? {where}",
                    values,
                )
                self._db.executemany(
                    "UPDATE listed SET rules_id = ?, valid_from = ?, valid_until = ?, state = ?, "
                    f"row_json = ? {where}",
                    listed,
                )
        except sqlite3.Error as error:
            self._fail(error)

    def prune_rules(self) -> None:
        """Drop the rules no row is kept by any more (after a listing that added some)."""
        if self._db is None or not self._new_rules:
            return
        try:
            with self._db:
                self._db.execute(
                    "DELETE FROM rules WHERE id NOT IN (SELECT rules_id FROM files "
                    "WHERE rules_id IS NOT NULL UNION SELECT rules_id FROM listed "
                    "WHERE rules_id IS NOT NULL)"
                )
        except sqlite3.Error as error:
            self._fail(error)
        self._new_rules = False
        self._rule_ids = None

    def forget(self, relpaths: Iterable[str]) -> None:
        """Drop the rows of files that are gone (or can no longer be cached)."""
        if self._db is None:
            return
        gone = [(path,) for path in relpaths if storable((path,))]
        if not gone:
            return
        try:
            with self._db:
                self._db.executemany("DELETE FROM files WHERE path = ?", gone)
        except sqlite3.Error as error:
            self._fail(error)

    def run(
        self, work: Callable[[sqlite3.Connection], T], default: T, *, keep_open: bool = False
    ) -> T:
        """``work(connection)``, or ``default`` without a cache or on an SQLite error (which turns
        the cache off for this run unless ``keep_open``: a failed query is no damaged file)."""
        if self._db is None:
            return default
        try:
            return work(self._db)
        except sqlite3.Error as error:
            if not keep_open:
                self._fail(error)
            return default


def _rows_query(as_json: bool, searched: bool, now: int | None, intervals: bool = False) -> str:
    """The query of :meth:`IndexCache.rows` (its docstring says which columns); ``intervals``:
    with ``now``, the interval kept too (:meth:`IndexCache.rows_of`)."""
    kept = (
        _KEPT
        if now is None
        else f"CASE WHEN valid_from <= {int(now)} AND {int(now)} < valid_until"
        f" THEN rules_id END, {'valid_from, valid_until' if intervals else 'NULL, NULL'}"
    )
    if as_json:
        return f"SELECT path, {_KEY}, {kept}, state, row_json FROM listed"
    facts, search = (_FACTS_SEARCHED, ", search") if searched else (_FACTS_LISTED, "")
    return f"SELECT path, {_KEY}, {kept}, {facts}, verdict{search} FROM files"


def _shared_rows(
    cursor: Iterable[tuple[Any, ...]], shapes: dict[str, str]
) -> dict[str, tuple[Any, ...]]:
    """The rows by path, each profile and verdict text one object per distinct text."""
    return {
        row[0]: (
            *row[:_PROFILE],
            shapes.setdefault(row[_PROFILE], row[_PROFILE]),
            shapes.setdefault(row[_PROFILE + 1], row[_PROFILE + 1]),  # the verdict
            *row[_PROFILE + 2 :],
        )
        for row in cursor
    }


def storable(row: tuple[Any, ...]) -> bool:
    """Whether SQLite can take the texts of ``row``: it keeps text as UTF-8, and a lone surrogate
    (the name of a file that is not UTF-8, a JSON title with "\\ud800") has none. Such a row is
    not kept: its file is read again at every listing, and listed exactly as without the cache."""
    try:
        for value in row:
            if type(value) is str and not value.isascii():
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _search_of(relpath: str, facts: Any) -> str:
    """The search text of a file's row, from its facts (an unreadable file's row shows none)."""
    if not facts.readable:
        return search_words("", relpath, "", "")
    return search_words(facts.title, relpath, facts.source, facts.summary)


def _listed(kept: Kept | None) -> tuple[Any, ...]:
    """The ``listed`` table's part of a kept verdict: rules id, interval, state, JSON text."""
    if kept is None or kept[5] is None:  # no JSON text: the listing judges the row each time
        return (None, None, None, None, None)
    return (*kept[:4], kept[5])
