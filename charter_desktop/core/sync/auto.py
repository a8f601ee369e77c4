"""When to try a sync on its own: soon after pledges are queued, backing off while the hub is
unreachable, so a kiosk that regains its network catches up without staff pressing a button.

The app calls `AutoSync.maybe_sync(store)` from a worker thread on a timer (every 30 s, all
day: ui.schedules); it returns None when no try is due, else the SyncResult of the try it
made. On a kiosk with a council key, no try is made while the details are locked: each
pledge goes with its details, which only staff can open (as is the sealed hub token), so
queued pledges wait for the next unlock.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

from charter_desktop.core.privacy.service import details_locked
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.service import SyncResult, run_sync
from charter_desktop.core.sync.settings import load_sync_settings


class AutoSync:
    """Schedules automatic sync tries: after a failed try the wait doubles (with jitter) up
    to `max_wait`; a successful try resets it. A refused token stops automatic tries until
    the settings change, since retrying cannot fix it."""

    def __init__(
        self,
        *,
        first_wait: float = 30.0,
        max_wait: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        # Few quick retries inside one try: the spacing between tries is this class's job.
        self.retry = retry or RetryPolicy(attempts=2, base_seconds=1.0)
        self.first_wait = first_wait
        self.max_wait = max_wait
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311  (jitter, not security)
        self._wait = first_wait
        self._next_try = 0.0
        self._blocked_token: str | None = None
        self._lock = threading.Lock()

    def maybe_sync(self, store: Store) -> SyncResult | None:
        """Sync now if a try is due and something is queued; None if nothing was tried."""
        if not self._lock.acquire(blocking=False):
            return None  # a try is already running
        try:
            now = self._clock()
            if now < self._next_try:
                return None
            with store.db.read() as session:
                settings = load_sync_settings(session)
                queued = outbox.counts(session).queued
            if (
                not settings.configured
                or not settings.automatic
                or settings.token_locked  # sealed, and the key is locked
                or queued == 0
                or settings.token == self._blocked_token
                or details_locked(store)  # the queued pledges' details wait for staff
            ):
                return None
            result = run_sync(store, settings, retry=self.retry)
            if result.ok:
                self._wait = self.first_wait
                self._next_try = self._clock()
            else:
                if "(401)" in (result.error or ""):
                    self._blocked_token = settings.token
                self._next_try = self._clock() + self._rng.uniform(self._wait / 2, self._wait)
                self._wait = min(self.max_wait, self._wait * 2)
            return result
        finally:
            self._lock.release()
