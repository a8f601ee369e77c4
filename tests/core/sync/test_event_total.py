"""The event-wide count a kiosk shows: the hub's total plus this kiosk's pledges the hub does
not have yet, offline the last known total plus new pledges, never going backwards except for
withdrawals; and, against a real hub process, the total of every kiosk's pledges within one
sync, still answered once the hub is gone."""

from __future__ import annotations

import itertools
import json
import random
import socket
from datetime import timedelta
from pathlib import Path

import pytest

from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.pledges.actions import withdraw
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.auto import AutoSync
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.event_total import event_status, record_totals
from charter_desktop.core.sync.settings import SyncSettings, save_sync_settings
from tests.fixtures.attack import Kiosk, body_as, opened, post
from tests.fixtures.hub import HubProcess
from tests.helpers import pledge, run_cli


def hub_says(store: Store, total: int, *, seconds_ago: float = 0) -> None:
    """The hub's answer for the kiosk's current event, as a batch answer carries it."""
    event = store.current_event()
    as_of = format_timestamp(utc_now() - timedelta(seconds=seconds_ago))
    answer = {"event_id": event.id, "name": event.name, "target": event.target, "total": total,
              "as_of": as_of}  # fmt: skip
    with store.db.write() as session:
        record_totals(session, [answer], utc_now())


def hub_takes_everything(store: Store) -> None:
    with store.db.write() as session:
        outbox.mark_sent(session, outbox.pending_items(session, 1000), utc_now())


def add(store: Store, n: int) -> list[str]:
    return store.add_pledges([pledge() for _ in range(n)], source="kiosk", actor="kiosk").ids


def test_without_a_hub_the_count_is_this_kiosks(store: Store) -> None:
    add(store, 3)
    status = event_status(store)
    assert (status.this_kiosk, status.event_total, status.hub_as_of) == (3, 3, None)
    assert status.fresh_seconds is None
    assert set(status.to_json()) == {"event_id", "name", "target", "this_kiosk",
                                     "event_total", "hub_as_of"}  # fmt: skip


def test_the_hubs_total_plus_what_it_has_not_got_and_never_backwards(store: Store) -> None:
    hub_says(store, 40)
    assert event_status(store).event_total == 40
    first, *_ = add(store, 3)
    assert event_status(store).event_total == 43  # queued here, not at the hub yet
    hub_takes_everything(store)
    hub_says(store, 43)
    status = event_status(store)
    assert (status.event_total, status.this_kiosk) == (43, 3)
    assert status.hub_as_of is not None and status.fresh_seconds is not None

    # An answer older than the one kept changes nothing.
    hub_says(store, 41, seconds_ago=60)
    assert event_status(store).event_total == 43

    # Withdrawals count down: here at once (and once), elsewhere as the hub's total falls.
    withdraw(store, first, actor="staff")
    assert event_status(store).event_total == 42
    hub_takes_everything(store)
    hub_says(store, 42)
    assert event_status(store).event_total == 42
    hub_says(store, 40)  # two withdrawn at other kiosks
    assert event_status(store).event_total == 40

    # A pledge the hub refuses leaves the queue, but the count shown does not go back.
    [fourth] = add(store, 1)
    assert event_status(store).event_total == 41
    with store.db.write() as session:
        items = outbox.pending_items(session, 10)
        outbox.mark_failed(session, {fourth: "refused"}, {i.pledge_id: i.version for i in items})
    assert event_status(store).event_total == 41


def test_offline_the_last_total_plus_new_pledges(store: Store) -> None:
    hub_says(store, 100)
    add(store, 2)
    shown = [event_status(store).event_total]
    for _ in range(3):
        add(store, 1)
        shown.append(event_status(store).event_total)
    assert shown == [102, 103, 104, 105]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_enrolled_kiosk_retries_within_a_minute_while_the_hub_is_away(store: Store) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with store.db.write() as session:
        save_sync_settings(session, SyncSettings(url, auth="device", interval_seconds=5))
    clock = FakeClock()
    auto = AutoSync(clock=clock, rng=random.Random(3), retry=RetryPolicy(attempts=1),
                    refresh_timeout=0.5)  # fmt: skip
    assert auto.maybe_sync(store) is None  # nothing queued: a refresh of the totals, failed
    clock.now += 5
    assert auto.maybe_sync(store) is None
    add(store, 1)
    waits = []
    for _ in range(8):
        clock.now += 0.1
        while auto.maybe_sync(store) is None:
            clock.now += 0.5
            assert clock.now < 10_000
        waits.append(clock.now)
    gaps = [b - a for a, b in itertools.pairwise(waits)]
    assert max(gaps) <= 60.5 and gaps[-1] > 20  # backing off, capped at a minute


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_every_kiosks_pledges_counted_within_one_sync_and_kept_offline(
    hub: HubProcess, tmp_path: Path
) -> None:
    a = Kiosk(tmp_path / "a", hub, hub.token("hall-a"))
    b = Kiosk(tmp_path / "b", hub, hub.token("hall-b"))
    for _ in range(3):
        a.add()
    synced = run_cli(a.folder, "sync", "--url", hub.url, "--token", a.token)
    assert synced.returncode == 0, synced.stderr  # the event is described at the hub now
    with opened(a.folder) as store:
        event_id = store.current_event().id
        assert event_status(store).event_total == 3
    # Kiosk B takes five pledges for the same event and sends them.
    pledges = []
    for _ in range(5):
        record = b.pledge_json(b.add())
        pledges.append(record | {"event_id": event_id})
    sent = post(hub, b.token, body_as(b, pledges=pledges))
    assert sent.status_code == 200, sent.text
    totals = {t["event_id"]: t["total"] for t in sent.json()["event_totals"]}
    assert totals[event_id] == 8

    status = json.loads(run_cli(a.folder, "event", "status", "--json").stdout)
    assert (status["event_total"], status["this_kiosk"]) == (8, 3)
    assert status["hub_as_of"] is not None

    hub.kill()
    a.add()
    offline = run_cli(a.folder, "event", "status", "--json")
    assert offline.returncode == 0, offline.stderr
    assert json.loads(offline.stdout)["event_total"] == 9  # last known, plus the new one
    assert json.loads(offline.stdout)["hub_as_of"] == status["hub_as_of"]

    hub.start()
    a.add()
    assert run_cli(a.folder, "sync").returncode == 0
    with opened(a.folder) as store:
        assert event_status(store).event_total == 10
