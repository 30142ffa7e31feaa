"""The editor's guide and its pictures; in a wheel this folder is the package ``editor.docs``
(see setup.py), found through editor/bundled.py."""
