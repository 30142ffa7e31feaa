"""Freeing the 5 MB Markdown body's document: at once (one ``setHtml``) vs a slice at a time.

In one process (Qt offscreen): the bench's 5 MB Markdown body rendered as the window renders it,
shown whole in the review pane's browser and laid out; then replaced by a small body, once with
the shredder off (the old document is freed inside ``setHtml``) and once with it on (the longest
idle turn it takes). The reference is the first, measured in the same run.

    .venv/bin/python -m bench.free_bench
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

STALL_TARGET_MS = 50.0  # issue 9: no event-loop stall over 50 ms


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.open_bench import big_markdown
    from editor.core.render import mark_remote_images, render_body, stylesheet
    from editor.ui.article import safe_browser
    from editor.ui.article.safe_browser import SafeTextBrowser

    app = QApplication.instance() or QApplication([])
    html = mark_remote_images(render_body(big_markdown(), "markdown"), "Remote image")
    figures: dict[str, float] = {}
    for shred in (False, True):
        browser = SafeTextBrowser()
        browser.resize(1000, 800)
        browser.show()
        browser.document().setDefaultStyleSheet(stylesheet())
        browser.setHtml(html)
        browser.document().size()  # laid out, as the window had it
        app.processEvents()
        limit = safe_browser.BIG_DOCUMENT_CHARS
        safe_browser.BIG_DOCUMENT_CHARS = limit if shred else 10**12
        started = time.perf_counter()
        browser.setHtml("<p>A small body.</p>")
        switch_ms = (time.perf_counter() - started) * 1000
        safe_browser.BIG_DOCUMENT_CHARS = limit
        shredder = browser.shredder
        turn = shredder._turn
        worst = [0.0]

        def timed(turn: Callable[[], None] = turn, worst: list[float] = worst) -> None:
            began = time.perf_counter()
            turn()
            worst[0] = max(worst[0], (time.perf_counter() - began) * 1000)

        shredder._timer.timeout.disconnect()
        shredder._timer.timeout.connect(timed)
        started = time.perf_counter()
        while shredder.busy:
            app.processEvents()
        key = "shredded" if shred else "at_once"
        figures[f"{key}_switch_ms"] = switch_ms
        figures[f"{key}_longest_turn_ms"] = max(switch_ms, worst[0])
        figures[f"{key}_freed_s"] = time.perf_counter() - started
        browser.deleteLater()
        app.processEvents()
    return figures


def main() -> int:
    figures = run()
    longest = figures["shredded_longest_turn_ms"]
    verdict = "ok" if longest <= STALL_TARGET_MS else "MISSED"
    print(
        f"{verdict}: freeing the 5 MB Markdown body's document: longest turn {longest:.0f} ms "
        f"(at most {STALL_TARGET_MS:.0f} ms; freed over {figures['shredded_freed_s']:.1f} s) vs "
        f"{figures['at_once_switch_ms']:.0f} ms at once "
        f"({longest / figures['at_once_switch_ms']:.2f}×)"
    )
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
