"""The index cache's file: where it lives, its version and schema, and opening, checking and
rebuilding it (:mod:`editor.core.cache` reads and writes its rows).

The version is what makes a cache from other code never trusted: the schema's number, the app's
version, a checksum of the source of every module that decides what is kept (:data:`FACT_MODULES`;
``tests/core/test_cache_version.py`` walks their imports), the parsers' version and the site's
state keys. Another version is rebuilt on open."""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__

if TYPE_CHECKING:  # imported where a database is opened: the quick answer opens none
    import sqlite3

SCHEMA_VERSION = 4  # 3: each row keeps its verdict (editor.core.verdicts); 4: its search text
BUSY_MS = 100  # wait this long for a second Copydesk's write, then go on without the cache


def default_cache_dir() -> Path:
    """Where caches live: ``COPYDESK_CACHE_DIR``, else ``$XDG_CACHE_HOME/copydesk``, else ~/.cache."""
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


# The modules whose code decides the cached facts: a change to any of them (even between two releases
# with the same version number, as while developing) makes a different cache version.
FACT_MODULES = (
    "index",
    "cache",
    "cache_file",
    "cache_codec",
    "cached_scan",
    "frontmatter",
    "fast_parsers",
    "files",
    "state",
    "values",
    "errors",
    "limits",
    "vocabulary",
    "site",
    "site_rules",
    "verdicts",
    "names",
    "row_search",
    "shared_values",
    "hugo_keys",
    "cascade",
    "slot_builder",
    "warm_snapshot",
    "tree_look",
    "walk",  # which files a kept answer lists (warm_snapshot keeps whole listings)
    "disk_names",  # the names the walk passes over
    "kept_listing",  # how a kept answer is read
    "listing_inputs",  # and when the quick answer trusts it
    "site_inputs",  # by which inputs
    "atomic",  # its temp files' name, which the walk leaves out
    "kept_launch",  # the launch scan's kept frames: when they are kept and sent
    "scan_child",  # what the frames hold (the window reads them; kept ones hold no packed row)
    "row_columns",  # the list's columns a kept launch's frames hold (scan_child.ready_frames)
)
# Imported by those at load time, but deciding nothing that is kept (tests/core/test_cache_version.py).
FACT_NEUTRAL = frozenset({"git", "pool"})


def code_files() -> list[str]:
    """The sources of FACT_MODULES."""
    folder = os.path.dirname(os.path.abspath(__file__))
    return [os.path.join(folder, f"{name}.py") for name in FACT_MODULES]


def code_stamp() -> str:
    """A checksum of the sources of FACT_MODULES ("frozen" where there are none)."""
    stamp = 0
    for path in code_files():
        try:
            with open(path, "rb") as handle:
                stamp = zlib.crc32(handle.read(), stamp)
        except OSError:  # a frozen build has no sources; its version number changes with its code
            return "frozen"
    return f"{stamp:08x}"


def version_text(state_keys: tuple[str, ...]) -> str:
    """The version a cache must have been made with to be trusted."""
    from editor.core.fast_parsers import PARSER_VERSION  # here: the quick answer needs none

    return f"{SCHEMA_VERSION}|{__version__}|{code_stamp()}|{PARSER_VERSION}|{','.join(state_keys)}"


SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ino INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL, readable INTEGER NOT NULL,
        title TEXT NOT NULL, source TEXT NOT NULL, source_link TEXT NOT NULL,
        enclosure TEXT NOT NULL, summary TEXT NOT NULL, error TEXT, inputs TEXT NOT NULL,
        profile TEXT NOT NULL,
        body_indexed INTEGER NOT NULL DEFAULT 0,
        rules_id INTEGER, valid_from INTEGER, valid_until INTEGER, state TEXT, verdict TEXT,
        search TEXT
    )""",
    # What `list --json` reads of each file, in a table of its own so that a warm listing reads a
    # third of the bytes: the key, the kept verdict's rules and interval, the state, the JSON text.
    """CREATE TABLE listed (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ino INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        rules_id INTEGER, valid_from INTEGER, valid_until INTEGER, state TEXT, row_json BLOB
    )""",
    "CREATE TRIGGER listed_gone AFTER DELETE ON files BEGIN "
    "DELETE FROM listed WHERE path = old.path; END",
    # The texts that name a page's rules (SiteRules.verdict_key), by the id a verdict keeps; never
    # an id used before (AUTOINCREMENT), so a verdict of pruned rules matches no new ones.
    "CREATE TABLE rules (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE bodies USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    # A body indexed for an older version of a file goes with it.
    "CREATE TRIGGER files_deleted AFTER DELETE ON files BEGIN "
    "DELETE FROM bodies WHERE rowid = old.id; END",
    "CREATE TRIGGER files_changed AFTER UPDATE OF size, mtime_ns, ino, ctime_ns ON files BEGIN "
    "DELETE FROM bodies WHERE rowid = old.id; END",
)


def database_path(root: Path | str, cache_dir: Path | None) -> Path:
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    real_root = os.path.realpath(root)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", os.path.basename(real_root))[:32]
    return folder / f"desk-{slug}-{name_key(real_root)}.sqlite3"


def name_key(text: str) -> str:
    """Sixteen hex digits naming ``text`` in a cache file's name: crc32 + adler32 (zlib: hashlib
    would load OpenSSL, 6 ms of every listing's start-up)."""
    raw = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def connect(path: Path) -> sqlite3.Connection:
    import sqlite3  # here (and below): database_path alone, the quick answer's, needs none

    connection = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    connection.isolation_level = ""  # type: ignore[assignment]  # transactions by `with` only
    return connection


def prepare(connection: sqlite3.Connection, version: str, root: str) -> bool:
    """Check the version (rebuild on a mismatch); False when another Copydesk holds the lock."""
    import sqlite3

    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        found = stored_version(connection)
        if found == version:
            # No integrity check here (it reads the whole file): damage shows when rows are read.
            return True
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            if stored_version(connection) == version:  # a second Copydesk just rebuilt it
                return True
            for kind, name in connection.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'bodies_%'"
            ).fetchall():
                connection.execute(f'DROP {kind} IF EXISTS "{name}"')
            for statement in SCHEMA:
                connection.execute(statement)
            connection.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("version", version), ("root", root)],
            )
        return True
    except sqlite3.OperationalError as error:
        if is_busy(error):
            return False
        raise sqlite3.DatabaseError(str(error)) from None


def stored_version(connection: sqlite3.Connection) -> str | None:
    import sqlite3

    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise
        return None  # no meta table: a new (or foreign) database
    return row[0] if row else None


def is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def remove_database(path: Path) -> bool:
    try:
        # ".listing": a warm list --json's kept answer (warm_snapshot), which goes with its cache;
        # ".launch": the launch scan's kept frames (kept_launch), made of its rows
        for suffix in ("", "-wal", "-shm", "-journal", ".listing", ".launch"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{path}{suffix}")
    except OSError:
        return False
    return True
