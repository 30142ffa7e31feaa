"""Helpers shared by the tests: CLI runs, form fixtures and window driving."""
