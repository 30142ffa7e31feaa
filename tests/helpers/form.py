"""Shared by the metadata form tests: sample articles and helpers to load, show and inspect them."""

from __future__ import annotations

import difflib
from pathlib import Path

from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.core.service import DocumentService
from editor.ui.form.metadata_form import MetadataForm

CHINESE = "content/technology/shenzhen-lanchi-semi-solid-battery.md"


MIXED = """+++
title = "Mixed types"
date = 2026-03-02T09:30:00Z
publishDate = "2026-03-04T10:00:00+08:00"
lastmod = 2026-03-05
expiryDate = "2027-01-01"
draft = true
weight = 7
ratio = 0.25
tags = ["energy", "batteries"]
scores = [1, 2, 3]
article_id = 9007199254740993
note = \"\"\"line one
line two\"\"\"
website = "https://example.com/about"
nothing_here = 1979-05-27T07:32:00
[params]
region = "EMEA"
+++

Body text.
"""


def load(root: Path, relpath: str, text: str | None = None) -> Article:
    path = root / relpath
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return DocumentService(root).load(path)


def show(qtbot, form: MetadataForm, article: Article | None) -> None:
    """Show an article and wait until its editors are on screen (layouts show new children later)."""
    form.set_article(article)
    if article is not None:
        editors = [form.editor(key) for key in article.current_metadata()]
        qtbot.waitUntil(lambda: all(editor.isVisible() for editor in editors))


def field(form: MetadataForm, key: str, kind: type[QWidget] = QWidget) -> QWidget:
    widget = form.findChild(kind, f"field_{key}")
    assert widget is not None, f"no {kind.__name__} named field_{key}"
    return widget


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++ ", "--- "))
    ]
