""" "Set up from a kiosk pack" as staff use it: on first start from the staff PIN dialog, the
pack file chosen in the file dialog (typed, then Return) or fetched from the hub with its
one-time code, applied, and what was set up said; the PIN still chosen here, and no council
passphrase asked for. A pack with one byte changed is refused with its one line, heard by a
screen reader, and nothing changes; in the staff console a pack from another hub moves the
kiosk only with the staff passphrase.

Packs are real pack files signed with a throwaway Ed25519 hub key; the hub is out of reach
(a closed port on 127.0.0.1), or a small scripted server for the one-time code."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from charter_desktop.core.clock import utc_now
from charter_desktop.core.enrolment.apply import enrol_from_pack
from charter_desktop.core.enrolment.pack import key_fingerprint, new_payload, sign_pack
from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.privacy.keys import CouncilKey, ScryptCost, new_council_key
from charter_desktop.core.signing import public_key_pem
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.core.sync.settings import load_sync_settings_of
from charter_desktop.ui import start_checks
from charter_desktop.ui.enrol_dialog import EnrolDialog
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog
from charter_desktop.ui.privacy_dialogs import UnlockDialog
from charter_desktop.ui.staff.sync_page import SyncPage
from charter_desktop.ui.style import build_stylesheet
from tests.fixtures.accessible import read_aloud, visible_nodes
from tests.fixtures.kiosk import PIN, click
from tests.fixtures.store import TEST_PASSPHRASE

EVENT_ID = "6f1c2a4e-9d3b-4c7a-8e21-5b0f7d9c3a11"
COUNCIL_KEY = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))
Role = QAccessible.Role


def closed_port_url() -> str:
    """A hub address on this machine where nothing listens: the hub is out of reach."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def make_pack(
    hub_key: Ed25519PrivateKey,
    hub_url: str,
    *,
    council_key: CouncilKey | None = COUNCIL_KEY,
    device_name: str = "Hall A",
    event_name: str = "Launch summit",
) -> bytes:
    now = utc_now()
    payload = new_payload(
        pack_id=str(uuid.uuid4()),
        hub_id="hub-" + key_fingerprint(public_key_pem(hub_key))[:8],
        issued_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(hours=72),
        hub_url=hub_url,
        tls_pin=None,
        token="cdk_" + uuid.uuid4().hex,
        device_name=device_name,
        event={"id": EVENT_ID, "name": event_name, "place": "Town hall", "date": "2026-05-14",
               "target": 300},
        council_key=None if council_key is None else council_key.to_json(),
        sync_interval_seconds=5,
    )  # fmt: skip
    return sign_pack(payload, hub_key)


def one_byte_changed(pack: bytes) -> bytes:
    """The pack with one character of its signed body changed."""
    document = json.loads(pack)
    body = document["body"]
    middle = len(body) // 2
    document["body"] = body[:middle] + ("A" if body[middle] != "A" else "B") + body[middle + 1 :]
    return json.dumps(document, indent=2).encode("ascii") + b"\n"


def open_enrol_dialog(qtbot: QtBot, button: QWidget, owner: QWidget) -> EnrolDialog:
    click(qtbot, button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), EnrolDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, EnrolDialog) and dialog.parentWidget() is owner
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as a window manager does with a new dialog (offscreen does not)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def choose_file(qtbot: QtBot, dialog: EnrolDialog, path: Path) -> None:
    """Click "Choose the pack file…", type the file's path in Qt's file dialog, Return."""
    click(qtbot, dialog.file_button)
    qtbot.waitUntil(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    files = dialog.file_dialog
    assert isinstance(files, QFileDialog)
    name = files.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    qtbot.wait(200)  # Qt's file dialog reads the folder it opens on first
    name.setFocus()
    qtbot.keyClicks(name, str(path))
    assert name.text() == str(path)
    for _ in range(3):  # the list of completions, once it shows, takes a Return first
        qtbot.keyClick(name, Qt.Key.Key_Return)
        try:
            qtbot.waitUntil(lambda: dialog.path == path, timeout=1000)
        except TimeoutError:
            continue
        break
    assert dialog.path == path and not files.isVisible(), (
        name.text(),
        files.isVisible(),
        files.selectedFiles(),
        files.result(),
    )


def set_up(qtbot: QtBot, dialog: EnrolDialog) -> None:
    """Press "Set up this kiosk" and wait for the worker's answer."""
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.apply_button.isEnabled(), timeout=30_000)


def unnamed_controls(dialog: QWidget) -> list[str]:
    """Buttons and fields a screen reader would present without a name."""
    root = QAccessible.queryAccessibleInterface(dialog)
    roles = (Role.PushButton, Role.EditableText, Role.CheckBox, Role.ComboBox)
    return [
        f"{face.role()} {face.object()}"
        for face in visible_nodes(root)
        if face.role() in roles and not face.text(QAccessible.Text.Name).strip()
    ]


def greyed_out(dialog: QWidget) -> list[str]:
    """Controls in view that are disabled (they look greyed out and take no input)."""
    return [
        f"{type(w).__name__} {w.accessibleName()!r}"
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and not w.isEnabled()
    ]


@pytest.fixture
def hub_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def pin_dialog(qtbot: QtBot, store: Store) -> Iterator[SetupPinDialog]:
    dialog = SetupPinDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog


def test_first_start_sets_the_kiosk_up_from_a_pack_file_then_the_pin_is_chosen(
    qtbot: QtBot, store: Store, pin_dialog: SetupPinDialog, hub_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> None:  # fmt: skip
    hub_url = closed_port_url()
    pack = tmp_path / "usb" / "hall-a.json"
    pack.parent.mkdir()
    pack.write_bytes(make_pack(hub_key, hub_url))

    dialog = open_enrol_dialog(qtbot, pin_dialog.pack_button, pin_dialog)
    assert unnamed_controls(dialog) == []
    choose_file(qtbot, dialog, pack)
    assert dialog.file_label.text() == str(pack)
    set_up(qtbot, dialog)

    said = dialog.done_text.text()
    assert f"This kiosk is set up as “Hall A” for Launch summit, with the hub at {hub_url}." in said
    assert f"From the kiosk pack file {pack}." in said
    assert "sealed to the council's key" in said
    assert "The hub was not reached yet" in said  # a USB stick at a venue with no network yet
    assert "its first sync with the hub completes the set-up" in said
    # Nothing is left to choose or type, and nothing greyed out stays in view.
    assert greyed_out(dialog) == [] and not dialog.file_button.isVisible()
    assert any("set up as “Hall A”" in text for text in read_aloud(dialog))
    assert not dialog.message.isVisible()
    click(qtbot, dialog.continue_button)
    assert dialog.result() == EnrolDialog.DialogCode.Accepted

    # The kiosk holds the pack's event, hub and council key ...
    assert store.current_event().id == EVENT_ID
    assert store.current_event().name == "Launch summit"
    settings = load_sync_settings_of(store)
    assert (settings.hub_url, settings.auth, settings.interval_seconds) == (hub_url, "device", 5)
    key = privacy_service.store_key(store)
    assert key is not None and key.key_id == COUNCIL_KEY.key_id
    assert enrolment_of(store)["device_name"] == "Hall A"

    # ... and the staff PIN is still chosen here, on the keypad and the keyboard.
    assert pin_dialog.pack_note.isVisible() and "Now choose the staff PIN" in (
        pin_dialog.pack_note.text()
    )
    assert not staff_auth.staff_pin_chosen(store)
    qtbot.waitUntil(pin_dialog.pin.hasFocus)
    qtbot.keyClicks(pin_dialog.pin, PIN)
    click(qtbot, pin_dialog.repeat)
    qtbot.waitUntil(pin_dialog.repeat.hasFocus)
    for digit in PIN:
        click(qtbot, pin_dialog.keypad.buttons[digit])
    click(qtbot, pin_dialog.ok_button)
    assert pin_dialog.result() == SetupPinDialog.DialogCode.Accepted, pin_dialog.message.text()
    assert staff_auth.staff_pin_chosen(store)

    # With the pack's council key, first start asks for no passphrase.
    offered: list[str] = []

    def refuse_any_dialog() -> None:  # a dialog here would be a failure, not a hang
        shown = QApplication.activeModalWidget()
        if shown is not None:
            offered.append(type(shown).__name__)
            shown.close()

    guard = QTimer()
    guard.timeout.connect(refuse_any_dialog)
    guard.start(200)
    start_checks.ensure_council_key(store)
    guard.stop()
    assert offered == []


def test_a_pack_with_one_byte_changed_is_refused_in_one_line_and_changes_nothing(
    qtbot: QtBot, store: Store, pin_dialog: SetupPinDialog, hub_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> None:  # fmt: skip
    before_event = store.current_event()
    pack = tmp_path / "hall-a.json"
    pack.write_bytes(one_byte_changed(make_pack(hub_key, closed_port_url())))
    dialog = open_enrol_dialog(qtbot, pin_dialog.pack_button, pin_dialog)
    choose_file(qtbot, dialog, pack)
    set_up(qtbot, dialog)

    shown = dialog.message.text()
    assert dialog.message.isVisible() and "\n" not in shown
    assert shown.startswith("⚠ the kiosk pack's signature does not check")
    assert "Traceback" not in shown
    assert any("signature does not check" in text for text in read_aloud(dialog))
    assert dialog.apply_button.isVisible() and not dialog.continue_button.isVisible()
    assert store.current_event().id == before_event.id
    assert enrolment_of(store) == {}
    assert privacy_service.store_key(store) is None
    assert load_sync_settings_of(store).hub_url == ""

    click(qtbot, dialog.cancel_button)
    assert dialog.result() == EnrolDialog.DialogCode.Rejected
    assert not pin_dialog.pack_note.isVisible() and pin_dialog.pack_button.isVisible()


class CodeHub(BaseHTTPRequestHandler):
    """A hub's POST /api/v1/enrol: the pack once for the code, then 410."""

    pack: ClassVar[dict[str, Any]] = {}
    codes: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        type(self).codes.append(str(body.get("code")))
        first = self.path == "/api/v1/enrol" and len(type(self).codes) == 1
        status, answer = (200, {"pack": type(self).pack}) if first else (
            410, {"detail": "this code was already used"})  # fmt: skip
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def code_hub(hub_key: Ed25519PrivateKey) -> Iterator[tuple[str, type[CodeHub]]]:
    # The claim goes to an address where nothing listens: the pack waits to be claimed.
    pack = json.loads(make_pack(hub_key, closed_port_url()))
    handler = type("Hub", (CodeHub,), {"pack": pack, "codes": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, handler
    server.shutdown()
    server.server_close()


def test_the_hub_address_and_one_time_code_set_the_kiosk_up(
    qtbot: QtBot, store: Store, pin_dialog: SetupPinDialog,
    code_hub: tuple[str, type[CodeHub]],
) -> None:  # fmt: skip
    url, hub = code_hub
    dialog = open_enrol_dialog(qtbot, pin_dialog.pack_button, pin_dialog)
    set_up(qtbot, dialog)  # nothing given yet
    assert dialog.message.text() == (
        "⚠ Choose the pack file, or type the hub's address and the code."
    )
    dialog.hub_url.setFocus()
    qtbot.keyClicks(dialog.hub_url, url)
    qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Tab)
    assert dialog.code.hasFocus()
    qtbot.keyClicks(dialog.code, "abcd-efgh-jk")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # the default button: "Set up this kiosk"
    qtbot.waitUntil(dialog.continue_button.isVisible, timeout=30_000)
    assert hub.codes == ["abcd-efgh-jk"]
    assert "set up as “Hall A” for Launch summit" in dialog.done_text.text()
    assert "From the kiosk pack the hub gave for the one-time code." in dialog.done_text.text()
    assert greyed_out(dialog) == [] and not dialog.code.isVisible()
    assert store.current_event().id == EVENT_ID


def test_the_console_moves_a_kiosk_to_another_hub_only_with_the_staff_passphrase(
    qtbot: QtBot, store: Store, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    first_hub = closed_port_url()
    enrol_from_pack(store, make_pack(hub_key, first_hub), claim=False)
    privacy_service.lock()  # the kiosk is back with the public: details locked
    page = SyncPage(store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert "Set up as “Hall A” for the hub at" in page.enrolment.text()

    # Changing the hub needs the staff passphrase before the dialog opens at all.
    click(qtbot, page.pack_button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), UnlockDialog))
    unlock = QApplication.activeModalWidget()
    assert isinstance(unlock, UnlockDialog)
    qtbot.keyClicks(unlock.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), EnrolDialog))
    dialog = page.enrol_dialog
    assert dialog is not None

    other_hub_key = Ed25519PrivateKey.generate()
    second_hub = closed_port_url()
    pack = tmp_path / "other-hub.json"
    pack.write_bytes(make_pack(other_hub_key, second_hub, device_name="Hall B"))
    choose_file(qtbot, dialog, pack)
    set_up(qtbot, dialog)
    assert dialog.passphrase.isVisible()
    assert "set up with another hub" in dialog.message.text()
    assert dialog.apply_button.text() == "Move this kiosk"
    assert enrolment_of(store)["hub_url"] == first_hub  # nothing moved yet

    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    set_up(qtbot, dialog)
    assert "the staff passphrase does not open this kiosk's council key" in dialog.message.text()
    assert enrolment_of(store)["hub_url"] == first_hub

    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    set_up(qtbot, dialog)
    qtbot.waitUntil(dialog.continue_button.isVisible)
    record = enrolment_of(store)
    assert record["hub_url"] == second_hub and record["device_name"] == "Hall B"
    assert record["hub_key_fingerprint"] == key_fingerprint(public_key_pem(other_hub_key))
    click(qtbot, dialog.continue_button)
    qtbot.waitUntil(lambda: "Hall B" in page.message.text())
    assert "Set up as “Hall B” for the hub at " + second_hub in page.enrolment.text()
    assert page.url.text() == second_hub


def test_the_pack_dialog_fits_a_1024_by_768_screen(qtbot: QtBot, store: Store) -> None:
    dialog = EnrolDialog(store, first_run=True)
    dialog.setStyleSheet(build_stylesheet())
    qtbot.addWidget(dialog)
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needed.width() <= 1024 - 2 * 16 - 8 and needed.height() <= 768 - 2 * 16 - 40
