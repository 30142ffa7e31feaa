from __future__ import annotations

import random

from editor.core import shortcodes
from editor.core.body_pieces import markdown_head
from editor.core.render import review_html
from editor.core.render_process import RenderRequest, answers


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
