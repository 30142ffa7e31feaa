"""Opening links outside the app, by the one web-address policy (:mod:`editor.core.urls`).

Article files come from feeds and other people; a ``javascript:``, ``file:`` or custom-scheme link in
them must never reach the desktop's URL handler, a user name before the host must not disguise where a
link goes, and an address on the user's own machine or network is opened only after asking. Every place
that opens a link (the Open source link action, links clicked in the body, the form's open buttons, the
cover preview) goes through :func:`open_external`; buttons ask :func:`check` whether to be enabled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from editor.core.urls import Verdict, WebAddress, check_web_url
from editor.ui.common import dialogs


def url_text(url: QUrl | str) -> str:
    """The text the policy reads for ``url``: a string as it is; a QUrl as Qt shows it (blanks as
    blanks, so they are refused as in text), or "" for an invalid one (refused too)."""
    if isinstance(url, str):
        return url
    return url.toString() if url.isValid() else ""


def check(url: QUrl | str) -> WebAddress:
    """The policy's verdict on ``url`` (see :func:`editor.core.urls.check_web_url`)."""
    return check_web_url(url_text(url))


def launch(url: QUrl) -> bool:
    """Hand a checked URL to the desktop (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Links", text)


def open_external(url: QUrl | str, parent: QWidget | None = None) -> bool:
    """Open a web link in the browser: refuse what the policy refuses, with its reason; ask first
    for an address on the user's own machine or network. True if opened."""
    address = check(url)
    shown = _shorten(url_text(url) or (url.errorString() if isinstance(url, QUrl) else ""))
    if address.verdict is Verdict.REFUSE:
        dialogs.report_error(
            parent,
            _tr("Link not opened"),
            _tr(
                "Copydesk only opens web links (http or https) that show where they go. "
                "This link was not opened:\n{0}\n\nWhy: {1}"
            ).format(shown, address.reason),
        )
        return False
    if address.verdict is Verdict.ASK and not dialogs.confirm_local_address(
        parent, _shorten(address.display)
    ):
        return False
    if not launch(QUrl(address.url, QUrl.ParsingMode.StrictMode)):
        dialogs.report_error(
            parent,
            _tr("Link not opened"),
            _tr("No web browser could open this link:\n{0}").format(_shorten(address.display)),
        )
        return False
    return True


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
