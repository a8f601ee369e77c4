"""A start-up probe for the performance harness: with CHARTER_EXIT_WHEN_SHOWN set, the app
prints one line the moment the kiosk window first paints, then quits as staff would.

The line is `kiosk shown after N ms`, N counted from the Python process's start (Linux) or
from the first import of the package elsewhere. Nothing changes when the variable is unset.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV_VAR = "CHARTER_EXIT_WHEN_SHOWN"


def requested() -> bool:
    return bool(os.environ.get(ENV_VAR))


def _process_age_seconds() -> float | None:
    """Seconds since this process started, from /proc (clock-tick resolution), or None."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return uptime - started


class _ExitOnFirstPaint(QObject):
    def __init__(self, window: QWidget, quit_app: Callable[[], None]):
        super().__init__(window)
        self.quit_app = quit_app
        self.fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            age = _process_age_seconds()
            shown = f"{age * 1000:.0f}" if age is not None else "?"
            sys.stdout.write(f"kiosk shown after {shown} ms\n")
            sys.stdout.flush()
            QTimer.singleShot(0, self.quit_app)
        return False


def exit_when_shown(window: QWidget, quit_app: Callable[[], None]) -> None:
    """Print one line when `window` first paints, then call `quit_app` (the staff quit)."""
    window.installEventFilter(_ExitOnFirstPaint(window, quit_app))
