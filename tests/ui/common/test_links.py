"""Opening links: text and QUrl run the one policy of core.urls; local addresses are asked about."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl

from editor.core.urls import Verdict
from editor.ui.common import dialogs, links
from tests.helpers.urls import CASES


class Desktop:
    """What reached the desktop, what was refused and what was asked (no real dialog or browser)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, confirm: bool = False) -> None:
        self.opened: list[QUrl] = []
        self.refused: list[str] = []
        self.asked: list[str] = []
        self.confirm = confirm
        monkeypatch.setattr(links, "launch", lambda url: self.opened.append(url) or True)
        monkeypatch.setattr(dialogs, "report_error", self._refuse)
        monkeypatch.setattr(dialogs, "confirm_local_address", self._ask)

    def _refuse(self, _parent: Any, _title: str, message: str, _details: str = "") -> None:
        self.refused.append(message)

    def _ask(self, _parent: Any, address: str) -> bool:
        self.asked.append(address)
        return self.confirm


@pytest.mark.parametrize(("text", "verdict", "url", "display"), CASES)
def test_open_external_follows_the_policy_table(
    qapp, monkeypatch: pytest.MonkeyPatch, text: str, verdict: Verdict, url: str, display: str
) -> None:
    desktop = Desktop(monkeypatch, confirm=True)
    opened = links.open_external(text)
    assert opened is (verdict is not Verdict.REFUSE)
    assert bool(desktop.refused) is (verdict is Verdict.REFUSE)
    assert bool(desktop.asked) is (verdict is Verdict.ASK)
    if opened:
        # what reaches the desktop is the policy's address, valid for Qt as it stands
        (launched,) = desktop.opened
        fully = launched.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        assert launched.isValid()
        assert fully == url or ("[::ffff:" in url and launched.host() == QUrl(url).host())


def test_a_local_address_opens_only_when_the_user_agrees(qapp, monkeypatch) -> None:
    desktop = Desktop(monkeypatch, confirm=False)
    assert not links.open_external("http://169.254.169.254/latest/meta-data/")
    assert desktop.asked == ["http://169.254.169.254/latest/meta-data/"] and desktop.opened == []
    desktop.confirm = True
    assert links.open_external("http://127.1:1313/")
    assert desktop.asked[-1] == "http://127.0.0.1:1313/"
    assert [url.toString() for url in desktop.opened] == ["http://127.0.0.1:1313/"]


def test_userinfo_is_refused_with_a_clear_message(qapp, monkeypatch) -> None:
    desktop = Desktop(monkeypatch)
    assert not links.open_external("https://example.org@evil.example/")
    assert not links.open_external("https://user:secret@example.org/")
    first, second = desktop.refused
    assert "https://example.org@evil.example/" in first and "would open 'evil.example'" in first
    assert "a user name and password" in second
    assert desktop.opened == []


def test_a_mixed_script_host_is_asked_about_in_punycode(qapp, monkeypatch) -> None:
    desktop = Desktop(monkeypatch)
    monkeypatch.setattr(links, "launch", lambda _url: False)  # no browser: the message names it
    assert not links.open_external("https://аррӏе.com/")
    assert "https://xn--80ak6aa92e.com/" in desktop.refused[0]
    assert "аррӏе" not in desktop.refused[0]


@pytest.mark.parametrize(
    "url",
    [
        QUrl("https://example.org@evil.example/"),
        QUrl("https://example.org\\@evil.example/"),  # Qt turns the backslash into %5C
        QUrl("https://example.com/a b"),  # Qt keeps the blank, and shows it
        QUrl("https://exa\x00mple.com/"),  # invalid for Qt
        QUrl("javascript:alert(1)"),
        QUrl("http://[::1"),
    ],
)
def test_a_qurl_gets_the_same_answer_as_its_text(qapp, monkeypatch, url: QUrl) -> None:
    desktop = Desktop(monkeypatch)
    assert not links.open_external(url)
    assert len(desktop.refused) == 1 and desktop.opened == []


def test_a_good_qurl_opens() -> None:
    assert links.check(QUrl("https://bücher.de/ü")).url == "https://xn--bcher-kva.de/%C3%BC"
    assert links.url_text(QUrl("https://exa\x00mple.com/")) == ""
