"""How the article list shows a row's state and date: the translated state words, one icon per
state, and the tooltips that say why (Hugo's rules: the key, its value and the cascade that set it).

The strings keep the translation context "ArticleModel", the model they were written for.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon

from editor.core.index import ArticleSummary
from editor.core.row_columns import shown_date
from editor.core.state import SITE_CONFIG, PublishState
from editor.ui.common.icons import lazy_icon, real_icon


def state_label(state: PublishState) -> str:
    """The translated word for a state."""
    words = {
        PublishState.DRAFT: QCoreApplication.translate("ArticleModel", "Draft"),
        PublishState.SCHEDULED: QCoreApplication.translate("ArticleModel", "Scheduled"),
        PublishState.PUBLISHED: QCoreApplication.translate("ArticleModel", "Published"),
        PublishState.EXPIRED: QCoreApplication.translate("ArticleModel", "Expired"),
        PublishState.UNLISTED: QCoreApplication.translate("ArticleModel", "Unlisted"),
        PublishState.INVALID: QCoreApplication.translate("ArticleModel", "Invalid"),
    }
    return words[state]


# One shape and one colour per state, so states differ even for colour-blind readers and in grey.
_STATE_ICONS = {
    PublishState.DRAFT: ("fa6s.pen", "#8a6d00"),
    PublishState.SCHEDULED: ("fa6s.clock", "#1f6fb2"),
    PublishState.PUBLISHED: ("fa6s.circle-check", "#2e7d32"),
    PublishState.EXPIRED: ("fa6s.hourglass-end", "#6d6d6d"),
    PublishState.UNLISTED: ("fa6s.eye-slash", "#6a4c93"),
    PublishState.INVALID: ("fa6s.triangle-exclamation", "#c62828"),
}


def state_icon(state: PublishState) -> QIcon:
    """The state's icon, drawn once the icon fonts are loaded (after the window's first paint)."""
    return lazy_icon(lambda: _rendered_state_icon(state))


def _rendered_state_icon(state: PublishState) -> QIcon:
    # Rendered to pixmaps once: a font icon repaints its glyph on every paint of every row.
    name, colour = _STATE_ICONS[state]
    glyph = real_icon(name, color=colour)
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = glyph.pixmap(QSize(size, size))
        icon.addPixmap(pixmap)
        # Without its own Selected pixmap Qt tints the icon with the highlight colour: on the
        # selected row the state icon disappeared into the highlight.
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


_KEY_NAMES = {"publishdate": "publishDate", "pubdate": "pubDate"}


def date_tip(summary: ArticleSummary) -> str | None:
    """Which key the Date column's date came from, and why that one (Hugo's fallback order)."""
    if shown_date(summary) is None:
        return None
    key = _KEY_NAMES.get(summary.date_key, summary.date_key)
    moment = shown_date(summary).isoformat()  # type: ignore[union-attr]
    if summary.date_key == "date":
        return QCoreApplication.translate(
            "ArticleModel", "{0} from date (no publishDate: Hugo publishes on date)"
        ).format(moment)
    return QCoreApplication.translate(
        "ArticleModel", "{0} from {1}, the date Hugo publishes on"
    ).format(moment, key)


def state_tip(summary: ArticleSummary) -> str:
    """Why the row has its state, by Hugo's rules: "Scheduled: publishDate 2031-02-10T09:00:00+00:00,
    via cascade from news/_index.md" (the key as written, its value, and the cascade that set it)."""
    word = state_label(summary.state)
    reason = summary.reason
    if not reason.key:
        return word
    text = (
        QCoreApplication.translate("ArticleModel", "{0}: {1} {2}").format(
            word, reason.key, reason.value
        )
        if reason.value is not None
        else QCoreApplication.translate("ArticleModel", "{0}: {1}").format(word, reason.key)
    )
    if reason.via == SITE_CONFIG:
        text += QCoreApplication.translate("ArticleModel", ", via cascade from the site config")
    elif reason.via:
        text += QCoreApplication.translate("ArticleModel", ", via cascade from {0}").format(
            reason.via
        )
    return text


_UTC = dt.timedelta(0)


def shows_offset(moment: dt.datetime | None) -> bool:
    """Whether the Date column shows ``moment`` with its offset (one that is not UTC's)."""
    return moment is not None and moment.utcoffset() != _UTC


def format_date(moment: dt.datetime | None) -> str:
    """A moment as the Date column shows it (the offset only when it is not UTC)."""
    if moment is None:
        return ""
    if not shows_offset(moment):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M %z")
