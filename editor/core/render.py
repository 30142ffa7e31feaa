"""Article bodies as safe HTML for the review pane.

Markdown is rendered as Hugo's default Goldmark setup renders it (:mod:`editor.core.goldmark`: tables,
strikethrough, task lists, linkify, footnotes, definition lists, typographer); raw HTML inside Markdown
passes through, as Hugo does with ``markup.goldmark.renderer.unsafe = true``. HTML bodies are taken as
they are. Hugo shortcodes become labelled placeholders (:mod:`editor.core.shortcodes`). Either way the
result is then cleaned with nh3 (ammonia): only a reading subset of tags survives, scripts and styles are
dropped with their content, event handler attributes go, and links may only point to http, https,
mailto or a relative address.

The stylesheet is written for ``QTextDocument``, which understands a subset of CSS 2 (no borders on
blocks, no max-width), so it keeps to font sizes, margins, line height and colours.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING, NamedTuple

from editor.core.urls import WEB_SCHEMES, check_web_url, is_local_reference

if TYPE_CHECKING:  # Python-Markdown and its chunks load with the first body shown
    from editor.core.markdown_chunks import ChunkMap

MARKDOWN = "markdown"
HTML = "html"

_HTML_SUFFIXES = frozenset({".html", ".htm"})

_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip
# Dropped together with everything inside them, not just unwrapped.
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "div": {"class"},
    "p": {"class"},
    "span": {"class"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "time": {"datetime"},
    "abbr": set(),
    "q": {"cite"},
    "blockquote": {"cite"},
}
_URL_SCHEMES = WEB_SCHEMES | {"mailto"}  # a mailto: link is shown; opening it is refused


def kind_for_path(path: str | PurePath) -> str:
    """How a body is written, from the file name: ``"markdown"`` (.md, .markdown) or ``"html"``.

    Hugo renders unknown content suffixes as Markdown, so anything that is not .html/.htm is Markdown.
    """
    suffix = PurePath(path).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return HTML
    return MARKDOWN


def render_body(
    body: str, kind: str, labels: dict[str, str] | None = None, map_chunks: ChunkMap = map
) -> str:
    """The body as a sanitised HTML fragment; ``kind`` is ``"markdown"`` or ``"html"``.

    ``labels`` translates the words of the shortcode placeholders (see ``shortcodes.LABELS``);
    ``map_chunks`` renders a huge Markdown body's chunks (see markdown_chunks.render_chunked).
    """
    from editor.core import shortcodes  # with the first body shown, not at start-up

    if kind == MARKDOWN:
        source = _markdown_with_shortcodes(body, labels, map_chunks=map_chunks)
    elif kind == HTML:
        text, found = shortcodes.extract(body)
        source = shortcodes.expand(text, found, lambda inner: inner, labels)
    else:
        raise ValueError(f"Unknown body kind {kind!r}; expected 'markdown' or 'html'")
    # A fenced block ends with a line break that QTextDocument would show as an empty last line.
    return _PRE_END.sub("</code></pre>", sanitize(source))


_PRE_END = re.compile(r"\n+</code></pre>")


def _markdown_with_shortcodes(
    body: str, labels: dict[str, str] | None, depth: int = 0, map_chunks: ChunkMap = map
) -> str:
    # Imported on first use: Python-Markdown is a fifth of the window's imports, and the window
    # loads it after its first paint (body_feed.warm_renderer_later).
    from editor.core import goldmark, shortcodes

    text, found = shortcodes.extract(body)
    if depth > 8:  # shortcodes nested deeper than any page needs: show the rest as text
        return goldmark.to_html(body)
    return shortcodes.expand(
        goldmark.to_html(text, map_chunks),
        found,
        lambda inner: _markdown_with_shortcodes(inner, labels, depth + 1),
        labels,
    )


def sanitize(fragment: str) -> str:
    """Keep only the reading subset of HTML: no scripts, handlers, or links outside http(s)/mailto."""
    import nh3  # with the first body shown, not at start-up

    return nh3.clean(
        fragment,
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":  # only the shortcode placeholders' own classes survive
        kept = [word for word in value.split() if word.startswith("shortcode")]
        return " ".join(kept) or None
    # nh3 already limits URL schemes; an image is a file of the site or a web address by the one
    # policy (never mailto:, and no web address the policy refuses).
    if tag == "img" and name == "src" and not is_local_reference(value):
        return value if check_web_url(value).ok else None
    return value


class BodyColors(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """Colours for the body stylesheet (CSS colour strings), taken from the widget palette by the UI."""

    text: str = "#1f2328"
    muted: str = "#57606a"
    link: str = "#0a58ca"
    code_background: str = "#f3f4f6"
    quote_background: str = "#f6f8fa"
    rule: str = "#d0d7de"


def stylesheet(colors: BodyColors | None = None, base_px: int = 15) -> str:
    """A stylesheet for the rendered body that ``QTextDocument.setDefaultStyleSheet`` understands."""
    c = colors or BodyColors()
    return f"""
body {{ color: {c.text}; font-size: {base_px}px; }}
p, li, dd, blockquote {{ line-height: {round(base_px * 1.5)}px; -qt-line-height-type: minimum; }}
p {{ margin-top: 0px; margin-bottom: {round(base_px * 0.8)}px; }}
h1 {{ font-size: {round(base_px * 1.75)}px; font-weight: 600; margin-top: {base_px}px; margin-bottom: {round(base_px * 0.6)}px; }}
h2 {{ font-size: {round(base_px * 1.4)}px; font-weight: 600; margin-top: {round(base_px * 1.3)}px; margin-bottom: {round(base_px * 0.5)}px; }}
h3 {{ font-size: {round(base_px * 1.2)}px; font-weight: 600; margin-top: {base_px}px; margin-bottom: {round(base_px * 0.4)}px; }}
h4, h5, h6 {{ font-size: {base_px}px; font-weight: 600; margin-top: {base_px}px; margin-bottom: {round(base_px * 0.3)}px; }}
ul, ol {{ margin-top: 0px; margin-bottom: {round(base_px * 0.8)}px; }}
li {{ margin-bottom: {round(base_px * 0.25)}px; }}
a[href] {{ color: {c.link}; text-decoration: underline; }}
a.remote-image {{ color: {c.muted}; font-style: italic; }}
blockquote {{ color: {c.muted}; background-color: {c.quote_background}; font-style: italic; margin-left: {base_px}px; margin-right: {base_px}px; margin-top: {round(base_px * 0.5)}px; margin-bottom: {round(base_px * 0.8)}px; }}
code, kbd, samp {{ font-family: monospace; background-color: {c.code_background}; }}
pre {{ font-family: monospace; background-color: {c.code_background}; margin-top: {round(base_px * 0.4)}px; margin-bottom: {round(base_px * 0.8)}px; white-space: pre-wrap; }}
table {{ border-collapse: collapse; margin-top: {round(base_px * 0.6)}px; margin-bottom: {round(base_px * 0.8)}px; }}
th {{ font-weight: 600; background-color: {c.quote_background}; }}
th, td {{ padding: 4px 8px; border: 1px solid {c.rule}; }}
hr {{ color: {c.rule}; }}
.placeholder {{ color: {c.muted}; font-style: italic; }}
.shortcode, .shortcode-label {{ color: {c.muted}; background-color: {c.quote_background}; }}
.shortcode-label {{ font-weight: 600; font-size: {round(base_px * 0.87)}px; margin-bottom: {round(base_px * 0.3)}px; }}
.shortcode-box {{ background-color: {c.quote_background}; margin-left: {base_px}px; margin-right: {base_px}px; }}
.shortcode-caption {{ color: {c.muted}; font-size: {round(base_px * 0.87)}px; font-style: italic; }}
figcaption, caption {{ color: {c.muted}; font-size: {round(base_px * 0.87)}px; }}
"""


_IMG_TAG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def mark_remote_images(fragment: str, label: str = "Remote image (not loaded)") -> str:
    """Replace images from other hosts with a link to them, so a reader sees what is missing.

    ``fragment`` must be :func:`sanitize` output (double-quoted, escaped attributes); the link text
    is ``label`` and the image's alt text, and the link goes through the same click policy as others.
    """

    import html  # with the first body shown (see escape_text)

    def replace(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        src = html.unescape(attributes.get("src", ""))
        if is_local_reference(src):
            return match.group(0)
        address = check_web_url(src)
        alt = attributes.get("alt", "")
        text = html.escape(label) + (f": {alt}" if alt else "")
        if not address.ok:
            return f'<span class="remote-image">[{text}]</span>'
        href = html.escape(address.url)
        return f'<a class="remote-image" href="{href}" rel="noopener noreferrer">[{text}]</a>'

    return _IMG_TAG.sub(replace, fragment)


def review_html(
    body: str, kind: str, labels: dict[str, str], remote_label: str, map_chunks: ChunkMap = map
) -> str:
    """The body as the review pane shows it: :func:`render_body`, remote images as links
    (:func:`mark_remote_images`, ``remote_label`` their words), ids nothing links to dropped."""
    fragment = render_body(body, kind, labels, map_chunks)
    return drop_unlinked_ids(mark_remote_images(fragment, remote_label))


# An id attribute inside a tag (sanitize output: attribute values are double-quoted, and a value
# holds no double quote, so a tag ends at the first ">" outside quotes; text holds no "<").
_TAG_ID = re.compile(r'(<[A-Za-z][^>"]*(?:"[^"]*"[^>"]*)*?)\sid="([^"]*)"')
_FRAGMENT_HREF = re.compile(r'\shref="#([^"]*)"')


def drop_unlinked_ids(fragment: str) -> str:
    """``fragment`` (:func:`sanitize` output) without the ids that no link of it points to.

    QTextDocument keeps an element's id as an anchor name in its character format, and it hashes
    every list of anchor names alike: each heading id is one more format in a single hash chain,
    which every later format lookup walks. The 8,000 heading ids of a 5 MB Markdown body made
    building its document quadratic (one setHtml 7 s; each appended piece slower than the last,
    150-290 ms near the end). An anchor is only ever reached through the body's own links
    (``BodyView._on_anchor``), so an id that none points to changes nothing the reader sees.
    """
    if ' id="' not in fragment:
        return fragment
    import html  # with the first body shown (see escape_text)
    from urllib.parse import unquote

    def key(text: str) -> str:  # QUrl.fragment() gives the fragment decoded
        return unquote(html.unescape(text))

    targets = {key(target) for target in _FRAGMENT_HREF.findall(fragment)}

    def keep(match: re.Match[str]) -> str:
        return match.group(0) if key(match.group(2)) in targets else match.group(1)

    return _TAG_ID.sub(keep, fragment)


def empty_body_html(message: str) -> str:
    """A muted one-line placeholder for an article without a body (``message`` is plain text)."""
    return f'<p class="placeholder">{escape_text(message)}</p>'


def escape_text(text: str) -> str:
    """``html.escape(text)``. The window shows a placeholder before its first paint, and importing
    :mod:`html` (its table of 2,000 entities) cost 2-4 ms of that: text with nothing to escape,
    as placeholders are, is returned as it is without it."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        import html

        return html.escape(text)
    return text
