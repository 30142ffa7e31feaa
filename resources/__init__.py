"""Copydesk's bundled files (icons, the sample desk, translations).

In a wheel this folder is the package ``editor.resources`` (see setup.py), so an installed app finds
its files with importlib.resources; editor/bundled.py is the one place that looks them up."""
