"""Runs slow core work (sync, email, backups, exports, imports) off the UI thread and reports
back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)


class BackgroundCall(QObject):
    """`fn()` on a pool thread; `done(result)` or `failed(message)` arrive on the UI thread.
    The call keeps itself alive (as a child of `parent`) until it has reported."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent: QObject):
        super().__init__(parent)
        self._fn = fn
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._run)

    def _run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to staff as one line; details go to the log
            log.exception("background work failed")
            self._report(self.failed, f"{type(exc).__name__}: {exc}")
            return
        self._report(self.done, result)

    def _report(self, signal: Any, value: object) -> None:
        self.running = False
        if isValid(self):  # staff may have closed the page the work was for: nobody to tell
            signal.emit(value)
