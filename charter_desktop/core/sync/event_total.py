"""The event-wide count a kiosk shows: the hub's running total of the current event (every
kiosk's active pledges), plus this kiosk's pledges the hub does not have yet.

The hub's figure arrives with each batch answer (`event_totals`) and from one GET of the
event's totals (`refresh_event_totals`); the last one is kept in the setting "event_totals",
with the figure last shown. Offline, the kiosk shows the last hub total plus its own new
pledges. The figure never goes down, except for withdrawals and erasures: this kiosk's own
(counted here at once), and the hub's total falling (only withdrawals and erasures at other
kiosks make it fall).

Within one process, a refresh and a batch exchange never overlap (`hub_exchange`): a total
read while a batch the hub already counted is still unsettled here would count that batch
twice.

`event_status` is a local read, cheap to import: the network code (the hub client, the claim
of a pending pack, this kiosk's signing key) loads only when `fetch_totals` runs.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core import events
from charter_desktop.core.clock import format_timestamp, parse_timestamp, utc_now
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.storage.models import OutboxRow, PledgeRow
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.settings import load_sync_settings
from charter_desktop.core.terms import OutboxState, PledgeStatus

if TYPE_CHECKING:
    from charter_desktop.core.store import Store
    from charter_desktop.core.sync.settings import SyncSettings

TOTALS_KEY = "event_totals"
REFRESH_TIMEOUT = 3.0
MAX_KEPT = 20  # events whose figures are kept; the oldest received go first
log = logging.getLogger(__name__)
_locks: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


@contextmanager
def hub_exchange(store: Store, timeout: float = -1) -> Iterator[bool]:
    """Hold the store's hub-exchange lock (waiting up to `timeout` s, -1 forever); yields
    whether it was taken."""
    with _locks_guard:
        lock = _locks.setdefault(store, threading.Lock())
    taken = lock.acquire(timeout=timeout)
    try:
        yield taken
    finally:
        if taken:
            lock.release()


@dataclass(frozen=True)
class EventStatus:
    """The current event's count, as the welcome screen and `event status` show it."""

    event_id: str
    name: str
    target: int
    this_kiosk: int  # this kiosk's active pledges of the event
    event_total: int  # every kiosk's, as far as this kiosk knows
    hub_as_of: datetime | None  # the hub's clock at its last answer; None: never reached
    fresh_seconds: float | None = None  # seconds since that answer came (this kiosk's clock)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "name": self.name,
            "target": self.target,
            "this_kiosk": self.this_kiosk,
            "event_total": self.event_total,
            "hub_as_of": format_timestamp(self.hub_as_of) if self.hub_as_of else None,
        }


def _stored(session: Session) -> dict[str, dict[str, Any]]:
    data: Any = get_setting(session, TOTALS_KEY)
    if not isinstance(data, dict):
        return {}
    return {k: dict(v) for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)}


def _time(value: Any) -> datetime | None:
    try:
        return parse_timestamp(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _save(session: Session, entries: dict[str, dict[str, Any]]) -> None:
    if len(entries) > MAX_KEPT:
        newest = sorted(entries, key=lambda e: str(entries[e].get("received_at", "")))
        entries = {e: entries[e] for e in newest[-MAX_KEPT:]}
    set_setting(session, TOTALS_KEY, entries)


def record_totals(session: Session, totals: Iterable[Any], received_at: datetime) -> int:
    """Keep the hub's totals from an answer ({"event_id", "name", "target", "total",
    "as_of"} each), in the caller's transaction; an entry older than the one kept (by the
    hub's as_of) or malformed is skipped. Returns how many were kept."""
    entries = _stored(session)
    kept = 0
    for item in totals:
        if not isinstance(item, dict):
            continue
        event_id, total, as_of = item.get("event_id"), _whole(item.get("total")), item.get("as_of")
        when = _time(as_of)
        if not isinstance(event_id, str) or not event_id or total is None or when is None:
            continue
        entry = entries.get(event_id, {})
        before = _time(entry.get("as_of"))
        if before is not None and when < before:
            continue
        entry.update(total=total, as_of=format_timestamp(when),
                     received_at=format_timestamp(received_at))  # fmt: skip
        if isinstance(item.get("name"), str):
            entry["name"] = item["name"]
        if _whole(item.get("target")):
            entry["target"] = item["target"]
        entries[event_id] = entry
        kept += 1
    if kept:
        _save(session, entries)
    return kept


@dataclass(frozen=True)
class _Local:
    this_kiosk: int
    unsent: int  # active, never acknowledged by the hub
    withdrawn_unsent: int  # withdrawn here since the hub took them as active
    withdrawn: int  # every withdrawn pledge of this kiosk for the event


def _local_counts(session: Session, event_id: str, device_id: str) -> _Local:
    own = (PledgeRow.event_id == event_id, PledgeRow.device_id == device_id)
    active = PledgeRow.status == PledgeStatus.ACTIVE
    withdrawn = PledgeRow.status != PledgeStatus.ACTIVE

    def count(*where: Any, queued: bool = False) -> int:
        query = select(func.count()).select_from(PledgeRow).where(*own, *where)
        if queued:
            query = query.join(OutboxRow, OutboxRow.pledge_id == PledgeRow.id).where(
                OutboxRow.state == OutboxState.PENDING
            )
        return int(session.scalar(query) or 0)

    return _Local(
        this_kiosk=count(active),
        unsent=count(active, OutboxRow.sent_version.is_(None), queued=True),
        withdrawn_unsent=count(withdrawn, OutboxRow.sent_version.is_not(None), queued=True),
        withdrawn=count(withdrawn),
    )


def _figure(entry: dict[str, Any], local: _Local) -> tuple[int, int]:
    """(The figure to show, the hub total it rests on.)"""
    hub_total = _whole(entry.get("total")) or 0
    figure = max(hub_total + local.unsent - local.withdrawn_unsent, local.this_kiosk)
    shown = _whole(entry.get("shown"))
    if shown is not None:
        withdrawn_since = max(0, local.withdrawn - (_whole(entry.get("withdrawn")) or 0))
        hub_fell_by = max(0, (_whole(entry.get("hub_total_at_shown")) or 0) - hub_total)
        figure = max(figure, shown - withdrawn_since - hub_fell_by)
    return figure, hub_total


def _current_event(store: Store) -> events.Event:
    with store.db.read() as session:
        event = events.current_event(session)
    return event if event is not None else store.current_event()


def event_status(store: Store) -> EventStatus:
    """The current event's count now, from what this kiosk holds (no network). The figure
    shown is remembered, so the next never falls below it except for withdrawals."""
    event = _current_event(store)
    with store.db.read() as session:
        entry = _stored(session).get(event.id, {})
        local = _local_counts(session, event.id, store.device_id)
    figure, hub_total = _figure(entry, local)
    remembered = {"shown": figure, "withdrawn": local.withdrawn, "hub_total_at_shown": hub_total}
    if any(entry.get(k) != v for k, v in remembered.items()):
        with store.db.write() as session:
            entries = _stored(session)
            current = entries.get(event.id, {})
            figure, hub_total = _figure(current, local)  # a sync may have landed meanwhile
            current.update(shown=figure, withdrawn=local.withdrawn, hub_total_at_shown=hub_total)
            entries[event.id] = current
            _save(session, entries)
            entry = current
    received = _time(entry.get("received_at"))
    return EventStatus(
        event_id=event.id,
        name=str(entry.get("name") or event.name),
        target=_whole(entry.get("target")) or event.target,
        this_kiosk=local.this_kiosk,
        event_total=figure,
        hub_as_of=_time(entry.get("as_of")),
        fresh_seconds=None
        if received is None
        else max(0.0, (utc_now() - received).total_seconds()),
    )


def _usable(settings: SyncSettings) -> bool:
    if not settings.configured or (settings.token_locked and not settings.device_auth):
        return False
    try:
        settings.check()
    except ValidationError:
        return False
    return True


def fetch_totals(store: Store, timeout: float = REFRESH_TIMEOUT) -> bool:
    """One try at the hub's totals of the current event (claiming a pack applied offline
    first), kept for event_status; True if the hub answered. Never raises for network
    trouble, a refusal or settings that are not usable: it logs them."""
    from charter_desktop.core.signing import load_or_create_signing_key
    from charter_desktop.core.sync.claim import claim_pending
    from charter_desktop.core.sync.client import HubClient, RetryPolicy, SyncError
    from charter_desktop.core.sync.tls import CertificateNotTrusted

    with store.db.read() as session:
        settings = load_sync_settings(session)
        queued = outbox.counts(session).queued
    if not _usable(settings):
        return False
    event = _current_event(store)
    with hub_exchange(store, timeout) as taken:
        if not taken:
            return False  # a batch is on its way: its answer brings the totals
        try:
            key = load_or_create_signing_key(store.paths.data_dir / "keys")
            with HubClient(settings, signer=key, device_id=store.device_id,
                           retry=RetryPolicy(attempts=1), timeout=timeout) as client:  # fmt: skip
                client.queued = queued
                if settings.device_auth:
                    claim_pending(store, client, key)
                data = client.event_totals(event.id)
        except (SyncError, CertificateNotTrusted, OSError, ValueError) as exc:
            log.info("event totals not refreshed: %s", exc)
            return False
        with store.db.write() as session:
            return record_totals(session, [data], utc_now()) > 0


def refresh_event_totals(store: Store, timeout: float = REFRESH_TIMEOUT) -> EventStatus:
    """One GET of the current event's totals at the hub (short timeout, no retries) when
    sync is set up, then the count as event_status gives it; offline, or with sync not set
    up, just event_status. Never raises for network trouble."""
    fetch_totals(store, timeout)
    return event_status(store)
