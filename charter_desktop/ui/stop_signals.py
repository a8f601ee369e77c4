"""Stopping the kiosk from outside: SIGTERM (a service manager stopping it, a logout), SIGHUP
(the terminal or session it was started from ending) and SIGINT (Ctrl+C in a terminal) end
the event loop as staff quitting does, so the app's own shutdown runs (timers stopped, the
store closed, the instance lock released) and the process exits 0.

Python runs a signal handler only between bytecodes, and Qt's event loop can wait in C for a
long time: the signal's wake-up byte, written to a socket pair that a QSocketNotifier
watches, wakes the loop so the handler runs at once."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

# SIGHUP is POSIX only: Windows has no such signal.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class SignalWaker(QObject):
    """Runs `stop` on the UI thread when the process receives one of STOP_SIGNALS, until
    `restore`. `stopped` says whether it has."""

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._stop = stop
        self.stopped = False
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for number in STOP_SIGNALS:
            signal.signal(number, self._received)

    def _received(self, _number: int, _frame: FrameType | None) -> None:
        self.stopped = True
        self._stop()

    def _drain(self) -> None:
        with contextlib.suppress(OSError):  # only the wake-up matters, not the bytes
            self._read.recv(64)
        if self.stopped:
            # A signal that came before the event loop ran found no loop to end; its byte
            # waited in the socket, and the loop that reads it now ends.
            self._stop()

    def restore(self) -> None:
        """Give the signals back to whatever handled them before."""
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
