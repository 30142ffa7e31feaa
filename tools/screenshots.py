"""Regenerate the README pictures: ``python -m tools.screenshots [OUTPUT_DIR]`` (``make screenshots``).

Opens a copy of the bundled sample desk in the real window (a throwaway settings file, a fixed size, the
Fusion style with its light palette so the desktop theme does not leak in) and saves:

- ``main-window.png``: the Chinese-headline article open in the list, the form and the body;
- ``cover-preview.png``: the article with the local cover, its preview dialog open over the window;
- ``review-changes.png``: an unsaved title edit and the Review changes diff over the window;
- ``unreadable-file.png``: the broken sample file, its text in the Source tab with the error's line
  highlighted, and the bar that opens it elsewhere;
- ``publish-problems.png``: publishing the untitled draft asks, naming the problem;
- ``shortcuts.png``: Help > Keyboard Shortcuts over the window.
- ``unsaved-edits.png``: two articles with unsaved edits (rows marked) and the question quitting asks;
- ``form-fields.png``: tags as chips, a field just added (typed by the desk's usual value), Add field;
- ``shortcodes.png``: a body with Hugo shortcodes and Goldmark's constructs, rendered as Hugo would;
- ``multi-edit.png``: three rows selected and the form of the fields they share;
- ``conflict-bar.png`` and ``merge-resolver.png``: an unsaved title edit, the same title changed on
  disk by someone else, the bar that says so, and the resolver its Merge button opens;
- ``git-desk.png`` and ``history.png`` (tools.screenshots_team): a clone of a temp origin with its
  Git and Last change columns, the incoming-change bar, and the History panel;
- ``german.png``: the window in German, as LANG=de_DE.UTF-8 starts it.

Runs offscreen when there is no display. Chinese text needs a CJK font (fonts-noto-cjk on Linux). No
network is needed: the remote covers fail to load and say so; the local cover must load.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtTest import QTest

from editor.app import create_main_window
from editor.bundled import bundled_samples
from editor.core.publish_check import problems_before_publishing
from editor.ui.common import dialogs
from editor.ui.common.dialogs import unsaved_articles_box
from editor.ui.form.metadata_form import CoverThumbnail
from editor.ui.images.cover_preview import CoverPreviewDialog
from editor.ui.window.main_window import MainWindow
from tools.screenshots_team import close, take_german, take_resolver, take_team
from tools.shots_common import (
    UNTITLED,
    WINDOW_SIZE,
    ShotError,
    composite,
    light_app,
    save,
    settle,
    stage,
    wait_until,
    with_popup,
)

CHINESE = "technology/shenzhen-lanchi-semi-solid-battery.md"  # relative to content/, as listed
LOCAL_COVER = "technology/quillon-robotics-picking-arm.md"
BROKEN = "business/broken-front-matter.md"
EDITED_TITLE = "Quillon Robotics Unveils Leasable Picking Arm for Small Warehouses"
DIALOG_SIZE = QSize(800, 450)  # the cover at 16:9 with little margin
FERRY = "world/port-avalen-ferry-strike.md"
FESTIVAL = "world/harbour-festival-photos.md"  # written into the copy for the pictures below
FESTIVAL_TEXT = """+++
title = "Harbour Festival Draws Record Crowds to the Old Quay"
date = 2026-11-24T09:00:00Z
draft = true
tags = ["festivals", "ports", "culture"]
source = "Atlas World Bulletin"
+++

The three-day festival closed on Sunday with a ~~record~~ *record* attendance -- organisers
counted 48,000 visitors, up from 31,000 "last year".

{{< figure src="/images/desk-cover.png" caption="The old quay on Saturday evening" >}}

{{% notice warning %}}
Figures are **provisional** until the city publishes its count.
{{% /notice %}}

| Day      | Visitors |
|:---------|---------:|
| Friday   |   12,000 |
| Saturday |   21,000 |

- [x] Check the attendance figure
- [ ] Ask for a photo credit

Watch the opening {{< youtube dQw4w9WgXcQ >}}; details at https://example.com/festival.

```
{{< figure src="kept-raw-in-code.png" >}}
```
"""


def take(window: MainWindow, out: Path) -> None:
    """Drive the window through the three pictures."""
    wait_until(lambda: not window.scanning, "the folder scan")
    for name in (CHINESE, LOCAL_COVER):
        if window.model.row_of(name) is None:
            raise ShotError(f"{name} is not in the list")

    window.select_path(CHINESE)
    wait_until(lambda: window.session.path == CHINESE, "the Chinese article to open")
    window.list_view.setFocus()
    settle()
    save(window.grab(), out / "main-window.png")

    window.select_path(LOCAL_COVER)
    wait_until(lambda: window.session.path == LOCAL_COVER, "the cover article to open")
    thumbnail = window.form.findChild(CoverThumbnail)
    wait_until(
        lambda: (
            thumbnail is not None
            and thumbnail.pixmap() is not None
            and not thumbnail.pixmap().isNull()
        ),
        "the cover thumbnail",
    )
    window.cover.open("enclosure")
    dialog = window.findChild(CoverPreviewDialog)
    panel = dialog.panel("enclosure") if dialog is not None else None
    if dialog is None or panel is None:
        raise ShotError("the cover preview did not open")
    dialog.resize(DIALOG_SIZE)
    wait_until(lambda: not panel.waiting, "the cover image in the preview")
    if panel.area.image is None:
        raise ShotError(f"the local cover did not load: {panel.area.message}")
    qr = dialog.panel("qrcode")
    # Remote images fail at once without a network; a slow resolver only leaves "Loading…".
    wait_until(lambda: qr is None or not qr.waiting, "the QR code", timeout=10, required=False)
    settle()
    save(composite(window, dialog), out / "cover-preview.png")
    dialog.close()

    line = window.form.editor("title").line
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, EDITED_TITLE)
    wait_until(lambda: window.session.dirty, "the title edit to be staged")
    line.setCursorPosition(0)  # show the headline's start, not the end where typing stopped
    diff = window.session.review_changes()
    if diff is None:
        raise ShotError("Review changes did not open")
    diff.resize(DIALOG_SIZE.width(), 300)
    settle()
    save(composite(window, diff), out / "review-changes.png")
    diff.close()
    window.session.discard()  # the copy is thrown away anyway; leave nothing dirty behind

    window.select_path(BROKEN)
    wait_until(lambda: window.unreadable_bar.isVisible(), "the unreadable file's bar")
    window.list_view.setFocus()
    settle()
    save(window.grab(), out / "unreadable-file.png")

    window.select_path(UNTITLED)
    wait_until(lambda: window.session.path == UNTITLED, "the untitled draft to open")
    problems = problems_before_publishing(window.root, [UNTITLED])
    box, _buttons = dialogs.publish_with_problems_box(
        window, [(UNTITLED, [problem.message for problem in problems.get(UNTITLED, [])])], 1
    )
    box.show()
    settle()
    save(composite(window, box), out / "publish-problems.png")
    box.close()

    shortcuts = window.help.show_shortcuts()
    # Tall enough for the whole table (the window grows for it): every shortcut, not a scrolled part.
    shortcuts.resize(560, 300)
    settle()
    height = int(shortcuts.text.document().size().height()) + 90
    shortcuts.resize(560, height)
    window.resize(WINDOW_SIZE.width(), max(WINDOW_SIZE.height(), height + 100))
    settle()
    save(composite(window, shortcuts), out / "shortcuts.png")
    shortcuts.close()
    window.resize(WINDOW_SIZE)


def take_editing(window: MainWindow, out: Path, desk: Path) -> None:
    """The pictures of unsaved edits, fields, shortcodes and editing many at once."""
    (desk / "content" / FESTIVAL).write_text(FESTIVAL_TEXT, encoding="utf-8")
    window.reload_folder()
    wait_until(lambda: not window.scanning and window.model.row_of(FESTIVAL), "the rescan")

    for path, title in ((CHINESE, "深圳电动车企澜驰汽车发布半固态电池样车（更新）"), (FERRY, None)):
        window.select_path(path)
        wait_until(lambda p=path: window.session.path == p, f"{path} to open")
        line = window.form.editor("title").line
        line.setFocus()
        line.end(False)
        if title is None:
            QTest.keyClicks(line, " (updated)")
        else:
            line.setText(title)
            line.textEdited.emit(title)
    window.select_path(LOCAL_COVER)
    wait_until(lambda: window.session.path == LOCAL_COVER, "the third article")
    window.list_view.setFocus()
    box = unsaved_articles_box(window, window.unsaved.titles())
    box.show()
    settle()
    save(composite(window, box), out / "unsaved-edits.png")
    box.close()

    window.select_path(FESTIVAL)
    wait_until(lambda: window.session.path == FESTIVAL, "the festival article")
    window.form.add_field("lastmod")
    chips = window.form.editor("tags")
    chips.line.setFocus()
    QTest.keyClicks(chips.line, "harbour")
    QTest.keyClick(chips.line, Qt.Key.Key_Return)
    keys = window.form._add_bar.keys
    keys.setFocus()
    keys.showPopup()  # the keys this desk uses, most used first
    settle()
    save(with_popup(window, keys, keys.view().window()), out / "form-fields.png")
    keys.hidePopup()

    window.splitter.setSizes([420, WINDOW_SIZE.width() - 420])
    window.editor_splitter.setSizes([420, WINDOW_SIZE.width() - 420 - 420])
    window.body.browser.setFocus()
    settle(0.8)
    save(window.grab(), out / "shortcodes.png")
    stage(window)

    # The three articles are clean here: the picture shows the form, not the held-back ones.
    edited = window.unsaved.paths()
    window.session.discard()
    window.unsaved.forget_all()
    for path in edited:
        window.model.set_dirty(path, False)
    selection = window.list_view.selectionModel()
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for path in (FERRY, "world/saltmere-desalination-plant.md", FESTIVAL):
        selection.select(window.proxy.proxy_index_of(path), rows)
    wait_until(lambda: window.multi.active, "the form for several articles")
    source = window.multi_form.editor("source")
    if source is not None:
        source.line.setText("Atlas Wire")
        source.line.textEdited.emit("Atlas Wire")
    settle()
    save(window.grab(), out / "multi-edit.png")
    window.multi_form.discard()
    window.session.discard()
    window.unsaved.forget_all()


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs").resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = light_app()
    with tempfile.TemporaryDirectory(prefix="copydesk-shots-") as temp:
        desk = Path(temp) / "sample-desk"
        shutil.copytree(bundled_samples(), desk)
        window = create_main_window(None, settings=None)
        # As on a first start: the window knows this copy as the sample desk and says so.
        window.places = dataclasses.replace(window.places, sample_desk=desk)
        window.open_folder(desk)
        window.resize(WINDOW_SIZE)
        window.show()
        stage(window)
        try:
            take(window, out)
            take_editing(window, out, desk)
            take_resolver(window, out, desk)
            close(window)
            take_team(out, Path(temp), bundled_samples())
            take_german(out, bundled_samples(), Path(temp))
        except (ShotError, OSError) as error:
            print(f"screenshots: {error}", file=sys.stderr)
            return 1
        finally:
            if window.isVisible():
                close(window)
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
