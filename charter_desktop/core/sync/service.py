"""One sync of the kiosk's outbox to the hub, and the counts staff see; safe off the UI thread.

`run_sync` opens its own units of work, so a Qt worker thread can call it while the kiosk
keeps taking pledges; every pledge written meanwhile is queued by the outbox triggers and
goes in this sync or the next.

Pledges sealed to the council key go sealed (core.pledges.records.Pledge.to_sync_json), so a
kiosk syncs whether or not staff unlocked the attendees' details. A kiosk set up with a
token still needs its token, which is sealed too on a kiosk with a council key: it syncs
while unlocked. An enrolled kiosk needs no token: it signs its requests, and claims a pack
applied while the hub was out of reach at its first contact. Each batch answer brings the
event's running totals, kept for the event-wide count (core.sync.event_total).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from charter_desktop.core import events as event_store
from charter_desktop.core.clock import (
    CLOCK_TOLERANCE,
    describe_offset,
    format_timestamp,
    parse_timestamp,
    utc_now,
)
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.privacy.service import details_locked
from charter_desktop.core.signing import load_or_create_signing_key
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.batch import FOREIGN_REASON, Batch, build_batch
from charter_desktop.core.sync.claim import claim_pending
from charter_desktop.core.sync.client import (
    AuthError,
    BatchReply,
    BatchTooLarge,
    ClaimRefused,
    HubClient,
    NotFound,
    RetryPolicy,
    SyncError,
)
from charter_desktop.core.sync.event_total import hub_exchange, record_totals
from charter_desktop.core.sync.settings import (
    SYNC_RETYPE_NEEDED,
    SYNC_WAITS_FOR_UNLOCK,
    SyncSettings,
    load_sync_settings,
)
from charter_desktop.core.text import counted

STATE_KEY = "sync_state"
DEFAULT_BATCH = 500
MIN_BATCH = 10
log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    """What one sync did, and the queue after it: what the staff area shows."""

    sent: int = 0
    failed: int = 0
    batches: int = 0
    queued: int = 0
    last_sync_at: datetime | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)
    clock_skew: timedelta | None = None  # the hub's clock minus this kiosk's, at the last answer
    # The hub refused this kiosk (its token, its signature, or its pack's claim): trying
    # again cannot help until the settings change.
    refused: bool = False
    reached_hub: bool = False  # the hub answered at least once in this sync

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def clock_note(self) -> str | None:
        return clock_note(self.clock_skew)


def clock_note(skew: timedelta | None) -> str | None:
    """What staff must know when this kiosk's clock is off the hub's by more than the hub
    allows; None while it is within."""
    if skew is None or abs(skew) <= CLOCK_TOLERANCE:
        return None
    return (
        f"this kiosk's clock is {describe_offset(skew)} the hub's: set the date and time, "
        "then resend the pledges the hub refused"
    )


@dataclass(frozen=True)
class SyncStatus:
    queued: int
    sent: int
    failed: int
    last_sync_at: datetime | None
    last_error: str | None
    failures: list[tuple[str, str]]
    clock_note: str | None = None


def sync_status(store: Store) -> SyncStatus:
    """Queued / sent / failed counts and the time of the last sync that reached the hub."""
    with store.db.read() as session:
        counts = outbox.counts(session)
        state: Any = get_setting(session, STATE_KEY) or {}
        failures = outbox.failures(session)
    last = state.get("last_sync_at") if isinstance(state, dict) else None
    skew = state.get("clock_skew_seconds") if isinstance(state, dict) else None
    return SyncStatus(
        queued=counts.queued,
        sent=counts.sent,
        failed=counts.failed,
        last_sync_at=parse_timestamp(last) if isinstance(last, str) else None,
        last_error=state.get("last_error") if isinstance(state, dict) else None,
        failures=failures,
        clock_note=clock_note(timedelta(seconds=skew)) if isinstance(skew, int | float) else None,
    )


def _record(store: Store, result: SyncResult, reached_hub: bool) -> None:
    with store.db.write() as session:
        state: Any = get_setting(session, STATE_KEY) or {}
        state = dict(state) if isinstance(state, dict) else {}
        now = utc_now()
        state["last_attempt_at"] = format_timestamp(now)
        state["last_error"] = result.error
        if reached_hub:
            state["last_sync_at"] = format_timestamp(now)
        if result.clock_skew is not None:
            state["clock_skew_seconds"] = round(result.clock_skew.total_seconds())
        set_setting(session, STATE_KEY, state)
        details = {"sent": result.sent, "failed": result.failed, "ok": result.ok}
        audit.record(session, "sync", "sync.run", details=details)
        result.queued = outbox.counts(session).queued
    last = state.get("last_sync_at")
    result.last_sync_at = parse_timestamp(last) if isinstance(last, str) else None


def _settle(store: Store, batch: Batch, reply: BatchReply | None, result: SyncResult) -> None:
    """Mark what the hub took as sent and what it refused as failed, with the other kiosks'
    pledges this kiosk never sends, in one transaction."""
    taken = set(reply.accepted) if reply else set()
    versions = {i.pledge_id: i.version for i in [*batch.items, *batch.foreign]}
    refused = {k: v for k, v in (reply.rejected if reply else {}).items() if k in versions}
    for item in batch.foreign:
        refused[item.pledge_id] = FOREIGN_REASON.format(device=item.device_id)
    with store.db.write() as session:
        now = utc_now()
        sent = outbox.mark_sent(session, [i for i in batch.items if i.pledge_id in taken], now)
        outbox.mark_failed(session, refused, versions)
        if reply is not None:  # in the same transaction: never counted twice, nor not at all
            record_totals(session, reply.event_totals, now)
    result.sent += sent
    result.failed += len(refused)
    result.batches += 1 if reply else 0
    result.reached_hub = result.reached_hub or reply is not None
    if reply is not None and reply.hub_time is not None:
        result.clock_skew = reply.hub_time - utc_now()


def _push(
    store: Store,
    client: HubClient,
    token: str,
    result: SyncResult,
    batch_size: int,
    on_batch: Callable[[SyncResult], None] | None,
) -> None:
    """Send the queue batch by batch, in pledge id order, until nothing queued is left.
    Each request tells the hub how many pledges stay queued here once it takes the batch."""
    signing_key = load_or_create_signing_key(store.paths.data_dir / "keys")
    after = ""
    while True:
        with store.db.read() as session:
            items = outbox.pending_items(session, batch_size, after=after)
            if not items:
                return
            batch = build_batch(session, store.device_id, items, signing_key, token)
            client.queued = outbox.counts(session).queued - len(batch.items)
        reply = None
        with hub_exchange(store):
            if batch.items:
                try:
                    reply = client.post_batch(batch.key, batch.body)
                except BatchTooLarge:
                    if batch_size <= MIN_BATCH:
                        raise
                    batch_size = max(MIN_BATCH, batch_size // 2)  # the same items, smaller
                    continue
            _settle(store, batch, reply, result)
        after = items[-1].pledge_id
        if on_batch is not None:
            on_batch(result)


def _fetch_totals(store: Store, client: HubClient) -> None:
    """The current event's totals, kept for the event-wide count; an event the hub does not
    know (staff chose one made on this kiosk) has none."""
    with store.db.read() as session:
        event = event_store.current_event(session)
    if event is None:
        return
    with hub_exchange(store):
        try:
            data = client.event_totals(event.id)
        except NotFound:
            return
        with store.db.write() as session:
            record_totals(session, [data], utc_now())


def _exchange(
    store: Store,
    settings: SyncSettings,
    retry: RetryPolicy | None,
    result: SyncResult,
    batch_size: int,
    on_batch: Callable[[SyncResult], None] | None,
) -> None:
    """One sync's requests: the token's check (or an enrolled kiosk's pending claim), the
    batches, and, for an enrolled kiosk that sent none, its event's totals."""
    signing_key = load_or_create_signing_key(store.paths.data_dir / "keys")
    with HubClient(settings, signer=signing_key, device_id=store.device_id,
                   retry=retry) as client:  # fmt: skip
        with store.db.read() as session:
            client.queued = outbox.counts(session).queued
        if settings.device_auth:
            result.reached_hub = claim_pending(store, client, signing_key)
        else:
            client.check_token()
            result.reached_hub = True
        _push(store, client, settings.token, result, batch_size, on_batch)
        if settings.device_auth and not result.batches:
            _fetch_totals(store, client)
            result.reached_hub = True


def run_sync(
    store: Store,
    settings: SyncSettings | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    retry: RetryPolicy | None = None,
    on_batch: Callable[[SyncResult], None] | None = None,
) -> SyncResult:
    """Push every queued pledge to the hub in batches; never raises for a sync problem.

    A pledge is marked sent only once the hub acknowledged that exact version. A refused
    pledge is marked failed with the hub's reason and the rest go on; a refused token or an
    unreachable hub stops the sync, leaving everything unsent still queued. An enrolled
    kiosk with nothing to send asks for its event's totals instead, so every sync that
    reaches the hub brings them.
    """
    if settings is None:
        with store.db.read() as session:
            settings = load_sync_settings(session)
    result = SyncResult()
    if not settings.configured:
        result.error = "sync is not set up: enter the hub's address and this kiosk's token"
        return result
    if settings.token_locked and not settings.device_auth:
        result.error = SYNC_WAITS_FOR_UNLOCK if details_locked(store) else SYNC_RETYPE_NEEDED
        return result
    try:
        settings.check()
    except ValidationError as exc:
        result.error = f"the sync settings are not usable: {exc}"
        return result
    try:
        _exchange(store, settings, retry, result, batch_size, on_batch)
    except (AuthError, ClaimRefused) as exc:
        result.error = str(exc)
        result.refused = True
    except SyncError as exc:
        result.error = str(exc)
    except PersonalDataLocked as exc:  # a pledge stored in clear whose details are locked
        result.error = str(exc)
    if result.failed:
        result.messages.append(
            f"the hub refused {counted(result.failed, 'pledge')}; "
            "see the failed list for each reason"
        )
    result.messages.insert(
        0, f"sent {counted(result.sent, 'pledge')} in {counted(result.batches, 'batch', 'batches')}"
    )
    if result.clock_note:
        result.messages.append(result.clock_note)
    if result.error:
        result.messages.append(result.error)
    _record(store, result, result.reached_hub)
    log.info("sync: sent %d, failed %d, error: %s", result.sent, result.failed, result.error)
    return result
