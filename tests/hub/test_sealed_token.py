"""A kiosk's hub token sealed to the council key: a new start of the app cannot sync until
staff unlock once; after that the token stays open in memory for the rest of the run, even
once the attendees' details are locked again."""

from __future__ import annotations

from pathlib import Path

from charter_desktop.core.privacy import service
from charter_desktop.core.settings import get_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.auto import AutoSync
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import SYNC_WAITS_FOR_UNLOCK, load_sync_settings
from tests.conftest import TEST_PASSPHRASE
from tests.helpers import pledge, run_cli
from tests.hub.conftest import HubProcess


def test_a_sealed_token_waits_for_one_unlock_then_serves_the_run(
    keyed_store: Store, tmp_path: Path
) -> None:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    hub.start()
    try:
        token = hub.token("kiosk")
        passphrase = tmp_path / "passphrase.txt"
        passphrase.write_text(TEST_PASSPHRASE + "\n")
        given = run_cli(keyed_store.paths.data_dir, "--passphrase-file", str(passphrase),
                        "sync", "--url", hub.url, "--token", token)  # fmt: skip
        assert given.returncode == 0, given.stderr
        with keyed_store.db.read() as session:
            assert token not in str(get_setting(session, "sync"))
        keyed_store.add_pledges([pledge()], source="kiosk", actor="kiosk")

        # This process (a new start of the app) has not had the key: nothing is tried.
        assert AutoSync().maybe_sync(keyed_store) is None
        waiting = run_sync(keyed_store)
        assert waiting.error == SYNC_WAITS_FOR_UNLOCK and hub.count() == 0

        # Staff unlock, and go straight back to the kiosk: the token stays open.
        service.unlock(keyed_store, TEST_PASSPHRASE)
        service.lock()
        with keyed_store.db.read() as session:
            assert load_sync_settings(session).token == token
        service.unlock(keyed_store, TEST_PASSPHRASE)
        assert run_sync(keyed_store).ok and hub.count() == 1
        service.lock()
        # Nothing queued: the hub is asked only whether the token is good, and it is.
        again = run_sync(keyed_store)
        assert again.ok and again.last_sync_at is not None, again.error
    finally:
        hub.stop()
