"""What the window lists for a path, and the folder scan that fills the list from a worker thread."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from editor.core import validate
from editor.core.index import ArticleSummary, scan
from editor.ui.desk.folder_watcher import list_folders

SCAN_BATCH = 64  # small batches keep each insert into a sorted list of 10,000 rows short


def desk_for(path: Path | str) -> tuple[Path, str | None]:
    """The folder to list for ``path``, and the article to select when ``path`` is one file.

    A Hugo site is listed from its content/ folder (its layouts and themes hold HTML templates, not
    articles); one file opens its site's content folder (or its own folder) with the file selected.
    """
    target = Path(path).expanduser().resolve()
    if target.is_file():
        site = validate.find_site_root(target)
        content = site / "content" if site else None
        root = content if content is not None and target.is_relative_to(content) else target.parent
        return root, target.relative_to(root).as_posix()
    if (target / "content").is_dir() and any(
        (target / name).is_file() for name in validate.SITE_MARKERS
    ):
        return target / "content", None
    return target, None


@dataclass(frozen=True, slots=True)
class Folders:
    """The last item of a scan: the folders to watch."""

    folders: list[Path]


def scan_desk(root: Path, batch_size: int = SCAN_BATCH) -> Iterator[list[ArticleSummary] | Folders]:
    """The rows of every article below ``root`` in batches, then the folders to watch (a worker runs
    this). Big desks are parsed in other processes by ``index.scan``, which keeps this thread, and so
    the GIL the GUI thread needs for every row it paints, mostly idle."""
    base = Path(root).resolve()
    for batch in scan(base, batch_size=batch_size):
        yield batch
        time.sleep(0)  # let the GUI thread take the GIL between batches
    yield Folders(list_folders(base))
