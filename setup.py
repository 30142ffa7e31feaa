"""Packaging that pyproject.toml alone cannot say: the top-level resources/ and docs/ folders ship
inside the package as ``editor.resources`` and ``editor.docs``, so an installed Copydesk finds its
icons, samples, translations and the editor's guide with importlib.resources; and the wheel carries
the compiled translations (.qm), which are built from the .ts files rather than committed.
Everything else is in pyproject.toml."""

import importlib.util
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_translations(build_py):
    """Copy the package, then compile each resources/translations/*.ts the copy lacks (or holds an
    older .qm of) with tools/qm.py: pip's isolated build environment has no PySide6, so no lrelease
    (`make` compiles with lrelease before a build; its fresh .qm is copied as it is)."""

    def run(self) -> None:
        super().run()
        sources = sorted((HERE / "resources" / "translations").glob("*.ts"))
        if not sources:
            return
        spec = importlib.util.spec_from_file_location("copydesk_qm", HERE / "tools" / "qm.py")
        qm = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(qm)
        target = Path(self.build_lib) / "editor" / "resources" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        for ts in sources:
            compiled = target / (ts.stem + ".qm")
            if not compiled.is_file() or compiled.stat().st_mtime < ts.stat().st_mtime:
                qm.compile_ts(ts, compiled)


setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources", "editor.docs"],
    package_dir={"editor.resources": "resources", "editor.docs": "docs"},
    cmdclass={"build_py": build_py_with_translations},
)
