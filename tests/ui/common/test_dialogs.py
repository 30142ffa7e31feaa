"""The questions' wording and buttons (built without showing the modal box)."""

from __future__ import annotations

from editor.ui.common import dialogs


def test_the_bulk_question_is_wide_enough_for_its_title(qtbot) -> None:
    """The box was as narrow as "Publish 2 articles?", and the window title was cut off."""
    box = dialogs.confirm_bulk_box(None, "Publish 2 articles?")
    qtbot.addWidget(box)
    title = box.fontMetrics().horizontalAdvance(box.windowTitle())
    assert box.sizeHint().width() >= title + 100


def test_one_article_with_problems_is_named_with_each_problem(qtbot) -> None:
    box, buttons = dialogs.publish_with_problems_box(None, [("Harbour strike", ["a", "b"])], 1)
    qtbot.addWidget(box)
    assert box.text() == "“Harbour strike” has problems that readers would see:"
    assert box.informativeText() == "• a\n• b"
    assert set(buttons.values()) == {dialogs.PublishAnswer.ALL, dialogs.PublishAnswer.CANCEL}
    assert buttons[box.defaultButton()] is dialogs.PublishAnswer.CANCEL


def test_many_articles_with_problems_are_summarised(qtbot) -> None:
    problems = [(f"Story {n}", ["title is missing"]) for n in range(12)]
    box, buttons = dialogs.publish_with_problems_box(None, problems, 20)
    qtbot.addWidget(box)
    assert box.text() == "12 of the 20 articles to publish have problems:"
    assert box.informativeText().count("•") == 10 and "…and 2 more" in box.informativeText()
    labels = {answer: button.text() for button, answer in buttons.items()}
    assert labels[dialogs.PublishAnswer.CLEAN_ONLY] == "Publish Only the 8 Without"


def test_failures_are_counted_in_words_and_each_file_named(qapp, monkeypatch) -> None:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        dialogs,
        "report_error",
        lambda _parent, title, text, details="": shown.append((title, text, details)),
    )
    dialogs.report_failures(None, "Not changed", [("a.md", "permission denied")])
    dialogs.report_failures(None, "Not changed", [(f"{n}.md", "gone") for n in range(12)])
    (_, one, no_details), (_, many, details) = shown
    assert one.startswith("1 file could not be changed:") and "a.md: permission denied" in one
    assert "(s)" not in one + many and no_details == ""
    assert many.startswith("12 files could not be changed:") and "…and 2 more" in many
    assert details.count("gone") == 12


def test_the_unsaved_question_names_every_article(qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    from editor.ui.common.dialogs import unsaved_articles_box

    box = unsaved_articles_box(None, [f"Story {n}" for n in range(14)])
    qtbot.addWidget(box)
    assert box.text().startswith("Save the changes to 14 articles?")
    assert "• Story 0" in box.text() and "• Story 11" in box.text()
    assert "Story 12" not in box.text() and "…and 2 more" in box.text()
    assert box.button(QMessageBox.StandardButton.Save).text() == "Save All"
    one = unsaved_articles_box(None, ["Only"])
    qtbot.addWidget(one)
    assert one.text() == "Save the changes to “Only”?"


def test_one_of_many_with_problems_reads_in_the_singular(qtbot) -> None:
    box, _buttons = dialogs.publish_with_problems_box(None, [("Story", ["title is missing"])], 2)
    qtbot.addWidget(box)
    assert box.text() == "1 of the 2 articles to publish has problems:"


def test_the_problems_question_names_the_unreadable_files_it_skips(qtbot) -> None:
    """The bulk publish asked about a missing title only; the broken file it would skip was named
    afterwards, as a failure."""
    skipped = ["business/broken.md", "two\nlines.md"]
    box, _buttons = dialogs.publish_with_problems_box(
        None, [("Story", ["title is missing"])], 3, skipped
    )
    qtbot.addWidget(box)
    text = box.informativeText()
    assert "2 unreadable files will be skipped and reported:" in text
    assert "• business/broken.md" in text
    assert '• "two\\nlines.md"' in text  # one line per file, escaped as the CLI does
