"""Kiosks syncing to a real hub process on loopback, over SQLite and over PostgreSQL: nothing
is ever lost or stored twice, whatever fails in between."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from charter_desktop.core.certificates.links import pledge_certificate_url
from charter_desktop.core.signing import load_or_create_signing_key
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.batch import build_batch
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.service import DEFAULT_BATCH, SyncResult, run_sync, sync_status
from charter_desktop.core.sync.settings import SyncSettings
from tests.fixtures.attack import opened
from tests.fixtures.hub import HubProcess
from tests.helpers import pledge, run_cli

FAST_RETRY = RetryPolicy(attempts=3, base_seconds=0.05, cap_seconds=0.2)


def sync(
    folder: Path,
    hub: HubProcess,
    token: str,
    *,
    batch_size: int = DEFAULT_BATCH,
    on_batch: Callable[[SyncResult], None] | None = None,
) -> SyncResult:
    with opened(folder) as store:
        return run_sync(
            store,
            SyncSettings(hub.url, token),
            batch_size=batch_size,
            retry=FAST_RETRY,
            on_batch=on_batch,
        )


def test_two_kiosks_sync_2000_and_a_second_sync_sends_nothing(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    tokens = [hub.token("hall-a"), hub.token("hall-b")]
    first = [sync(k, hub, t) for k, t in zip(kiosks, tokens, strict=True)]
    assert [r.sent for r in first] == [1000, 1000] and all(r.ok for r in first)
    assert hub.count() == 2000

    again = [sync(k, hub, t) for k, t in zip(kiosks, tokens, strict=True)]
    assert [(r.sent, r.batches) for r in again] == [(0, 0), (0, 0)]
    assert hub.count() == 2000
    with opened(kiosks[0]) as store:
        status = sync_status(store)
        assert (status.queued, status.sent, status.failed) == (0, 1000, 0)
        assert status.last_sync_at is not None
        assert store.count_pledges() == 1000  # sent pledges stay on the kiosk


def test_killing_the_hub_mid_sync_then_syncing_again_leaves_exactly_2000(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    tokens = [hub.token("hall-a"), hub.token("hall-b")]
    sync(kiosks[0], hub, tokens[0])

    def kill_after_first_batch(result: SyncResult) -> None:
        if result.batches == 1:
            hub.kill()

    interrupted = sync(kiosks[1], hub, tokens[1], on_batch=kill_after_first_batch)
    assert not interrupted.ok and "tried 3 times" in (interrupted.error or "")
    assert interrupted.sent == 500
    with opened(kiosks[1]) as store:
        assert sync_status(store).queued == 500  # the rest stays queued

    hub.start()  # same database, after an unclean stop
    assert hub.count() == 1500
    resumed = [sync(k, hub, t) for k, t in zip(kiosks, tokens, strict=True)]
    assert [r.sent for r in resumed] == [0, 500]
    assert hub.count() == 2000


def test_a_kill_while_a_batch_is_in_flight_never_loses_or_duplicates(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    token = hub.token("hall-a")
    killers: list[threading.Thread] = []

    def kill_while_the_next_goes(result: SyncResult) -> None:
        # Once the first batch is settled, the hub dies while the next are built and sent.
        if result.batches == 1:
            killers.append(threading.Thread(target=hub.kill))
            killers[0].start()

    interrupted = sync(kiosks[0], hub, token, batch_size=100, on_batch=kill_while_the_next_goes)
    killers[0].join()
    assert not interrupted.ok and 100 <= interrupted.sent < 1000  # the kill landed mid-sync
    hub.start()
    assert sync(kiosks[0], hub, token).ok
    assert hub.count() == 1000
    with opened(kiosks[0]) as store:
        assert sync_status(store).sent == 1000


def test_a_wrong_token_is_refused_with_401_and_nothing_is_stored(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    hub.token("hall-a")
    result = sync(kiosks[0], hub, "not-the-token")
    assert not result.ok and "401" in (result.error or "")
    assert result.sent == 0 and hub.count() == 0
    with opened(kiosks[0]) as store:
        assert sync_status(store).queued == 1000

    body = {"device_id": "11111111-2222-4333-8444-555555555555", "pledges": []}
    response = httpx.post(
        f"{hub.url}/api/v1/batches",
        json=body,
        headers={"Authorization": "Bearer nope", "Idempotency-Key": "a" * 64},
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"

    cli = run_cli(kiosks[0], "sync", "--url", hub.url, "--token", "still-wrong")
    assert cli.returncode == 1
    assert "refused this kiosk's device token (401)" in cli.stderr
    assert "still-wrong" not in cli.stdout + cli.stderr
    assert hub.count() == 0


def test_a_revoked_device_is_refused_and_keeps_what_it_sent(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    token = hub.token("hall-a")
    assert sync(kiosks[0], hub, token).ok and hub.count() == 1000
    with opened(kiosks[0]) as store:
        store.add_pledges([pledge(name="After the theft")], source="kiosk", actor="kiosk")
        certificate = pledge_certificate_url(store, store.list_pledges()[0])
    query = urlsplit(certificate).query
    assert "Genuine certificate" in httpx.get(f"{hub.url}/verify?{query}").text
    revoked = run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-a")
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    # The thief holds the kiosk's key: what it signs is no longer genuine.
    assert "Not a genuine certificate" in httpx.get(f"{hub.url}/verify?{query}").text
    result = sync(kiosks[0], hub, token)
    assert not result.ok and "401" in (result.error or "")
    assert hub.count() == 1000
    listed = run_cli(None, "hub", "devices", "--db", hub.db_url, "--json")
    [device] = json.loads(listed.stdout)
    assert device["name"] == "hall-a" and device["revoked"] is True
    unknown = run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-z")
    assert unknown.returncode == 2 and "no device is called 'hall-z'" in unknown.stderr
    # A new token for the name serves the kiosk that replaces the stolen one; the stolen
    # kiosk's device id and key stay revoked, whatever token it holds.
    fresh = hub.token("hall-a")
    stolen = sync(kiosks[0], hub, fresh)
    assert not stolen.ok and "belongs to another kiosk" in (stolen.error or "")
    assert sync(kiosks[1], hub, fresh).ok and hub.count() == 2000


def test_a_replayed_batch_after_a_lost_answer_stores_nothing_new(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    token = hub.token("hall-a")
    with opened(kiosks[0]) as store, store.db.read() as session:
        items = outbox.pending_items(session, 500)
        signing_key = load_or_create_signing_key(store.paths.data_dir / "keys")
        batch = build_batch(session, store.device_id, items, signing_key, token)
    body = batch.body  # the first batch the kiosk's own sync sends
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": batch.key}
    first = httpx.post(f"{hub.url}/api/v1/batches", json=body, headers=headers, timeout=60)
    assert first.status_code == 200 and first.json()["replayed"] is False
    assert len(first.json()["accepted"]) == 500 and hub.count() == 500

    # The kiosk never saw that answer: the batch goes again under the same key.
    replay = httpx.post(f"{hub.url}/api/v1/batches", json=body, headers=headers, timeout=60)
    assert replay.json()["replayed"] is True and hub.count() == 500
    assert replay.json()["accepted"] == first.json()["accepted"]

    # The same pledges under a new key are merged by id: still nothing new.
    headers["Idempotency-Key"] = "b" * 64
    fresh = httpx.post(f"{hub.url}/api/v1/batches", json=body, headers=headers, timeout=60)
    assert fresh.json()["changed"] == 0 and hub.count() == 500

    result = sync(kiosks[0], hub, token)  # the kiosk's own sync replays that first batch
    assert result.sent == 1000 and hub.count() == 1000


def test_a_huge_body_is_refused_with_413(hub: HubProcess) -> None:
    token = hub.token("hall-a")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "c" * 64}
    huge = b'{"device_id": "x", "pledges": [' + b" " * (9 * 1024 * 1024) + b"]}"
    response = httpx.post(
        f"{hub.url}/api/v1/batches",
        content=huge,
        headers={**headers, "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"device_id": "x", "pledges": ['
        for _ in range(10):
            yield b" " * (1024 * 1024)
        yield b"]}"

    streamed = httpx.post(
        f"{hub.url}/api/v1/batches",
        content=chunks(),
        headers={**headers, "Content-Type": "application/json"},
        timeout=60,
    )
    assert streamed.status_code == 413
    assert hub.count() == 0


def test_a_refused_record_fails_alone_and_the_rest_are_sent(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    token = hub.token("hall-a")
    # A record no hub accepts, written around the kiosk's validation.
    with opened(kiosks[0]) as store, store.db.write() as session:
        bad = session.scalar(text("SELECT id FROM pledges ORDER BY id LIMIT 1 OFFSET 700"))
        session.execute(
            # measures cleared too: a measure needs its action, which would be a second error
            text(
                "UPDATE pledges SET actions = '[\"no-such-action\"]', measures = NULL"
                " WHERE id = :id"
            ),
            {"id": bad},
        )
    result = sync(kiosks[0], hub, token)
    assert result.ok and (result.sent, result.failed) == (999, 1)
    assert hub.count() == 999
    with opened(kiosks[0]) as store:
        status = sync_status(store)
    assert (status.queued, status.sent, status.failed) == (0, 999, 1)
    # The hub names the field and the rule, never the value it was sent.
    assert status.failures == [(bad, "actions: unknown action id (the value sent) (see "
                                     "`catalogue --json`)")]  # fmt: skip


def test_withdrawals_and_erasures_reach_the_hub(hub: HubProcess, kiosks: list[Path]) -> None:
    token = hub.token("hall-a")
    sync(kiosks[0], hub, token)
    with opened(kiosks[0]) as store, store.db.write() as session:
        first, second = session.scalars(text("SELECT id FROM pledges ORDER BY id LIMIT 2"))
        # Withdrawn by an edit that leaves updated_at alone: the database moves it on.
        session.execute(
            text("UPDATE pledges SET status = 'withdrawn' WHERE id = :id"), {"id": first}
        )
        session.execute(text("DELETE FROM pledges WHERE id = :id"), {"id": second})
    result = sync(kiosks[0], hub, token)
    assert result.sent == 2
    assert hub.count() == 999
    from charter_desktop.hub.db import hub_engine

    engine = hub_engine(hub.db_url)
    with engine.connect() as conn:
        status = conn.scalar(text("SELECT status FROM pledges WHERE id = :id"), {"id": first})
        gone = conn.scalar(text("SELECT count(*) FROM pledges WHERE id = :id"), {"id": second})
    engine.dispose()
    assert status == "withdrawn" and gone == 0


def test_a_kiosk_holding_anothers_pledges_sends_only_its_own_while_both_sync(
    hub: HubProcess, kiosks: list[Path], tmp_path: Path
) -> None:
    # Kiosk B also holds kiosk A's pledges (imported from A's export): only A sends those.
    export = tmp_path / "a.json"
    assert run_cli(kiosks[0], "export", "--format", "json", "--out", str(export)).returncode == 0
    imported = run_cli(kiosks[1], "pledge", "add", "--json", str(export))
    assert imported.returncode == 0, imported.stderr
    tokens = [hub.token("hall-a"), hub.token("hall-b")]
    results: list[SyncResult] = []

    def sync_opened(store: Store, token: str) -> None:
        settings = SyncSettings(hub.url, token)
        results.append(run_sync(store, settings, retry=FAST_RETRY, batch_size=100))

    with opened(kiosks[0]) as a, opened(kiosks[1]) as b:
        threads = [
            threading.Thread(target=sync_opened, args=(store, token))
            for store, token in zip((a, b), tokens, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [r.sent for r in results] == [1000, 1000] and all(r.ok for r in results)
    assert sorted(r.failed for r in results) == [0, 1000]
    assert hub.count() == 2000
    with opened(kiosks[1]) as store:
        status = sync_status(store)
    with opened(kiosks[0]) as store:
        a_device = store.device_id
    assert (status.sent, status.failed) == (1000, 1000)
    assert all(f"taken on another kiosk (device {a_device})" in r for _, r in status.failures)


def test_a_kiosk_killed_mid_sync_sends_the_rest_next_time(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    import subprocess
    import sys
    import time

    token = hub.token("hall-a")
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(kiosks[0]), "sync",
         "--url", hub.url, "--token", token],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    while hub.count() == 0 and kiosk.poll() is None:
        time.sleep(0.01)
    kiosk.kill()  # the kiosk loses power with batches taken but perhaps not yet marked sent
    kiosk.wait(timeout=30)
    result = sync(kiosks[0], hub, token)
    assert result.ok and hub.count() == 1000
    with opened(kiosks[0]) as store:
        assert (sync_status(store).queued, sync_status(store).sent) == (0, 1000)


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_pledges_taken_during_a_background_sync_go_in_the_next(
    hub: HubProcess, kiosks: list[Path]
) -> None:
    token = hub.token("hall-a")
    with opened(kiosks[0]) as store:
        results: list[SyncResult] = []
        worker = threading.Thread(
            target=lambda: results.append(
                run_sync(store, SyncSettings(hub.url, token), batch_size=100)
            )
        )
        worker.start()  # as the staff button's worker thread does
        for n in range(50):  # the kiosk keeps taking pledges meanwhile
            store.add_pledges([pledge(name=f"Walk-in {n}")], source="kiosk", actor="kiosk")
        worker.join()
        assert results[0].ok
        run_sync(store, SyncSettings(hub.url, token))
        assert sync_status(store).queued == 0
    assert hub.count() == 1050


def test_pledge_measures_reach_the_hub(hub: HubProcess, kiosks: list[Path]) -> None:
    sync(kiosks[0], hub, hub.token("hall-a"))
    with opened(kiosks[0]) as store:
        sent = {p.id: p.measures for p in store.list_pledges() if p.measures}
    assert len(sent) > 50  # the demo fills measures for some pledges
    from charter_desktop.hub.db import hub_engine
    from charter_desktop.hub.merged import iter_hub_pledges

    engine = hub_engine(hub.db_url)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        held = {p.id: p.measures for p in iter_hub_pledges(session) if p.measures}
    engine.dispose()
    assert held == sent
