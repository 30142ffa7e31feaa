"""The fields several articles share, and a save of many through the service, one result each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from editor.core.multi import SharedField, shared_fields
from editor.core.service import DocumentService, Outcome


def test_shared_fields_in_the_first_articles_order() -> None:
    first = {"title": "A", "draft": True, "tags": ["x"], "only": 1, "when": dt.date(2025, 1, 1)}
    second = {"draft": True, "title": "B", "tags": ["x"], "when": "soon"}
    assert shared_fields([first, second]) == [
        SharedField("title", "A", True),
        SharedField("draft", True, False),
        SharedField("tags", ["x"], False),
    ]  # "only" is not in both; "when" is a date in one and text in the other


def test_no_articles_share_nothing() -> None:
    assert shared_fields([]) == []


def test_set_values_writes_each_file_in_its_own_format(tmp_path: Path) -> None:
    files = {
        "a.md": b"+++\ntitle = 'A'  # keep\nsource = 'Wire'\n+++\nBody\n",
        "b.md": b"---\ntitle: B\nsource: Desk # keep\n---\nBody\n",
        "c.md": b'{\n  "title": "C",\n  "source": "X"\n}\nBody\n',
        "d.md": b"+++\ntitle = 'broken\n+++\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    results = DocumentService(tmp_path).set_values(files, {"source": "Agency"})
    assert [(r.path, r.outcome) for r in results] == [
        ("a.md", Outcome.CHANGED),
        ("b.md", Outcome.CHANGED),
        ("c.md", Outcome.CHANGED),
        ("d.md", Outcome.FAILED),
    ]
    assert (tmp_path / "a.md").read_bytes() == files["a.md"].replace(b"'Wire'", b"'Agency'")
    assert (tmp_path / "b.md").read_bytes() == files["b.md"].replace(b"Desk", b"Agency")
    assert (tmp_path / "c.md").read_bytes() == files["c.md"].replace(b'"X"', b'"Agency"')
    assert (tmp_path / "d.md").read_bytes() == files["d.md"]
