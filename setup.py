"""Packaging that pyproject.toml alone cannot say: the top-level resources/ folder ships inside the
package as ``editor.resources``, so an installed Copydesk finds its icons, samples and translations
with importlib.resources. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources"],
    package_dir={"editor.resources": "resources"},
)
