"""Renders the summit's kiosk screens for the README on the offscreen platform, on a screen of
1280x800, into docs/screenshots/:

- summit-enrol.png: the first-run "Set up from a kiosk pack" dialog as staff meet it, over the
  staff PIN dialog it opens from: the pack file to choose from a USB stick, or the hub's
  address and the one-time code, here typed in;
- summit-enrolled.png: the same dialog once a pack file from the USB stick was applied: the
  kiosk's name, its event, the hub's address, and that the hub was not reached yet;
- summit-welcome.png: the welcome screen of the kiosk set up from that pack, showing the
  whole event's count.

Usage: python scripts/summit_ui_screenshots.py. Uses a throw-away data folder and a pack
signed with a throw-away hub key, for a hub at https://192.168.1.10:8750 with the pin of a
throw-away certificate. The "USB stick" is a folder in the temporary directory, usb-stick
(or usb-stick-XXXX if that name is taken). The pack is applied through core.enrolment as the
dialog applies it, except that its claim at the hub is not tried (this script makes no
network request): the kiosk is set up as with the hub out of reach, its pack claimed at its
first sync, and the dialog says so. The code typed for the first picture is never sent.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from pathlib import Path
from unittest import mock

SCREEN = (1280, 800)
CONFIG = {
    "synthesizedMouseEvents": True,
    "windowFrameMargins": False,
    "screens": [{"name": "kiosk", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
                 "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}],
}  # fmt: skip
_config = Path(tempfile.mkstemp(prefix="offscreen-", suffix=".json")[1])
_config.write_text(json.dumps(CONFIG), encoding="utf-8")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from charter_desktop.core.clock import format_timestamp, utc_now  # noqa: E402
from charter_desktop.core.enrolment import apply  # noqa: E402
from charter_desktop.core.enrolment.pack import new_payload, sign_pack  # noqa: E402
from charter_desktop.core.pledges.demo import demo_pledges  # noqa: E402
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key  # noqa: E402
from charter_desktop.core.staff import auth as staff_auth  # noqa: E402
from charter_desktop.core.storage.paths import resolve_paths  # noqa: E402
from charter_desktop.core.store import Store  # noqa: E402
from charter_desktop.core.sync.event_total import record_totals  # noqa: E402
from charter_desktop.hub.identity import make_certificate  # noqa: E402
from charter_desktop.ui import enrol_dialog  # noqa: E402
from charter_desktop.ui.enrol_dialog import EnrolDialog  # noqa: E402
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog  # noqa: E402
from charter_desktop.ui.kiosk.window import KioskWindow  # noqa: E402
from charter_desktop.ui.style import build_stylesheet  # noqa: E402
from charter_desktop.ui.translations import install_translator  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
EVENT = {"id": str(uuid.uuid4()), "name": "Stevenage Charter Summit", "place": "Gordon Craig "
         "Theatre", "date": "2026-06-03", "target": 300}  # fmt: skip
HUB_URL = "https://192.168.1.10:8750"  # the hub laptop on the venue's network
CODE = "7K3Q-M9TD-2X"  # as `hub enrol` prints one
HUB_TOTAL = 287  # every kiosk's pledges the hub has counted
THIS_KIOSK_NEW = 4  # this kiosk's pledges the hub has not had yet


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
        QTest.qWait(20)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def over_parent(parent: QPixmap, dialog: QPixmap) -> QImage:
    """The screen as staff see it: the parent dialog dimmed behind the modal one, each
    centred on a 1280x800 screen (the offscreen platform draws no window frames)."""
    screen = QImage(*SCREEN, QImage.Format.Format_RGB32)
    screen.fill(QColor("#2b3a42"))
    painter = QPainter(screen)
    centre = QRect(0, 0, *SCREEN).center()
    for shot, dim in ((parent, True), (dialog, False)):
        place = QRect(QPoint(0, 0), shot.size())
        place.moveCenter(centre)
        if not dim:
            painter.fillRect(place.adjusted(-2, -2, 6, 6), QColor(0, 0, 0, 90))  # a shadow
        painter.drawPixmap(place.topLeft(), shot)
        if dim:
            painter.fillRect(QRect(0, 0, *SCREEN), QColor(0, 0, 0, 110))
        else:
            painter.setPen(QPen(QColor("#1d4e89"), 2))
            painter.drawRect(place.adjusted(-1, -1, 0, 0))
    painter.end()
    return screen


@contextmanager
def usb_stick() -> Iterator[Path]:
    """A folder standing for the USB stick: `usb-stick` in the temporary directory, or a
    fresh `usb-stick-XXXX` beside it if that name is taken; removed afterwards."""
    stick = Path(tempfile.gettempdir()) / "usb-stick"
    try:
        stick.mkdir()
    except FileExistsError:
        stick = Path(tempfile.mkdtemp(prefix="usb-stick-"))
    try:
        yield stick
    finally:
        shutil.rmtree(stick, ignore_errors=True)


def make_pack(stick: Path) -> Path:
    """The kiosk pack `hub enrol` would write for this kiosk, on the stick."""
    now = utc_now()
    payload = new_payload(
        pack_id=str(uuid.uuid4()), hub_id="hub-stevenage", issued_at=now,
        expires_at=now + timedelta(hours=72), hub_url=HUB_URL,
        tls_pin=make_certificate(["192.168.1.10"]).pin, token="cdk_" + uuid.uuid4().hex,
        device_name="Hall A, by the stage", event=EVENT,
        council_key=new_council_key("a passphrase for screenshots", ScryptCost(n=2**10)).to_json(),
        sync_interval_seconds=5,
    )  # fmt: skip
    path = stick / "hall-a.pack"
    path.write_bytes(sign_pack(payload, Ed25519PrivateKey.generate()))
    return path


def open_dialog(app: QApplication, store: Store) -> tuple[SetupPinDialog, QPixmap, EnrolDialog]:
    """First start: the staff PIN dialog (its picture, for behind), then "Set up from a kiosk
    pack…" over it."""
    pin_dialog = SetupPinDialog(store)
    pin_dialog.setStyleSheet(build_stylesheet())
    pin_dialog.show()
    settle(app)
    parent = pin_dialog.grab()
    dialog = pin_dialog.open_pack_dialog()
    assert isinstance(dialog, EnrolDialog)
    settle(app)
    return pin_dialog, parent, dialog


def save(image: QImage, name: str) -> None:
    path = OUT / name
    image.save(str(path))
    print(path)


def first_sight(app: QApplication, store: Store) -> None:
    """The dialog as staff meet it, the hub's address and the one-time code typed in (the
    code way: choosing a file instead clears the code, so the two are never filled at
    once); cancelled, nothing sent."""
    pin_dialog, parent, dialog = open_dialog(app, store)
    for field, text in ((dialog.hub_url, HUB_URL), (dialog.code, CODE)):
        click(field)
        QTest.keyClicks(field, text)
    settle(app)
    save(over_parent(parent, dialog.grab()), "summit-enrol.png")
    click(dialog.cancel_button)
    pin_dialog.reject()


def enrol(app: QApplication, store: Store, pack: Path) -> None:
    """The pack file chosen from the USB stick and applied; what the dialog then says."""
    pin_dialog, parent, dialog = open_dialog(app, store)
    dialog.use_file(pack)  # as Qt's file dialog hands it over
    unclaimed = partial(apply.enrol_from_pack, claim=False)  # no network: see the docstring
    with mock.patch.object(enrol_dialog, "enrol_from_pack", unclaimed):
        click(dialog.apply_button)
        while dialog.busy:
            QTest.qWait(50)
    settle(app)
    result = dialog.enrolled()
    assert result is not None, dialog.message.text()
    assert (result.hub_url, result.claimed) == (HUB_URL, False)
    save(over_parent(parent, dialog.grab()), "summit-enrolled.png")
    click(dialog.continue_button)
    pin_dialog.reject()


def welcome(app: QApplication, store: Store) -> None:
    """The welcome screen with the whole event's count: the hub's total and this kiosk's new
    pledges on top."""
    answer = {"event_id": EVENT["id"], "name": EVENT["name"], "target": EVENT["target"],
              "total": HUB_TOTAL, "as_of": format_timestamp(utc_now())}  # fmt: skip
    with store.db.write() as session:
        record_totals(session, [answer], utc_now())
        staff_auth.set_pin(session, "246810")
    new = demo_pledges(store.catalogue, THIS_KIOSK_NEW, seed=3)
    store.add_pledges(new, source="kiosk", actor="kiosk")
    window = KioskWindow(store, tap_guard_seconds=0)
    window.resize(*SCREEN)
    window.show()
    window.reset_flow()
    settle(app)
    save(window.grab().toImage(), "summit-welcome.png")
    window.quit_kiosk()


def main() -> int:
    app = QApplication(sys.argv)
    install_translator(app)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory() as folder, usb_stick() as stick:
            store = Store.open(resolve_paths(Path(folder) / "kiosk"))
            first_sight(app, store)
            enrol(app, store, make_pack(stick))
            welcome(app, store)
            store.close()
    finally:
        _config.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
