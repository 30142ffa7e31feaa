"""Copydesk benchmarks: ``make bench`` (python -m bench). They generate their own data under .bench/."""
