"""Automatic sync tries: made when something is queued, spaced out while the hub is away,
and caught up as soon as it answers again."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from charter_desktop.core.store import Store
from charter_desktop.core.sync.auto import AutoSync
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.settings import SyncSettings, save_sync_settings
from tests.helpers import pledge, run_cli


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_tries_back_off_while_the_hub_is_away_and_catch_up_when_it_returns(
    store: Store, tmp_path: Path
) -> None:
    db = str(tmp_path / "hub.sqlite3")
    token = run_cli(None, "hub", "token", "--db", db, "--device", "kiosk").stdout.strip()
    port = free_port()
    with store.db.write() as session:
        save_sync_settings(session, SyncSettings(f"http://127.0.0.1:{port}", token))
    clock = FakeClock()
    auto = AutoSync(
        first_wait=30,
        max_wait=120,
        clock=clock,
        rng=random.Random(1),
        retry=RetryPolicy(attempts=2, base_seconds=0.01),
    )

    assert auto.maybe_sync(store) is None  # nothing queued: no try
    store.add_pledges([pledge(), pledge()], source="kiosk", actor="kiosk")

    failed = auto.maybe_sync(store)
    assert failed is not None and not failed.ok  # the hub is not running yet
    assert auto.maybe_sync(store) is None  # not due again at once
    clock.now += 30
    second = auto.maybe_sync(store)
    assert second is not None and not second.ok
    clock.now += 31
    assert auto.maybe_sync(store) is None  # the wait doubled (with jitter, at least 30 s)

    hub = subprocess.Popen(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(tmp_path / "logs"), "hub",
         "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        clock.now += 120
        caught_up = auto.maybe_sync(store)
        assert caught_up is not None and caught_up.ok and caught_up.sent == 2
        assert auto.maybe_sync(store) is None  # nothing left to send
    finally:
        hub.terminate()
        hub.wait(timeout=30)
