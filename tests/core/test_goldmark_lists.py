"""A list right under a paragraph line renders as Hugo renders it: a list (Python-Markdown read its
items as more of the paragraph: jaegertracing's roadmap, and "Steps:\\n- a" everywhere)."""

from __future__ import annotations

import pytest

from editor.core.goldmark import to_html
from tests.core.test_goldmark import from_hugo, render_with_hugo, tokens

CASES = {
    "bullets": "Steps:\n- one\n- two\n\nAfter.\n",
    "star": "Text\n* one\n* two\n",
    "plus": "Text\n+ one\n",
    "ordered_one": "Do this:\n1. first\n2. second\n",
    "indented_items": "There can be:\n  1. Free form.\n  1. Automated.\n",
    "not_two": "Not a list:\n2. two\n",  # only a 1 may interrupt a paragraph
    "empty_item": "Text\n-\nmore\n",  # an empty item does not interrupt
    "rule": "Text\n\n* * *\n\nNext\n- - -\n",
    "heading_then_list": "# Title\n- a\n- b\n",
    "in_fence": "```\nText:\n- not a list\n```\n",
    "after_fence": "```\ncode\n```\nText:\n- a list\n",
    "text_under_a_fence": "~~~\ncode\n~~~\nMore text.\n",
    "quote_first": "> quoted\n\nText:\n- a\n",
    "list_continues": "- a\ntext\n- b\n",
    "html_block": "<div>\n- raw\n</div>\n",
}


@pytest.fixture(scope="module")
def hugo_lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_with_hugo(tmp_path_factory.mktemp("lists"), CASES)


@pytest.mark.hugo
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_list_under_a_paragraph_renders_as_hugo_renders_it(
    hugo_lists: dict[str, str], name: str
) -> None:
    assert tokens(to_html(CASES[name])) == tokens(from_hugo(hugo_lists[name]))


def test_the_roadmap_list_is_a_list() -> None:
    out = to_html("There can be:\n  1. Free form.\n    - Ability.\n  1. Automated.\n")
    assert out.startswith("<p>There can be:</p>\n<ol>")
    assert "<li>Automated.</li>" in out
