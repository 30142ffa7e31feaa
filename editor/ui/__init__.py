"""The Qt user interface, one package per feature (see the README architecture section)."""

from editor.ui.pyside_imports import scan_names_not_source

scan_names_not_source()  # before the ~200 modules the window imports (see the module)
