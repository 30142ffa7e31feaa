"""``copydesk list --json``: the rows streamed as a JSON array, 256 at a time, the kept JSON text of
a cached or reader-made row written as it is, with the git fields spliced in inside a checkout."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor import cli_git
from editor.core.index import desk_judged_keys, desk_rules
from editor.core.state import now_utc
from editor.core.verdicts import as_of_micros, document_text, fields_tail

if TYPE_CHECKING:  # the scan's modules only when it runs: a kept listing's answer needs none
    from editor.core import warm_snapshot  # (and --no-cache none of the kept listing's)
    from editor.core.cached_scan import JsonRow
    from editor.core.index import ArticleSummary


def list_json(root: Path, as_of: dt.datetime | None, state: str | None, use_cache: bool) -> int:
    """``list --json``: rows whose verdict the index cache kept, and rows a reader process made,
    come with their JSON text, which is written as it is (with the git fields spliced in, inside
    a checkout); only ``path``, the state and the text (a row's first, last but one and last
    items) are read from such a row. With the cache, a desk whose tree ``find`` prints as the
    last listing kept it is written from that listing's answer (:mod:`editor.core.warm_snapshot`).
    git is asked first (:class:`cli_git.EarlyGit`, processes of its own) and answers meanwhile:
    while the look waits for ``find``, or while the scan reads the files; without the cache, as
    soon as the scan's readers are forked (or before its first file is read, without them)."""
    git = cli_git.EarlyGit(root, now=use_cache)  # without the cache: once the readers are forked
    base = root.resolve()
    moment = as_of if as_of is not None else now_utc()  # one moment for the whole listing
    rules = desk_rules(base) if base.is_dir() else None
    probe = None
    if use_cache and rules is not None:
        from editor.core import warm_snapshot

        keys = tuple(sorted(desk_judged_keys(rules)))
        probe = warm_snapshot.start(base, rules, keys, as_of_micros(moment))
    try:
        desk = None
        asked = False
        if probe is not None:
            kept = probe.hit()
            desk, asked = git.result(), True
            if kept is not None and _write_kept(kept, state, desk):
                return 0
        rows: list[ArticleSummary | JsonRow] = []
        # Without a kept listing to make (no cache), each batch's text is made as it comes,
        # while the readers read the next ones; it is written at the end, as before.
        texts: list[bytes] | None = None if probe is not None else []
        made = _RowTexts()
        with _collector_paused():
            for batch in scan_json(
                root, moment, use_cache=use_cache, rules=rules, started=git.start
            ):
                shown = (
                    batch if state is None else [row for row in batch if _state_of(row) == state]
                )
                if texts is None:
                    rows.extend(shown)
                    continue
                if not asked:  # git, started before the first batch, has answered by now
                    desk, asked = git.result(), True
                fields = desk.fields(_paths(shown)) if desk is not None else None
                texts.extend(made.each(shown, fields))
            if texts is not None:
                if not asked:  # no batch: an empty desk
                    desk = git.result()
                _write_texts(texts)
                texts.clear()  # (as the rows below: while the collector is off)
                return 0
            if probe is not None and state is None:
                probe.scanned()
            if not asked:
                desk = git.result()
            in_git = desk.fields(_paths(rows)) if desk is not None else None
            write_json_rows(rows, in_git)
            if probe is not None and state is None:
                sys.stdout.flush()  # the answer is out before the next listing's is kept
                probe.keep(rows, _shared_tail(desk) or warm_snapshot.ROW_END)
            in_git = None
            # Let the rows go while the collector is off: the first collection after it is back
            # on would walk every one of them (0.05 s at 100,000 rows) for nothing.
            rows.clear()
    finally:
        git.close()
        if probe is not None:
            probe.close()
    return 0


def scan_json(*args: Any, **kwargs: Any) -> Iterator[list[ArticleSummary | JsonRow]]:
    """:func:`listing.scan_json`, imported only when a listing is made: the answer a kept
    listing gives (:func:`_write_kept`) needs none of the scan's modules (2-5 ms of a 0.11 s
    warm listing)."""
    from editor.core.listing import scan_json as scan

    return scan(*args, **kwargs)


def _write_kept(
    kept: warm_snapshot.Snapshot, state: str | None, desk: cli_git.DeskGit | None
) -> bool:
    """Write a kept listing (:meth:`warm_snapshot.Probe.hit`) with the git fields of now
    (``desk``); False (nothing written) when its texts do not split into its rows."""
    if state is None:
        tail = _shared_tail(desk)
        if tail is not None and _write_whole(kept, tail):
            return True
    texts = kept.row_texts()
    if texts is None:
        return False
    paths = kept.path_list()
    states = kept.state_list()
    in_git = desk.fields(paths) if desk is not None else None
    rows = [
        (path, row_state, text)
        for path, row_state, text in zip(paths, states, texts, strict=True)
        if state is None or row_state == state
    ]
    write_json_rows(rows, in_git)
    return True


def _write_whole(kept: warm_snapshot.Snapshot, tail: bytes) -> bool:
    """A kept listing whose rows all get the same git fields now (``tail``), written whole: the
    kept texts sent as they are when they carry the same ones (by the kernel, to a stdout that is
    a file or a pipe), else with each row's end replaced; False when that cannot be."""
    stream = sys.stdout
    binary = _utf8_buffer(stream)
    if not kept.count:
        _write_out(stream, binary, b"[]\n")
        return True
    if tail == kept.tail and binary is not None:
        out = _descriptor(binary)
        if out is not None and kept.texts_end_well():
            binary.write(b"[\n  ")
            binary.flush()
            if not kept.send_texts(out):
                binary.write(kept.texts())
            binary.write(b"\n]\n")
            return True
    body = kept.body(tail)
    if body is None:
        return False
    _write_out(stream, binary, b"[\n  ")
    for piece in body:
        _write_out(stream, binary, piece)
    _write_out(stream, binary, b"\n]\n")
    return True


def _descriptor(binary: Any) -> int | None:
    """The file descriptor under a byte stream, when it is a real one."""
    try:
        return int(binary.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def _shared_tail(desk: cli_git.DeskGit | None) -> bytes | None:
    """What replaces every row's end when all rows get the same git fields
    (``verdicts.fields_tail``; the end itself outside a checkout), else None."""
    if desk is None:
        from editor.core.warm_snapshot import ROW_END  # (imported by then: a kept listing's)

        return ROW_END
    if desk.shared is None:
        return None
    return fields_tail(desk.shared)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a listing holds every row: each full collection walks
    all the rows kept so far (0.3 s of a 100,000-row listing's main process), and the rows hold
    no cycles to collect; what the listing frees goes by reference counting as before."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _state_of(row: ArticleSummary | JsonRow) -> str:
    return row[-2] if isinstance(row, tuple) else row.state


def _paths(rows: Iterable[ArticleSummary | JsonRow]) -> Iterator[str]:
    return (row[0] if type(row) is tuple else row.path for row in rows)  # type: ignore[union-attr]


def write_json_rows(
    rows: Iterable[ArticleSummary | JsonRow], in_git: Mapping[str, dict[str, Any]] | None = None
) -> None:
    """The rows as a JSON array, as :func:`json_text` writes it, but 256 rows at a time: a big
    desk's listing is never one string in memory. ``in_git``: each path's git fields, if any.

    A :data:`JsonRow`'s text is written as the cache kept it: as bytes straight to a UTF-8 stdout
    (a row made now is encoded the same way, :func:`verdicts.document_text`)."""
    _write_texts(_RowTexts().each(rows, in_git))


class _RowTexts:
    """Each row's JSON text with its git fields, for :func:`_write_texts`; one for a listing,
    whose rows may come in batches, each batch with its git fields."""

    def __init__(self) -> None:
        self._errors = getattr(sys.stdout, "errors", None) or "strict"
        # The encoded git fields by the identity of their dict (kept beside it, so that no other
        # dict can take its id meanwhile): rows share a few dicts (cli_git.git_fields), each
        # encoded once.
        self._tails: dict[int, tuple[dict[str, Any], bytes | None]] = {}

    def each(
        self,
        rows: Iterable[ArticleSummary | JsonRow],
        in_git: Mapping[str, dict[str, Any]] | None,
    ) -> Iterator[bytes]:
        """The text of each row, as it comes."""
        errors = self._errors
        tails = self._tails
        last: dict[str, Any] | None = None  # the git fields of the row before, and their tail
        tail: bytes | None = None
        for row in rows:
            text: bytes | None
            if type(row) is tuple:
                text = row[-1]
                if in_git is not None:  # only inside a git checkout
                    extra = in_git[row[0]]
                    if extra is not last:  # most rows have the fields of the row before
                        known = tails.get(id(extra))
                        if known is None or known[0] is not extra:
                            known = tails[id(extra)] = (
                                extra,
                                fields_tail(extra) if extra else None,
                            )
                        last, tail = extra, known[1]
                    if tail is not None:
                        text = text[:-4] + tail  # type: ignore[index]  # with_fields(text, extra)
                    elif extra:  # orjson refused a git field: encode the whole row again
                        text = None
                        document = {**json.loads(row[-1]), **extra}
            else:
                text = None
                document = row.to_json()  # type: ignore[union-attr]
                if in_git is not None:
                    document.update(in_git[document["path"]])
            if text is None:
                text = document_text(document).encode("utf-8", errors)
            yield text


def _write_texts(texts: Iterable[bytes]) -> None:
    """The rows' texts as a JSON array, as they come, 256 rows a write (a write per row cost 8%
    of a listing)."""
    stream = sys.stdout
    binary = _utf8_buffer(stream)
    chunk: list[bytes] = []
    lead = b"[\n  "  # what goes before the next chunk: the array's start, then a comma
    for text in texts:
        chunk.append(text)
        if len(chunk) == 256:
            _write_out(stream, binary, lead + b",\n  ".join(chunk))
            chunk = []
            lead = b",\n  "
    if chunk:
        _write_out(stream, binary, lead + b",\n  ".join(chunk) + b"\n]\n")
    else:
        _write_out(stream, binary, b"\n]\n" if lead != b"[\n  " else b"[]\n")


def _utf8_buffer(stream: Any) -> Any:
    """The byte stream under a UTF-8 text stdout (flushed first), or None: write text then."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None or (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        return None
    stream.flush()
    return buffer


def _write_out(stream: Any, binary: Any, data: bytes | memoryview) -> None:
    if binary is not None:
        binary.write(data)
    else:
        stream.write(bytes(data).decode("utf-8"))
