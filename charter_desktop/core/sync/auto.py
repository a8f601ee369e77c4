"""When to try a sync on its own: soon after pledges are queued, backing off while the hub is
unreachable, so a kiosk that regains its network catches up without staff pressing a button.

The app calls `AutoSync.maybe_sync(store)` from a worker thread on a timer (every 30 s, all
day; every `interval_seconds` on a kiosk enrolled from a pack: ui.schedules); it returns
None when no sync was due, else the SyncResult of the try it made. On an enrolled kiosk with
nothing queued, a due tick asks the hub for the event's totals instead (one short GET), so
the event-wide count stays current; its failures back off like a sync's, capped at a minute,
so a hub that comes back is found within one.

Pledges sealed to the council key go sealed, so locked details do not hold a sync back. A
kiosk set up with a token sealed to the council key waits for staff to unlock (the token is
needed to send anything); an enrolled kiosk holds no token and never waits.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.event_total import REFRESH_TIMEOUT, fetch_totals
from charter_desktop.core.sync.service import SyncResult, run_sync
from charter_desktop.core.sync.settings import SyncSettings, load_sync_settings

ENROLLED_MAX_WAIT = 60.0


class AutoSync:
    """Schedules automatic sync tries: after a failed try the wait doubles (with jitter) up
    to `max_wait` (`enrolled_max_wait` on an enrolled kiosk, whose waits start at its
    interval); a successful try resets it. A hub that refused this kiosk (its token, its
    signature or its pack) stops automatic tries until the settings change, since retrying
    cannot fix it."""

    def __init__(
        self,
        *,
        first_wait: float = 30.0,
        max_wait: float = 900.0,
        enrolled_max_wait: float = ENROLLED_MAX_WAIT,
        refresh_timeout: float = REFRESH_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        # Few quick retries inside one try: the spacing between tries is this class's job.
        self.retry = retry or RetryPolicy(attempts=2, base_seconds=1.0)
        self.first_wait = first_wait
        self.max_wait = max_wait
        self.enrolled_max_wait = enrolled_max_wait
        self.refresh_timeout = refresh_timeout
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311  (jitter, not security)
        self._wait: float | None = None
        self._next_try = 0.0
        self._next_refresh = 0.0
        self._blocked: tuple[str, str, str] | None = None
        self._lock = threading.Lock()

    def _waits(self, settings: SyncSettings) -> tuple[float, float]:
        """(The first wait after a failure, the longest.)"""
        if settings.interval_seconds is not None:
            cap = self.enrolled_max_wait
            return min(float(settings.interval_seconds), cap), cap
        return self.first_wait, self.max_wait

    def _after(self, ok: bool, settings: SyncSettings) -> None:
        first, cap = self._waits(settings)
        if ok:
            self._wait = None
            self._next_try = self._clock()
            return
        wait = min(cap, self._wait or first)
        self._next_try = self._clock() + self._rng.uniform(wait / 2, wait)
        self._wait = min(cap, wait * 2)

    def maybe_sync(self, store: Store) -> SyncResult | None:
        """Sync now if a try is due and something is queued; None if no sync was tried (an
        enrolled kiosk may have refreshed its event's totals instead)."""
        if not self._lock.acquire(blocking=False):
            return None  # a try is already running
        try:
            now = self._clock()
            if now < self._next_try:
                return None
            with store.db.read() as session:
                settings = load_sync_settings(session)
                queued = outbox.counts(session).queued
            who = (settings.auth, settings.token, settings.hub_url)
            if (
                not settings.configured
                or not settings.automatic
                or (settings.token_locked and not settings.device_auth)  # sealed, key locked
                or who == self._blocked
            ):
                return None
            if queued == 0:
                if settings.interval_seconds is not None and now >= self._next_refresh:
                    reached = fetch_totals(store, self.refresh_timeout)
                    self._after(reached, settings)
                    if reached:  # at most once an interval, however often the app ticks
                        self._next_refresh = now + settings.interval_seconds * 0.8
                return None
            result = run_sync(store, settings, retry=self.retry)
            if result.refused:
                self._blocked = who
            self._after(result.ok, settings)
            return result
        finally:
            self._lock.release()
