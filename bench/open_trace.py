"""A timeline of the GUI thread while a 5 MB body opens: every step over ``--over`` ms.

Each of the body's GUI-thread steps is timed (the feeds' turns, the builder's, the layout pacer's
and the shredder's, the render answers' delivery, the open itself) with its wall and its thread's
CPU time (wall well over CPU: the thread waited, for the interpreter lock or a core), and every
event the application delivers is noted, so that a stall no step explains is still named by the
event it fell in (a paint, a layout timer, a queued signal). Beside it, the render process's
reader thread times each answer it reads (unpickling holds the lock).

    .venv/bin/python -m bench.open_trace [--kind markdown|html] [--after markdown|html] [--over 20]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

STEPS: list[dict[str, Any]] = []  # every timed step: start, wall, cpu, name, size, thread
LAYOUT_PARTS: list[tuple[int, float, float]] = []  # position, layout ms, size-note ms
EVENTS: list[tuple[float, str]] = []
EVENT_CPU: list[
    tuple[float, float]
] = []  # (time, its thread's CPU ms) of the same events  # (time, what) of each event delivered, GUI thread


def _size(args: tuple[Any, ...]) -> int:
    for value in args:
        if isinstance(value, str):
            return len(value)
        if isinstance(value, list):
            return sum(len(piece) for piece in value if isinstance(piece, str))
    return 0


def timed(owner: Any, name: str, label: str, size: Any = None) -> None:
    """Wrap ``owner.name`` so that each call is noted in STEPS."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            wall = (time.perf_counter() - started) * 1000
            STEPS.append(
                {
                    "at": started,
                    "wall": wall,
                    "cpu": (time.thread_time() - cpu) * 1000,
                    "step": label,
                    "size": size(args) if size else _size(args[1:]),
                    "thread": threading.current_thread().name,
                }
            )

    setattr(owner, name, wrapper)


def install() -> None:
    from editor.ui.article import body_build, body_feed, body_view, safe_browser

    timed(body_feed.PieceFeed, "_turn", "feed turn", lambda a: a[0]._chars)
    timed(body_feed.DocumentShredder, "_turn", "shredder turn", lambda a: a[0]._chars)
    timed(body_build.DocumentBuilder, "start", "builder start")
    timed(body_build.DocumentBuilder, "_close", "builder endEditBlock")
    timed(body_build.DocumentBuilder, "_hand_over", "builder hand over")
    if hasattr(body_build.DocumentBuilder, "_make_layout"):
        timed(body_build.DocumentBuilder, "_make_layout", "builder make layout")
    timed(body_build.LayoutPacer, "_turn", "layout turn", lambda a: a[0]._chars)
    timed(body_view.BodyView, "_on_rendered", "answer delivered", lambda a: _size((a[5],)))
    timed(body_view.BodyView, "set_article", "set_article")
    timed(body_view.BodyView, "_adopt", "adopt")
    timed(body_view.BodyView, "_append_html", "preview append")
    timed(body_view.BodyView, "_append_source", "source append")
    timed(body_view.BodyView, "render_now", "render_now")
    timed(safe_browser.SafeTextBrowser, "setHtml", "browser setHtml")
    timed(safe_browser.SafeTextBrowser, "paintEvent", "browser paint", lambda a: 0)
    timed(body_feed.RenderWorker, "_answer", "reader: answer emitted")
    timed(body_feed.RenderWorker, "submit", "worker submit")
    timed(body_view.BodyView, "_fill_source", "fill source")
    from editor.core.service import DocumentService
    from editor.ui.article import article_session
    from editor.ui.form import metadata_form

    timed(DocumentService, "load", "service load", lambda a: 0)
    session = article_session.ArticleSession
    for name in ("open", "_show", "_validate", "_load_thumbnail", "_report_dirty"):
        timed(session, name, f"session {name}", lambda a: 0)
    timed(metadata_form.MetadataForm, "set_article", "form set_article", lambda a: 0)

    def connection_recv(child: Any) -> None:  # the reader thread's reads, timed
        conn = child._connection
        recv = conn.recv

        def timed_recv() -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            value = recv()
            STEPS.append(
                {
                    "at": started,
                    "wall": (time.perf_counter() - started) * 1000,
                    "cpu": (time.thread_time() - cpu) * 1000,
                    "step": "reader: recv",
                    "size": _size((getattr(value, "pieces", []),)),
                    "thread": threading.current_thread().name,
                }
            )
            return value

        conn.recv = timed_recv

    init = body_feed._Child.__init__

    def child_init(self: Any, worker: Any) -> None:
        init(self, worker)
        connection_recv(self)

    # (the reader thread starts inside __init__ and may call recv before the wrap: fine, the
    # first answer comes seconds later)
    body_feed._Child.__init__ = child_init  # type: ignore[method-assign]


def probe(desk: Path, kind: str, over: float, after: str = "") -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.stall import StallMeter
    from editor.app import application, create_main_window

    install()
    split_layout_turn()
    depth = [0]
    watching = [False]

    class TimedApp(QApplication):
        """Each event delivered at the top level, timed (nested ones are inside it)."""

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            if not watching[0] or depth[0]:
                depth[0] += 1
                try:
                    return super().notify(receiver, event)
                finally:
                    depth[0] -= 1
            depth[0] += 1
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                depth[0] -= 1
                spent = (time.perf_counter() - started) * 1000
                if spent >= 1.0:
                    name = type(receiver).__name__
                    if name == "QTimer" and receiver.parent() is not None:
                        name = f"QTimer of {type(receiver.parent()).__name__}"
                    EVENT_CPU.append((started, (time.thread_time() - cpu) * 1000))
                    EVENTS.append((started, f"{event.type().name}→{name} {spent:.0f}ms"))

    TimedApp([sys.argv[0]])
    app = application()
    window = create_main_window(desk)
    window.resize(1200, 800)
    meter = StallMeter()
    ticks: list[float] = []
    paths = {"markdown": "news/big-markdown.md", "html": "news/big-html.html"}
    path = paths[kind]
    state: dict[str, float] = {}

    def tick() -> None:
        ticks.append(time.perf_counter())

    ticker = QTimer(interval=5, timeout=tick)

    def open_it() -> None:
        watching[0] = True
        ticks.append(time.perf_counter())
        meter.start()
        ticker.start()
        state["opened"] = time.perf_counter()
        index = window.proxy.proxy_index_of(path)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        flags |= QItemSelectionModel.SelectionFlag.Rows
        cpu = time.thread_time()
        window.list_view.selectionModel().setCurrentIndex(index, flags)  # the open's own turn
        spent = (time.perf_counter() - state["opened"]) * 1000
        EVENT_CPU.append((state["opened"], (time.thread_time() - cpu) * 1000))
        EVENTS.append((state["opened"], f"the open itself {spent:.0f}ms"))

    def select(relpath: str) -> None:
        index = window.proxy.proxy_index_of(relpath)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        flags |= QItemSelectionModel.SelectionFlag.Rows
        window.list_view.selectionModel().setCurrentIndex(index, flags)

    def start() -> None:
        if after:  # the body opened before, untraced (as open_bench opens HTML after Markdown)
            state["before"] = 1.0
            select(paths[after])
        else:
            open_it()

    def shown(complete: bool) -> None:
        if complete and state.pop("before", None):
            QTimer.singleShot(100, open_it)
            return
        if complete and "opened" in state and "full" not in state:
            state["full"] = time.perf_counter()
            state["stall"] = meter.take()
            QTimer.singleShot(3000, app.quit)  # the shredder's and others' turns after it

    window.body.shown.connect(shown)
    window.scan_finished.connect(lambda: QTimer.singleShot(2000, start))
    window.show()
    QTimer.singleShot(300_000, app.quit)
    app.exec()
    watching[0] = False
    ticker.stop()
    opened = state["opened"]
    gaps = []
    for before, after in itertools.pairwise(ticks):
        gap = (after - before) * 1000 - 5
        if gap < over:
            continue
        inside = [
            f"{s['step']} {s['wall']:.0f}ms (cpu {s['cpu']:.0f}) size {s['size']} [{s['thread']}]"
            for s in STEPS
            if s["at"] < after and s["at"] + s["wall"] / 1000 > before
        ]
        events = [what for at, what in EVENTS if before <= at <= after]
        cpu = sum(spent for at, spent in EVENT_CPU if before <= at <= after)
        gaps.append(
            {
                "at_s": round(before - opened, 3),
                "gap_ms": round(gap, 1),
                "cpu_ms": round(cpu, 1),
                "steps": inside,
                "events": events[:20],
            }
        )
    big_steps = [
        {**s, "at": round(s["at"] - opened, 3)}
        for s in STEPS
        if s["wall"] >= over and s["at"] >= opened
    ]
    return {
        "full_s": round(state.get("full", 0) - opened, 2),
        "stall_ms": state.get("stall"),
        # The most CPU the GUI thread spent between two ticks: the stall a quiet machine shows
        "cpu_stall_ms": max((gap["cpu_ms"] for gap in gaps), default=0.0),
        "worst_cpu_gap": max(gaps, key=lambda gap: gap["cpu_ms"], default=None),
        "first_answer_s": round(
            min((s["at"] for s in STEPS if s["step"] == "answer delivered"), default=opened)
            - opened,
            3,
        ),
        "submitted_s": round(
            min((s["at"] for s in STEPS if s["step"] == "worker submit"), default=opened) - opened,
            3,
        ),
        "rendered_s": round(
            max((s["at"] for s in STEPS if s["step"] == "answer delivered"), default=opened)
            - opened,
            2,
        ),
        "gaps": gaps,
        "big_steps": big_steps,
        "step_totals": _totals(opened),
        "event_totals": _event_totals(opened),
        "layout_parts": LAYOUT_PARTS,
    }


def _event_totals(opened: float) -> dict[str, list[float]]:
    totals: dict[str, list[float]] = {}
    for at, what in EVENTS:
        if at < opened:
            continue
        name, _, spent = what.rpartition(" ")
        entry = totals.setdefault(name, [0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += float(spent[:-2])
        entry[2] = max(entry[2], float(spent[:-2]))
    return {k: [v[0], round(v[1]), v[2]] for k, v in sorted(totals.items(), key=lambda i: -i[1][1])}


def _totals(opened: float) -> dict[str, list[float]]:
    totals: dict[str, list[float]] = {}
    for s in STEPS:
        if s["at"] < opened:
            continue
        entry = totals.setdefault(s["step"], [0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += s["wall"]
        entry[2] = max(entry[2], s["wall"])
    return {k: [v[0], round(v[1]), round(v[2], 1)] for k, v in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.open_trace", description=__doc__)
    parser.add_argument("--kind", choices=("markdown", "html"), default="markdown")
    parser.add_argument("--over", type=float, default=20.0)
    parser.add_argument("--after", choices=("markdown", "html"), help="open this one first")
    parser.add_argument("--desk", type=Path, help="a desk made by a run before (kept)")
    args = parser.parse_args()
    from bench.open_bench import make_desk

    if args.desk is None:
        args.desk = Path(tempfile.mkdtemp(prefix="copydesk-trace-")) / "desk"
        make_desk(args.desk)
    print(json.dumps(probe(args.desk, args.kind, args.over, args.after or ""), indent=1))
    return 0


def split_layout_turn() -> None:
    """LayoutPacer._turn's parts timed apart: the layout itself, and telling the view."""
    from editor.ui.article import body_build

    pacer = body_build.LayoutPacer
    original = pacer._turn

    def turn(self: Any) -> None:
        view = self._view
        if view is None:
            return original(self)
        layout = view.document().documentLayout()
        bounding, emit = layout.blockBoundingRect, layout.documentSizeChanged.emit
        parts: dict[str, float] = {}

        def timed_part(name: str, call: Any) -> Any:
            def inner(*args: Any) -> Any:
                started = time.perf_counter()
                try:
                    return call(*args)
                finally:
                    parts[name] = (time.perf_counter() - started) * 1000

            return inner

        layout.blockBoundingRect = timed_part("layout", bounding)
        layout.documentSizeChanged = type(
            "S", (), {"emit": staticmethod(timed_part("size", emit))}
        )()
        try:
            original(self)
        finally:
            del layout.blockBoundingRect, layout.documentSizeChanged
        LAYOUT_PARTS.append(
            (self._position, round(parts.get("layout", 0), 1), round(parts.get("size", 0), 1))
        )

    pacer._turn = turn  # type: ignore[method-assign]


if __name__ == "__main__":
    sys.exit(main())
