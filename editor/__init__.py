"""Copydesk: a desktop review desk for newsroom editors.

The one source of the application's identity: packaging, the desktop file, QSettings and
``QGuiApplication.setDesktopFileName`` all read these names.
"""

from __future__ import annotations

__version__ = "0.1.0"

APP_ID = "app.copydesk.Copydesk"
APP_NAME = "Copydesk"
ORG_NAME = "Copydesk"
ORG_DOMAIN = "copydesk.app"
