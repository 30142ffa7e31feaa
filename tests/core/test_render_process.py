from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from editor.core import shortcodes
from editor.core.body_pieces import markdown_head
from editor.core.markdown_chunks import CHUNKED_ABOVE
from editor.core.render import review_html
from editor.core.render_process import RenderRequest, answers, serve


def render_body(body: str, kind: str) -> str:
    """What the review pane shows of ``body`` (the request's own words for a remote image)."""
    return review_html(body, kind, {}, "Remote image")


BODY = "".join(f"## Part {n}\n\nText *{n}* and `code {n}`.\n\n" for n in range(200))


def request(body: str, kind: str = "markdown", preview: int = 0) -> RenderRequest:
    return RenderRequest(7, body, kind, {}, "Remote image", preview, 300, 2_000)


def test_a_request_answers_a_preview_of_the_start_then_the_whole_body_in_batches() -> None:
    preview, *final = answers(request(BODY, preview=500))
    assert (preview.generation, preview.final, preview.first, preview.last) == (
        7,
        False,
        True,
        True,
    )
    assert "".join(preview.pieces) == render_body(markdown_head(BODY, 500), "markdown")
    assert len(final) > 3 and all(answer.final and not answer.error for answer in final)
    assert [(answer.first, answer.last) for answer in final] == (
        [(True, False)] + [(False, False)] * (len(final) - 2) + [(False, True)]
    )
    assert all(sum(map(len, answer.pieces)) <= 2_000 for answer in final)
    assert "".join(piece for answer in final for piece in answer.pieces) == render_body(
        BODY, "markdown"
    )


def test_without_a_preview_or_for_html_only_the_whole_body_comes_back() -> None:
    assert all(answer.final for answer in answers(request(BODY)))
    html = "<p>one</p>" * 100
    (only,) = answers(request(html, "html"))
    assert (only.first, only.last) == (True, True)
    assert "".join(only.pieces) == render_body(html, "html")


def test_a_renderer_error_is_an_answer_with_its_reason() -> None:
    (answer,) = answers(request(BODY, kind="rst"))
    assert answer.final and answer.pieces == [] and "Unknown body kind" in answer.error


def test_code_spans_answer_as_the_pairwise_comparison_did() -> None:
    rng = random.Random(9)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 300) for _ in range(12))]
        found = shortcodes._Spans(spans)
        for position in range(0, 340, 3):
            assert found.holds(position) == any(a <= position < b for a, b in spans)


def _huge_markdown() -> str:
    """A Markdown body markdown_chunks cuts (just over CHUNKED_ABOVE) into several chunks."""
    part = "## Part {n}\n\nA plain paragraph of words, the {n}th of them, and some more words.\n\n"
    return "".join(part.format(n=n) for n in range(CHUNKED_ABOVE // 80 + 100))


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _links(pid: int) -> set[str]:
    folder = Path(f"/proc/{pid}/fd")
    return {str(entry.readlink()) for entry in folder.iterdir()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_huge_markdown_body_renders_in_several_processes_as_in_one_and_they_end_with_it() -> None:
    import multiprocessing

    body = _huge_markdown()
    assert len(body) > CHUNKED_ABOVE
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe(duplex=True)
    child = context.Process(target=serve, args=(theirs,), daemon=True)
    child.start()
    theirs.close()
    try:
        mine.send(RenderRequest(3, body, "markdown", {}, "Remote image", 0, 300, 50_000, 2))
        pieces: list[str] = []
        while True:
            answer = mine.recv()
            assert not answer.error
            pieces.extend(answer.pieces)
            if answer.last:
                break
        assert "".join(pieces) == render_body(body, "markdown")
        helpers = _children(child.pid)
        assert len(helpers) == 2  # the chunks were rendered by two processes
        # ... which hold no end of the window's pipe: it sees the render process end at once.
        pipe = {link for link in _links(child.pid) if link.startswith("socket:")}
        assert pipe and all(not pipe & _links(pid) for pid in helpers)
    finally:
        child.kill()  # as the window ends a render nobody waits for any more
        child.join(5)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in helpers)  # no orphan left rendering or waiting


def _sleep_in_two_workers() -> None:
    """A render process whose two chunk workers are each busy for a minute."""
    from editor.core.render_process import ChunkPool

    list(ChunkPool().map_for(2)(time.sleep, [60, 60]))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_chunk_workers_busy_with_a_chunk_end_when_the_render_process_is_killed() -> None:
    """The window kills the render process of a render nobody waits for; its workers went on
    with the chunk they held (seconds of a core each) before they saw it gone (found in review)."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_sleep_in_two_workers, daemon=True)
    child.start()
    try:
        deadline = time.monotonic() + 20
        while len(_children(child.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        helpers = _children(child.pid)
        assert len(helpers) == 2
        time.sleep(0.3)  # both have their chunk
    finally:
        child.kill()
        child.join(5)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in helpers)


def _start_as_a_worker_of(parent: int) -> None:
    from editor.core.render_process import _worker_start

    _worker_start((), parent)
    time.sleep(30)  # (a worker whose render process lives waits for chunks)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_chunk_worker_that_starts_after_its_render_process_ended_ends_at_once() -> None:
    """A worker forked just before the window killed its render process started with no parent
    to die with, and waited for ever on the queue's lock (orphans seen after the tests)."""
    import multiprocessing

    worker = multiprocessing.get_context("fork").Process(
        target=_start_as_a_worker_of, args=(os.getpid() + 1_000_000,), daemon=True
    )
    worker.start()
    worker.join(10)
    assert worker.exitcode == 0
