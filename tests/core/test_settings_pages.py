"""What staff save from the console's Council and Email pages (core.sync.settings and
core.mail.settings): text trimmed, the stored token or password kept unless typed again, the
stored sender name kept when the field is left empty, and the settings the pages do not show
left as they were. Real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.mail.settings import (
    SmtpSettings,
    load_smtp_settings_of,
    save_smtp_settings,
    update_smtp_settings,
)
from charter_desktop.core.store import Store
from charter_desktop.core.sync.settings import (
    SyncSettings,
    load_sync_settings_of,
    save_sync_settings,
    update_sync_settings,
)


def test_the_council_page_keeps_the_token_and_the_ca_file(store: Store, tmp_path: Path) -> None:
    ca_file = tmp_path / "council-ca.pem"
    ca_file.write_text("a CA certificate")
    with store.db.write() as session:
        stored = SyncSettings("https://hub.council.example", "tok_1", ca_file=str(ca_file))
        save_sync_settings(session, stored, actor="cli")
    update_sync_settings(
        store, hub_url="  https://hub2.council.example ", token="", pin=" ", automatic=False
    )
    settings = load_sync_settings_of(store)
    assert settings.hub_url == "https://hub2.council.example" and settings.pin == ""
    assert settings.token == "tok_1" and settings.ca_file == str(ca_file)
    assert not settings.automatic
    update_sync_settings(
        store, hub_url="https://hub2.council.example", token=" tok_2\n", pin="", automatic=True
    )
    assert load_sync_settings_of(store).token == "tok_2"
    with pytest.raises(ValidationError, match="https"):
        update_sync_settings(
            store, hub_url="http://hub.council.example", token="", pin="", automatic=True
        )
    assert load_sync_settings_of(store).hub_url == "https://hub2.council.example"


def test_the_email_page_keeps_the_password_sender_name_and_ca_file(store: Store) -> None:
    with store.db.write() as session:
        stored = SmtpSettings(
            host="mail.council.example",
            password="pw-1",
            from_address="pledges@council.example",
            from_name="Council pledges",
            ca_file="/etc/council-ca.pem",
        )
        save_smtp_settings(session, stored, actor="cli")
    update_smtp_settings(
        store,
        host=" 127.0.0.1 ",
        port=2525,
        security="none",
        username=" clerk ",
        password="",
        from_address=" desk@council.example ",
        from_name="  ",
    )
    settings = load_smtp_settings_of(store)
    assert (settings.host, settings.port, settings.security) == ("127.0.0.1", 2525, "none")
    assert (settings.username, settings.from_address) == ("clerk", "desk@council.example")
    assert settings.password == "pw-1" and settings.from_name == "Council pledges"
    assert settings.ca_file == "/etc/council-ca.pem"
    with pytest.raises(ValidationError, match="starttls or ssl"):
        update_smtp_settings(
            store,
            host="mail.council.example",
            port=25,
            security="none",
            username="",
            password="",
            from_address="desk@council.example",
            from_name="",
        )
    assert load_smtp_settings_of(store).host == "127.0.0.1"
