"""The list's columns in a narrow window: the state and git words whole, an empty column narrow, the
title taking the rest, and the widths the person set kept between starts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from editor.core.state import PublishState
from editor.ui.desk.article_model import Column
from editor.ui.desk.column_fit import AUTO_WIDTH
from editor.ui.desk.git_columns import GitCell, git_filter_label
from editor.ui.desk.list_columns import bold_metrics
from editor.ui.desk.state_display import state_label
from editor.ui.window.main_window import MainWindow


def _narrow(qtbot, window: MainWindow, width: int = 1000, list_width: int = 420) -> None:
    window.resize(width, 700)
    window.splitter.setSizes([list_width, width - list_width])
    viewport = window.list_view.viewport()
    qtbot.waitUntil(lambda: viewport.width() < list_width)


def _wide(qtbot, window: MainWindow) -> None:
    window.resize(1800, 900)
    window.splitter.setSizes([1200, 600])
    viewport = window.list_view.viewport()
    qtbot.waitUntil(lambda: viewport.width() > 1000)


def _show_git(window: MainWindow, texts: dict[str, str]) -> None:
    """The Git column as a desk whose rows have these git texts would show it (no git needed)."""
    panel = window.list_panel
    panel.set_git_shown(True)
    cells = {
        path: GitCell(text, frozenset(), "Ada, 2 days ago", "", 0, 1)
        for path, text in texts.items()
    }
    panel.show_git(cells, Counter())


def test_a_narrow_list_keeps_the_state_words_whole(qtbot, make_window, sample_desk: Path) -> None:
    """At 1000 px the State column was narrowed to its icon and read "Pu…"."""
    window = make_window(sample_desk)
    _narrow(qtbot, window)
    metrics = window.list_view.fontMetrics()
    longest = max(metrics.horizontalAdvance(state_label(state)) for state in PublishState)
    header = window.list_view.horizontalHeader()
    assert header.sectionSize(Column.STATE) >= longest + 16 + 6  # the icon, Qt's margins
    assert header.sectionSize(Column.TITLE) >= 130  # the title still has its room


def test_the_git_column_keeps_its_longest_word_and_the_title_its_room(
    qtbot, make_window, sample_desk: Path
) -> None:
    """It read "Con…" for a conflicted file."""
    window = make_window(sample_desk)
    paths = window.model.paths()
    _show_git(window, {paths[0]: "Conflicted", paths[1]: "Modified, Committed, not pushed"})
    _narrow(qtbot, window, list_width=520)
    metrics = window.list_view.fontMetrics()
    header = window.list_view.horizontalHeader()
    assert header.sectionSize(Column.GIT) >= metrics.horizontalAdvance("Conflicted") + 6
    # The longer text cut after its first word, not inside it ("Committe…").
    bold = bold_metrics(window.list_view.font())
    first_word = bold.horizontalAdvance("Committed,") + bold.horizontalAdvance("…")
    assert header.sectionSize(Column.GIT) >= first_word + 6
    assert header.sectionSize(Column.TITLE) >= 130
    assert header.sectionSize(Column.STATE) >= metrics.horizontalAdvance("Published") + 22


def test_the_git_column_is_as_wide_as_its_text_when_there_is_room(
    qtbot, make_window, sample_desk: Path
) -> None:
    """With room it kept the width of "Modified, Committed, not pushed" for rows saying "Modified"."""
    window = make_window(sample_desk)
    paths = window.model.paths()
    _show_git(window, {paths[0]: "Modified"})
    _wide(qtbot, window)
    metrics = window.list_view.fontMetrics()
    header = window.list_view.horizontalHeader()
    width = header.sectionSize(Column.GIT)
    assert metrics.horizontalAdvance("Modified") + 6 <= width
    assert width <= metrics.horizontalAdvance("Modified") + 30
    longest = git_filter_label("unpushed")
    _show_git(window, {paths[0]: f"Modified, {longest}"})  # a longer text widens it again
    qtbot.waitUntil(
        lambda: (
            header.sectionSize(Column.GIT) >= metrics.horizontalAdvance(f"Modified, {longest}") + 6
        )
    )


def test_an_empty_date_column_takes_no_room(qtbot, make_window, desk: Path) -> None:
    """A desk with no dates kept a 130 px (160 with room) Date column of blanks."""
    for n in range(3):
        (desk / f"a{n}.md").write_text(f'+++\ntitle = "Story {n}"\nsource = "Wire"\n+++\n')
    window = make_window(desk)
    header = window.list_view.horizontalHeader()
    metrics = window.list_view.fontMetrics()
    _wide(qtbot, window)
    qtbot.waitUntil(
        lambda: header.sectionSize(Column.DATE) <= metrics.horizontalAdvance("Date") + 30
    )
    (desk / "dated.md").write_text('+++\ntitle = "Dated"\ndate = 2026-03-02T08:00:00+02:00\n+++\n')
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=10_000)  # the watcher's
    needed = metrics.horizontalAdvance("2026-03-02 08:00 +0200")
    qtbot.waitUntil(lambda: header.sectionSize(Column.DATE) > needed, timeout=10_000)


def test_widths_the_person_set_are_kept_the_others_follow_their_content(
    qtbot, make_window, sample_desk: Path, settings
) -> None:
    window = make_window(sample_desk)
    header = window.list_view.horizontalHeader()
    _wide(qtbot, window)
    header.resizeSection(Column.SOURCE, 133)  # the person's drag
    header.showSection(Column.PATH)  # shown from the header's menu, never resized
    window.save_settings()
    saved = window.list_panel.columns.widths()
    assert saved[Column.SOURCE] == 133
    assert saved[Column.PATH] == AUTO_WIDTH and saved[Column.GIT] == 0
    assert saved[Column.STATE] == AUTO_WIDTH
    again = make_window(sample_desk)
    again_header = again.list_view.horizontalHeader()
    assert again.list_panel.columns.preferred(Column.SOURCE) == 133
    assert not again_header.isSectionHidden(Column.PATH)
    paths = again.model.paths()
    _show_git(again, {paths[0]: "Modified"})  # content-sized: follows the rows, not a saved width
    metrics = again.list_view.fontMetrics()
    assert (
        again.list_panel.columns.preferred(Column.GIT) <= metrics.horizontalAdvance("Modified") + 30
    )


def test_a_bold_row_keeps_its_state_and_git_words_whole(
    qtbot, make_window, sample_desk: Path
) -> None:
    """A row with unsaved edits is bold: its state read "Publish…" in the column sized for the
    regular weight."""
    window = make_window(sample_desk)
    paths = window.model.paths()
    _show_git(window, {paths[0]: "Modified"})
    _narrow(qtbot, window, list_width=520)
    bold = bold_metrics(window.list_view.font())
    assert bold.horizontalAdvance("Published") > window.list_view.fontMetrics().horizontalAdvance(
        "Published"
    )
    longest = max(bold.horizontalAdvance(state_label(state)) for state in PublishState)
    header = window.list_view.horizontalHeader()
    assert header.sectionSize(Column.STATE) >= longest + 22 + 6  # the icon and its gap, margins
    assert header.sectionSize(Column.GIT) >= bold.horizontalAdvance("Modified") + 6


def test_the_state_filter_leaves_the_filter_box_room_in_a_narrow_list(
    qtbot, make_window, sample_desk: Path
) -> None:
    """With the History panel open the filter box was cut to one word beside a state filter as
    wide as its longest entry ("Git: Committed, not pushed (4)")."""
    window = make_window(sample_desk)
    paths = window.model.paths()
    _show_git(window, {paths[0]: "Modified"})
    _narrow(qtbot, window, list_width=330)
    panel = window.list_panel
    combo = panel.state_filter
    qtbot.waitUntil(lambda: panel.filter_edit.width() > 0)
    assert panel.filter_edit.width() >= combo.width()
    widest = max(
        combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
    )
    assert combo.view().minimumWidth() >= widest  # its list still shows every entry whole


def test_the_date_column_keeps_room_for_an_offset_only_when_a_date_shows_one(
    qtbot, make_window, desk: Path
) -> None:
    """On desks of UTC dates (fluxcd, jaegertracing) it kept room for "+0200" that no row showed,
    taken from the title."""
    for n in range(3):
        (desk / f"a{n}.md").write_text(
            f'+++\ntitle = "A{n}"\ndate = 2026-03-0{n + 1}T08:00:00Z\n+++\n'
        )
    window = make_window(desk)
    header = window.list_view.horizontalHeader()
    bold = bold_metrics(window.list_view.font())
    _wide(qtbot, window)
    plain = bold.horizontalAdvance("2026-12-31 23:59")
    qtbot.waitUntil(lambda: header.sectionSize(Column.DATE) <= plain + 12)
    assert header.sectionSize(Column.DATE) >= plain + 6
    (desk / "b.md").write_text('+++\ntitle = "B"\ndate = 2026-03-02T08:00:00+02:00\n+++\n')
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=10_000)
    needed = window.list_view.fontMetrics().horizontalAdvance("2026-03-02 08:00 +0200")
    qtbot.waitUntil(lambda: header.sectionSize(Column.DATE) > needed + 8)
