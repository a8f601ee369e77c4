"""A hub that goes away for a minute in the middle of a kiosk's sync: the sync waits it out
with its default retries and finishes by itself, nothing lost and nothing stored twice."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from charter_desktop.core.sync.service import SyncResult, run_sync, sync_status
from charter_desktop.core.sync.settings import SyncSettings
from tests.fixtures.attack import hub_state, opened
from tests.fixtures.hub import HubProcess

OUTAGE_SECONDS = 60


@pytest.mark.slow
@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_a_60_second_hub_outage_mid_sync_is_waited_out(hub: HubProcess, kiosks: list[Path]) -> None:
    token = hub.token("hall-a")
    outage: dict[str, float] = {}

    def back_after_a_minute() -> None:
        time.sleep(OUTAGE_SECONDS)
        hub.start()
        outage["back"] = time.monotonic()

    def kill_after_first_batch(result: SyncResult) -> None:
        if result.batches == 1:
            hub.kill()
            outage["down"] = time.monotonic()
            threading.Thread(target=back_after_a_minute, daemon=True).start()

    with opened(kiosks[0]) as store:
        started = time.monotonic()
        result = run_sync(  # the default retry policy, as `sync` and the staff button use
            store, SyncSettings(hub.url, token), on_batch=kill_after_first_batch
        )
        finished = time.monotonic()
        status = sync_status(store)
        kiosk_ids = {p.id for p in store.list_pledges()}
    assert result.ok, result.messages
    assert outage["back"] - outage["down"] >= OUTAGE_SECONDS
    assert finished > outage["back"] and finished - started < OUTAGE_SECONDS + 60
    assert (result.sent, status.queued, status.sent) == (1000, 0, 1000)
    assert hub.count() == 1000  # 0 duplicated
    assert {row[0] for row in hub_state(hub)["pledges"]} == kiosk_ids  # 0 lost
