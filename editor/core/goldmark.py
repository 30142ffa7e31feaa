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
from markdown.treeprocessors import Treeprocessor

from editor.core.markdown_chunks import render_chunked

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
        md.treeprocessors.register(_TaskLists(md), "tasklists", 1)
        md.treeprocessors.register(_Linkify(md), "linkify", 0)


EXTENSIONS: list[Any] = [
    "tables",
    "fenced_code",
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
    "toc": {"slugify": github_slug, "permalink": False},
}


_FOOTNOTE_REF = re.compile(r'id="fnref:([^"]+)"')
_EMPTY_TITLE = re.compile(r' title=""')
_ALIGN = re.compile(r'style="text-align: (left|center|right);?"')


def to_html(text: str) -> str:
    """Markdown ``text`` as HTML, the way Hugo's default Goldmark setup renders it (a huge text
    chunk by chunk, in linear time: :mod:`editor.core.markdown_chunks`)."""
    return _goldmark_details(render_chunked(text, whole_html))


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
