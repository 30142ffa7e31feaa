"""The one web-address policy: a table of the tricky cases, each decided once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.urls import (
    LOCAL_NETWORK,
    Verdict,
    check_web_url,
    is_local_reference,
    is_web_url,
    mixes_scripts,
    scheme_of,
)
from tests.helpers.urls import CASES

OPEN, ASK, REFUSE = Verdict.OPEN, Verdict.ASK, Verdict.REFUSE


@pytest.mark.parametrize(("text", "verdict", "url", "display"), CASES)
def test_the_policy_table(text: str, verdict: Verdict, url: str, display: str | None) -> None:
    result = check_web_url(text)
    assert (result.verdict, result.url, result.display) == (
        verdict,
        url,
        url if display is None else display,
    ), result.reason
    assert result.ok is (verdict is not REFUSE)
    assert is_web_url(text) is result.ok
    assert bool(result.reason) is (verdict is not OPEN)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("https://example.org@evil.example/", ["user name", "evil.example"]),
        ("https://user:secret@example.org/", ["password"]),
        ("https://ex ample.com", ["blank"]),
        ("https://example.org\\@evil.example/", ["backslash"]),
        ("https://exa\x00mple.com", ["control character"]),
        ("ftp://example.com/a", ["ftp:"]),
        ("www.example.com", ["http://"]),
        ("http://169.254.169.254/", [LOCAL_NETWORK, "169.254.169.254"]),
    ],
)
def test_reasons_say_what_is_wrong(text: str, words: list[str]) -> None:
    reason = check_web_url(text).reason
    for word in words:
        assert word in reason


@pytest.mark.parametrize("value", [None, 42, b"https://example.org", ["https://example.org"]])
def test_values_that_are_not_text_are_refused(value: object) -> None:
    assert check_web_url(value).verdict is REFUSE


def test_the_address_to_open_is_ascii_and_never_has_blanks() -> None:
    for text, verdict, _, _ in CASES:
        result = check_web_url(text)
        if verdict is not REFUSE:
            assert result.url.isascii() and not any(ch.isspace() for ch in result.url)
            assert check_web_url(result.url).url == result.url  # the policy is stable on its output


@pytest.mark.parametrize(
    ("host", "mixed"),
    [
        ("example.com", False),
        ("bücher.de", False),
        ("пример.рф", False),
        ("例え.jp", False),
        ("한국.kr", False),
        ("аррӏе.com", True),
        ("gооgle.com", True),
        ("παράδειγμα.com", True),
        ("ex4mple-1.com", False),
    ],
)
def test_mixed_scripts(host: str, mixed: bool) -> None:
    assert mixes_scripts(host) is mixed


@pytest.mark.parametrize(
    ("text", "scheme", "local"),
    [
        ("https://example.org", "https", False),
        ("  HTTP://example.org", "http", False),
        ("javascript:alert(1)", "javascript", False),
        ("//cdn.example.com/a.png", None, False),
        ("\\\\server\\share\\a.png", None, False),
        ("/images/a.png", None, True),
        ("images/a.png", None, True),
        ("../a.png", None, True),
        ("C:/images/a.png", None, True),  # one letter: a drive, not a scheme
        ("a:b.png", None, True),
        ("", None, False),
        ("   ", None, False),
    ],
)
def test_scheme_and_local_references(text: str, scheme: str | None, local: bool) -> None:
    assert scheme_of(text) == scheme
    assert is_local_reference(text) is local


_TRICKY = st.sampled_from(
    [
        *"aZ09.-_~:/?#[]@!$&'()*+,;=% \\\t\n\x00\x7f\u202e\u200bаοé例。％",
        *("xn--", "%2e", "%40", "%zz", "127", "0x7f", "::1", "localhost", "..", "//"),
    ]
)


_HOST = st.lists(
    st.sampled_from(
        ["example", "a", "xn--bcher-kva", "аррӏе", "bücher", "127", "0x7f", "com", "1"]
    ),
    min_size=1,
    max_size=4,
).map(".".join)


@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "//", "http:", "ftp://", ""]),
    st.one_of(_HOST, st.lists(_TRICKY, max_size=6).map("".join)),
    st.sampled_from(["", ":8080", ":", ":99999", "@evil.example"]),
    st.lists(_TRICKY, max_size=16).map("".join),
)
@settings(max_examples=500, deadline=None)
def test_the_policy_never_raises_and_agrees_with_a_url_parser(
    prefix: str, host: str, port: str, rest: str
) -> None:
    result = check_web_url(prefix + host + port + "/" + rest)
    if not result.ok:
        assert result.url == "" and result.reason
        return
    parts = urlsplit(result.url)
    assert parts.scheme in ("http", "https")
    # what is opened is ASCII, has no blank or backslash, and names the host the policy checked
    assert result.url.isascii() and not any(ch.isspace() or ch == "\\" for ch in result.url)
    assert "@" not in parts.netloc
    assert (parts.hostname or "").rstrip(".") == result.host.strip("[]").rstrip(".").lower()
    again = check_web_url(result.url)
    assert (again.verdict, again.url) == (result.verdict, result.url)
