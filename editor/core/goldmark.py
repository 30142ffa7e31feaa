"""Markdown as Hugo renders it by default (Goldmark with Hugo's extensions), in Python-Markdown.

Hugo turns on, by default: tables, strikethrough, task lists, linkify (bare URLs become links),
footnotes, definition lists and the typographer (curly quotes, dashes, ellipses, angle quotes), and
gives headings an id. Python-Markdown has most of these as extensions; strikethrough, task lists and
linkify are small processors here. ``tests/core/test_goldmark.py`` renders a page of these constructs
with the ``hugo`` binary and checks that we produce the same HTML, tag for tag.

Task lists become ☐ / ☑ characters rather than Goldmark's disabled checkboxes, since the review pane
(QTextDocument) cannot show form controls.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from editor.core.markdown_chunks import ChunkMap, render_chunked

UNCHECKED, CHECKED = "☐", "☑"


def github_slug(text: str, separator: str = "-") -> str:
    """Heading ids as Goldmark makes them (GitHub style): lower case, punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", separator)


class _TaskLists(Treeprocessor):
    """A list item starting with ``[ ]`` or ``[x]`` starts with a box instead."""

    _BOX = re.compile(r"^\[([ xX])\][ \t]+")

    def run(self, root: etree.Element) -> None:
        for item in root.iter("li"):
            holder = item
            if not (item.text or "").strip() and len(item) and item[0].tag == "p":
                holder = item[0]  # a loose list wraps the text in a paragraph
            match = self._BOX.match(holder.text or "")
            if match:
                box = UNCHECKED if match.group(1) == " " else CHECKED
                holder.text = box + " " + (holder.text or "")[match.end() :]


# What Goldmark's linkify takes as a link: a scheme or www., up to a space or "<"; the trailing
# punctuation of the sentence is not part of it.
_BARE_URL = re.compile(
    r"(?<![\w/.@:-])((?:https?://|ftp://|www\.)[^\s<]*[^\s<?!.,:*_~'\")\]])",
    re.IGNORECASE,
)
_SKIP = frozenset({"a", "code", "pre"})


class _Linkify(Treeprocessor):
    """Bare URLs in text become links, as with Hugo's default ``linkify = true``."""

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in _SKIP:
            return
        if element.text:
            nodes = self._split(element.text)
            if nodes is not None:
                element.text = nodes[0]
                for index, node in enumerate(nodes[1:]):
                    element.insert(index, node)
        for child in list(element):
            self._walk(child)
            if child.tail:
                nodes = self._split(child.tail)
                if nodes is not None:
                    child.tail = nodes[0]
                    position = list(element).index(child) + 1
                    for offset, node in enumerate(nodes[1:]):
                        element.insert(position + offset, node)

    @staticmethod
    def _split(text: str) -> list[Any] | None:
        """[text before, <a> with its tail, ...] or None when the text holds no URL."""
        matches = list(_BARE_URL.finditer(text))
        if not matches:
            return None
        nodes: list[Any] = [text[: matches[0].start()]]
        for number, match in enumerate(matches):
            url = match.group(1)
            link = etree.Element("a")
            link.set("href", "https://" + url if url.lower().startswith("www.") else url)
            link.text = url
            end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            link.tail = text[match.end() : end]
            nodes.append(link)
        return nodes


# A list item's or definition's first line at the margin, and where its text starts (CommonMark's
# content column): "- ", "1. ", ": ". A thematic break ("* * *") is no item.
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)]|:)[ ]{1,4}(?=\S)")
_BREAK = re.compile(r"([-*_])(?:[ ]*\1){2,}[ ]*\Z")
_FENCE = re.compile(r"([ ]*)(`{3,}|~{3,})")
# A link reference definition stays where it is: it renders to nothing wherever it stands, and
# markdown_chunks gives each chunk the document's definitions after its end.
_REFERENCE = re.compile(r"[ ]{0,3}\[[^\]]*\]:")


class _ItemIndent(Preprocessor):
    """The blocks of list items and definitions indented as CommonMark and Hugo take them (at the
    item's own text column: two spaces under "- " or ": ", three under "1. "), re-indented to the
    four spaces a level Python-Markdown needs to keep them in the item. Without this a fence
    there became inline code or a code block after the list, a second paragraph left its
    definition, and a sub-list under "- " became a sibling.

    Each line of an item after its first moves by the same spaces (a fence as a whole, its closer
    put at its opener's indent); a line left of the item's text column after a blank line ends
    the item, as in CommonMark; a lazy line (no blank line before) stays as it is.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        columns: list[int] = []  # the text columns of the open items, outermost first
        blank = False  # the line before was blank
        index = 0
        while index < len(lines):
            line = lines[index]
            indent = len(line) - len(line.lstrip(" "))
            item = _ITEM.match(line, indent) if line.strip() else None
            if item is not None and (_BREAK.match(line, indent) or indent >= 4 + _top(columns)):
                item = None  # a rule, or indented code
            fence = _FENCE.match(line)
            if fence is not None:
                marks = fence.group(2)
                if marks[0] == "`" and "`" in line[fence.end() :]:
                    fence = None  # inline code (a backtick fence's info has no backtick)
            # Only paragraph text may be lazy: after a blank line, or at a marker, a fence, or a
            # heading, quote, HTML block, table or rule, a line left of the text ends the item.
            ends = blank or item or fence or (indent == 0 and line[:1] in ("#", ">", "<", "|"))
            was_in = bool(columns)
            while columns and line.strip() and indent < columns[-1] and ends:
                columns.pop()
            if fence is not None and was_in and not columns and not blank:
                out.append("")  # a fence ends the list: not so for Python-Markdown
            delta = 4 * len(columns) - columns[-1] if columns else 0
            if fence is not None:
                end = _closing(lines, index + 1, marks, indent)
                if end is None:  # it runs to the end: all the rest is its text
                    rest = lines[index:]
                    while rest and not rest[-1].strip():
                        rest.pop()
                    # At the margin, as CommonMark has it (not left as text).
                    out.extend([*rest, marks] if not columns and indent == 0 else lines[index:])
                    break
                # CommonMark takes a closer indented up to three spaces whatever the opener's.
                block = [*lines[index:end], " " * indent + lines[end].strip(" ")]
                if delta:
                    out.extend(_moved(text, delta) for text in block)
                    if blank and end + 1 < len(lines) and lines[end + 1].strip():
                        # In a loose item Python-Markdown would read the next item's line as
                        # more of this one: the blank line CommonMark does not need.
                        out.append("")
                else:
                    out.extend(block)
                index, blank = end + 1, False
                continue
            if item is not None:
                # A marker at the item's level or deeper opens an item in it; else a top one.
                depth = len(columns)
                out.append(" " * (4 * depth) + line[indent:] if depth else line)
                columns.append(item.end())
            else:
                moves = delta and indent >= columns[-1] and not _REFERENCE.match(line)
                out.append(_moved(line, delta) if moves else line)
            blank = not line.strip()
            index += 1
        return out


# A bullet or ordered list item (no definition), and one that may start right under a paragraph
# line in CommonMark: a bullet, or a number 1 ("Steps:\n- a", "Do this:\n1. x"), with text.
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ ]{1,4}(?=\S)")
_INTERRUPTS = re.compile(r"(?:[-*+]|1[.)])[ ]{1,4}(?=\S)")


class _ListAfterParagraph(Preprocessor):
    """A blank line before a list that starts right under a paragraph line, where CommonMark (and
    Hugo's Goldmark) start the list and Python-Markdown read the items as more of the paragraph:
    jaegertracing's roadmap showed "…complexity: 1. Free form question… 1. Automated…" as one
    paragraph. A paragraph's own text only: not in a fence, a quote, an HTML block, a table or
    code, nor a list already open (its items need no blank line). And one after a fence at the
    margin with text right under it (Python-Markdown put both in one <p>)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block = ""  # what the lines since the last blank one are: paragraph, list, other
        fence: str | None = None
        top_fence = after_top_fence = False
        for line in lines:
            if fence is not None:
                out.append(line)
                closer = line.strip()
                if closer and set(closer) == {fence[0]} and len(closer) >= len(fence):
                    fence, block = None, ""  # the next line starts a block of its own
                    after_top_fence = top_fence
                continue
            stripped = line.strip()
            if after_top_fence and stripped:
                out.append("")  # Python-Markdown wrapped a fence and the text under it in <p>
            after_top_fence = False
            if not stripped:
                block = ""
                out.append(line)
                continue
            indent = len(line) - len(line.lstrip(" "))
            opened = _FENCE.match(line)
            if opened is not None and not (
                opened.group(2)[0] == "`" and "`" in line[opened.end() :]
            ):
                top_fence = indent == 0 and block != "list"
                fence, block = opened.group(2), "other"
                out.append(line)
                continue
            item = (
                indent < 4
                and _LIST_ITEM.match(line, indent) is not None
                and _BREAK.match(line, indent) is None
            )
            if item:
                if block == "paragraph" and _INTERRUPTS.match(line, indent):
                    out.append("")
                if block != "other":
                    block = "list"
            elif not block:
                starts_other = indent >= 4 or stripped[:1] in ("#", ">", "<", "|")
                block = "other" if starts_other else "paragraph"
                if stripped[:1] == "#":
                    block = ""  # a heading is one line: the next one starts a block of its own
            out.append(line)
        return out


def _top(columns: list[int]) -> int:
    return columns[-1] if columns else 0


def _moved(text: str, delta: int) -> str:
    """``text`` indented ``delta`` spaces more (fewer when negative, down to none); blank stays."""
    if not text.strip():
        return text
    if delta > 0:
        return " " * delta + text
    spaces = len(text) - len(text.lstrip(" "))
    return text[min(-delta, spaces) :]


def _closing(lines: list[str], start: int, marks: str, indent: int) -> int | None:
    """The index of the line closing a fence opened with ``marks``, or None when it runs to the
    end (CommonMark: the same character, at least as many, nothing after but spaces)."""
    for index in range(start, len(lines)):
        text = lines[index]
        stripped = text.lstrip(" ")
        if (
            len(text) - len(stripped) < indent + 4
            and stripped.rstrip(" ")
            and set(stripped.rstrip(" ")) == {marks[0]}
            and len(stripped.rstrip(" ")) >= len(marks)
        ):
            return index
    return None


def _code_block(
    source: str, language: str, class_name: str, options: Any, md: Any, **kw: Any
) -> str:
    """A fence as Goldmark writes it without highlighting: ``<pre><code class="language-x">``."""
    escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    kind = f' class="language-{language}"' if language else ""
    return f"<pre><code{kind}>{escaped}\n</code></pre>"


class GoldmarkExtension(Extension):
    """Strikethrough, task lists and linkify, the Hugo defaults Python-Markdown lacks."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # ~~text~~ and ~text~, as Goldmark's strikethrough takes both.
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(r"(~~)(?!~)(.+?)(?<!~)~~", "del"), "del2", 40
        )
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(r"(?<![~\w])(~)(?![~\s])(.+?)(?<![~\s])~(?![~\w])", "del"),
            "del1",
            39,
        )
        # After whitespace is normalised (30), before superfences takes the fences (25).
        md.preprocessors.register(_ListAfterParagraph(md), "list_after_paragraph", 28)
        md.preprocessors.register(_ItemIndent(md), "item_indent", 27)
        md.treeprocessors.register(_TaskLists(md), "tasklists", 1)
        md.treeprocessors.register(_Linkify(md), "linkify", 0)


EXTENSIONS: list[Any] = [
    "tables",
    # Fences anywhere a block may be (in list items, definitions, quotes), not only at the margin.
    "pymdownx.superfences",
    "footnotes",
    "def_list",
    "attr_list",
    "sane_lists",
    "smarty",
    "toc",
    GoldmarkExtension(),
]
CONFIGS: dict[str, dict[str, Any]] = {
    "footnotes": {"BACKLINK_TEXT": "&#x21a9;&#xfe0e;", "BACKLINK_TITLE": "", "SEPARATOR": ":"},
    "smarty": {"smart_angled_quotes": True},
    "pymdownx.superfences": {
        "custom_fences": [
            {"name": "*", "class": "", "format": _code_block, "validator": lambda *a: True}
        ]
    },
    "toc": {"slugify": github_slug, "permalink": False},
}


_FOOTNOTE_REF = re.compile(r'id="fnref:([^"]+)"')
_EMPTY_TITLE = re.compile(r' title=""')
_ALIGN = re.compile(r'style="text-align: (left|center|right);?"')


def to_html(text: str, map_chunks: ChunkMap = map) -> str:
    """Markdown ``text`` as HTML, the way Hugo's default Goldmark setup renders it (a huge text
    chunk by chunk, in linear time: :mod:`editor.core.markdown_chunks`; ``map_chunks`` may render
    the chunks side by side)."""
    return _goldmark_details(render_chunked(text, whole_html, map_chunks=map_chunks))


def whole_html(text: str) -> str:
    """Python-Markdown's HTML for all of ``text`` at once (before the Goldmark details)."""
    return markdown.markdown(
        text, extensions=EXTENSIONS, extension_configs=CONFIGS, output_format="html"
    )


def _goldmark_details(out: str) -> str:
    # Goldmark numbers footnotes in the order they are referenced ([^note] becomes fn:2), gives
    # the back link no title, and aligns table cells with an attribute the review pane keeps.
    labels = list(dict.fromkeys(_FOOTNOTE_REF.findall(out)))
    if labels and any(label != str(number) for number, label in enumerate(labels, 1)):
        numbers = {label: str(number) for number, label in enumerate(labels, 1)}
        out = re.sub(
            r'(["#])(fn|fnref):([^"]+)"',
            lambda m: f'{m.group(1)}{m.group(2)}:{numbers.get(m.group(3), m.group(3))}"',
            out,
        )
    out = _EMPTY_TITLE.sub("", out)
    return _ALIGN.sub(r'align="\1"', out)
