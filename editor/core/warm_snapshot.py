"""A warm ``list --json`` from the last listing's whole answer, when the desk's tree is the same.

A warm listing whose every row comes from the index cache still looked at every file in Python:
the walk, a ``stat`` per file, the cached rows read and compared one by one (1 s at 100,000
files, 1/7 of Hugo; issue 9 asks 1/20). Here GNU ``find`` walks and ``stat``s the content folders
in C, in a process of its own (the second core), while this one starts; its output names every
folder and file with its type, and every file with its size, modification and status-change times
in nanoseconds and inode. When that output is byte for byte the one the last listing kept, with the
same code, site config, content folders and state keys, and "now" inside every kept verdict's
clock interval, the last listing's rows are this one's, and are written as they were kept (the
git fields are read now, as ever). Otherwise the listing is made as before, and its answer kept
for the next one when it can be trusted (:func:`Probe.keep`).

Why it cannot change a result: the walk is a function of the folders' names and the entries'
types alone (no link: any entry that is not a plain file or folder means no snapshot; nor a
Copydesk temp file, which the walk removes; nor an unreadable folder, which ``find`` reports); a
row is a function of its file (trusted by the same key as the cache's rows), the page's rules
(the site config's text here; the ``_index`` cascades are files of the same tree, and every
content folder is walked) and the clock (the intersection of the rows' intervals). A listing's
answer is kept only when every row's cached key is what ``find`` printed for its file, checked
row by row against the rows' keys in the cache. ``find`` that is not GNU's, or prints anything
else, means the listing as before.

The snapshot is a file beside the cache's database (``….sqlite3.listing``), replaced whole
(written aside, then renamed), its header naming everything it holds for. It is written aside
while the listing's rows are checked and the second ``find`` runs, holding for no moment (the
interval 0, 0) until both agreed: then its interval is written in and it is renamed.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import os
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import editor
from editor.core import cache_file, kept_listing, listing_inputs
from editor.core.cache import RACY_NS, IndexCache, storable
from editor.core.fast_parsers import PARSER_FILES
from editor.core.kept_listing import MAGIC, ROW_END, ROW_SEPARATOR, SIZES, Snapshot, snapshot_path
from editor.core.site import content_roots
from editor.core.site_inputs import desk_inputs
from editor.core.site_rules import SiteRules, stable_text
from editor.core.tree_look import Look, Looked, file_record, key_text, plain_tree, printed_records


class Probe:
    """One listing's look at its desk: ``find`` started at once (:func:`start`), the kept
    snapshot compared with its output (:meth:`hit`), and, when it is not the same, the listing
    made as before and its answer kept afterwards (:meth:`keep`)."""

    def __init__(
        self,
        base: Path,
        database: Path,
        header: bytes,
        roots: list[str],
        now: int,
        cache_dir: Path | None,
        state_keys: tuple[str, ...],
        inputs: tuple[str, list[str], int] | None = None,
        looked: Looked | None = None,
        cores: int = 2,
    ) -> None:
        self._base = base
        self._database = database
        self._header = header
        self._roots = roots
        self._now = now
        self._cache_dir = cache_dir
        self._state_keys = state_keys
        self._inputs = inputs  # the real desk, the paths to note and when the listing began
        self._started_ns = time.time_ns()
        self.cores = cores  # the finds of a look (tree_look.Look.start)
        # A look taken just before by the quick answer (cli_kept), of the same folders: this
        # listing's first (it was taken before the listing reads a file), not taken again.
        reuse = (
            looked is not None and looked.starts == roots and looked.desk == os.path.realpath(base)
        )
        self._process = None if reuse else self._find()
        self._found: bytes | None = looked.found if reuse and looked is not None else None
        self._kept: Snapshot | None = None
        self._again: Look | None = None  # the second look (keep)

    def _find(self) -> Look | None:
        return Look.start(self._base, self._roots, self.cores)

    def found(self) -> bytes | None:
        """What the first look printed (waited for), or None (:meth:`tree_look.Look.output`)."""
        process = self._process
        if process is not None:
            self._process = None
            self._found = process.output()
        return self._found

    def close(self) -> None:
        """Close the kept snapshot, and stop ``find`` if it is still running (a listing that
        ended early)."""
        if self._kept is not None:
            self._kept.close()
            self._kept = None
        for look in (self._process, self._again):
            if look is not None:
                look.stop()
        self._process = self._again = None

    def hit(self) -> Snapshot | None:
        """The kept snapshot (open: :meth:`close` closes it) when it holds for the desk as
        ``find`` sees it now, else None. Waits for ``find`` either way: a listing made after
        this one is bracketed by two (:meth:`keep`)."""
        kept = _read(snapshot_path(self._database), self._header, self._now)
        found = self.found()
        if kept is None:
            return None
        self._kept = kept
        try:
            same = found is not None and kept.found() == found
        except OSError:
            same = False
        return kept if same else None

    def scanned(self) -> None:
        """The listing's walk, stats and reads are done: the second ``find`` of :meth:`keep`
        starts now, while the listing writes its rows."""
        if self._again is None:
            self._again = self._find()

    def found_again(self) -> bytes | None:
        """What the second look printed (started by :meth:`scanned` if it was not; waited for),
        or None."""
        self.scanned()
        again, self._again = self._again, None
        return again.output() if again is not None else None

    @property
    def header(self) -> bytes:
        """What the answer is kept for (code, desk, content folders, site): see :func:`start`."""
        return self._header

    @property
    def started_ns(self) -> int:
        """When this probe began, before the listing looked at a file (the racy rule's clock)."""
        return self._started_ns

    def keep(self, rows: list[Any], tail: bytes = ROW_END) -> bool:
        """Keep the answer of the listing made after :meth:`hit` (``rows``: every row it wrote,
        in order; ``tail``: what replaced each row's :data:`ROW_END`, the git fields all rows
        shared) for the next listing. Only when the desk did not change meanwhile (a second
        ``find``, started once the listing had read the desk, :meth:`scanned`, prints what the
        first did: the walk, the stats and the reads saw that tree), no file is in its last two
        seconds (the cache's racy rule) and every row is a JSON row (path, ..., state, JSON text)
        whose verdict the cache keeps, with its interval.

        The answer file is written aside on a thread (the kernel's copy of 40 MB at 50,000 rows,
        0.09 s, without the lock) while the rows are checked here and the second ``find`` is
        waited for; its interval is filled in, and it is renamed into place, only once both
        agree (:class:`_Aside`)."""
        found = self.found()
        self.scanned()
        again, self._again = self._again, None
        if again is None:
            return False
        aside = None
        interval = None
        try:
            parts = _parts(found, rows, tail)
            if parts is None or found is None:
                return False
            head = (self._header, self._noted())
            aside = _Aside(snapshot_path(self._database), len(rows), (*head, *parts))
            interval = self._rows_hold(rows, found)
        finally:
            second = again.output()
            if aside is not None and (interval is None or second != found):
                aside.drop()
        if aside is None or interval is None or second != found:
            return False
        return aside.finish(interval)

    def _noted(self) -> bytes:
        """The inputs noted for the quick answer (:mod:`editor.core.listing_inputs`), or b""."""
        if self._inputs is None:
            return b""
        desk, paths, begun_ns = self._inputs
        return listing_inputs.note(desk, self._roots, paths, begun_ns - RACY_NS)

    def _rows_hold(self, rows: list[Any], found: bytes) -> tuple[int, int] | None:
        """Where the rows hold (every kept verdict's interval, "now" inside it), when each row's
        verdict is kept and its file is out of the racy window; else None.

        The two ``find`` outputs being the same, every file's key stayed what ``find`` printed
        while the listing looked (a change moves the status-change time, which never goes
        back): a row the cache gave just now (``IndexCache.rows``' JSON row: path, the key the
        listing's ``stat`` matched, the rules id when its interval holds, two Nones, state,
        text) is of that file. A row made now is looked up: its text must be the one the cache
        keeps with the key ``find`` printed (a file too fresh to cache keeps an older row)."""
        limit = self._started_ns - RACY_NS
        cached = [row for row in rows if len(row) == _CACHED_ROW]
        others = [row for row in rows if len(row) != _CACHED_ROW] if len(cached) < len(rows) else []
        # each cached row's rules id (its interval holds), out of the racy window, with its text
        if cached and (
            None in map(_RULES_ID, cached)
            or max(map(_MTIME, cached)) > limit
            or None in map(_TEXT, cached)
        ):
            return None
        records = printed_records(found)
        # That argument needs find to print each key whole (to the nanosecond): a few rows
        # checked against what it printed, the same printf for every file.
        for row in cached[:: max(1, len(cached) // 8)][:9]:
            key = key_text(*row[1:5])
            if key is None or file_record(row[0], key) not in records:
                return None
        if not all(storable((row[0],)) for row in others):
            return None  # a name SQLite cannot hold: never cached
        cache = IndexCache.open_for(self._base, self._cache_dir, self._state_keys)
        if cache is None:
            return None
        with cache:
            interval = cache.run(_kept_interval, None, keep_open=True)
            keys = cache.run(
                lambda db: _listed_keys(db, [row[0] for row in others]), None, keep_open=True
            )
        if interval is None or keys is None:
            return None
        start, until = interval
        if start is None or until is None or not start <= self._now < until:
            return None
        for row in others:
            kept = keys.get(row[0])
            if kept is None or kept[4] is None or kept[7] != row[-1] or kept[1] > limit:
                return None
            key = key_text(*kept[:4])
            if key is None or file_record(row[0], key) not in records:
                return None
        return start, until


Part = bytes | list[bytes | memoryview]  # a snapshot's part, or its pieces one after the other


def _parts(found: bytes | None, rows: list[Any], tail: bytes) -> tuple[Part, ...] | None:
    """The snapshot's parts after its header (found, paths, states, tail, texts) for ``rows``,
    or None when they cannot be kept: a tree with more than plain files and folders, a row that
    is not a JSON row or whose text does not end as a row's does."""
    if found is None or not plain_tree(found) or set(map(type, rows)) - {tuple}:
        return None
    try:
        paths = "\0".join(map(_PATH, rows)).encode("utf-8", "surrogateescape")
        states = "\0".join(map(_STATE, rows)).encode("ascii")
        ends = list(map(_TEXT, rows))
        if not all(map(bytes.endswith, ends, itertools.repeat(ROW_END))):
            return None
    except (UnicodeError, TypeError):  # a str that is no path or state, a text not bytes
        return None
    # The texts as pieces, for the kernel to gather (os.writev): joined here they were a copy of
    # 40 MB at 50,000 rows (0.03 s), made holding the lock.
    texts: list[bytes | memoryview] = [ROW_SEPARATOR] * (2 * len(ends) - 1) if ends else []
    if tail == ROW_END:
        texts[0::2] = ends
    else:
        texts = [ROW_SEPARATOR] * (3 * len(ends) - 1) if ends else []
        texts[0::3] = [memoryview(text)[:-4] for text in ends]
        texts[1::3] = [tail] * len(ends)
    return found, paths, states, tail, texts


_CACHED_ROW = 10  # the length of IndexCache.rows' JSON row (cache._rows_query)
# A JSON row's items (path, ..., state, text; a cached row's key from 1, its rules id at 5),
# read in C over every row.
_PATH, _MTIME, _RULES_ID = operator.itemgetter(0), operator.itemgetter(2), operator.itemgetter(5)
_STATE, _TEXT = operator.itemgetter(-2), operator.itemgetter(-1)


def start(
    base: Path,
    rules: SiteRules,
    state_keys: tuple[str, ...],
    now: int,
    cache_dir: Path | None = None,
    begun_ns: int | None = None,
    looked: Looked | None = None,
    note_inputs: bool = True,
    cores: int = 2,
) -> Probe | None:
    """A :class:`Probe` of the desk at ``base`` (resolved) for a listing at ``now``
    (``verdicts.as_of_micros``), ``find`` already running; None where
    a snapshot cannot say all a listing depends on (a content folder outside the walked ones,
    ``:git`` dates), or cannot be made here (no POSIX paths). ``begun_ns``: when the listing
    began, before it read the site's config (``time.time_ns``; now if not given): the inputs
    noted for the quick answer must be older (:mod:`editor.core.listing_inputs`). ``looked``: the
    folders a look just taken started from and what it printed (the quick answer's, which this
    listing's answer did not match): the first look, when it started from the same folders.
    ``note_inputs``: False where no quick answer will read the kept file (the window's launch
    scan, :mod:`editor.core.kept_launch`); ``cores``: how many ``find`` runs a look may take
    (1 beside a starting window)."""
    begun_ns = time.time_ns() if begun_ns is None else begun_ns
    if os.sep != "/" or os.name != "posix":
        return None
    site = rules.site
    if site.git_info and site.dates.reads_git() and site.root:
        return None  # one date per file, from the history: no verdict is kept
    roots = content_roots(base, site)
    if not roots:
        return None
    walked = {folder for folder, _skip in roots}
    if site.root is not None and any(cd.path not in walked for cd in site.content_dirs):
        return None  # a cascade could come from a content folder this walk does not see
    starts = []
    for folder, _skip in roots:
        try:
            inside = folder.relative_to(base).as_posix()
        except ValueError:
            return None
        starts.append("." if inside == "." else f"./{inside}")
    real_root = os.path.realpath(base)
    database = cache_file.database_path(base, cache_dir)
    header = "\n".join(
        (
            # how file names' bytes become the rows' paths (ASCII in the C locale without
            # Python's UTF-8 mode): find prints the bytes
            f"{cache_file.version_text(state_keys)}|{real_root}|{listing_inputs.file_names()}",
            str(rules.desk_root),
            stable_text([(str(folder), sorted(skip)) for folder, skip in roots]),
            stable_text(site),
        )
    ).encode("utf-8", "surrogateescape")
    inputs = None
    noted = note_inputs and site.root is not None and not site.error
    paths = desk_inputs(base) if noted else None
    code = cache_file.code_files()
    if paths is not None and all(map(os.path.isfile, code)):  # a frozen build has no sources
        paths += [*code, os.path.abspath(editor.__file__), *PARSER_FILES]
        inputs = (real_root, paths, begun_ns)
    return Probe(base, database, header, starts, now, cache_dir, state_keys, inputs, looked, cores)


def _listed_keys(db: Any, paths: list[str]) -> dict[str, tuple[Any, ...]]:
    """The file key, rules id, interval and JSON text the cache's ``listed`` table holds for
    each of ``paths`` that it has."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(paths), 500):
        chunk = paths[start : start + 500]
        cursor = db.execute(
            "SELECT path, size, mtime_ns, ino, ctime_ns, rules_id, valid_from, valid_until, "
            f"row_json FROM listed WHERE path IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update((row[0], row[1:]) for row in cursor)
    return found


def _kept_interval(db: Any) -> tuple[int | None, int | None]:
    """Where every kept verdict of the ``listed`` table holds: the latest start, earliest end."""
    row = db.execute(
        "SELECT max(valid_from), min(valid_until) FROM listed WHERE row_json IS NOT NULL"
    ).fetchone()
    return row[0], row[1]


def _read(path: Path, header: bytes, now: int) -> Snapshot | None:
    """The snapshot kept at ``path`` (left open) if it is whole and was made for ``header`` and
    ``now``."""
    kept = kept_listing.read(path, now)
    if kept is None:
        return None
    try:
        if kept.header() == header:
            return kept
    except OSError:
        pass
    kept.close()
    return None


class _Aside:
    """A snapshot written aside (``.….listing.<pid>.tmp``) on a thread of its own from the
    moment its parts are known, its interval left 0, 0 (no listing could use it) until
    :meth:`finish` writes the real one and renames it over the old snapshot (a reader sees one
    or the other); :meth:`drop` removes it. Whatever goes wrong, no snapshot is kept."""

    def __init__(self, path: Path, count: int, parts: tuple[Part, ...]) -> None:
        self._path = path
        self._aside = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        drop_left_asides(path)
        self._count = count
        self._lengths = tuple(_length(part) for part in parts)  # kept_listing.SIZES' lengths
        self._written = False
        self._thread = threading.Thread(target=self._write, args=(parts,), daemon=True)
        self._thread.start()

    def _sizes(self, since: int, until: int) -> bytes:
        return SIZES.pack(since, until, self._count, *self._lengths)

    def _write(self, parts: tuple[Part, ...]) -> None:
        try:
            with open(self._aside, "wb", buffering=0) as handle:
                _write_all(handle, [MAGIC + self._sizes(0, 0)])
                for part in parts:
                    _write_all(handle, [part] if isinstance(part, bytes) else part)
            self._written = True
        except OSError:
            pass

    def finish(self, interval: tuple[int, int]) -> bool:
        """The interval written in, the snapshot renamed into place; False (nothing kept) when it
        could not be written whole."""
        self._thread.join()
        try:
            if not self._written:
                raise OSError("the snapshot was not written")
            with open(self._aside, "r+b") as handle:
                handle.seek(len(MAGIC))
                handle.write(self._sizes(*interval))
            os.replace(self._aside, self._path)
        except OSError:
            self.drop()
            return False
        return True

    def drop(self) -> None:
        self._thread.join()
        with contextlib.suppress(OSError):
            os.remove(self._aside)


_LEFT_AFTER_S = 3600  # an aside file untouched this long is left over, whoever wrote it


def drop_left_asides(path: Path) -> None:
    """Remove the aside files of ``path`` that listings killed while writing them left (up to
    70 MB each at 100,000 rows): their process is gone, or they are an hour old (its number may
    be another process's by now)."""
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        number = name[len(prefix) : len(name) - len(suffix)]
        if not name.endswith(suffix) or not number.isdigit() or int(number) == os.getpid():
            continue
        aside = path.with_name(name)
        with contextlib.suppress(OSError):
            if _gone(int(number)) or time.time() - aside.stat().st_mtime > _LEFT_AFTER_S:
                aside.unlink()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process (PermissionError): alive
        return False
    return False


def _length(part: Part) -> int:
    return len(part) if isinstance(part, bytes) else sum(map(len, part))


def _write_all(handle: BinaryIO, pieces: list[bytes | memoryview]) -> None:
    """Every piece written to the unbuffered ``handle`` in order, gathered by the kernel
    (``writev``, up to IOV_MAX at once); the rest of a short write written after."""
    for start in range(0, len(pieces), _IOV_MAX):
        chunk = pieces[start : start + _IOV_MAX]
        done = os.writev(handle.fileno(), chunk)
        rest = memoryview(b"".join(chunk))[done:] if done != sum(map(len, chunk)) else b""
        while rest:
            wrote = handle.write(rest)
            if not wrote:
                raise OSError("the kept listing could not be written")
            rest = rest[wrote:]


_IOV_MAX = max(1, min(os.sysconf("SC_IOV_MAX"), 1024)) if hasattr(os, "sysconf") else 16
