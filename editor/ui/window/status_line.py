"""The window's status bar: the message (and the article it is about), its three labels on the
right (the folder open, the scan's progress, the count of rows shown), the message's tool tip, and
the note that the folder open is no Hugo site but holds some (a repository of several sites,
linkerd's): listed from above, their templates and archetypes are walked as pages (the note names
only the kinds that are there).

The held sites' rule is the command line's (:func:`editor.core.site.sites_held`); it looks at the
folder's subfolders, so it runs on a worker after the folder opens. The strings keep the main
window's translation context, where they were first written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QLabel, QStatusBar

from editor.core.held_sites import ARCHETYPES, OTHER, TEMPLATES, listed_extras
from editor.core.names import shown_path
from editor.core.site import sites_held
from editor.ui.common.wording import number
from editor.ui.common.workers import run_task


def add_labels(bar: QStatusBar) -> tuple[QLabel, QLabel, QLabel]:
    """The folder open (and whether it is the sample desk), the scan's progress and the count of
    rows shown, on the bar's right; its message's whole text becomes the bar's tool tip."""
    labels = []
    for name in ("folderLabel", "scanLabel", "countLabel"):
        label = QLabel(bar)
        label.setObjectName(name)
        # Opaque: a long status message ran on under them (QStatusBar does not clip it).
        label.setAutoFillBackground(True)
        label.setIndent(8)
        bar.addPermanentWidget(label)
        labels.append(label)
    # Through a slot of ours: setToolTip is no slot, and PySide6 warned so at every start.
    bar.messageChanged.connect(lambda text: bar.setToolTip(text))
    return labels[0], labels[1], labels[2]


def _kinds_text(extras: tuple[str, ...]) -> str:
    """ "templates", "templates and archetypes", "templates, archetypes and other files"."""
    words = {
        TEMPLATES: QCoreApplication.translate("MainWindow", "templates"),
        ARCHETYPES: QCoreApplication.translate("MainWindow", "archetypes"),
        OTHER: QCoreApplication.translate("MainWindow", "other files"),
    }
    named = [words[kind] for kind in extras]
    if len(named) == 1:
        return named[0]
    return QCoreApplication.translate("MainWindow", "{0} and {1}").format(
        ", ".join(named[:-1]), named[-1]
    )


def held_sites_text(root: Path, held: list[Path], extras: tuple[str, ...] = (TEMPLATES,)) -> str:
    """What the note says about ``root`` holding the sites ``held`` (at least one), of which the
    kinds ``extras`` (:func:`editor.core.held_sites.listed_extras`) are listed as pages too."""
    named = ", ".join(shown_path(path.name) + "/" for path in held[:3])
    if len(held) > 3:
        named = QCoreApplication.translate("MainWindow", "{0} and {1} more").format(
            named, len(held) - 3
        )
    one = len(held) == 1
    if not extras:  # only their pages: what differs is that no site's config is read
        text = (
            QCoreApplication.translate(
                "MainWindow",
                "{0} is no site but holds the Hugo site {1}: its pages are read without its "
                "config (Hugo's defaults decide their states). Open {1} to read them as Hugo does.",
            )
            if one
            else QCoreApplication.translate(
                "MainWindow",
                "{0} is no site but holds the Hugo sites {1}: their pages are read without their "
                "config (Hugo's defaults decide their states). Open one of them to read its pages "
                "as Hugo does.",
            )
        )
        return text.format(shown_path(str(root)), named)
    text = (
        QCoreApplication.translate(
            "MainWindow",
            "{0} is no site but holds the Hugo site {1}: its {2} are listed as pages "
            "too. Open {1} for its pages alone.",
        )
        if one
        else QCoreApplication.translate(
            "MainWindow",
            "{0} is no site but holds the Hugo sites {1}: their {2} are listed as "
            "pages too. Open one of them for its pages alone.",
        )
    )
    return text.format(shown_path(str(root)), named, _kinds_text(extras))


class HeldSitesNote:
    """Looks whether each folder opened holds sites, and says so in the status bar."""

    def __init__(
        self,
        pool: QThreadPool,
        bar: QStatusBar,
        current_root: Callable[[], Path | None],
        show: Callable[[str], None],
    ) -> None:
        self._pool, self._bar, self._current_root, self._show = pool, bar, current_root, show
        self._shown = ""  # the note last shown

    def folder_opened(self, root: Path) -> None:
        """Clear the note about the folder open before, and look at ``root``."""
        if self._shown and self._bar.currentMessage() == self._shown:
            self._bar.clearMessage()
        run_task(self._pool, lambda: _look(root), lambda found: self._looked(root, *found))

    def _looked(self, root: Path, held: list[Path], extras: tuple[str, ...]) -> None:
        if not held or root != self._current_root():
            return  # none, or another folder is open by now
        self._shown = held_sites_text(root, held, extras)
        self._show(self._shown)


class StatusLine:
    """What the status bar says; a message about one article goes when another is shown."""

    def __init__(
        self, bar: QStatusBar, pool: QThreadPool, current_root: Callable[[], Path | None]
    ) -> None:
        self.bar = bar
        self.folder_label, self.scan_label, self.count_label = add_labels(bar)
        self._about: str | None = None  # the article the message is about
        self.held_sites = HeldSitesNote(pool, bar, current_root, self.show)

    def show(self, text: str, timeout: int = 0, *, about: str | None = None) -> None:
        """Say ``text``; ``about``: the article it is about (it goes when another is shown)."""
        self._about = about
        self.bar.showMessage(text, timeout)

    def drop_stale(self, shown: tuple[str | None, ...]) -> None:
        """Clear a message about an article that is not among ``shown`` (the paths shown now)."""
        if self._about is not None and self._about not in shown:
            self._about = None
            self.bar.clearMessage()

    def scan_started(self) -> None:
        self.scan_label.setText(QCoreApplication.translate("MainWindow", "Scanning…"))
        self.scan_label.show()

    def scan_progress(self, count: int) -> None:
        self.scan_label.setText(
            QCoreApplication.translate("MainWindow", "Scanning… {0} files").format(number(count))
        )

    def scan_done(self) -> None:
        self.scan_label.hide()


def _look(root: Path) -> tuple[list[Path], tuple[str, ...]]:
    """The sites ``root`` holds and what of theirs is listed as pages (on a worker)."""
    held = sites_held(root)
    return held, listed_extras(held) if held else ()
