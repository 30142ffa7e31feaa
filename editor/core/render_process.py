"""Rendering big bodies in a process of their own, for the window (no Qt here).

A thread is not enough: Python-Markdown takes tens of seconds over a 5 MB body, and the regular
expressions it and the shortcode finder run hold the interpreter's lock for up to 60 ms each over
such a text, which the window's thread then waits for. A child process shares no lock with the
window, can use the second core, and a render nobody waits for any more is simply ended.

The window's side (``editor.ui.article.body_feed``) starts :func:`serve` in a "spawn" child and
sends it :class:`RenderRequest` objects through a pipe; each answer is a :class:`RenderAnswer`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.body_pieces import html_pieces, markdown_head

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from editor.core.markdown_chunks import ChunkMap


@dataclass(frozen=True, slots=True)
class RenderRequest:
    generation: int
    body: str
    kind: str  # "markdown" or "html" (render.kind_for_path)
    labels: dict[str, str]  # the shortcode placeholders' words, translated
    remote_label: str  # the words of a remote image's link (render.review_html)
    preview_chars: int  # > 0: first render this much of a Markdown body alone, as a preview
    piece_chars: int  # the HTML comes back cut into pieces of about this size (html_pieces)
    # ... in answers of about this size each: reading one holds the window process's interpreter
    # lock while it is unpickled (10 MB at once: some 30 ms).
    batch_chars: int = 256_000
    # How many processes render a huge Markdown body's chunks side by side (1: this one alone).
    workers: int = 1


@dataclass(frozen=True, slots=True)
class RenderAnswer:
    generation: int
    final: bool  # False for the preview of the start
    pieces: list[str]  # some of the HTML's pieces (all answers' pieces joined: the fragment)
    error: str = ""  # why the renderer failed, if it did (then the only answer)
    first: bool = True  # the first answer of this render (the preview's or the whole body's)
    last: bool = True  # the last answer of this render


def rendered_pieces(request: RenderRequest, body: str, map_chunks: ChunkMap = map) -> list[str]:
    """``body`` rendered as the review pane shows it, cut into pieces."""
    from editor.core.render import review_html

    html = review_html(body, request.kind, request.labels, request.remote_label, map_chunks)
    return html_pieces(html, request.piece_chars)


def answers(request: RenderRequest) -> list[RenderAnswer]:
    """What a request gets back, in order (the preview first, if any): computed one at a time
    by :func:`serve`; here for callers that want them all (tests)."""
    return list(_answers(request))


class ChunkPool:
    """Processes forked from the render process that render a huge Markdown body's chunks side
    by side (Python-Markdown took 13-17 s over a 5 MB body on one core; its chunks are
    independent, see markdown_chunks). Made with the first such body, kept while the render
    process lives: they end with it (daemons; killed, it leaves them an end of file to read).

    Forked, not spawned: the render process has no thread of its own when they are made (serve
    reads its requests on its main thread), and they start in milliseconds with the renderer
    already imported.
    """

    def __init__(self, inherited: tuple[int, ...] = ()) -> None:
        self._pool: Any = None
        self._failed = False
        self._inherited = inherited  # descriptors the workers close (the window's pipe)

    def map_for(self, workers: int) -> ChunkMap:
        """An ordered map over ``workers`` processes (or the plain ``map`` for one, or where
        processes cannot be forked or could not be started)."""
        import multiprocessing

        if workers < 2 or self._failed or "fork" not in multiprocessing.get_all_start_methods():
            return map
        pool = self._started(workers)
        if pool is None:
            return map
        return lambda render, items: pool.imap(render, items)

    def _started(self, workers: int) -> Any:
        if self._pool is None:
            import multiprocessing

            try:
                # The render process is a daemon (it must never keep the window from quitting),
                # and multiprocessing refuses a daemon children: its flag is only that check
                # here (the window ends this process itself); the workers are daemons that end
                # with it.
                multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
                self._pool = multiprocessing.get_context("fork").Pool(
                    workers, _worker_start, (self._inherited, os.getpid())
                )
            except Exception:  # (no processes to be had): this process renders them alone
                self._failed = True
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None


def _worker_start(inherited: tuple[int, ...], parent: int) -> None:
    """A chunk worker holds no end of the window's pipe (the window sees the render process end
    when it does), and writes nothing to the window's terminal: a render's errors come back as
    its answer, and a worker whose render process was ended (killed) just ends as well."""
    _end_with_parent(parent)
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the process's whole life)


def _end_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the render process (``parent``) ends (the window
    kills that process when nobody waits for its render any more; a worker busy with its chunk
    went on for seconds of a core before it read the end of its queue). A worker that starts
    after its render process ended ends at once: it would wait for ever on the queue's lock a
    killed sibling held (seen after the tests: orphans in a futex wait). Elsewhere the queue's
    end alone."""
    if os.getppid() != parent:
        os._exit(0)
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the line above
        os._exit(0)


_PR_SET_PDEATHSIG = 1  # <sys/prctl.h>


def _answers(request: RenderRequest, pool: ChunkPool | None = None) -> Iterator[RenderAnswer]:
    try:
        if request.preview_chars > 0:
            head = markdown_head(request.body, request.preview_chars)
            if len(head) < len(request.body):
                yield RenderAnswer(request.generation, False, rendered_pieces(request, head))
        map_chunks = map if pool is None else pool.map_for(request.workers)
        pieces = rendered_pieces(request, request.body, map_chunks)
    except Exception as error:  # the window shows the reason instead of the body
        yield RenderAnswer(request.generation, True, [], str(error) or type(error).__name__)
        return
    start = 0
    while True:
        end, size = start, 0
        while end < len(pieces) and (
            end == start or size + len(pieces[end]) <= request.batch_chars
        ):
            size += len(pieces[end])
            end += 1
        last = end >= len(pieces)
        yield RenderAnswer(request.generation, True, pieces[start:end], first=start == 0, last=last)
        if last:
            return
        start = end


def serve(connection: Connection) -> None:
    """The child's loop: answer each request read from ``connection`` until it is closed."""
    if hasattr(os, "nice"):  # the window's process comes first on a machine with few cores
        with contextlib.suppress(OSError):
            os.nice(5)
    pool = ChunkPool((connection.fileno(),))
    try:
        while True:
            try:
                request = connection.recv()
            except (EOFError, OSError):
                return
            if not isinstance(request, RenderRequest):
                return
            for answer in _answers(request, pool):
                try:
                    connection.send(answer)
                except (BrokenPipeError, OSError):
                    return
    finally:
        pool.close()
