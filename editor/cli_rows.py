"""``list --json``'s rows written to stdout: made now or kept by the cache (:func:`write_json_rows`),
or a kept listing's whole answer (:func:`write_kept`), as bytes to a UTF-8 stdout. Its encoder is
imported when rows need it: a kept answer whose rows share their git fields, or have none, is
written without it (the quick answer of :mod:`editor.cli_kept` imports this module first)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from editor.core.kept_listing import ROW_END, Snapshot

if TYPE_CHECKING:
    from editor.core.cached_scan import JsonRow
    from editor.core.index import ArticleSummary
    from editor.desk_git import DeskGit


def write_json_rows(
    rows: Iterable[ArticleSummary | JsonRow], in_git: Mapping[str, dict[str, Any]] | None = None
) -> None:
    """The rows as a JSON array, as :func:`json_text` writes it, but 256 rows at a time: a big
    desk's listing is never one string in memory. ``in_git``: each path's git fields, if any.

    A :data:`JsonRow`'s text is written as the cache kept it: as bytes straight to a UTF-8 stdout
    (a row made now is encoded the same way, :func:`verdicts.document_text`)."""
    write_texts(RowTexts().each(rows, in_git))


class RowTexts:
    """Each row's JSON text with its git fields, for :func:`write_texts`; one for a listing,
    whose rows may come in batches, each batch with its git fields."""

    def __init__(self) -> None:
        self._errors = getattr(sys.stdout, "errors", None) or "strict"
        # The encoded git fields by the identity of their dict (kept beside it, so that no other
        # dict can take its id meanwhile): rows share a few dicts (desk_git.git_fields), each
        # encoded once.
        self._tails: dict[int, tuple[dict[str, Any], bytes | None]] = {}

    def each(
        self,
        rows: Iterable[ArticleSummary | JsonRow],
        in_git: Mapping[str, dict[str, Any]] | None,
    ) -> Iterator[bytes]:
        """The text of each row, as it comes."""
        from editor.core.verdicts import document_text, fields_tail  # the encoder, when needed

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
                        import json

                        document = {**json.loads(row[-1]), **extra}
            else:
                text = None
                document = row.to_json()  # type: ignore[union-attr]
                if in_git is not None:
                    document.update(in_git[document["path"]])
            if text is None:
                text = document_text(document).encode("utf-8", errors)
            yield text


def write_texts(texts: Iterable[bytes]) -> None:
    """The rows' texts as a JSON array, as they come, 256 rows a write (a write per row cost 8%
    of a listing)."""
    stream = sys.stdout
    binary = utf8_buffer(stream)
    chunk: list[bytes] = []
    lead = b"[\n  "  # what goes before the next chunk: the array's start, then a comma
    for text in texts:
        chunk.append(text)
        if len(chunk) == 256:
            write_out(stream, binary, lead + b",\n  ".join(chunk))
            chunk = []
            lead = b",\n  "
    if chunk:
        write_out(stream, binary, lead + b",\n  ".join(chunk) + b"\n]\n")
    else:
        write_out(stream, binary, b"\n]\n" if lead != b"[\n  " else b"[]\n")


def write_kept(kept: Snapshot, state: str | None, desk: DeskGit | None) -> bool:
    """Write a kept listing (:meth:`warm_snapshot.Probe.hit`, :func:`quick_list`) with the git
    fields of now (``desk``); False (nothing written) when its texts do not split into its rows."""
    from editor.desk_git import shared_tail

    tail = shared_tail(desk)
    if state is None and tail is not None and write_whole(kept, tail):
        return True
    texts = kept.row_texts()
    if texts is None:
        return False
    states = kept.state_list()
    if tail is not None:  # every row's fields the same: spliced in as bytes, no encoder loaded
        chosen = [
            text
            for text, row_state in zip(texts, states, strict=True)
            if state is None or row_state == state
        ]
        if tail != ROW_END:
            chosen = [text[: -len(ROW_END)] + tail for text in chosen]  # verdicts.with_fields
        write_texts(chosen)
        return True
    paths = kept.path_list()
    in_git = desk.fields(paths) if desk is not None else None
    rows = [
        (path, row_state, text)
        for path, row_state, text in zip(paths, states, texts, strict=True)
        if state is None or row_state == state
    ]
    write_json_rows(rows, in_git)
    return True


def write_whole(kept: Snapshot, tail: bytes) -> bool:
    """A kept listing whose rows all get the same git fields now (``tail``), written whole: the
    kept texts sent as they are when they carry the same ones (by the kernel, to a stdout that is
    a file or a pipe), else with each row's end replaced; False when that cannot be."""
    stream = sys.stdout
    binary = utf8_buffer(stream)
    if not kept.count:
        write_out(stream, binary, b"[]\n")
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
    write_out(stream, binary, b"[\n  ")
    for piece in body:
        write_out(stream, binary, piece)
    write_out(stream, binary, b"\n]\n")
    return True


def _descriptor(binary: Any) -> int | None:
    """The file descriptor under a byte stream, when it is a real one."""
    try:
        return int(binary.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def utf8_buffer(stream: Any) -> Any:
    """The byte stream under a UTF-8 text stdout (flushed first), or None: write text then."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None or (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        return None
    stream.flush()
    return buffer


def write_out(stream: Any, binary: Any, data: bytes | memoryview) -> None:
    if binary is not None:
        binary.write(data)
    else:
        stream.write(bytes(data).decode("utf-8"))
