"""The text the article list's filter searches in a row, made from the row's shown texts.

Here, in the core, so that the index cache can keep it with a file's facts (it depends on nothing
else: the title, the path, the source and the summary) and a warm listing hands it to the window
ready, instead of the window's scan folding and splitting 100,000 texts at every launch (0.6 s of
the worker's time at 100k, measured).
"""

from __future__ import annotations


def search_words(title: str, path: str, source: str, summary: str) -> str:
    """The words of these texts, casefolded, each once. A filter word has no space in it, so it is
    in the text exactly when it is in one of these words: repeats only made the text (100,000 of
    them, searched at every keystroke) longer."""
    text = "\n".join((title, path, source, summary)).casefold()
    return " ".join(dict.fromkeys(text.split()))
