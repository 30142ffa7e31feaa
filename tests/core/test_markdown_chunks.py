"""Huge Markdown renders chunk by chunk with exactly the HTML of one whole render.

Every comparison cuts at *every* boundary the chunker accepts (``size=1``), so each safe-looking
blank line is tried; the bodies are the project's own (samples, the seed, the guide, the Goldmark
page of test_goldmark, the bench's 5 MB generator) and generated ones (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.open_bench import big_markdown
from editor.core import goldmark
from editor.core.frontmatter import split_text
from editor.core.markdown_chunks import chunks, render_chunked
from tests.core.test_goldmark import PAGE

ROOT = Path(__file__).parents[2]


def chunked(text: str) -> str:
    return render_chunked(text, goldmark.whole_html, size=1, above=0)


def project_bodies() -> list[str]:
    bodies = []
    for path in sorted([*ROOT.glob("resources/samples/**/*.md"), *ROOT.glob("tests/**/*.md")]):
        text = path.read_text(encoding="utf-8")
        try:
            bodies.append(split_text(text).body)
        except Exception:  # an unreadable sample: its whole text is Markdown enough
            bodies.append(text)
    bodies.append((ROOT / "docs" / "guide.md").read_text(encoding="utf-8"))
    bodies.append(PAGE)
    bodies.append(PAGE.replace("[^1]", "").replace("[^note]", "x").replace("[x]: ", ""))
    return bodies


@pytest.mark.parametrize("body", project_bodies())
def test_project_bodies_render_the_same_in_chunks(body: str) -> None:
    assert chunked(body) == goldmark.whole_html(body)
    doubled = body + "\n\n" + body  # the same headings twice: ids made unique over both
    assert chunked(doubled) == goldmark.whole_html(doubled)


def test_the_bench_body_is_cut_and_renders_the_same() -> None:
    text = big_markdown(150_000)
    cut = chunks(text, 8_000)
    assert cut is not None and len(cut[0]) > 10
    assert "".join(cut[0]) == text
    assert render_chunked(text, goldmark.whole_html, size=8_000) == goldmark.whole_html(text)


def test_a_huge_body_is_rendered_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python-Markdown is worse than linear: a 5 MB body took 86-106 s whole.
    sizes: list[int] = []
    whole = goldmark.whole_html
    monkeypatch.setattr(goldmark, "whole_html", lambda text: sizes.append(len(text)) or whole(text))
    text = big_markdown(400_000)
    html = goldmark.to_html(text)
    assert len(sizes) > 5 and max(sizes) < 100_000
    assert html == goldmark._goldmark_details(whole(text))


def test_references_defined_anywhere_reach_every_chunk() -> None:
    parts = [f"Paragraph {n} cites [the report][r{n % 3}] and [a][].\n" for n in range(30)]
    text = "\n".join(parts) + '\n[r0]: https://a.example\n[r1]: /local "T"\n[A]: https://b\n'
    text += "\n[r2]: https://c.example 'single'\n\n[r0]: https://later.example\n"
    cut = chunks(text, 1)
    assert cut is not None and len(cut[0]) > 20
    assert chunked(text) == goldmark.whole_html(text)
    assert "https://later.example" in chunked(text)


@pytest.mark.parametrize(
    "text",
    [
        "A note[^1].\n\n[^1]: Text.\n",
        "[TOC]\n\n# A\n\nb\n",
        "a\n\n<?php echo 1; ?>\n\nb\n",
        "```\nunclosed\n\nfence\n",
        "  ```\nindented fence\n```\n\nb\n",
        "<div>\n\nopen\n\nblock\n",
        "[a]:\n  https://two-lines\n\nb\n",
        "> [q]: https://in-a-quote\n\nb\n",
    ],
)
def test_what_cannot_be_cut_safely_renders_whole(text: str) -> None:
    assert chunks(text, 1) is None
    assert chunked(text) == goldmark.whole_html(text)


def test_no_cut_inside_code_html_or_before_a_continuation() -> None:
    text = (
        "Intro\n\n```\ncode\n\nstill code\n```\n\n<div>\n\nraw\n\n</div>\n\n"
        "- a\n\n- b\n\n  more b\n\n> q\n\n> q2\n\nTerm\n\n: def\n\n| a |\n|---|\n| 1 |\n\nEnd\n"
    )
    cut = chunks(text, 1)
    assert cut is not None
    starts = [piece.split("\n", 1)[0] for piece in cut[0]]
    # Not after raw HTML (the output has an empty line more there) nor a definition list (the
    # next terms join it), nor before a list item, a quote or a table row.
    assert starts == ["Intro", "```", "<div>", "Term", "End"]
    assert chunked(text) == goldmark.whole_html(text)


def test_a_definition_list_goes_on_after_an_indented_paragraph_of_its_definition() -> None:
    """The generated bodies found it: the indented paragraph ended the list's "joins the next"
    mark, so the next term started a chunk and rendered as a second ``<dl>``."""
    text = "Term\n: word\n\n    indented code word\n\nTerm\n: word"
    assert chunked(text) == goldmark.whole_html(text)


def test_a_fence_nested_in_a_list_or_definition_is_never_cut() -> None:
    # Blank lines inside fences under items and definitions (as Hugo's docs write them): no
    # chunk may start inside one, and the chunks render as the whole does.
    section = (
        "- step\n\n  ```sh\n  make\n\n  # in the fence\n\n  ```\n\n"
        "Term\n: def\n\n    ~~~\n    one\n\n    # in the fence too\n    ~~~\n\nPlain text.\n\n"
    )
    text = section * 400
    cut = chunks(text, 1)
    assert cut is None or all(piece.startswith(("- step", "Plain")) for piece in cut[0])
    assert render_chunked(text, goldmark.whole_html, size=1, above=0) == goldmark.whole_html(text)
    assert goldmark.to_html(text).count("<pre>") == 800


# Generated documents: blocks of the kinds articles use (and the awkward ones), joined by one,
# two or three line breaks, so that blank lines fall in and around every construct.
_WORDS = st.sampled_from(
    ["word", "*em*", "**strong**", "`co de`", "[link](https://x.example)", "[ref][r]", "[r]",
     "https://bare.example/p", '"quoted"', "it's", "--", "...", "~~del~~", "<b>b</b>", "&amp;",
     "<span>s</span>", "\\*", "<<a>>", "Ünïcode", "\u2028", "\u00a0"]
)  # fmt: skip
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_BLOCK = st.one_of(
    _TEXT,
    _TEXT.map(lambda t: "## " + t),
    st.sampled_from(["# Same", "## Same {#same}", "Same\n===", "---", "***", "* * *"]),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda i: "\n".join(f"1. {x}" for x in i)),
    _TEXT.map(lambda t: f"- outer\n    - inner {t}"),
    _TEXT.map(lambda t: f"    indented code {t}"),
    _TEXT.map(lambda t: f"  two spaces {t}"),
    _TEXT.map(lambda t: "> " + t),
    _TEXT.map(lambda t: f"> quote\n{t}"),
    _TEXT.map(lambda t: f"```\n{t}\n\n<div>\n```"),
    _TEXT.map(lambda t: f"~~~ python\n{t}\n~~~~\n~~~"),
    _TEXT.map(lambda t: f"````\n```\n{t}\n````"),
    _TEXT.map(lambda t: f"- item\n\n  ```sh\n  {t}\n\n  ```"),
    _TEXT.map(lambda t: f"1. one\n    ~~~\n\n    {t}\n    ~~~"),
    _TEXT.map(lambda t: f"Term\n: def\n\n  ```go {{linenos=true}}\n\n## {t}\n  ```"),
    _TEXT.map(lambda t: f"> ```\n> {t}\n\n> ```"),
    _TEXT.map(lambda t: f"| a | b |\n|---|:-:|\n| {t} | 2 |"),
    _TEXT.map(lambda t: f"Term\n: {t}"),
    _TEXT.map(lambda t: f": {t}"),
    _TEXT.map(lambda t: f"<div>\n{t}\n\n</div>"),
    _TEXT.map(lambda t: f"<div>{t}</div>"),
    _TEXT.map(lambda t: f"<!-- {t}\n\n-->"),
    _TEXT.map(lambda t: f"<p>{t}</p>"),
    _TEXT.map(lambda t: f"{t}\n{{: .cls #x}}"),
    _TEXT.map(lambda t: f"{{: #y}}\n{t}"),
    st.sampled_from(["[r]: https://r.example", '[R]: /p "Title"', "[r]: <https://angle>"]),
    st.sampled_from(["[ref]:", "   [s]: https://three.example", "\t[t]: https://tab"]),
    st.sampled_from(["- [ ] task", "- [x] done", "+ plus", "* star", "2) paren"]),
)
_SEPARATOR = st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\n  \n", "\n\t\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_BLOCK, min_size=1, max_size=14))
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(_SEPARATOR) + block
    return text + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(
    max_examples=int(__import__("os").environ.get("CHUNK_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
def test_generated_bodies_render_the_same_in_chunks(text: str) -> None:
    assert chunked(text) == goldmark.whole_html(text)


def test_a_line_of_other_white_space_after_raw_html_renders_as_whole() -> None:
    # Found by the generated-bodies test: a line holding only U+2028 is blank to Python-Markdown,
    # so the raw HTML's extra empty line went with the next paragraph in the whole render.
    text = "word\nword\n<div>\nword\n\n</div>\n\n\u2028\n\nword"
    assert chunked(text) == goldmark.whole_html(text)
