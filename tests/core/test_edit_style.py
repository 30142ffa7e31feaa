"""An edited value keeps the way it was written where the new value allows it (issue 11).

TOML multi-line strings keep their quotes and the line break after the opening quotes; YAML block
scalars stay blocks (with the chomping the new value needs); a wrapped plain YAML scalar is wrapped
again at the same width. Every case is checked on the bytes and read back by the parser.
"""

from __future__ import annotations

import pytest

from editor.core.edit import apply_edits
from editor.core.frontmatter import parse_front, split


def first_key(data: bytes) -> str:
    return next(iter(parse_front(split(data))))


def edited(data: bytes, key: str, value: str) -> bytes:
    result = apply_edits(split(data), {key: value})
    assert parse_front(result)[key] == value
    return result.encode()


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        pytest.param(
            b"+++\ntitle = '''It was here'''\n+++\n",
            "It's new",
            b"+++\ntitle = '''It's new'''\n+++\n",
            id="literal-with-apostrophe",
        ),
        pytest.param(
            b"+++\npath = '''C:\\old'''\n+++\n",
            "D:\\new's",
            b"+++\npath = '''D:\\new's'''\n+++\n",
            id="literal-keeps-backslashes",
        ),
        pytest.param(
            b"+++\ntext = '''\nLine one\nLine two'''\n+++\n",
            "New one\nIt's two",
            b"+++\ntext = '''\nNew one\nIt's two'''\n+++\n",
            id="literal-keeps-the-line-break-after-the-quotes",
        ),
        pytest.param(
            b'+++\ntext = """\nLine one\nLine two"""\n+++\n',
            'New "one"\nNew two',
            b'+++\ntext = """\nNew "one"\nNew two"""\n+++\n',
            id="basic-keeps-the-line-break-after-the-quotes",
        ),
        pytest.param(
            b"+++\r\ntext = '''\r\nLine one\r\nLine two'''\r\n+++\r\n",
            "New one\nNew two",
            b"+++\r\ntext = '''\r\nNew one\r\nNew two'''\r\n+++\r\n",
            id="literal-crlf",
        ),
        pytest.param(
            b"+++\ntext = '''Old'''\n+++\n",
            "Has ''' inside",
            b'+++\ntext = """Has \'\'\' inside"""\n+++\n',
            id="literal-that-cannot-hold-it-becomes-basic",
        ),
        pytest.param(
            b"+++\ntext = '''\nOld'''\n+++\n",
            "Pasted\r\nCRLF",
            b'+++\ntext = "Pasted\\r\\nCRLF"\n+++\n',
            id="a-carriage-return-only-a-basic-string-keeps",
        ),
    ],
)
def test_toml_multiline_strings_keep_their_style(before: bytes, value: str, after: bytes) -> None:
    assert edited(before, first_key(before), value) == after


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        pytest.param(
            b"---\ndesc: |\n  Line one\n  Line two\ndraft: true\n---\n",
            "New one\nNew two\n",
            b"---\ndesc: |\n  New one\n  New two\ndraft: true\n---\n",
            id="literal-clip",
        ),
        pytest.param(
            b"---\ndesc: |-\n    Line one\n    Line two\ndraft: true\n---\n",
            "New one\n\nNew three",
            b"---\ndesc: |-\n    New one\n\n    New three\ndraft: true\n---\n",
            id="literal-strip-keeps-its-indent",
        ),
        pytest.param(
            b"---\ndesc: |\n  Line one\ndraft: true\n---\n",
            "No newline at the end\nsecond",
            b"---\ndesc: |-\n  No newline at the end\n  second\ndraft: true\n---\n",
            id="literal-chomping-follows-the-value",
        ),
        pytest.param(
            b"---\ndesc: >\n  Para one\n  continues\n\n  Para two\ndraft: true\n---\n",
            "New para\nSecond\n",
            b"---\ndesc: >\n  New para\n\n  Second\ndraft: true\n---\n",
            id="folded-line-breaks",
        ),
        pytest.param(
            b"---\ntitle: >\n  Linkerd is a service mesh\n  for Kubernetes\ndraft: true\n---\n",
            "Linkerd 2.0 is a service mesh",
            b"---\ntitle: >-\n  Linkerd 2.0 is a service mesh\ndraft: true\n---\n",
            id="folded-title",
        ),
        pytest.param(
            b"---\r\ndesc: |\r\n  Line one\r\n  Line two\r\n---\r\n",
            "New one\nNew two\n",
            b"---\r\ndesc: |\r\n  New one\r\n  New two\r\n---\r\n",
            id="literal-crlf",
        ),
        pytest.param(
            b"---\ndesc: |  # keep\n  Line one\n---\n",
            "New\n",
            b"---\ndesc: |  # keep\n  New\n---\n",
            id="header-comment",
        ),
        pytest.param(
            b"---\ndesc: |\n  Line one\ndraft: true\n---\n",
            "Bell \x07 inside\n",
            b'---\ndesc: "Bell \\u0007 inside\\n"\ndraft: true\n---\n',
            id="a-value-a-block-cannot-hold-is-quoted",
        ),
    ],
)
def test_yaml_blocks_stay_blocks(before: bytes, value: str, after: bytes) -> None:
    assert edited(before, first_key(before), value) == after


def test_a_wrapped_plain_yaml_scalar_is_wrapped_again_at_its_width() -> None:
    before = (
        b"---\ntitle: This is a long title that wraps at\n  the next line of the file\n"
        b"draft: true\n---\n"
    )
    value = "A new title that is long enough to wrap over more than two lines of this file"
    assert edited(before, "title", value) == (
        b"---\ntitle: A new title that is long enough to\n"
        b"  wrap over more than two lines of this\n"
        b"  file\n"
        b"draft: true\n---\n"
    )
    # A short value needs one line; a value plain style cannot hold is quoted as before.
    assert edited(before, "title", "Short") == b"---\ntitle: Short\ndraft: true\n---\n"
    assert edited(before, "title", "Has: colon") == b'---\ntitle: "Has: colon"\ndraft: true\n---\n'
