"""A hub with its own certificate (a venue network has no public CA): a kiosk trusts it
through a CA file or a pin, says "not trusted" rather than "cannot reach" when it does not,
and never sends its token to a server whose certificate does not match the pin."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.staff.sync_page import SyncPage
from tests.fixtures.attack import Kiosk
from tests.fixtures.hub import HubProcess
from tests.helpers import pledge, run_cli, self_signed


@pytest.fixture
def tls_hub(hub_db_url: str, tmp_path: Path) -> Iterator[HubProcess]:
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = HubProcess(hub_db_url, logs, self_signed(tmp_path, "hub"))
    hub.start()
    yield hub
    hub.stop()


def pin_printed(hub: HubProcess) -> str:
    log = next(hub.log_dir.glob("hub-*.log")).read_text()
    [line] = [ln for ln in log.splitlines() if ln.startswith("Certificate pin")]
    return line.rsplit(" ", 1)[1]


def test_a_kiosk_trusts_a_hubs_own_certificate_by_ca_file_or_pin(
    tls_hub: HubProcess, tmp_path: Path
) -> None:
    kiosk = Kiosk(tmp_path / "kiosk", tls_hub, tls_hub.token("hall-a"))
    kiosk.add(name="Amelia Patel")
    started = time.monotonic()
    untrusted = run_cli(kiosk.folder, "sync", "--url", tls_hub.url, "--token", kiosk.token)
    assert untrusted.returncode == 1 and time.monotonic() - started < 5  # not retried
    assert "certificate is not trusted" in untrusted.stderr
    assert "cannot reach" not in untrusted.stderr and tls_hub.count() == 0

    assert tls_hub.tls is not None
    by_ca = run_cli(kiosk.folder, "sync", "--ca-file", str(tls_hub.tls[0]))
    assert by_ca.returncode == 0, by_ca.stderr
    assert tls_hub.count() == 1

    kiosk.add(name="Kwame Mensah")
    pin = pin_printed(tls_hub)
    assert len(pin) == 95 and pin.count(":") == 31
    by_pin = run_cli(kiosk.folder, "sync", "--ca-file", "", "--pin", pin)
    assert by_pin.returncode == 0, by_pin.stderr
    assert tls_hub.count() == 2


class Impostor(BaseHTTPRequestHandler):
    """A server on the hub's address with a certificate of its own: it writes down every
    Authorization header it is sent, and refuses it."""

    seen: ClassVar[list[str]] = []

    def _any(self) -> None:
        type(self).seen.append(self.headers.get("Authorization", ""))
        self.send_response(401)  # the kiosk stops at once
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _any

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def impostor(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = self_signed(tmp_path, "impostor")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Impostor)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    Impostor.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_a_pin_that_does_not_match_stops_before_the_token_is_sent(
    tls_hub: HubProcess, impostor: tuple[str, Path], tmp_path: Path
) -> None:
    impostor_url, impostor_cert = impostor
    kiosk = Kiosk(tmp_path / "kiosk", tls_hub, tls_hub.token("hall-a"))
    kiosk.add(name="Amelia Patel")
    # The hub's own pin, but the address answers with another certificate.
    shouted = impostor_url.replace("https://", "HTTPS://")  # the scheme as typed, in capitals
    result = run_cli(kiosk.folder, "sync", "--url", shouted, "--token", kiosk.token,
                     "--pin", pin_printed(tls_hub))  # fmt: skip
    assert Impostor.seen == []  # not one request, so no token
    assert result.returncode == 1 and "does not match the pin" in result.stderr
    # The positive control: trusted by its CA file, the impostor is sent the token at once.
    trusted = run_cli(kiosk.folder, "sync", "--pin", "", "--ca-file", str(impostor_cert))
    assert trusted.returncode == 1 and f"Bearer {kiosk.token}" in Impostor.seen
    assert tls_hub.count() == 0
    bad = run_cli(kiosk.folder, "sync", "--pin", "not-a-pin")
    assert bad.returncode == 2 and "SHA-256 fingerprint" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    plain = run_cli(kiosk.folder, "sync", "--url", "http://hub.example", "--allow-http")
    assert plain.returncode == 2 and "must use https when a certificate pin" in plain.stderr


def test_staff_type_the_pin_on_the_sync_page_and_sync(
    qtbot: QtBot, store: Store, tls_hub: HubProcess
) -> None:
    store.add_pledges([pledge(name="Amelia Patel")], source="kiosk", actor="kiosk")
    page = SyncPage(store)
    qtbot.addWidget(page)
    assert page.device_id.text() == store.device_id  # for `hub token --device-id`
    qtbot.keyClicks(page.url, tls_hub.url)
    qtbot.keyClicks(page.token, tls_hub.token("hall-a"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not trusted" in page.message.text(), timeout=20_000)
    assert tls_hub.count() == 0
    qtbot.keyClicks(page.pin, pin_printed(tls_hub))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Hub settings saved."
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at the council 1" in page.status.text(), timeout=20_000)
    assert tls_hub.count() == 1
