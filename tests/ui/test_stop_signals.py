"""A stop signal that arrives before the event loop runs (the kiosk still starting when a
service manager stops it) still ends the loop as soon as it starts, rather than being lost
and leaving the service manager to kill the kiosk. The loop runs in a child process: an
application's event loop, once ended, is not one a test session can share."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from charter_desktop.ui.stop_signals import STOP_SIGNALS

NOT_STOPPED = 7
CHILD = f"""
import os, signal, sys
from PySide6.QtCore import QCoreApplication, QTimer
from charter_desktop.ui.stop_signals import SignalWaker

app = QCoreApplication([])
waker = SignalWaker(lambda: app.exit(0), app)
os.kill(os.getpid(), signal.SIGTERM)  # handled at once: there is no loop to end yet
assert waker.stopped
QTimer.singleShot(5000, lambda: app.exit({NOT_STOPPED}))
code = app.exec()
waker.restore()
sys.exit(code)
"""


def test_a_signal_before_the_loop_ends_the_loop_once_it_runs() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60
    )
    assert (child.returncode, child.stderr) == (0, "")


def test_a_service_manager_a_terminal_and_a_session_end_can_each_stop_it() -> None:
    assert signal.SIGTERM in STOP_SIGNALS and signal.SIGINT in STOP_SIGNALS
    if os.name == "posix":  # Windows has no SIGHUP, and the app still starts there
        assert signal.SIGHUP in STOP_SIGNALS
