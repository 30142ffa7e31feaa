"""Bodies render as Hugo renders them: a page of the common Markdown constructs goes through the
``hugo`` binary (default Goldmark settings, unsafe HTML on, no code highlighting) and through our
renderer, and after the same sanitising both must give the same tags, attributes and text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.goldmark import CHECKED, UNCHECKED, github_slug, to_html
from editor.core.render import sanitize

PAGE = """\
## A heading with "quotes"

A "quoted" phrase -- and 'single' --- with dots... and <<angles>>, don't.
Some ~~struck~~ and ~single~ text, *emphasis* and **strong**, `code -- "raw"`.

| Left | Middle | Right |
|:-----|:------:|------:|
| a    | b      | c     |
| *d*  | `e`    | f     |

- [ ] open task
- [x] done task
- plain item

1. first
2. second

Term
: Definition of the term

Another term
: First definition
: Second definition

A note[^1] here and another[^note].

[^1]: The footnote text.
[^note]: A named note.

Visit https://example.com/path?q=1, or www.example.org. Mail <mail@example.com>.

> A quote with a [link](https://example.com "Title").

```go
x := "a -- b"
```

    indented code

---

![An image](images/pic.png)

<div>raw <b>HTML</b> block</div>
"""

CONFIG = """\
baseURL = "https://example.org/"
title = "Goldmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]
[markup.goldmark.renderer]
unsafe = true
[markup.highlight]
codeFences = false
"""


def hugo_binary() -> str | None:
    return shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")


def render_with_hugo(site: Path, pages: dict[str, str]) -> dict[str, str]:
    """Each Markdown text of ``pages`` as the ``hugo`` binary renders it, by page name."""
    binary = hugo_binary()
    if binary is None:
        pytest.skip("the hugo binary is not installed (the 'hugo' package of the test extra)")
    (site / "hugo.toml").write_text(CONFIG)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
    (site / "content").mkdir()
    for name, text in pages.items():
        (site / "content" / f"{name}.md").write_text('+++\ntitle = "Page"\n+++\n' + text)
    completed = subprocess.run(
        [binary, "--quiet", "--noBuildLock", "--source", str(site), "-d", str(site / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"HUGO_CACHEDIR": str(site / ".cache"), "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 0, completed.stderr
    return {name: (site / "out" / name / "index.html").read_text() for name in pages}


@pytest.fixture(scope="module")
def hugo_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_with_hugo(tmp_path_factory.mktemp("goldmark"), {"page": PAGE})["page"]


class _Tokens(HTMLParser):
    """Tags with sorted attributes, and text with runs of white space made one space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if text.strip():
            self.tokens.append(text.strip())


def tokens(fragment: str) -> list[str]:
    parser = _Tokens()
    parser.feed(sanitize(fragment))
    return parser.tokens


def from_hugo(fragment: str) -> str:
    """Hugo's HTML with the two things the review pane shows differently: task boxes as ☐ / ☑
    (no form controls in QTextDocument) and cell alignment as an attribute (no inline styles)."""
    fragment = re.sub(r"<input checked=\"\" disabled=\"\" type=\"checkbox\">", CHECKED, fragment)
    fragment = re.sub(r"<input disabled=\"\" type=\"checkbox\">", UNCHECKED, fragment)
    return re.sub(r'style="text-align: (\w+)"', r'align="\1"', fragment)


@pytest.mark.hugo
def test_a_page_renders_as_hugo_renders_it(hugo_html: str) -> None:
    assert tokens(to_html(PAGE)) == tokens(from_hugo(hugo_html))


@pytest.mark.hugo
def test_the_page_holds_what_it_claims(hugo_html: str) -> None:
    # The comparison above only means something if Hugo produced these constructs.
    for needle in (
        "<del>",
        "<table>",
        "<dl>",
        'class="footnotes"',
        "&ldquo;",
        "&hellip;",
        "<h2 id",
    ):
        assert needle in hugo_html
    assert '<a href="https://example.com/path?q=1">' in hugo_html  # linkify


@pytest.mark.parametrize(
    ("text", "slug"),
    [("How it works", "how-it-works"), ('A heading with "quotes"', "a-heading-with-quotes")],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_linkify_leaves_links_and_code_alone() -> None:
    out = to_html("[https://a.example](https://a.example) and `https://b.example`")
    assert out.count("<a ") == 1 and "<code>https://b.example</code>" in out


# Fenced code where CommonMark lets a block be: under list items and definitions (at the item's
# text column, as Hugo's own docs write them, or four spaces in), in quotes, with info strings
# Python-Markdown's fenced_code did not take, and holding fences as text.
NESTED_FENCES = {
    "bullet2": "- item\n\n  ```sh\n  make\n  ```\n\n- next\n",
    "bullet4": "- item\n\n    ```sh\n    make\n    ```\n",
    "tight": "- item\n  ```sh\n  tight\n  ```\n- next\n",
    "ordered": "1. one\n\n   ~~~\n   code <b>\n   ~~~\n2. two\n",
    "ordered_tight": "1. one\n   ```\n   a\n   ```\n2. two\n",
    "definition2": "Term\n: Def\n\n  ```go\n  x := 1\n  ```\n",
    "definition4": "Term\n: Def\n\n    ```go\n    x := 1\n    ```\n\nAfter.\n",
    "quote": "> Said:\n>\n> ```\n> quoted\n> ```\n",
    "attributes": "```go {linenos=true,hl_lines=[1]}\nx\n```\n\n```sh {.shell #run}\nls\n```\n",
    "fence_in_fence": "````md\n```\ninner\n```\n````\n\n- item\n\n  ~~~~\n  ~~~\n  x\n  ~~~~\n",
    "closers": "```sh\nx\n ```\n\nText.\n\n- item\n\n  ```\n  y\n   ```\n\n~~~\nopen to the end\n",
    # hugoDocs' _common/store-methods.md: a second paragraph of a definition, then its fence.
    "definition_paragraph": "`Add`\n: Adds.\n\n  For single values.\n\n  ```go\n  x\n  ```\n\n`Get`\n: Gets.\n",
    "sublist": "- item\n  - sub\n\n    ```\n    in sub\n    ```\n- next\n\n  para\n\n* * *\n\n  after the rule\n",
    "interrupted": "- item\n```\nat the margin\n```\n\n- two\n# Heading\n\n  text\n\n10. ten\n\n    ```\n    x\n    ```\n",
    "blank_lines": "- item\n\n  ```\n  one\n\n  two\n  ```\n- next\n",
}


@pytest.fixture(scope="module")
def hugo_fences(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_with_hugo(tmp_path_factory.mktemp("fences"), NESTED_FENCES)


def block_tokens(fragment: str) -> list[str]:
    """The tokens without paragraph tags: Python-Markdown wraps a definition followed by a blank
    line in <p>, Goldmark does not; where the code block sits is what these cases check."""
    return [token for token in tokens(fragment) if not token.startswith(("<p ", "</p>"))]


@pytest.mark.hugo
@pytest.mark.parametrize("name", sorted(NESTED_FENCES))
def test_nested_fences_render_as_hugo_renders_them(hugo_fences: dict[str, str], name: str) -> None:
    html = hugo_fences[name]
    assert "<pre>" in html and "<code>sh" not in html  # Hugo made a code block of it
    assert block_tokens(to_html(NESTED_FENCES[name])) == block_tokens(from_hugo(html))


def test_a_fence_under_a_list_item_stays_a_code_block_in_the_item() -> None:
    out = to_html("- item\n\n  ```sh\n  make\n  ```\n")
    assert out.startswith("<ul>") and out.endswith("</ul>")
    assert '<pre><code class="language-sh">make\n</code></pre>' in out
