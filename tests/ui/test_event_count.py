"""The event-wide count on a kiosk set up from a kiosk pack: the welcome screen shows the hub's
last total of the event plus this kiosk's pledges the hub does not have yet, counts a pledge
the moment it is saved, and takes the hub's newer figure on the sync timer with nobody
touching it; the staff's Council sync page says how fresh the figure is, and keeps saying
so while staff look. Reading the count loads no network code: the welcome screen reads it
as the kiosk starts, before anything is synced.

The desktop pledge wall of an enrolled kiosk can follow the hub's wall for the event: the
whole event's count and newest pledges, read every few seconds with the kiosk's own trust in
the hub, keeping its last figures (and saying from when) while the hub does not answer.

The hub's answers are stored through core (core.sync.event_total.record_totals, as a sync
stores them); the hub itself is out of reach (a closed port on 127.0.0.1), or for the wall
a small scripted server answering GET /api/v1/wall/EVENT_ID as the hub does."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.enrolment.apply import enrol_from_pack
from charter_desktop.core.enrolment.pack import new_payload, sign_pack
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.core.sync.event_total import record_totals
from charter_desktop.core.sync.settings import load_sync_settings, save_sync_settings
from charter_desktop.ui.app import KioskRun
from charter_desktop.ui.insight.dashboard import InsightDashboard
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.staff.sync_page import SyncPage
from tests.fixtures.accessible import read_aloud
from tests.fixtures.kiosk import PIN, click, fill_to_review
from tests.helpers import pledge

EVENT_ID = "0b7e4c52-3f1d-4a8e-9c62-7d5a1e9f2b34"
AS_OF = datetime(2026, 5, 14, 14, 2, 31).astimezone()  # 14:02:31 on this machine's clock


def set_hub_url(store: Store, url: str) -> None:
    """Point the enrolled kiosk at `url` (the pack's hub moved to a scripted one)."""
    with store.db.write() as session:
        save_sync_settings(session, replace(load_sync_settings(session), hub_url=url))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def enrolled(store: Store) -> Iterator[Store]:
    """The store of a kiosk enrolled for the summit from a real pack, its hub out of reach."""
    now = utc_now()
    payload = new_payload(
        pack_id=str(uuid.uuid4()), hub_id="hub-test", issued_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(hours=72), hub_url=closed_port_url(), tls_pin=None,
        token="cdk_" + uuid.uuid4().hex, device_name="Hall A",
        event={"id": EVENT_ID, "name": "Launch summit", "place": "Town hall",
               "date": "2026-05-14", "target": 300},
        sync_interval_seconds=1,
    )  # fmt: skip
    enrol_from_pack(store, sign_pack(payload, Ed25519PrivateKey.generate()), claim=False)
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    yield store


def hub_answered(store: Store, total: int, *, as_of: datetime, received: datetime) -> None:
    """Store a hub answer for the event, as a sync does."""
    answer = {"event_id": EVENT_ID, "name": "Launch summit", "target": 300, "total": total,
              "as_of": format_timestamp(as_of)}  # fmt: skip
    with store.db.write() as session:
        assert record_totals(session, [answer], received) == 1


def test_the_welcome_screen_counts_the_whole_event_and_each_new_pledge(
    qtbot: QtBot, enrolled: Store
) -> None:
    hub_answered(enrolled, 240, as_of=AS_OF, received=utc_now())
    window = KioskWindow(enrolled, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    welcome = window.welcome
    assert welcome.count_label.text() == "240 of our target of 300 pledges so far"
    assert welcome.event_label.text() == "Launch summit, every kiosk together"
    assert welcome.progress.value() == 240 and welcome.progress.maximum() == 300

    run = KioskRun(enrolled.paths, window)
    run.start(enrolled)  # the sync schedule, as the running app has it
    try:
        fill_to_review(qtbot, window)
        click(qtbot, window.review.next_button)
        assert window.current() is window.thanks
        click(qtbot, window.thanks.finish_button)
        assert window.current() is welcome
        # Counted at once: the hub's 240 and this kiosk's pledge the hub has not had yet.
        assert welcome.count_label.text() == "241 of our target of 300 pledges so far"
        assert "241 of our target of 300 pledges so far" in read_aloud(window)

        # Other kiosks' pledges reach the hub; its answer comes on the sync timer, and the
        # welcome screen shows it with nobody touching the kiosk.
        hub_answered(enrolled, 275, as_of=AS_OF + timedelta(seconds=30), received=utc_now())
        qtbot.waitUntil(
            lambda: welcome.count_label.text() == "276 of our target of 300 pledges so far",
            timeout=20_000,
        )
    finally:
        run.close()


def test_reading_the_event_count_loads_no_network_code() -> None:
    probe = (
        "import sys\n"
        "from charter_desktop.core.sync.event_total import event_status, refresh_event_totals\n"
        "sync = 'charter_desktop.core.sync.'\n"
        "network = ('httpx', sync + 'client', sync + 'claim')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'httpx' or m in network))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr[-2000:]


def test_the_council_sync_page_says_how_fresh_the_event_total_is(
    qtbot: QtBot, enrolled: Store
) -> None:
    page = SyncPage(enrolled)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    figure = page.event_figure
    assert figure.text() == (
        "Event total 0 (this kiosk 0): the hub has not been reached yet, so this counts this "
        "kiosk's pledges only."
    )

    hub_answered(enrolled, 312, as_of=AS_OF, received=utc_now() - timedelta(seconds=10))
    # Read again while staff look, with no click.
    qtbot.waitUntil(lambda: figure.text().startswith("Event total 312"), timeout=10_000)
    assert re.fullmatch(
        r"Event total 312 \(this kiosk 0\), from the hub as of 14:02:31, 1[0-3] seconds ago\.",
        figure.text(),
    ), figure.text()
    assert figure.text() in read_aloud(page)

    later = AS_OF + timedelta(minutes=7)
    hub_answered(enrolled, 315, as_of=later, received=utc_now() - timedelta(minutes=2))
    qtbot.waitUntil(lambda: figure.text().startswith("Event total 315"), timeout=10_000)
    assert figure.text() == (
        "Event total 315 (this kiosk 0): hub not reached since 14:09:31; counting this kiosk's "
        "new pledges on top."
    )


class WallHub(BaseHTTPRequestHandler):
    """GET /api/v1/wall/EVENT_ID as the hub answers it; `answer` None: no answer at all."""

    answer: ClassVar[dict[str, Any] | None] = None
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).asked.append(self.path)
        answer = type(self).answer
        if answer is None or self.path != f"/api/v1/wall/{EVENT_ID}":
            self.send_error(503 if answer is None else 404)
            return
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def wall_hub() -> Iterator[tuple[str, type[WallHub]]]:
    handler = type("Hub", (WallHub,), {"answer": None, "asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def wall_answer(total: int, names: list[str | None], as_of: datetime) -> dict[str, Any]:
    return {
        "event": {"id": EVENT_ID, "name": "Launch summit", "place": "Town hall",
                  "date": "2026-05-14", "target": 300},
        "total": total,
        "as_of": format_timestamp(as_of),
        "newest": [{"name": name, "pledger_type": "Resident",
                    "actions": ["Buy from local businesses"] if name else [],
                    "created_at": format_timestamp(as_of - timedelta(seconds=i))}
                   for i, name in enumerate(names)],
    }  # fmt: skip


def test_the_desktop_wall_follows_the_whole_event_from_the_hub(
    qtbot: QtBot, enrolled: Store, wall_hub: tuple[str, type[WallHub]]
) -> None:
    url, hub = wall_hub
    set_hub_url(enrolled, url)
    hub.answer = wall_answer(312, ["Priya Shah", None, "Tom Okafor"], AS_OF)
    enrolled.add_pledges([pledge()], source="kiosk", actor="kiosk")  # this kiosk's own
    dashboard = InsightDashboard(enrolled)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    choice = dashboard.wall_source
    assert choice.isVisible() and choice.accessibleName() == "What the pledge wall shows"
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # "The whole event (from the hub)"
    assert choice.currentText() == "The whole event (from the hub)"
    click(qtbot, dashboard.wall_button)
    wall = dashboard.wall
    assert wall is not None
    qtbot.addWidget(wall)
    qtbot.waitUntil(lambda: "312 pledges so far · target 300" in wall.shown_text(), timeout=10_000)
    shown = wall.shown_text()
    assert "— Priya Shah" in shown and "— Tom Okafor" in shown
    assert "A pledge in their own words" in shown  # the one whose name is not published
    assert wall.note.text() == "The whole event, from the hub, as of 14:02:31"
    assert hub.asked[0] == f"/api/v1/wall/{EVENT_ID}"

    # New pledges at other kiosks: the wall follows within its poll, nobody touching it.
    hub.answer = wall_answer(313, ["Ana Lima", "Priya Shah", None], AS_OF + timedelta(seconds=4))
    qtbot.waitUntil(lambda: "313 pledges so far" in wall.shown_text(), timeout=10_000)
    assert wall.shown_text().index("Ana Lima") < wall.shown_text().index("Priya Shah")

    # The hub stops answering: the wall keeps its figures and says since when.
    hub.answer = None
    qtbot.waitUntil(lambda: wall.note.text().startswith("⚠"), timeout=10_000)
    assert wall.note.text().startswith("⚠ The hub has not answered since 14:02:35 (")
    assert "313 pledges so far" in wall.shown_text()

    # This kiosk's own pledges instead: the wall is made again from the data folder.
    wall.close()
    qtbot.keyClick(choice, Qt.Key.Key_Up)
    click(qtbot, dashboard.wall_button)
    own = dashboard.wall
    assert own is not None and own is not wall
    qtbot.addWidget(own)
    assert "1 pledge so far · target 300" in own.shown_text() and not own.note.isVisible()
    own.close()
