"""The Qt user interface, one package per feature (see the README architecture section)."""
