"""The `charter-desktop` command line: one module per area, thin over core, the UI and the hub."""

from __future__ import annotations

from charter_desktop.cli.main import kiosk_main, main

__all__ = ["kiosk_main", "main"]
