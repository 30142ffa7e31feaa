from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.frontmatter import split
from editor.core.render import (
    HTML,
    MARKDOWN,
    BodyColors,
    drop_unlinked_ids,
    empty_body_html,
    escape_text,
    kind_for_path,
    mark_remote_images,
    render_body,
    review_html,
    stylesheet,
)

# The reference seed article, verbatim: TOML front matter and a one-line HTML body in a .md file.
SEED_TEXT = """+++
title = "Huawei and GAC Group Forge Strategic Partnership to Launch Premium EV Brand Qijing"
date = "2025-09-23T14:21:27Z"
draft = false
summary = "Huawei's strategic automotive partnership with GAC Group to establish the premium electric vehicle brand Qijing represents a significant shift in China's automotive sector, positioning domestic manufacturers to challenge established international luxury brands through a pragmatic, technology-driven approach."
description = "Huawei and GAC Group unveil Qijing, a new premium electric vehicle brand challenging luxury automakers. Learn about this strategic partnership reshaping China's EV market and global competition."
source_link = "https://rss.investorbrandnetwork.com/gcs/huawei-gac-partnership-unveils-new-ev-brand/"
enclosure = "https://cdn.newsramp.app/genai/images/259/23/939fd40ff903a028971e2dc44891499c.png"
article_id = 218034
feed_item_id = 21131
qrcode = "https://cdn.newsramp.app/ibn/qrcode/259/23/envyXrUE.webp"
source = "InvestorBrandNetwork (IBN)"
+++

<p>Chinese technology leader Huawei has entered into a strategic automotive partnership with GAC Group to establish a new premium electric vehicle brand called Qijing, which translates to "Enlightened Realm." The collaboration represents a significant development in China's rapidly evolving automotive sector, where domestic manufacturers are increasingly positioning themselves to challenge established European and Japanese luxury brands.</p><p>The partnership reflects a more pragmatic approach to electric vehicle development, with both companies acknowledging the importance of realistic technological capabilities and market readiness factors. This measured strategy contrasts with the aggressive timelines often seen in the competitive EV market, suggesting a focus on sustainable long-term growth rather than rapid market entry. The alliance combines Huawei's technological expertise with GAC Group's automotive manufacturing experience, creating a formidable competitor in the premium EV segment.</p><p>The emergence of Qijing comes at a time when global automotive players like Massimo Group face increasing competition from Chinese manufacturers. The partnership signals Huawei's deeper commitment to the automotive industry beyond its previous technology supplier role, positioning the company as a direct competitor in vehicle manufacturing. This move aligns with broader trends in China's automotive landscape, where technology companies are increasingly collaborating with traditional automakers to create integrated mobility solutions.</p><p>The Qijing brand's focus on the luxury market segment represents a strategic positioning that could reshape consumer perceptions of Chinese automotive brands. By targeting premium customers, the partnership aims to demonstrate China's capability to produce high-quality electric vehicles that can compete with established international luxury brands. The development schedule, described as pragmatic and based on thorough market analysis, suggests a carefully planned market entry strategy that considers both technological readiness and consumer demand patterns.</p><p>This partnership underscores the ongoing transformation of China's automotive industry, where domestic manufacturers are leveraging technological partnerships to accelerate their competitive positioning in global markets. The collaboration between Huawei and GAC Group represents a significant milestone in this evolution, potentially setting new standards for technology integration in electric vehicles while challenging traditional luxury automotive manufacturers to adapt to changing market dynamics. The strategic alliance demonstrates how Chinese companies are systematically building capabilities to compete at the highest levels of the global automotive industry.</p>"""
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.md", MARKDOWN),
        ("a.MARKDOWN", MARKDOWN),
        ("b.html", HTML),
        ("b.HTM", HTML),
        ("c.txt", MARKDOWN),
    ],
)
def test_kind_follows_the_file_suffix(name: str, kind: str) -> None:
    assert kind_for_path(Path("content") / name) == kind


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown body kind"):
        render_body("x", "rst")


@pytest.mark.parametrize("kind", [MARKDOWN, HTML])
def test_scripts_and_styles_go_with_their_content(kind: str) -> None:
    body = "<p>before</p>\n\n<script>alert('owned')</script>\n\n<style>p { color: red }</style>\n\n<p>after</p>\n"
    out = render_body(body, kind)
    assert "<script" not in out and "alert" not in out
    assert "<style" not in out and "color: red" not in out
    assert "before" in out and "after" in out


@pytest.mark.parametrize("kind", [MARKDOWN, HTML])
def test_embedding_tags_are_removed(kind: str) -> None:
    body = '<p>x</p>\n\n<iframe src="https://evil.example/">inside</iframe><object data="a.swf"></object><embed src="b.swf">\n'
    out = render_body(body, kind)
    for tag in ("<iframe", "<object", "<embed", "evil.example", "a.swf", "b.swf"):
        assert tag not in out


@pytest.mark.parametrize("kind", [MARKDOWN, HTML])
def test_event_handlers_and_inline_styles_are_removed(kind: str) -> None:
    body = '<p onclick="steal()" onmouseover="steal()" style="position:fixed">text</p>\n\n<img src="/images/a.png" onerror="steal()">\n'
    out = render_body(body, kind)
    assert (
        "steal" not in out and "onclick" not in out and "onerror" not in out and "style=" not in out
    )
    assert '<img src="/images/a.png">' in out


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_dangerous_link_targets_are_removed(href: str) -> None:
    out = render_body(f'<p><a href="{href}">click</a></p>', HTML)
    assert "href" not in out
    assert "click" in out


def test_markdown_javascript_link_is_removed() -> None:
    out = render_body("[click me](javascript:alert(document.cookie))\n", MARKDOWN)
    assert "javascript" not in out.lower()
    assert "click me" in out


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/a?b=1",
        "http://example.com/",
        "mailto:desk@example.com",
        "/world/other/",
        "../sibling/",
        "#notes",
    ],
)
def test_safe_links_are_kept_with_noopener(href: str) -> None:
    out = render_body(f'<a href="{href}">go</a>', HTML)
    assert f'href="{href}"' in out.replace("&amp;", "&")
    assert 'rel="noopener noreferrer"' in out


def test_author_rel_and_target_are_replaced() -> None:
    out = render_body('<a href="https://e.com" rel="opener" target="_blank">go</a>', HTML)
    assert 'rel="noopener noreferrer"' in out
    assert "target" not in out and 'rel="opener"' not in out


@pytest.mark.parametrize(
    ("src", "kept"),
    [
        ("https://cdn.example.com/a.webp", True),
        ("http://cdn.example.com/a.png", True),
        ("/images/desk-cover.png", True),
        ("cover.jpg", True),
        ("data:image/png;base64,AAAA", False),
        ("mailto:a@b.c", False),
        ("javascript:x", False),
        # the one link policy decides web sources too
        ("//cdn.example.com/a.png", True),
        ("https://user:secret@cdn.example.com/a.png", False),
        ("https://cdn.example.com@evil.example/a.png", False),
    ],
)
def test_images_only_from_http_or_relative_sources(src: str, kept: bool) -> None:
    out = render_body(f'<img src="{src}" alt="cover">', HTML)
    assert ("src=" in out) is kept
    assert 'alt="cover"' in out


def test_markdown_structure_is_rendered() -> None:
    body = (
        "Intro with *emphasis* and **strong** text.\n\n"
        "## How it works\n\n"
        "- first item\n- second item\n\n"
        "1. one\n2. two\n\n"
        "> a quotation\n\n"
        "See the [product page](https://quillon.example.com/q2).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```\ncode <here>\n```\n"
    )
    out = render_body(body, MARKDOWN)
    assert '<h2 id="how-it-works">How it works</h2>' in out  # Hugo gives headings an id
    assert "<ul>" in out and "<li>first item</li>" in out
    assert "<ol>" in out and "<li>two</li>" in out
    assert "<em>emphasis</em>" in out and "<strong>strong</strong>" in out
    assert "<blockquote>" in out
    assert (
        '<a href="https://quillon.example.com/q2" rel="noopener noreferrer">product page</a>' in out
    )
    assert "<table>" in out and "<td>2</td>" in out
    assert "<pre><code>code &lt;here&gt;" in out


def test_markdown_typographer_quotes_like_hugo() -> None:
    out = render_body('She said "the part of the market" -- and left.\n', MARKDOWN)
    assert "\u201c" in out or "&ldquo;" in out


def test_seed_article_html_body_is_kept() -> None:
    split_file = split(SEED_TEXT.encode())
    out = render_body(split_file.body, kind_for_path("seed-article.md"))
    paragraphs = split_file.body.count("<p>")
    assert paragraphs == 5
    assert out.count("<p>") == paragraphs
    assert (
        "Chinese technology leader Huawei has entered into a strategic automotive partnership"
        in out
    )
    assert (
        "traditional luxury automotive manufacturers to adapt to changing market dynamics." in out
    )
    # the body is one HTML line inside a .md file; Markdown must not escape or wrap it
    assert "&lt;p&gt;" not in out and "<p><p>" not in out


def test_chinese_text_is_unchanged() -> None:
    text = "深圳新能源汽车制造商澜驰汽车（Lanchi Motors）周三发布了“澜驰S9”。"
    out = render_body(f"<p>{text}</p>", HTML)
    assert text in out


def test_stylesheet_uses_the_given_colours() -> None:
    css = stylesheet(BodyColors(text="#eeeeee", link="#88aaff"), base_px=16)
    assert "color: #eeeeee" in css and "color: #88aaff" in css
    assert "font-size: 28px" in css  # h1 at 1.75 × 16
    assert "line-height" in css and "blockquote" in css


def test_placeholder_is_escaped() -> None:
    assert "&lt;b&gt;" in empty_body_html("<b>")


@given(st.text(alphabet=st.sampled_from("ab &<>\"'é;#x\n")) | st.text())
def test_escape_text_is_html_escape(text: str) -> None:
    # the shortcut for text with nothing to escape (html is not imported for it) changes nothing
    assert escape_text(text) == html.escape(text)


@pytest.mark.parametrize("text", ["", "No article", "Tom & Jerry", "<i>", 'say "hi"', "it's"])
def test_escape_text_examples(text: str) -> None:
    assert escape_text(text) == html.escape(text)


def test_render_module_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import editor.core.render as r\n"
        "print(r.render_body('# x', 'markdown'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert '<h1 id="x">x</h1>' in result.stdout


def test_fenced_code_has_no_trailing_empty_line() -> None:
    out = render_body("```\nx = 1\n```\n", MARKDOWN)
    assert "<pre><code>x = 1</code></pre>" in out


def test_remote_images_become_links_local_ones_stay() -> None:
    out = mark_remote_images(
        render_body(
            '![The "cover"](https://cdn.example.com/a.png?w=1&h=2)\n\n'
            "![local](/images/desk-cover.png)\n\n"
            '<img src="//cdn.example.com/b.webp">\n',
            MARKDOWN,
        ),
        "Remote image",
    )
    assert "<img" in out and 'src="/images/desk-cover.png"' in out
    assert out.count("<img") == 1
    assert (
        '<a class="remote-image" href="https://cdn.example.com/a.png?w=1&amp;h=2" '
        'rel="noopener noreferrer">[Remote image: The &quot;cover&quot;]</a>'
    ) in out.replace("&ldquo;", "&quot;").replace("&rdquo;", "&quot;")
    assert 'href="https://cdn.example.com/b.webp"' in out


def test_remote_images_link_to_the_address_the_policy_gives() -> None:
    out = mark_remote_images(
        '<p><img src="https://cdn.example/%zz.png" alt="a">'
        '<img src="https://xn--80ak6aa92e.com/x.png" alt="b">'
        '<img src="https://%65vil.example/x.png" alt="c"></p>',
        "Remote image",
    )
    assert 'href="https://cdn.example/%25zz.png"' in out
    assert 'href="https://xn--80ak6aa92e.com/x.png"' in out
    assert '<span class="remote-image">[Remote image: c]</span>' in out
    assert "<img" not in out and "vil.example" not in out


def test_ids_that_no_link_points_to_are_dropped_for_the_review_pane() -> None:
    # QTextDocument hashes every heading id's format alike: 8,000 of them made a 5 MB body's
    # document quadratic to build. An id nobody links to is never scrolled to.
    fragment = (
        '<h2 id="kept" class="shortcode">Kept</h2><h2 id="gone">Gone</h2>'
        '<p>Text that reads id="gone" stays text, <a href="#kept">to kept</a>, '
        '<a href="#caf%C3%A9">to the café</a> <a title="a>b" href="#a&amp;b">amp</a></p>'
        '<h3 title="x>y" id="café">Café</h3><h3 id="a&amp;b">Amp</h3><h4 id="x" >X</h4>'
    )
    assert drop_unlinked_ids(fragment) == (
        '<h2 id="kept" class="shortcode">Kept</h2><h2>Gone</h2>'
        '<p>Text that reads id="gone" stays text, <a href="#kept">to kept</a>, '
        '<a href="#caf%C3%A9">to the café</a> <a title="a>b" href="#a&amp;b">amp</a></p>'
        '<h3 title="x>y" id="café">Café</h3><h3 id="a&amp;b">Amp</h3><h4 >X</h4>'
    )
    assert drop_unlinked_ids("<p>No ids at all</p>") == "<p>No ids at all</p>"


def test_the_review_pane_keeps_the_ids_its_links_and_footnotes_use() -> None:
    body = "[to b](#part-b)\n\n## Part A\n\n## Part B\n\nA note[^1].\n\n[^1]: The note.\n"
    html = review_html(body, MARKDOWN, {}, "Remote image")
    assert "<h2>Part A</h2>" in html and '<h2 id="part-b">Part B</h2>' in html
    assert 'id="fn:1"' in html and 'id="fnref:1"' in html  # the note and its way back
    assert review_html(body, MARKDOWN, {}, "x") == drop_unlinked_ids(
        mark_remote_images(render_body(body, MARKDOWN), "x")
    )
