"""Helpers shared by the tests: CLI runs, form fixtures and window driving."""

from pathlib import Path

# A real wire story in the desk's format (a copy of the project's reference article), for the tests
# that need real bytes of a seed-sized article.
SEED_ARTICLE = Path(__file__).resolve().parent / "data" / "seed-article.md"
