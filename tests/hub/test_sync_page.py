"""The staff console's Council sync page against a real hub process: settings typed in,
Sync now runs off the UI thread, the counts follow, and a bad token is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.core.sync.settings import load_sync_settings
from charter_desktop.ui.staff.sync_page import SyncPage
from tests.fixtures.hub import HubProcess
from tests.helpers import pledge

ON_SQLITE = pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)


def page_for(qtbot: QtBot, store: Store) -> SyncPage:
    page = SyncPage(store)
    qtbot.addWidget(page)
    return page


@ON_SQLITE
def test_sync_now_sends_the_queue_and_shows_the_counts(
    qtbot: QtBot, store: Store, hub: HubProcess
) -> None:
    store.add_pledges([pledge(name=f"Person {i}") for i in range(3)], source="kiosk", actor="k")
    page = page_for(qtbot, store)
    assert "Waiting 3" in page.status.text() and "never" in page.detail.text()
    page.url.setText(hub.url)
    page.token.setText(hub.token("Town hall"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Hub settings saved."
    assert page.token.text() == ""  # the token is never shown again
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at the council 3" in page.status.text(), timeout=20_000)
    assert "Waiting 0" in page.status.text() and "Sent 3" in page.message.text()
    assert hub.count() == 3
    assert "never" not in page.detail.text()


@ON_SQLITE
def test_a_refused_token_is_named_and_nothing_is_lost(
    qtbot: QtBot, store: Store, hub: HubProcess
) -> None:
    store.add_pledges([pledge()], source="kiosk", actor="kiosk")
    page = page_for(qtbot, store)
    page.url.setText(hub.url)
    page.token.setText("not-a-real-token")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "token" in page.message.text().lower(), timeout=20_000)
    assert page.message.text().startswith("⚠") and "Waiting 1" in page.status.text()
    assert hub.count() == 0


def test_bad_settings_are_refused_and_the_usb_bundle_is_written(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    store.add_pledges([pledge(), pledge(name="Bo")], source="kiosk", actor="kiosk")
    page = page_for(qtbot, store)
    page.url.setText("http://hub.council.example")  # plain http to another machine
    page.token.setText("abc")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "must use https" in page.message.text()
    with store.db.read() as session:
        assert not load_sync_settings(session).configured
    written = page.write_bundle_to(tmp_path / "usb" / "bundle.zip")
    assert written is None and "Could not write" in page.message.text()  # no such folder
    (tmp_path / "usb").mkdir()
    written = page.write_bundle_to(tmp_path / "usb" / "bundle.zip")
    assert written is not None and written.pledges == 2 and written.path.is_file()
