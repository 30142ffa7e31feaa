"""The one policy for opening links outside the app: http(s) only.

Article files come from feeds and other people; a ``javascript:``, ``file:`` or custom-scheme link in
them must never reach the desktop's URL handler. Every place that opens a link (the Open source link
action, links clicked in the body, the form's open buttons, the cover preview) goes through
:func:`open_external`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from editor.ui.common import dialogs

ALLOWED_SCHEMES = frozenset({"http", "https"})


def safe_url(url: QUrl | str) -> QUrl | None:
    """The URL if it is an absolute http(s) URL with a host, else None."""
    if isinstance(url, str):
        text = url.strip()
        if not text or any(ch.isspace() for ch in text):
            return None
        url = QUrl(text, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in ALLOWED_SCHEMES or not url.host():
        return None
    return url


def launch(url: QUrl) -> bool:
    """Hand a checked URL to the desktop (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def open_external(url: QUrl | str, parent: QWidget | None = None) -> bool:
    """Open an http(s) link in the web browser; refuse anything else with a message. True if opened."""
    checked = safe_url(url)
    shown = url.toString() if isinstance(url, QUrl) else str(url)
    if checked is None:
        dialogs.report_error(
            parent,
            QCoreApplication.translate("Links", "Link not opened"),
            QCoreApplication.translate(
                "Links",
                "Copydesk only opens web links (http or https). This link was not opened:\n{0}",
            ).format(_shorten(shown)),
        )
        return False
    if not launch(checked):
        dialogs.report_error(
            parent,
            QCoreApplication.translate("Links", "Link not opened"),
            QCoreApplication.translate("Links", "No web browser could open this link:\n{0}").format(
                _shorten(shown)
            ),
        )
        return False
    return True


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
