"""The hub token and the mail server's password at rest, proven by scanning bytes: set
through the command line on a kiosk with a council key, neither appears in the database, its
WAL, the logs or a backup, in any encoding; a folder that stored them in clear before it had a
key keeps no copy in clear once the key is set; a sealed secret opens only in its own place."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.mail.settings import load_smtp_settings
from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import (
    SYNC_RETYPE_NEEDED,
    load_sync_settings,
    merged,
    save_sync_settings,
)
from tests.fixtures.canary import encodings_of, found_in
from tests.fixtures.hub import HubProcess
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import run_cli

TOKEN = "tok_CanaryHubToken9f3a7c2e51b8"
PASSWORD = "Mail-Canary-Password-4417"


def _leaks(*roots: Path) -> list[str]:
    patterns = [f for c in (TOKEN, PASSWORD) for f in encodings_of(c)]
    patterns += [base64.b64encode(c.encode()) for c in (TOKEN, PASSWORD)]
    return found_in(patterns, *roots)


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real hub, which refuses the canary token (it never issued it) at once."""
    folder = tmp_path_factory.mktemp("hub")
    hub = HubProcess(f"sqlite:///{folder / 'hub.sqlite3'}", folder)
    hub.start()
    yield hub.url
    hub.stop()


def _set_secrets(folder: Path, tmp_path: Path, hub_url: str, *unlock: str) -> None:
    """The token and password as staff give them on the command line (real processes)."""
    secret = tmp_path / "mail-password.txt"
    secret.write_text(PASSWORD + "\n")
    mail = run_cli(folder, *unlock, "mail", "setup", "--host", "127.0.0.1", "--security",
                   "none", "--port", "2525", "--username", "kiosk", "--from",
                   "pledges@council.example", "--password-file", str(secret))  # fmt: skip
    assert mail.returncode == 0, mail.stderr
    secret.unlink()
    # The hub refuses the token (exit 1), and the settings are kept.
    sync = run_cli(folder, *unlock, "sync", "--url", hub_url, "--token", TOKEN)
    assert sync.returncode == 1 and "(401)" in sync.stderr, sync.stderr
    assert TOKEN not in sync.stdout + sync.stderr


def _set_sealed_secrets(folder: Path, tmp_path: Path, hub_url: str) -> None:
    """_set_secrets on a folder with a council key, as staff with the passphrase."""
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(TEST_PASSPHRASE + "\n")
    _set_secrets(folder, tmp_path, hub_url, "--passphrase-file", str(passphrase))


def test_token_and_password_never_reach_any_file(
    keyed_store: Store, tmp_path: Path, hub_url: str
) -> None:
    folder = keyed_store.paths.data_dir
    _set_sealed_secrets(folder, tmp_path, hub_url)
    made = backup.make_rolling_backup(keyed_store.paths)
    keyed_store.db.engine.dispose()  # the WAL's last bytes on disk too
    assert made.path.is_file()
    assert _leaks(folder, keyed_store.paths.log_dir, made.path) == []
    # This process never had the key open: both are stored, and locked.
    with keyed_store.db.read() as session:
        sync, mail = load_sync_settings(session), load_smtp_settings(session)
    assert (sync.token, sync.token_locked, sync.configured) == ("", True, True)
    assert (mail.password, mail.password_locked) == ("", True)
    status = run_cli(folder, "privacy", "status")
    assert "in clear" not in status.stdout, status.stdout
    # The staff passphrase opens them.
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with keyed_store.db.read() as session:
        assert load_sync_settings(session).token == TOKEN
        assert load_smtp_settings(session).password == PASSWORD
    # The scan finds a canary when there is one, in a backup too.
    shutil.copy(made.path, tmp_path / "probe.sqlite3")
    (tmp_path / "probe.txt").write_text(f"x{TOKEN.lower()}x", encoding="utf-16-le")
    assert _leaks(tmp_path) != []


def test_secrets_stored_before_the_key_are_sealed_with_no_copy_left(
    store: Store, tmp_path: Path, hub_url: str
) -> None:
    folder = store.paths.data_dir
    _set_secrets(folder, tmp_path, hub_url)
    assert _leaks(folder) != []  # no council key: in clear, and the scan sees them
    status = run_cli(folder, "privacy", "status")
    assert "the hub token" in status.stdout and "password" in status.stdout, status.stdout
    key = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))
    service.use_key(store, key, actor="test")
    assert _leaks(folder) == []  # while the store is still open, as in the running app
    service.unlock(store, TEST_PASSPHRASE)
    with store.db.read() as session:
        assert load_sync_settings(session).token == TOKEN
        assert load_smtp_settings(session).password == PASSWORD


def test_a_sealed_secret_opens_only_in_its_own_place(
    keyed_store: Store, tmp_path: Path, hub_url: str
) -> None:
    _set_sealed_secrets(keyed_store.paths.data_dir, tmp_path, hub_url)
    with keyed_store.db.write() as session:
        smtp = dict(get_setting(session, "smtp"))
        smtp["password"] = get_setting(session, "sync")["token"]  # the sealed token, moved
        set_setting(session, "smtp", smtp)
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with keyed_store.db.read() as session:
        assert load_sync_settings(session).token == TOKEN
        moved = load_smtp_settings(session)
    assert moved.password == "" and moved.password_locked


def test_a_sealed_secret_is_never_sent_where_staff_did_not_send_it(
    keyed_store: Store, tmp_path: Path, hub_url: str
) -> None:
    """Someone with the laptop points the stored hub address and mail server at their own
    machines, in the database itself: at the next unlock neither secret opens, so neither
    (nor the pledges) goes there; put back, they open again."""
    _set_sealed_secrets(keyed_store.paths.data_dir, tmp_path, hub_url)
    with keyed_store.db.write() as session:
        sync, smtp = dict(get_setting(session, "sync")), dict(get_setting(session, "smtp"))
        set_setting(session, "sync", {**sync, "hub_url": "https://hub.thief.example"})
        set_setting(session, "smtp", {**smtp, "host": "mail.thief.example"})
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with keyed_store.db.read() as session:
        moved_sync, moved_smtp = load_sync_settings(session), load_smtp_settings(session)
    assert (moved_sync.token, moved_sync.token_locked) == ("", True)
    assert (moved_smtp.password, moved_smtp.password_locked) == ("", True)
    assert run_sync(keyed_store).error == SYNC_RETYPE_NEEDED
    with keyed_store.db.write() as session:  # the addresses staff set
        set_setting(session, "sync", sync)
        set_setting(session, "smtp", smtp)
    with keyed_store.db.read() as session:
        assert load_sync_settings(session).token == TOKEN
        assert load_smtp_settings(session).password == PASSWORD


def test_staff_move_a_sealed_secret_to_a_new_address_only_with_the_key(
    keyed_store: Store, tmp_path: Path, hub_url: str
) -> None:
    _set_sealed_secrets(keyed_store.paths.data_dir, tmp_path, hub_url)
    new_url = "https://hub.council.example"
    with keyed_store.db.write() as session:  # locked: the token cannot be moved unseen
        locked = load_sync_settings(session)
        with pytest.raises(ValidationError, match="token"):
            save_sync_settings(session, merged(locked, new_url, None))
    with keyed_store.db.read() as session:
        assert load_sync_settings(session).hub_url == hub_url
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with keyed_store.db.write() as session:  # unlocked: it goes with the new address
        save_sync_settings(session, merged(load_sync_settings(session), new_url, None))
    with keyed_store.db.read() as session:
        moved = load_sync_settings(session)
        stored = get_setting(session, "sync")["token"]
    assert (moved.hub_url, moved.token) == (new_url, TOKEN) and stored.startswith("sealed-v1:")


def test_secrets_left_in_clear_by_an_older_version_are_sealed_at_the_next_start(
    keyed_store: Store,
) -> None:
    with keyed_store.db.write() as session:  # as a version before sealing stored them
        set_setting(session, "sync", {"hub_url": "https://hub.example", "token": TOKEN})
        set_setting(session, "smtp", {"host": "mail.example", "password": PASSWORD})
    keyed_store.close()
    assert _leaks(keyed_store.paths.data_dir) != []
    reopened = Store.open(keyed_store.paths)
    try:
        assert _leaks(reopened.paths.data_dir) == []  # while it is open, as in the app
        status = service.privacy_status(reopened)
        assert status.secrets_in_clear == () and "in clear" not in status.summary
        service.unlock(reopened, TEST_PASSPHRASE)
        with reopened.db.read() as session:
            assert load_sync_settings(session).token == TOKEN
            assert load_smtp_settings(session).password == PASSWORD
    finally:
        reopened.close()
