"""The open article: its editing session, the rendered body, and the bar shown when the file changes on disk."""
