from __future__ import annotations

import pytest

from editor.core.body_pieces import html_pieces, markdown_head, text_pieces
from editor.core.render import render_body

HTML = (
    '<h2 id="a">A</h2>\n<p>one <b>bold</b> <a title="x > y" href="/a">link</a></p>\n'
    "<table><tr><td>1</td></tr></table>\n<ul>\n<li>item<br></li>\n</ul>\nTop-level <i>text</i>\n"
    "<div>\n<hr>\n<ol><li>note</li></ol></div>\n<p>end</p>"
)


@pytest.mark.parametrize("size", [1, 5, 40, 10_000])
def test_html_pieces_join_back_and_start_only_with_a_block(size: int) -> None:
    pieces = html_pieces(HTML, size)
    assert "".join(pieces) == HTML
    for piece in pieces[1:]:
        start = piece.lstrip()
        # never a table, inline markup, top-level text, or a block whose first child is a rule
        assert start.startswith(("<h2", "<p>", "<ul>")), piece
    assert (pieces == [HTML]) == (size >= len(HTML))


def test_html_pieces_cut_a_rendered_body_into_pieces_of_about_the_size() -> None:
    fragment = render_body(
        "".join(f"Paragraph {n} *here*.\n\n- a\n- b\n\n" for n in range(300)), "markdown"
    )
    pieces = html_pieces(fragment, 500)
    assert "".join(pieces) == fragment
    assert len(pieces) > 20
    assert all(len(piece) >= 500 for piece in pieces[:-1])
    assert all(len(piece) < 1_000 for piece in pieces)


def test_text_pieces_join_back_and_cut_after_line_breaks() -> None:
    text = "".join(f"line {n}\n" for n in range(500))
    pieces = text_pieces(text, 100)
    assert "".join(pieces) == text
    assert all(piece.endswith("\n") for piece in pieces)
    one_line = "x" * 1_000 + "\U0001f600" * 50
    assert "".join(text_pieces(one_line, 7)) == one_line


def test_markdown_head_stops_at_a_blank_line_outside_fenced_code() -> None:
    body = "First paragraph.\n\n```\ncode\n\nstill code\n```\n\nSecond.\n\nThird."
    assert markdown_head(body, 5) == "First paragraph.\n\n"
    assert markdown_head(body, 20) == "First paragraph.\n\n```\ncode\n\nstill code\n```\n\n"
    assert markdown_head(body, 1_000) == body
    assert markdown_head("no blank line at all " * 10, 5) == "no blank line at all " * 10
