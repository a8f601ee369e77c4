"""A hub that takes only small bodies: the kiosk halves its batches until they fit, and
nothing is lost or sent twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.storage.db import Database
from charter_desktop.core.store import Store
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.hub.app import create_app
from charter_desktop.hub.db import open_hub_database
from charter_desktop.hub.devices import issue_token
from charter_desktop.hub.merged import count_pledges
from tests.fixtures.network import free_port
from tests.helpers import pledge


@pytest.fixture
def small_hub(tmp_path: Path) -> Iterator[tuple[str, str, Database]]:
    db = open_hub_database(str(tmp_path / "hub.sqlite3"))
    with db.write() as session:
        token = issue_token(session, "hall")
    port = free_port()
    app = create_app(db, load_catalogue(), max_body_bytes=40_000)  # about 60 pledges
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", token, db
    server.should_exit = True
    thread.join(timeout=20)
    db.dispose()


def test_batches_too_large_for_the_hub_are_split(
    store: Store, small_hub: tuple[str, str, Database]
) -> None:
    url, token, db = small_hub
    store.add_pledges([pledge(pledge_text="x" * 400) for _ in range(300)], source="kiosk",
                      actor="kiosk")  # fmt: skip
    result = run_sync(store, SyncSettings(url, token), batch_size=500)
    assert result.ok and result.sent == 300
    assert result.batches > 5  # split down to what the hub accepts
    with db.read() as session:
        assert count_pledges(session) == 300
