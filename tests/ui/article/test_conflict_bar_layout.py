"""The conflict (merge) bar gives its text the width: it was squeezed into a narrow column beside
four buttons, several words a line."""

from __future__ import annotations

from editor.ui.article.conflict_bar import ConflictBar

MESSAGE = (
    "technology/shenzhen-lanchi-semi-solid-battery.md was changed on disk while you were editing "
    "it. Merge puts your edits on top of the version on disk; Reload drops them."
)


def test_the_message_takes_the_bar_s_width_and_the_buttons_stay_right(qtbot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.resize(640, bar.sizeHint().height())
    bar.show_conflict(MESSAGE)
    qtbot.waitExposed(bar)
    bar.layout().activate()
    inner = bar.contentsRect().width() - 16  # the layout's margins
    assert bar.message.width() >= inner - 4
    needed = bar.message.heightForWidth(bar.message.width())
    assert needed / bar.message.fontMetrics().lineSpacing() < 3.5
    buttons = (bar.merge_button, bar.diff_button, bar.reload_button, bar.keep_button)
    rightmost = max(button.geometry().right() for button in buttons)
    assert rightmost >= bar.contentsRect().right() - 12  # aligned right, not left
    assert all(button.geometry().top() >= bar.message.geometry().bottom() for button in buttons)


def test_the_git_bar_gives_its_text_the_width_too(qtbot) -> None:
    from editor.ui.article.git_bar import GitBar

    bar = GitBar()
    qtbot.addWidget(bar)
    bar.show_conflicted("merge", True)
    bar.resize(640, bar.sizeHint().height())
    qtbot.waitExposed(bar)
    bar.layout().activate()
    assert bar.label.width() >= bar.contentsRect().width() - 20
    assert bar.mine_button.geometry().top() >= bar.label.geometry().bottom()
