"""Shared pieces of the UI: the one threading helper, typed settings, dialogs, the link opener and wording."""
