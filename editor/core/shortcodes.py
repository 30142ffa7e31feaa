"""Hugo shortcodes in a body, shown as labelled placeholders instead of raw braces.

``{{< figure src="a.jpg" caption="…" >}}`` becomes the image with its caption, ``{{< youtube id >}}`` a
labelled link to the video, a paired ``{{% notice warning %}}…{{% /notice %}}`` a labelled box around
its (rendered) inner text, and any other shortcode a label naming it and its arguments. Shortcodes
inside code (fenced blocks, inline code) stay raw, and ``{{</* x */>}}`` shows as the text
``{{< x >}}``, as Hugo does.

:func:`extract` swaps each shortcode for a plain token before the Markdown is rendered, and
:func:`expand` swaps the tokens in the rendered HTML for the placeholders; everything a placeholder
shows is escaped here, and the result still goes through the sanitiser.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

TOKEN = "CDSHORTCODE{0}X"
_TOKEN = re.compile(r"CDSHORTCODE(\d+)X")
_BLOCK_TOKEN = re.compile(r"<p>\s*CDSHORTCODE(\d+)X\s*</p>")

# {{< name args >}}, {{% name args %}}, closing {{< /name >}}, self-closing {{< name />}}, and the
# escaped form {{</* name */>}} that Hugo prints as text.
_TAG = re.compile(
    r"\{\{(?P<open>[<%])(?P<comment>/\*)?\s*(?P<closing>/)?\s*(?P<name>[\w.\-/]+)"
    r"(?P<args>(?:\"(?:[^\"\\]|\\.)*\"|`[^`]*`|[^\"`])*?)\s*(?P<self>/)?\s*(?(comment)\*/)"
    r"(?P<close>[>%])\}\}",
    re.DOTALL,
)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_ARG = re.compile(r'\s*(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)')

VIDEO_SITES = {
    "youtube": "https://www.youtube.com/watch?v={0}",
    "vimeo": "https://vimeo.com/{0}",
}

LABELS = {
    "youtube": "YouTube video",
    "vimeo": "Vimeo video",
    "figure": "Figure",
    "shortcode": "Shortcode",
    "gist": "GitHub gist",
    "tweet": "Post on X",
    "x": "Post on X",
    "instagram": "Instagram post",
}


@dataclass(frozen=True, slots=True)
class Shortcode:
    """One shortcode of a body: its name, arguments and, when paired, its inner text."""

    name: str
    named: dict[str, str] = field(default_factory=dict)
    positional: tuple[str, ...] = ()
    inner: str | None = None
    markdown: bool = False  # the {{% %}} notation: Hugo renders the inner text as Markdown
    literal: str | None = None  # an escaped {{</* */>}}: shown as this text

    def arg(self, name: str, position: int | None = None) -> str:
        if name in self.named:
            return self.named[name]
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return ""

    def args_text(self) -> str:
        parts = [*self.positional, *(f"{key}={value}" for key, value in self.named.items())]
        return " ".join(parts)


def parse_args(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    named: dict[str, str] = {}
    positional: list[str] = []
    for match in _ARG.finditer(text):
        key, raw = match.group(1), match.group(2)
        if raw.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", raw[1:-1])
        elif raw.startswith("`"):
            value = raw[1:-1]
        else:
            value = raw
        if key:
            named[key] = value
        else:
            positional.append(value)
    return named, tuple(positional)


def _code_spans(text: str) -> _Spans:
    fences = _Spans([match.span() for match in _FENCE.finditer(text)])
    spans = list(fences.spans)
    spans += (m.span() for m in _INLINE_CODE.finditer(text) if not fences.holds(m.start()))
    return _Spans(spans)


class _Spans:
    """Text spans, asked "is this position inside one of them?" in logarithmic time (a 5 MB body
    has tens of thousands of code spans: comparing each with each took seconds)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [start for start, _ in self.spans]
        self._reach: list[int] = []  # the furthest end of the spans up to each one (they overlap)
        for _, end in self.spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def holds(self, position: int) -> bool:
        """``any(start <= position < end for start, end in spans)``."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._reach[index]


def extract(text: str) -> tuple[str, list[Shortcode]]:
    """``text`` with each shortcode outside code replaced by a token, and the shortcodes."""
    code = _code_spans(text)
    found: list[Shortcode] = []
    out: list[str] = []
    position = 0
    tags = [m for m in _TAG.finditer(text) if not code.holds(m.start())]
    index = 0
    while index < len(tags):
        match = tags[index]
        index += 1
        if match.start() < position:
            continue  # inside a paired shortcode already taken
        out.append(text[position : match.start()])
        position = match.end()
        if match.group("comment"):
            shortcode = Shortcode(match.group("name"), literal=_unescape_comment(match.group(0)))
        elif match.group("closing"):
            shortcode = Shortcode(match.group("name"), literal=match.group(0))  # a stray closing
        else:
            named, positional = parse_args(match.group("args") or "")
            closing = None if match.group("self") else _closing(tags, index, match)
            inner = None
            if closing is not None:
                inner = text[match.end() : tags[closing].start()]
                position = tags[closing].end()
                index = closing + 1
            shortcode = Shortcode(
                match.group("name"), named, positional, inner, match.group("open") == "%"
            )
        out.append(_placeholder_text(len(found), text, match.start(), position))
        found.append(shortcode)
    out.append(text[position:])
    return "".join(out), found


def _unescape_comment(tag: str) -> str:
    """``{{</* figure src=x */>}}`` → ``{{< figure src=x >}}``."""
    return re.sub(r"^\{\{([<%])/\*\s*(.*?)\s*\*/([>%])\}\}$", r"{{\1 \2 \3}}", tag, flags=re.S)


def _closing(tags: list[re.Match[str]], start: int, opening: re.Match[str]) -> int | None:
    """The index of the tag that closes ``opening`` (same name, nesting counted), if any."""
    depth = 0
    name = opening.group("name")
    for index in range(start, len(tags)):
        tag = tags[index]
        if tag.group("name") != name or tag.group("comment"):
            continue
        if tag.group("closing"):
            if depth == 0:
                return index
            depth -= 1
        elif not tag.group("self"):
            depth += 1
    return None


def _placeholder_text(number: int, text: str, start: int, end: int) -> str:
    """The token; alone on its lines it becomes its own paragraph (a block placeholder)."""
    token = TOKEN.format(number)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return "\n\n" + token + "\n\n"
    return token


Renderer = Callable[[str], str]


def expand(
    fragment: str,
    shortcodes: list[Shortcode],
    render_inner: Renderer,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Replace the tokens in rendered HTML with each shortcode's placeholder."""
    words = {**LABELS, **(labels or {})}

    def block(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return placeholder(shortcodes[number], render_inner, words, block=True)

    def inline(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(shortcodes):
            return match.group(0)
        return placeholder(shortcodes[number], render_inner, words, block=False)

    return _TOKEN.sub(inline, _BLOCK_TOKEN.sub(block, fragment))


def placeholder(
    shortcode: Shortcode, render_inner: Renderer, words: Mapping[str, str], *, block: bool
) -> str:
    """The HTML shown for one shortcode (every value escaped)."""
    esc = html.escape
    name = shortcode.name
    lowered = name.lower()
    if shortcode.literal is not None:
        return esc(shortcode.literal)
    if lowered in ("ref", "relref"):
        return esc(shortcode.arg("path", 0))  # used inside a link's address
    if lowered == "param":
        return esc("{" + shortcode.arg("name", 0) + "}")
    if lowered == "figure":
        return _figure(shortcode, words)
    if lowered in VIDEO_SITES:
        video = shortcode.arg("id", 0)
        title = shortcode.arg("title")
        url = VIDEO_SITES[lowered].format(video)
        text = f'▶ {esc(words[lowered])}: <a href="{esc(url)}">{esc(title or video)}</a>'
        return (
            f'<p class="shortcode">{text}</p>'
            if block
            else f'<span class="shortcode">{text}</span>'
        )
    if lowered == "highlight" and shortcode.inner is not None:
        language = shortcode.arg("", 0)
        label = f'<p class="shortcode-label">{esc(language)}</p>' if language else ""
        return f"{label}<pre><code>{esc(shortcode.inner.strip(chr(10)))}</code></pre>"
    label = esc(words.get(lowered, name))
    args = shortcode.args_text()
    heading = label + (f" · {esc(args)}" if args else "")
    if shortcode.inner is not None:
        inner = render_inner(shortcode.inner)
        return f'<div class="shortcode-box"><p class="shortcode-label">{heading}</p>{inner}</div>'
    text = f"⟨{esc(name)}{(' ' + esc(args)) if args else ''}⟩"
    return f'<p class="shortcode">{text}</p>' if block else f'<span class="shortcode">{text}</span>'


def _figure(shortcode: Shortcode, words: Mapping[str, str]) -> str:
    esc = html.escape
    src = shortcode.arg("src")
    alt = shortcode.arg("alt") or shortcode.arg("caption") or shortcode.arg("title")
    caption_parts = [
        part
        for part in (shortcode.arg("title"), shortcode.arg("caption"), shortcode.arg("attr"))
        if part
    ]
    image = f'<img src="{esc(src)}" alt="{esc(alt)}">' if src else esc(words["figure"])
    link = shortcode.arg("link")
    if link and src:
        image = f'<a href="{esc(link)}">{image}</a>'
    caption = (
        f'<p class="shortcode-caption">{" — ".join(esc(part) for part in caption_parts)}</p>'
        if caption_parts
        else ""
    )
    return f'<div class="shortcode-figure"><p>{image}</p>{caption}</div>'
