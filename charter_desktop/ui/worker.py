"""Runs slow core work (sync, email, backups) off the UI thread and reports back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

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
            self.running = False
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.running = False
        self.done.emit(result)
