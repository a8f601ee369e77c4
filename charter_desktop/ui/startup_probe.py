"""A start-up probe for the performance harness: with CHARTER_EXIT_WHEN_SHOWN set, the app
prints `kiosk shown after N ms` the moment the kiosk window has first painted, then
`kiosk ready after N ms` once it takes pledges (its store open), then quits as staff would.

N is counted from the Python process's start (Linux) or shown as "?" elsewhere. Nothing
changes when the variable is unset.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from charter_desktop.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from charter_desktop.ui.kiosk.window import KioskWindow

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


def _say(what: str) -> None:
    age = _process_age_seconds()
    shown = f"{age * 1000:.0f}" if age is not None else "?"
    sys.stdout.write(f"kiosk {what} after {shown} ms\n")
    sys.stdout.flush()


def exit_when_shown(window: KioskWindow, quit_app: Callable[[], None]) -> None:
    """Report `window`'s first paint and its readiness, then call `quit_app` (the staff
    quit) once it is both."""

    def ready() -> None:
        _say("ready")
        QTimer.singleShot(0, quit_app)

    def shown() -> None:
        _say("shown")
        if window.is_ready():
            ready()
        else:
            window.ready.connect(ready)

    after_first_paint(window, shown)
