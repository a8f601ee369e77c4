"""Logging to a rotating file in the log folder. Log lines name pledges by id, never by person."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE = "charter-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


def setup_logging(log_dir: Path, debug: bool = False) -> Path:
    """Send the app's log records to `log_dir`/charter-desktop.log (rotated at 1 MB, 5 kept);
    with `debug`, DEBUG records too, echoed on stderr."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_FILE
    root = logging.getLogger("charter_desktop")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(file_handler)
    if debug:
        echo = logging.StreamHandler(sys.stderr)
        echo.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(echo)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    root.propagate = False
    return path
