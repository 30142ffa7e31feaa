"""The table of tricky web addresses, shared by the core policy test and the UI's open-link test."""

from __future__ import annotations

from editor.core.urls import Verdict

OPEN, ASK, REFUSE = Verdict.OPEN, Verdict.ASK, Verdict.REFUSE

# text, verdict, the address to open, how it is shown (None: same as the address)
CASES = [
    ("https://example.org/a?b=c#d", OPEN, "https://example.org/a?b=c#d", None),
    ("HTTP://Example.ORG", OPEN, "http://example.org", None),
    ("  https://example.org/  \n", OPEN, "https://example.org/", None),
    # scheme-relative: read as https, as a browser on an https site does
    ("//cdn.example.com/a.png", OPEN, "https://cdn.example.com/a.png", None),
    # a % that starts no escape is a literal percent sign
    ("https://example.com/%zz", OPEN, "https://example.com/%25zz", "https://example.com/%zz"),
    ("https://example.com/a%20b", OPEN, "https://example.com/a%20b", None),
    (
        "https://example.com/a|b{c}",
        OPEN,
        "https://example.com/a%7Cb%7Bc%7D",
        "https://example.com/a|b{c}",
    ),
    ("https://example.com:/x", OPEN, "https://example.com/x", None),
    ("https://example.com:0443/x", OPEN, "https://example.com:443/x", None),
    ("https://a_b.example.com/", OPEN, "https://a_b.example.com/", None),
    # blanks, NUL, control and direction characters, backslashes
    ("https://ex ample.com", REFUSE, "", ""),
    ("https://example.com/a b", REFUSE, "", ""),
    ("https://example.com/\ta", REFUSE, "", ""),
    ("https://exa\x00mple.com", REFUSE, "", ""),
    ("https://example.com/\x7f", REFUSE, "", ""),
    ("https://example.com/\x85", REFUSE, "", ""),
    ("https://example.com/\u202egnp.exe", REFUSE, "", ""),
    ("https://example.org\\@evil.example/", REFUSE, "", ""),
    ("https:\\\\evil.example/", REFUSE, "", ""),
    # user names and passwords
    ("https://example.org@evil.example/", REFUSE, "", ""),
    ("https://user:secret@example.org/", REFUSE, "", ""),
    ("https://@example.org/", REFUSE, "", ""),
    # other schemes, no host, malformed hosts and ports
    ("javascript:alert(1)", REFUSE, "", ""),
    ("mailto:desk@example.com", REFUSE, "", ""),
    ("file:///etc/passwd", REFUSE, "", ""),
    ("ftp://example.com/a", REFUSE, "", ""),
    ("www.example.com/story", REFUSE, "", ""),
    ("/news/story", REFUSE, "", ""),
    ("https://", REFUSE, "", ""),
    ("https:///no-host", REFUSE, "", ""),
    ("https:example.com", REFUSE, "", ""),
    ("http://[::1", REFUSE, "", ""),
    ("http://[nope]/", REFUSE, "", ""),
    ("https://example.com:99999/", REFUSE, "", ""),
    ("https://example.com:8o/", REFUSE, "", ""),
    ("https://%65xample.com/", REFUSE, "", ""),
    ("https://a..b.com/", REFUSE, "", ""),
    ("https://xn--zz.com/", REFUSE, "", ""),
    ("https://example.123/", REFUSE, "", ""),
    ("https://1.2.3.4.5/", REFUSE, "", ""),
    ("https://256.1.1.1/", REFUSE, "", ""),
    ("https://😀.example/", REFUSE, "", ""),
    ("", REFUSE, "", ""),
    # international names: UTS #46 as browsers read them; punycode shown when scripts mix
    ("https://bücher.de/x", OPEN, "https://xn--bcher-kva.de/x", "https://bücher.de/x"),
    ("https://faß.de", OPEN, "https://xn--fa-hia.de", "https://faß.de"),
    ("https://пример.рф", OPEN, "https://xn--e1afmkfd.xn--p1ai", "https://пример.рф"),
    ("https://例え。jp/", OPEN, "https://xn--r8jz45g.jp/", "https://例え.jp/"),
    ("https://аррӏе.com/", OPEN, "https://xn--80ak6aa92e.com/", "https://xn--80ak6aa92e.com/"),
    ("https://xn--80ak6aa92e.com/", OPEN, "https://xn--80ak6aa92e.com/", None),
    ("https://gооgle.com/", OPEN, "https://xn--ggle-55da.com/", "https://xn--ggle-55da.com/"),
    ("https://xn--bcher-kva.de/", OPEN, "https://xn--bcher-kva.de/", "https://bücher.de/"),
    # the user's own machine or network: not refused, but asked about
    ("http://localhost:1313/", ASK, "http://localhost:1313/", None),
    ("http://preview.localhost/", ASK, "http://preview.localhost/", None),
    ("http://printer.local/", ASK, "http://printer.local/", None),
    ("http://metadata.google.internal/", ASK, "http://metadata.google.internal/", None),
    ("http://router/", ASK, "http://router/", None),
    ("http://127.0.0.1/", ASK, "http://127.0.0.1/", None),
    ("http://127.1/", ASK, "http://127.0.0.1/", None),
    ("http://0x7f.0.0.1/", ASK, "http://127.0.0.1/", None),
    ("http://2130706433/", ASK, "http://127.0.0.1/", None),
    ("http://0177.0.0.1/", ASK, "http://127.0.0.1/", None),
    ("http://0.0.0.0/", ASK, "http://0.0.0.0/", None),
    (
        "http://169.254.169.254/latest/meta-data/",
        ASK,
        "http://169.254.169.254/latest/meta-data/",
        None,
    ),
    ("http://10.1.2.3/", ASK, "http://10.1.2.3/", None),
    ("http://172.16.0.1/", ASK, "http://172.16.0.1/", None),
    ("http://192.168.1.1/", ASK, "http://192.168.1.1/", None),
    ("http://100.64.0.1/", ASK, "http://100.64.0.1/", None),
    ("http://[::1]/", ASK, "http://[::1]/", None),
    ("http://[fe80::1]/", ASK, "http://[fe80::1]/", None),
    ("http://[fd00:ec2::254]/", ASK, "http://[fd00:ec2::254]/", None),
    ("http://[::ffff:169.254.169.254]/", ASK, "http://[::ffff:a9fe:a9fe]/", None),
    # public addresses by number are fine
    ("http://93.184.215.14/", OPEN, "http://93.184.215.14/", None),
    ("http://[2606:4700::1111]/", OPEN, "http://[2606:4700::1111]/", None),
]
