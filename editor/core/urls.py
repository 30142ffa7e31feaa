"""The one web-address policy: what Copydesk treats as a link, opens, fetches or shows.

Validation, the link editor, the open buttons, the image loader, the renderer and the links clicked in
the body all ask :func:`check_web_url`; five copies of this rule gave five answers to the same text.
Article files come from feeds and other people, so every tricky case is decided here, once:

- Only ``http`` and ``https`` (any case). ``//host/path`` (scheme-relative) is read as https, as a
  browser showing an https site reads it.
- Blanks around the address are trimmed (browsers do); a blank, NUL, control or bidi-override character
  inside refuses, and so does a backslash: browsers read ``\\`` as ``/`` where Python and Qt do not, so
  ``https://a.example\\@b.example`` would name a different host to each.
- A user name or password before the host refuses: ``https://example.org@evil.example/`` opens
  evil.example, and a password does not belong in an article.
- A ``%`` that starts no escape (``/%zz``) is kept as a literal percent sign (sent as ``%25zz``), as
  browsers accept it; a ``%`` in the host refuses.
- Hosts are read as browsers read them: IDNA 2008 with UTS #46 mapping (``faß.de`` stays ``faß``), and a
  numeric host by the WHATWG IPv4 rules (``127.1``, ``0x7f.0.0.1`` and ``2130706433`` are 127.0.0.1).
  The address to open carries the ASCII (punycode) host. The display shows the Unicode host, unless the
  host mixes scripts (Cyrillic ``аррӏе`` with Latin ``.com``): then the punycode, as browsers show it.
- Loopback, private, link-local (the cloud-metadata 169.254.169.254), carrier-grade NAT and other
  non-global addresses, ``localhost``, ``*.local``, ``*.internal``, ``*.home.arpa`` and one-label names
  are not refused but flagged (:attr:`Verdict.ASK`): an address on the user's own machine or network.
  A public name that resolves to such an address is not detected (that needs a DNS look-up).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import quote

WEB_SCHEMES = frozenset({"http", "https"})
LOCAL_NETWORK = "an address on your own machine or network"

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")  # two letters at least: "C:" is a drive
_AROUND = " \t\n\r\f\v"
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ASCII_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Printable ASCII that may stand in a URL as it is; everything else is %-encoded as UTF-8.
_SAFE = "!$&'()*+,-./:;=?@_~%"
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")
# Scripts that a host may mix without being a look-alike (UTS #39 "highly restrictive").
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
)
_SCRIPT_ALIASES = {"CJK": "HAN", "IDEOGRAPHIC": "HAN", "KATAKANA-HIRAGANA": "KATAKANA"}


class Verdict(StrEnum):
    OPEN = "open"  # a public web address
    ASK = "ask"  # a web address on the user's own machine or network: ask before opening it
    REFUSE = "refuse"  # not a web address Copydesk will open


class WebAddress(NamedTuple):  # not a dataclass: made ~5x faster at start-up
    """What the policy says about one text.

    ``url`` is the address to open or fetch (normalised: lower-case scheme, ASCII host, every
    character that needs it %-encoded), ``display`` how to show it to an editor, ``reason`` why it was
    refused or needs a question, ``host`` the ASCII host. All but ``reason`` are empty when refused.
    """

    verdict: Verdict
    url: str = ""
    display: str = ""
    reason: str = ""
    host: str = ""

    @property
    def ok(self) -> bool:
        """A web address (perhaps one to ask about before opening)."""
        return self.verdict is not Verdict.REFUSE


def scheme_of(text: str) -> str | None:
    """The lower-case scheme ``text`` starts with ("https"), or None; "C:" is a drive, not a scheme."""
    match = _SCHEME.match(text.strip(_AROUND))
    return match.group(1).lower() if match else None


def is_local_reference(text: str) -> bool:
    """Whether ``text`` names a file of the site rather than an address (no scheme, not ``//host``)."""
    stripped = text.strip(_AROUND)
    return (
        bool(stripped) and not stripped.startswith(("//", "\\\\")) and scheme_of(stripped) is None
    )


def is_web_url(value: object) -> bool:
    """Whether ``value`` is a web address by :func:`check_web_url` (a local one included)."""
    return check_web_url(value).ok


def _refuse(reason: str) -> WebAddress:
    return WebAddress(Verdict.REFUSE, reason=reason)


def check_web_url(value: object) -> WebAddress:
    """Apply the policy to ``value`` (see the module's docstring); never raises."""
    if not isinstance(value, str):
        return _refuse("not text")
    text = value.strip(_AROUND)
    if not text:
        return _refuse("empty")
    for char in text:
        if char.isspace():
            return _refuse("it contains a blank space")
        if unicodedata.category(char) == "Cc":
            return _refuse("it contains a control character")
        if char in _BIDI_CONTROLS:
            return _refuse("it contains an invisible text-direction character")
    if "\\" in text:
        return _refuse("it contains a backslash, which browsers read as /")
    if text.startswith("//"):
        text = "https:" + text
    scheme = scheme_of(text)
    if scheme is None:
        return _refuse("it has no http:// or https:// in front")
    if scheme not in WEB_SCHEMES:
        return _refuse(f"it is a {scheme}: address, and only http and https are opened")
    rest = text[len(scheme) + 1 :]
    if not rest.startswith("//"):
        return _refuse(f"write it as {scheme}://host/…")
    rest = rest[2:]
    cut = min((rest.find(mark) for mark in "/?#" if mark in rest), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if "@" in authority:
        userinfo = authority.rpartition("@")[0]
        what = "a user name and password" if ":" in userinfo else "a user name"
        return _refuse(
            f"it has {what} before the host, and would open {authority.rpartition('@')[2]!r}"
        )
    host_part, port, error = _split_port(authority)
    if error:
        return _refuse(error)
    host = _read_host(host_part)
    if isinstance(host, _BadHost):
        return _refuse(host.reason)
    ascii_host, shown_host, local = host
    port_text = f":{port}" if port else ""
    url_tail = _encode_tail(tail)
    url = f"{scheme}://{ascii_host}{port_text}{url_tail}"
    display = f"{scheme}://{shown_host}{port_text}{tail}"
    if local:
        return WebAddress(Verdict.ASK, url, display, f"{LOCAL_NETWORK} ({ascii_host})", ascii_host)
    return WebAddress(Verdict.OPEN, url, display, "", ascii_host)


def _split_port(authority: str) -> tuple[str, str, str]:
    """(host, port, error) of ``host[:port]``; an empty port (``host:``) is the default one."""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return "", "", "an IPv6 address without its closing ]"
        host, after = authority[: end + 1], authority[end + 1 :]
        if after and not after.startswith(":"):
            return "", "", "text after the IPv6 address"
        port = after[1:]
    else:
        host, _, port = authority.partition(":")
    if port and (not port.isascii() or not port.isdigit() or int(port) > 65535):
        return "", "", f"the port {port!r} is not a number from 0 to 65535"
    return host, port.lstrip("0") or ("0" if port else ""), ""


class _BadHost:
    """Why a host is no host: _read_host's other answer (a plain class, not a tuple as the good
    answer is, nor a dataclass, made ~5x slower at start-up)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _read_host(host: str) -> tuple[str, str, bool] | _BadHost:
    """(ASCII host, host to show, on the user's machine or network) or why it is no host."""
    if not host:
        return _BadHost("it has no host")
    if "%" in host:
        return _BadHost("its host contains a %-escape")
    if host.startswith("["):
        try:
            address = ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return _BadHost(f"{host} is not an IPv6 address")
        text = f"[{address.compressed}]"
        return text, text, _is_local_ip(address)
    import idna  # with the first host name read: the window checks none before its first paint

    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    except (idna.IDNAError, UnicodeError, ValueError):
        return _BadHost(f"{host!r} is not a valid host name")
    if _ends_in_number(mapped):
        number = _ipv4(mapped)
        if number is None:
            return _BadHost(f"{host!r} is not a valid IPv4 address")
        v4 = ipaddress.IPv4Address(number)
        return str(v4), str(v4), _is_local_ip(v4)
    name = mapped[:-1] if mapped.endswith(".") else mapped
    if not name or len(name) > 253:
        return _BadHost(f"{host!r} is not a valid host name")
    ascii_labels, unicode_labels = [], []
    for label in name.split("."):
        try:
            if label.isascii() and not label.startswith("xn--"):
                if not _ASCII_LABEL.fullmatch(label):
                    raise idna.IDNAError(label)
                ascii_label, unicode_label = label, label
            else:
                ascii_label = idna.alabel(label).decode("ascii")
                unicode_label = idna.ulabel(ascii_label)
        except (idna.IDNAError, UnicodeError, ValueError):
            return _BadHost(f"{host!r} is not a valid host name")
        ascii_labels.append(ascii_label)
        unicode_labels.append(unicode_label)
    dot = "." if mapped.endswith(".") else ""
    ascii_host = ".".join(ascii_labels) + dot
    unicode_host = ".".join(unicode_labels) + dot
    shown = ascii_host if mixes_scripts(unicode_host) else unicode_host
    return ascii_host, shown, _is_local_name(name)


def mixes_scripts(host: str) -> bool:
    """Whether ``host``'s letters come from scripts that do not belong together (a look-alike risk).

    Latin with Han and the Japanese kana, or with Hangul, or with Bopomofo are allowed mixes, as in
    browsers; digits, hyphens and combining marks belong to every script.
    """
    scripts: set[str] = set()
    for char in host:
        if char.isascii():
            if char.isalpha():
                scripts.add("LATIN")
            continue
        if unicodedata.category(char)[0] == "M":
            continue
        word = unicodedata.name(char, "UNKNOWN").split()[0]
        scripts.add(_SCRIPT_ALIASES.get(word, word))
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES)


def _ends_in_number(host: str) -> bool:
    """WHATWG's "ends in a number": such a host must be an IPv4 address or is no host at all."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    if last.isascii() and last.isdigit():
        return True
    return last[:2].lower() == "0x" and all(c in "0123456789abcdefABCDEF" for c in last[2:])


def _ipv4(host: str) -> int | None:
    """The WHATWG IPv4 parser: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last fills the rest."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = []
    for part in parts:
        number = _ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    if any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    return numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))


def _ipv4_number(part: str) -> int | None:
    if not part or not part.isascii():
        return None
    base, digits = 10, part
    if part[:2].lower() == "0x":
        base, digits = 16, part[2:]
    elif len(part) > 1 and part.startswith("0"):
        base, digits = 8, part[1:]
    if not digits:
        return 0
    try:
        return int(digits, base) if digits.isalnum() else None
    except ValueError:
        return None


def _is_local_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _is_local_name(name: str) -> bool:
    lowered = name.lower()
    return lowered == "localhost" or lowered.endswith(_LOCAL_SUFFIXES) or "." not in lowered


def _encode_tail(tail: str) -> str:
    """Path, query and fragment as an address carries them: a stray % as %25, the rest %-encoded."""
    tail = _BAD_ESCAPE.sub("%25", tail)
    before, hash_mark, fragment = tail.partition("#")
    encoded = quote(before, safe=_SAFE + "#[]")
    if hash_mark:
        encoded += "#" + quote(fragment, safe=_SAFE)
    return encoded
