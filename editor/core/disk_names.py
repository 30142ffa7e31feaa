"""Names on a desk's disk that are no articles, in a module of their own (nothing imported): the
walk, the atomic save and ``find``'s look at the tree (:mod:`editor.core.tree_look`, which the
quick answer of :mod:`editor.cli_kept` runs before any other import) read them from here."""

from __future__ import annotations

# The folders the desk walk never enters besides hidden ones (walk.skips_folder).
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
# How an atomic save's temporary file ends (atomic.is_temp_name); the walk removes those files.
TEMP_SUFFIX = ".copydesk-tmp"
