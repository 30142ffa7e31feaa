"""Hugo shortcodes in a body render as labelled placeholders, and stay raw inside code."""

from __future__ import annotations

import pytest

from editor.core.render import render_body
from editor.core.shortcodes import extract, parse_args


def md(text: str) -> str:
    return render_body(text, "markdown")


def test_figure_is_its_image_and_caption() -> None:
    out = md('Before.\n\n{{< figure src="images/pic.png" caption="The <b>pier</b>" >}}\n\nAfter.')
    assert (
        '<div class="shortcode-figure"><p><img src="images/pic.png" alt="The &lt;b&gt;pier&lt;/b&gt;">'
        '</p><p class="shortcode-caption">The &lt;b&gt;pier&lt;/b&gt;</p></div>'
    ) in out
    assert "{{" not in out


def test_youtube_is_a_labelled_link_inline_or_as_a_block() -> None:
    block = md("{{< youtube dQw4w9WgXcQ >}}")
    assert block == (
        '<p class="shortcode">▶ YouTube video: <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"'
        ' rel="noopener noreferrer">dQw4w9WgXcQ</a></p>'
    )
    inline = md('Watch {{< youtube id="abc" title="The launch" >}} now.')
    assert inline.startswith('<p>Watch <span class="shortcode">▶ YouTube video: <a href=')
    assert ">The launch</a></span> now.</p>" in inline


def test_a_paired_markdown_shortcode_is_a_box_around_its_rendered_inner_text() -> None:
    out = md("{{% notice warning %}}\nBe **careful** -- here.\n{{% /notice %}}")
    assert out == (
        '<div class="shortcode-box"><p class="shortcode-label">notice · warning</p>'
        "<p>Be <strong>careful</strong> – here.</p></div>"
    )


def test_nested_shortcodes() -> None:
    out = md("{{% notice %}}\n{{< youtube abc >}}\n{{% /notice %}}")
    assert out.startswith('<div class="shortcode-box"><p class="shortcode-label">notice</p>')
    assert "youtube.com/watch?v=abc" in out


@pytest.mark.parametrize(
    "body",
    [
        "```\n{{< youtube abc >}}\n```",
        "~~~text\n{{% notice %}}x{{% /notice %}}\n~~~",
        "Inline `{{< figure src=a >}}` code.",
    ],
)
def test_shortcodes_stay_raw_in_code(body: str) -> None:
    out = md(body)
    assert "{{&lt;" in out or "{{%" in out
    assert "shortcode" not in out


def test_an_escaped_shortcode_shows_as_text() -> None:
    assert md("Write {{</* figure src=x */>}} to add one.") == (
        "<p>Write {{&lt; figure src=x &gt;}} to add one.</p>"
    )


def test_unknown_shortcodes_are_named_with_their_arguments() -> None:
    assert md('{{< gallery dir="/img" 3 >}}') == '<p class="shortcode">⟨gallery 3 dir=/img⟩</p>'


def test_ref_inside_a_link_address() -> None:
    out = md('[the post]({{< ref "news/post.md" >}})')
    assert '<a href="news/post.md"' in out


def test_highlight_shows_its_code() -> None:
    out = md('{{< highlight go >}}\nx := "<y>"\n{{< /highlight >}}')
    assert '<pre><code>x := "&lt;y&gt;"</code></pre>' in out


def test_a_placeholder_cannot_smuggle_markup() -> None:
    out = md('{{< figure src="javascript:alert(1)" link="javascript:x" >}}')
    assert "javascript" not in out


def test_shortcodes_in_html_bodies() -> None:
    out = render_body("<p>Hi</p>\n{{< youtube abc >}}\n", "html")
    assert "youtube.com/watch?v=abc" in out


def test_parse_args() -> None:
    assert parse_args(' src="a \\"b\\".png" 3 title=`raw "x"` bare=y') == (
        {"src": 'a "b".png', "title": 'raw "x"', "bare": "y"},
        ("3",),
    )


def test_extract_pairs_by_name_and_leaves_a_stray_closing_as_text() -> None:
    _text, found = extract("a {{< x >}} b {{< /y >}}")
    assert [code.name for code in found] == ["x", "y"]
    assert found[1].literal == "{{< /y >}}" and found[0].inner is None
