"""Packaging that pyproject.toml alone cannot say: the top-level resources/ and docs/ folders ship
inside the package as ``editor.resources`` and ``editor.docs``, so an installed Copydesk finds its
icons, samples, translations and the editor's guide with importlib.resources. Everything else is in
pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources", "editor.docs"],
    package_dir={"editor.resources": "resources", "editor.docs": "docs"},
)
