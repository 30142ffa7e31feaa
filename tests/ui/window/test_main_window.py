"""The main window on a real sample desk: listing, sorting, filtering, editing, saving, bulk changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from editor.core.site import desk_for
from editor.core.state import PublishState
from editor.ui.article.conflict_bar import ConflictBar
from editor.ui.desk.article_model import DIRTY_MARK, Column, Role
from editor.ui.desk.state_display import state_icon, state_label
from editor.ui.images.cover_preview import CoverPreviewDialog
from editor.ui.window.actions import ActionId
from editor.ui.window.main_window import MainWindow
from tests.helpers.window import (
    BROKEN,
    DRAFTS,
    LANCHI,
    LANCHI_TITLE,
    column_texts,
    select_rows,
    shown_paths,
    title_field,
    type_title,
)

# --- listing ----------------------------------------------------------------------------------------


def test_lists_every_article_of_the_sample_desk(window: MainWindow, sample_desk: Path) -> None:
    files = sorted(
        path.relative_to(sample_desk / "content").as_posix()
        for path in (sample_desk / "content").rglob("*.md")
    )
    assert sorted(shown_paths(window)) == files
    assert window.root == (sample_desk / "content").resolve()
    assert window.findChild(QTableView, "articleList") is window.list_view
    assert window.list_view.model() is window.proxy
    assert window.findChild(QLineEdit, "filterEdit") is window.filter_edit
    assert window.findChild(QComboBox, "stateFilter") is window.state_filter
    assert window.findChild(QTextBrowser, "bodyView") is not None
    assert window.findChild(QPlainTextEdit, "bodySource") is not None
    assert window.findChild(ConflictBar, "conflictBar") is window.conflict_bar
    assert window.count_label.text() == "17 articles"


def test_state_column_tells_states_apart_with_word_and_icon(window: MainWindow) -> None:
    model = window.model
    words = {}
    icons = {}
    for row in range(model.rowCount()):
        state = model.index(row, Column.STATE).data(Role.STATE)
        words[state] = model.index(row, Column.STATE).data()
        icons[state] = (
            model.index(row, Column.STATE).data(Qt.ItemDataRole.DecorationRole).cacheKey()
        )
    assert set(words) == set(PublishState) - {PublishState.UNLISTED}  # no unlisted sample
    assert len(set(words.values())) == 5 and len(set(icons.values())) == 5
    assert words[PublishState.DRAFT] == "Draft" and words[PublishState.INVALID] == "Invalid"
    every = {state_label(state) for state in PublishState}
    assert len(every) == len(PublishState) and state_label(PublishState.UNLISTED) == "Unlisted"
    assert len({state_icon(state).cacheKey() for state in PublishState}) == len(PublishState)


def test_invalid_row_shows_its_error_as_tooltip_and_in_the_status_bar(window: MainWindow) -> None:
    index = window.proxy.proxy_index_of(BROKEN, Column.TITLE)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Malformed TOML" in tooltip
    assert window.select_path(BROKEN)
    assert window.session.article is None
    assert BROKEN in window.statusBar().currentMessage()
    assert "Malformed TOML" in window.statusBar().currentMessage()


def test_state_filter_shows_counts_per_state(window: MainWindow) -> None:
    texts = [window.state_filter.itemText(i) for i in range(window.state_filter.count())]
    assert texts == [
        "All states (17)",
        "Draft (3)",
        "Scheduled (2)",
        "Published (10)",
        "Expired (1)",
        "Unlisted (0)",
        "Invalid (1)",
    ]


def test_sorts_by_title_and_by_date(window: MainWindow) -> None:
    window.list_view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    keys = [
        window.proxy.index(row, Column.TITLE).data(Role.SORT)
        for row in range(window.proxy.rowCount())
    ]
    assert keys == sorted(keys)
    assert column_texts(window, Column.TITLE)[0].startswith("Brennhorn")
    window.list_view.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
    dates = [d for d in column_texts(window, Column.DATE) if d]
    assert dates == sorted(dates, reverse=True)
    assert dates[0].startswith("2031-02-10")  # the scheduled story comes first
    window.list_view.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    dates = [d for d in column_texts(window, Column.DATE) if d]
    assert dates == sorted(dates)


def test_filter_text_matches_title_path_source_and_summary(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "ferry")
    assert shown_paths(window) == ["world/port-avalen-ferry-strike.md"]
    window.filter_edit.setText("technology/")  # the path
    assert len(shown_paths(window)) == 5
    window.filter_edit.setText(
        "Atlas World Bulletin"
    )  # the source (not in titles, paths or summaries)
    assert len(shown_paths(window)) == 3
    assert all(
        window.model.summary(path).source == "Atlas World Bulletin" for path in shown_paths(window)
    )
    window.filter_edit.setText("reservoir levels")  # only in a summary
    assert shown_paths(window) == ["world/vallombra-water-rationing.md"]
    window.filter_edit.setText("澜驰")  # Chinese text
    assert shown_paths(window) == [LANCHI]
    assert window.count_label.text() == "1 of 17 articles shown"
    window.filter_edit.clear()
    assert len(shown_paths(window)) == 17


def test_filter_by_state_and_text_together(window: MainWindow) -> None:
    window.state_filter.setCurrentIndex(window.state_filter.findData(PublishState.DRAFT.value))
    assert set(shown_paths(window)) == DRAFTS
    window.filter_edit.setText("marsh")
    assert shown_paths(window) == ["world/lower-marsh-flood-barrier-vote.md"]
    window.state_filter.setCurrentIndex(0)
    window.filter_edit.clear()
    assert len(shown_paths(window)) == 17


def test_filtering_does_not_switch_the_open_article(window: MainWindow, asked) -> None:
    assert window.select_path(LANCHI)
    window.filter_edit.setText("ferry")
    assert window.session.path == LANCHI
    window.filter_edit.clear()
    assert window.list_view.currentIndex().data(Role.PATH) == LANCHI
    assert asked.calls == []


def test_opening_one_file_selects_it(make_window, sample_desk: Path) -> None:
    window = make_window(sample_desk / "content" / LANCHI)
    assert window.session.path == LANCHI
    assert window.list_view.currentIndex().data(Role.PATH) == LANCHI
    assert title_field(window).text() == LANCHI_TITLE


def test_desk_for_lists_a_site_from_its_content_folder(sample_desk: Path, tmp_path: Path) -> None:
    assert desk_for(sample_desk) == ((sample_desk / "content").resolve(), None)
    assert desk_for(sample_desk / "content" / LANCHI) == (
        (sample_desk / "content").resolve(),
        LANCHI,
    )
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text("+++\ntitle = 'A'\n+++\n", encoding="utf-8")
    assert desk_for(plain) == (plain.resolve(), None)
    assert desk_for(plain / "a.md") == (plain.resolve(), "a.md")


# --- editing and saving -----------------------------------------------------------------------------


def test_edit_title_then_save_changes_only_that_value(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "澜驰发布半固态电池样车")
    assert window.session.dirty
    assert path.read_bytes() == before  # edits stay in memory
    assert window.model.index_of(LANCHI, Column.TITLE).data().startswith(DIRTY_MARK)
    assert window.isWindowModified()
    assert window.action_registry[ActionId.SAVE].isEnabled()
    window.action_registry[ActionId.SAVE].trigger()
    after = path.read_bytes()
    assert after == before.replace(LANCHI_TITLE.encode(), "澜驰发布半固态电池样车".encode())
    assert not window.session.dirty
    assert window.model.index_of(LANCHI, Column.TITLE).data() == "澜驰发布半固态电池样车"
    assert not window.action_registry[ActionId.SAVE].isEnabled()
    assert "Saved" in window.statusBar().currentMessage()


def test_review_changes_shows_the_exact_line_diff(qtbot, window: MainWindow) -> None:
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "New headline")
    dialog = window.session.review_changes()
    assert dialog is not None and dialog.isVisible()
    lines = dialog.text.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert removed == [f'-title = "{LANCHI_TITLE}"']
    assert added == ['+title = "New headline"']
    dialog.close()


def test_undo_and_revert_return_to_the_file(qtbot, window: MainWindow, sample_desk: Path) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Changed")
    assert window.action_registry[ActionId.UNDO].isEnabled()
    window.action_registry[ActionId.UNDO].trigger()
    assert not window.session.dirty
    assert title_field(window).text() == LANCHI_TITLE
    window.action_registry[ActionId.REDO].trigger()
    assert window.session.article.value("title") == "Changed"
    window.action_registry[ActionId.REVERT].trigger()
    assert not window.session.dirty
    assert title_field(window).text() == LANCHI_TITLE
    assert path.read_bytes() == before


def test_save_error_is_reported_with_the_reason(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    path = sample_desk / "content" / LANCHI
    assert window.select_path(LANCHI)
    type_title(qtbot, window, "Read-only test")
    path.chmod(0o444)
    try:
        asked.answer("report_error", None)
        assert not window.save()
    finally:
        path.chmod(0o644)
    (_title, message) = asked.named("report_error")[0]  # the reason is in the text, not in details
    assert LANCHI in message and "read-only" in message.lower()
    assert window.session.dirty  # the edits are still there


# --- bulk -------------------------------------------------------------------------------------------


def test_bulk_publish_reports_the_broken_file_and_changes_the_rest(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    content = sample_desk / "content"
    chosen = [
        "world/lower-marsh-flood-barrier-vote.md",
        "business/halden-riverside-merger-talks.md",
        BROKEN,
    ]
    before = {path: (content / path).read_bytes() for path in chosen}
    select_rows(window, chosen)
    assert window.action_registry[ActionId.PUBLISH].isEnabled()
    asked.answer("confirm_bulk", True)
    asked.answer("report_failures", None)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert asked.named("confirm_bulk") == [
        ("Publish 2 articles?", "1 unreadable file will be skipped and reported.")
    ]
    ((_title, failures),) = asked.named("report_failures")
    assert [path for path, _reason in failures] == [BROKEN]
    assert "Malformed TOML" in failures[0][1]
    assert (content / BROKEN).read_bytes() == before[BROKEN]
    for path in chosen[:2]:
        assert (content / path).read_bytes() == before[path].replace(
            b"draft = true", b"draft = false", 1
        )
        assert window.model.summary(path).state is PublishState.PUBLISHED
    assert window.state_filter.itemText(1) == "Draft (1)"
    assert window.state_filter.itemText(3) == "Published (12)"


def test_toggle_draft_on_the_open_article_needs_no_confirmation(
    qtbot, window: MainWindow, sample_desk: Path
) -> None:
    path = sample_desk / "content" / LANCHI
    before = path.read_bytes()
    assert window.select_path(LANCHI)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.TOGGLE_DRAFT].trigger()
    assert path.read_bytes() == before.replace(b"draft = false", b"draft = true", 1)
    assert window.model.summary(LANCHI).state is PublishState.DRAFT
    assert window.session.article.metadata["draft"] is True
    draft_box = window.findChild(QCheckBox, "field_draft")
    assert draft_box is not None and draft_box.isChecked()
    assert (
        window.action_registry[ActionId.PUBLISH].isEnabled()
        and not window.action_registry[ActionId.DRAFT].isEnabled()
    )


def test_bulk_with_a_dirty_open_article_writes_the_flag_and_keeps_the_edits(
    qtbot, window: MainWindow, sample_desk: Path, asked
) -> None:
    content = sample_desk / "content"
    open_path, other = (
        "world/lower-marsh-flood-barrier-vote.md",
        "business/halden-riverside-merger-talks.md",
    )
    open_before = (content / open_path).read_bytes()
    assert window.select_path(open_path)
    type_title(qtbot, window, "Edited, not saved")
    select_rows(window, [open_path, other])
    asked.answer("confirm_bulk", True)
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH].trigger()
    assert (content / open_path).read_bytes() == open_before.replace(
        b"draft = true", b"draft = false", 1
    )
    assert window.session.dirty and window.session.article.value("title") == "Edited, not saved"
    assert window.model.summary(other).state is PublishState.PUBLISHED
    assert window.model.summary(open_path).state is PublishState.PUBLISHED


def test_publish_and_next_moves_on_to_the_next_draft(qtbot, window: MainWindow) -> None:
    """The review queue: the next *draft* in the list's order, not the next row."""
    window.list_view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    order = shown_paths(window)
    drafts = [path for path in order if path in DRAFTS]
    first = drafts[0]
    assert window.select_path(first)
    following = window.proxy.index(window.list_view.currentIndex().row() + 1, 0).data(Role.PATH)
    assert following != drafts[1]  # a published article lies between the two drafts
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        window.action_registry[ActionId.PUBLISH_AND_NEXT].trigger()
    qtbot.waitUntil(lambda: window.session.path == drafts[1])
    assert window.model.summary(first).state is PublishState.PUBLISHED


# --- links and the cover ----------------------------------------------------------------------------


def test_open_source_link_opens_only_web_links(window: MainWindow, asked) -> None:
    assert window.select_path(LANCHI)
    window.action_registry[ActionId.OPEN_SOURCE].trigger()
    assert asked.opened == [
        "https://auto.example.com/northgate/2026/10/lanchi-semi-solid-prototype"
    ]
    asked.answer("report_error", None)
    window.body.link_activated.emit("javascript:alert(1)")
    window.form.open_link_requested.emit("source_link", "file:///etc/passwd")
    assert len(asked.opened) == 1
    messages = [args[1] for args in asked.named("report_error")]
    assert len(messages) == 2 and all("only opens web links" in message for message in messages)


def test_every_open_path_asks_before_a_local_address_and_refuses_userinfo(
    window: MainWindow, asked
) -> None:
    assert window.select_path(LANCHI)
    asked.answer("confirm_local_address", False)
    asked.answer("report_error", None)
    window.form.open_link_requested.emit("source_link", "http://192.168.1.1/admin")
    window.body.link_activated.emit("http://169.254.169.254/latest/meta-data/")
    assert asked.named("confirm_local_address") == [
        ("http://192.168.1.1/admin",),
        ("http://169.254.169.254/latest/meta-data/",),
    ]
    assert asked.opened == []
    asked.answer("confirm_local_address", True)
    window.body.link_activated.emit("http://localhost:1313/preview/")
    assert asked.opened == ["http://localhost:1313/preview/"]
    window.body.link_activated.emit("https://example.org@evil.example/")
    window.form.open_link_requested.emit("source_link", "https://example.org\\@evil.example/")
    (userinfo,), (backslash,) = (args[1:2] for args in asked.named("report_error"))
    assert "would open 'evil.example'" in userinfo and "backslash" in backslash
    assert asked.opened == ["http://localhost:1313/preview/"]


def test_open_cover_shows_the_preview_dialog(qtbot, window: MainWindow) -> None:
    assert window.select_path("technology/quillon-robotics-picking-arm.md")
    assert window.action_registry[ActionId.OPEN_COVER].isEnabled()
    window.action_registry[ActionId.OPEN_COVER].trigger()
    dialog = window.findChild(CoverPreviewDialog, "coverPreview")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_cover_preview_opens_links_through_the_window_policy(
    qtbot, window: MainWindow, asked
) -> None:
    assert window.select_path(LANCHI)
    window.cover.open()
    dialog = window.findChild(CoverPreviewDialog, "coverPreview")
    button = dialog.findChild(QPushButton, "openInBrowser_enclosure")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.opened == [window.session.article.value("enclosure")]
    dialog.close()


# --- keyboard ---------------------------------------------------------------------------------------


def test_keyboard_review_flow(qtbot, window: MainWindow, sample_desk: Path) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.list_view.setFocus()
    assert window.list_view.hasFocus()
    # Find a story, open it from the filter box, publish it: all from the keyboard.
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, "marsh")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    assert window.list_view.hasFocus()
    assert window.session.path == "world/lower-marsh-flood-barrier-vote.md"
    with qtbot.waitSignal(window.bulk_finished, timeout=10_000):
        qtbot.keyClick(window.list_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert (
        window.model.summary("world/lower-marsh-flood-barrier-vote.md").state
        is PublishState.PUBLISHED
    )
    # Back to the whole list, next article with the keyboard, edit its title, save.
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == "" and window.proxy.rowCount() == 17
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.list_view.hasFocus()
    before = window.session.path
    qtbot.keyClick(window.list_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.path not in (None, before)
    path = sample_desk / "content" / window.session.path
    original = path.read_bytes()
    old_title = window.session.article.value("title")
    field = title_field(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Typed at the desk")
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_bytes() == original.replace(f'"{old_title}"'.encode(), b'"Typed at the desk"')


def test_tab_order_goes_filter_list_form_body(qtbot, window: MainWindow) -> None:
    assert window.select_path(LANCHI)
    qtbot.waitUntil(title_field(window).isVisible)  # new fields are shown by the event loop
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.filter_edit.setFocus()
    visited = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited[0] is window.state_filter and visited[1] is window.list_view
    in_form = [n for n, widget in enumerate(visited) if window.form.isAncestorOf(widget)]
    in_body = [n for n, widget in enumerate(visited) if window.body.isAncestorOf(widget)]
    assert in_form and in_form[0] == 2  # from the list straight into the form
    assert visited[2] is title_field(window)
    assert in_body and in_body[0] > in_form[0]


def test_edits_are_validated_as_you_type(qtbot, window: MainWindow) -> None:
    assert window.select_path(LANCHI)
    field = title_field(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    problems = window.findChild(QWidget, "problems_title")
    qtbot.waitUntil(lambda: problems.isVisibleTo(window))
    assert any("title is empty" in message for message in problems.messages)


def test_the_cover_thumbnail_of_a_local_image_appears(qtbot, window: MainWindow) -> None:
    assert window.select_path("technology/quillon-robotics-picking-arm.md")
    thumbnail = window.findChild(QLabel, "coverThumbnail")
    qtbot.waitUntil(
        lambda: thumbnail.pixmap() is not None and not thumbnail.pixmap().isNull(), timeout=10_000
    )


def test_recent_folders_menu_lists_the_opened_folder(window: MainWindow, sample_desk: Path) -> None:
    window.recent_menu.aboutToShow.emit()
    texts = [action.text() for action in window.recent_menu.actions()]
    assert str((sample_desk / "content").resolve()) in texts
