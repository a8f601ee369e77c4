"""One summit, many kiosks, end to end: a real hub process serving HTTPS with its own
certificate on loopback, one event made at the hub, three kiosks set up from the hub's
packs, every one driven through the command line as staff would; the event-wide count on
every kiosk, the hall's pledge wall in a real headless browser, the hub killed mid-event,
the packs and hubs a kiosk must refuse, and a USB bundle with no network at all."""

from __future__ import annotations

import html
import itertools
import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtGui import QImage

from charter_desktop.core.enrolment.pack import open_pack
from tests.fixtures.store import TEST_PASSPHRASE
from tests.fixtures.summit import (
    EVENT,
    Summit,
    SummitHub,
    SummitKiosk,
    browse,
    hub_cli,
    in_parallel,
    ok,
    refused_line,
)
from tests.helpers import need_tool

SHOWN = "Wallsworth"  # the surname of every attendee who agreed to publish their name
HIDDEN = "Hushabye"  # the surname of every attendee who did not
NUMBERS = itertools.count(1)  # numbers every attendee of the module


def pledges(kiosk: SummitKiosk, shown: int, hidden: int) -> list[dict[str, Any]]:
    """Pledges with distinctive names: `shown` with consent to publish the name (one with an
    email address), `hidden` without (with a phone number)."""
    made = []
    for n in range(shown + hidden):
        number, publish = next(NUMBERS), n < shown
        made.append({
            "name": f"{kiosk.name.title()} Attendee{number} {SHOWN if publish else HIDDEN}",
            "pledger_type": "resident",
            "actions": ["buy-from-local-area"],
            "consent_publish_name": publish,
            "consent_contact": True,
            **({"email": f"attendee{number}@example.org"} if publish
               else {"phone": f"07700 900{number:03d}"}),
        })  # fmt: skip
    return made


def names(summit: Summit, publish: bool) -> set[str]:
    return {
        str(p["name"])
        for k in [*summit.kiosks, *summit.others]
        for p in k.pledges
        if bool(p["consent_publish_name"]) == publish
    }


def statuses(summit: Summit) -> list[dict[str, Any]]:
    return in_parallel(SummitKiosk.status, summit.kiosks)


def test_three_kiosks_show_one_event_wide_count_and_the_wall_only_consented_names(
    summit: Summit, tmp_path: Path
) -> None:
    hub = summit.hub
    summit.hub_up()
    # The hub serves the certificate it made for itself, and every pack carries its pin.
    served = hub.served_pin()
    assert hub.pins_printed()[-1] == served
    packs = [open_pack(k.pack.read_bytes()).payload for k in summit.kiosks]
    assert [p.tls_pin for p in packs] == [served] * 3
    assert {p.payload["event"]["id"] for p in packs} == {summit.event_id}

    def take_pledges(kiosk: SummitKiosk) -> None:
        kiosk.add(*pledges(kiosk, shown=2, hidden=1))

    in_parallel(take_pledges, summit.kiosks)
    in_parallel(SummitKiosk.sync, summit.kiosks)
    total = summit.total()
    for kiosk, status in zip(summit.kiosks, statuses(summit), strict=True):
        assert status["event_id"] == summit.event_id and status["name"] == EVENT["name"]
        assert status["event_total"] == total, (kiosk.name, status)
        assert status["this_kiosk"] == len(kiosk.pledges) and status["target"] == 100
        assert status["hub_as_of"] is not None

    assert hub.events() == [{"id": summit.event_id, **EVENT}]  # one event, not three
    fleet = {d["name"]: d for d in hub.devices()}
    for kiosk in summit.kiosks:
        device = fleet[kiosk.name]
        assert (device["event_id"], device["state"], device["revoked"]) == (
            summit.event_id, "active", False,
        )  # fmt: skip
        assert device["received"] == len(kiosk.pledges) and device["queued"] == 0
        assert device["last_contact_at"] is not None and device["app_version"]

    # The wall's data: no name without consent, no contact details.
    data = httpx.get(f"{hub.url}/api/v1/wall/{summit.event_id}", verify=False).json()
    assert data["total"] == total
    published = {p["name"] for p in data["newest"]} - {None}
    assert published == names(summit, publish=True)
    raw = json.dumps(data)
    assert HIDDEN not in raw and "@example.org" not in raw and "07700" not in raw

    # The hall's big screen: the page in a real browser, after its script has polled.
    picture = tmp_path / "wall.png"
    shown = browse(hub, tmp_path / "browser", f"{hub.url}/wall/{summit.event_id}",
                   "--dump-dom", f"--screenshot={picture}", "--window-size=1920,1080",
                   "--hide-scrollbars")  # fmt: skip
    assert shown.returncode == 0, shown.stderr[-2000:]
    dom = html.unescape(shown.stdout)
    assert re.search(r'id="status"[^>]*>Updated ', dom), dom[-3000:]  # the script ran
    assert f"{total} pledges · target 100" in dom
    on_cards = set(re.findall(r'class="who">([^<]*)<', dom))
    assert names(summit, publish=True) <= on_cards
    assert on_cards - names(summit, publish=True) <= {"Someone"}
    assert HIDDEN not in dom and "@example.org" not in dom and "07700" not in dom

    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(5, 5).name() == "#f7f5f0"  # the page's own style applied (CSP)


def test_a_hub_killed_mid_event_the_counts_never_go_back_and_catch_up(summit: Summit) -> None:
    hub = summit.hub
    summit.hub_up()
    pin = hub.served_pin()
    seen: dict[str, list[int]] = {k.name: [] for k in summit.kiosks}

    def look() -> list[dict[str, Any]]:
        now = statuses(summit)
        for kiosk, status in zip(summit.kiosks, now, strict=True):
            seen[kiosk.name].append(status["event_total"])
        return now

    before = look()
    assert {s["event_total"] for s in before} == {summit.total()}
    hub.kill()  # SIGKILL, as when the hub's laptop loses power

    last = before
    for _ in range(2):  # the hall carries on
        in_parallel(lambda k: k.add(*pledges(k, shown=1, hidden=0)), summit.kiosks)
        now = look()
        # Each kiosk counts its own new pledge at once, on the last total the hub gave.
        assert [s["event_total"] for s in now] == [s["event_total"] + 1 for s in last]
        assert [s["hub_as_of"] for s in now] == [s["hub_as_of"] for s in before]
        last = now

    hub.start()  # same database, same port
    assert hub.pins_printed()[-1] == pin == hub.served_pin()  # same certificate
    look()  # the hub's total again, each kiosk's unsent pledges on top
    summit.kiosks[0].sync()  # one kiosk catches up first
    look()
    in_parallel(SummitKiosk.sync, summit.kiosks[1:])
    final = look()
    assert {s["event_total"] for s in final} == {summit.total()}
    for name, totals in seen.items():
        assert totals == sorted(totals), f"{name}'s count went back: {totals}"


def refuses(kiosk: SummitKiosk, pack: Path, passphrase: Path | None = None) -> str:
    """`enrol PACK` refused with one line (returned), the kiosk left as it was: its
    settings, events, pledges, files and the count it shows. An enrolled kiosk (it has the
    council key) is given the staff passphrase, as staff would type it."""
    shown = kiosk.status()
    before = kiosk.state()
    given = ["--passphrase-file", str(passphrase)] if passphrase else []
    line = refused_line(kiosk.cli(*given, "enrol", str(pack)))
    assert kiosk.state() == before, f"{kiosk.name} changed after: {line}"
    after = kiosk.status()
    assert {k: v for k, v in after.items() if k != "hub_as_of"} == {
        k: v for k, v in shown.items() if k != "hub_as_of"
    }
    return line


def one_byte_changed(pack: Path, out: Path) -> Path:
    raw = bytearray(pack.read_bytes())
    at = raw.index(b'"body": "') + 60  # inside the signed body
    raw[at] = ord("B") if raw[at] != ord("B") else ord("C")
    out.write_bytes(bytes(raw))
    return out


def test_packs_and_hubs_a_kiosk_refuses_change_nothing(summit: Summit, tmp_path: Path) -> None:
    hub = summit.hub
    summit.hub_up()
    # Another hub (the same council's key, so only the hub differs): its own signing key and
    # certificate, its own event; its address is this hub's, for when it stands in.
    other = SummitHub(str(summit.root / "other-hub.sqlite3"), summit.root / "other-logs",
                      port=hub.port)  # fmt: skip
    other_pack = summit.root / "other-hub.pack"

    def other_hubs_pack() -> Path:
        event = other.event_add("Another hub's summit", "2026-07-01")
        other.enrol("elsewhere-1", event, other_pack, summit.council_key)
        return other_pack

    fresh, second, stranger = (summit.new_kiosk(n) for n in ("hall-4", "hall-1-copy", "hall-5"))
    makers: list[Callable[[], Path]] = [
        partial(summit.pack, fresh.name), partial(summit.pack, stranger.name), other_hubs_pack,
    ]  # fmt: skip
    original, pinned, _ = in_parallel(lambda make: make(), makers)
    tampered = one_byte_changed(original, tmp_path / "tampered.pack")
    used = summit.kiosks[0].pack

    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(TEST_PASSPHRASE + "\n", encoding="utf-8")
    lines = in_parallel(lambda case: refuses(*case), [
        (fresh, tampered, None),  # one byte changed
        (second, used, None),  # hall-1's pack on another kiosk, the hub reachable
        (summit.kiosks[0], other_pack, passphrase),  # a pack from another hub
    ])  # fmt: skip
    assert "signature" in lines[0]
    assert "already used" in lines[1]
    assert "another hub" in lines[2]
    bound = {d["name"]: d["device_id"] for d in hub.devices()}  # hall-1's pack is still hall-1's
    assert bound["hall-1"] == summit.kiosks[0].state().settings["device_id"]

    # A certificate that does not match the pin: another hub answering at this hub's
    # address (its own database, so its own certificate).
    pin = open_pack(pinned.read_bytes()).payload.tls_pin
    hall_2 = summit.kiosks[1]
    hall_2_before = hall_2.status()
    hub.stop()
    other.start()
    try:
        assert other.url == hub.url and other.served_pin() != pin
        with ThreadPoolExecutor() as pool:
            during = pool.submit(hall_2.status)
            line = refuses(stranger, pinned)
            hall_2_during = during.result()
        assert "pin" in line
        assert hall_2_during == hall_2_before  # an enrolled kiosk takes no figure from it
    finally:
        other.stop()
        hub.start()
    # The packs as the hub made them work, with the hub back.
    in_parallel(lambda case: case[0].enrol(case[1]), [(fresh, original), (stranger, pinned)])
    summit.others += [fresh, stranger]
    assert {fresh.status()["event_id"]} == {summit.event_id}


def test_with_no_network_a_usb_bundle_joins_the_same_event_and_report(
    summit: Summit, tmp_path: Path
) -> None:
    hub = summit.hub
    summit.hub_up()
    pack = summit.pack("hall-usb")
    hub.stop()  # no network in the hall
    try:
        usb = summit.new_kiosk("hall-usb")
        enrolled = usb.enrol(pack)
        assert "not claimed yet" in enrolled
        usb.add(*pledges(usb, shown=1, hidden=1))
        status = usb.status()
        assert status["event_id"] == summit.event_id and status["this_kiosk"] == 2
        bundle = tmp_path / "hall-usb.zip"
        ok(usb.cli("bundle", "--out", str(bundle)))  # no staff passphrase, as a sync needs none
        with zipfile.ZipFile(bundle) as opened:
            carried = b"".join(opened.read(n) for n in opened.namelist())
        for pledge in usb.pledges:  # attendees' details stay sealed to the council key
            assert str(pledge.get("email") or pledge["phone"]).encode() not in carried
        imported = ok(hub_cli("import", "--db", hub.db_url, str(bundle)))
        assert "2 pledges accepted" in imported.stdout, imported.stdout
        summit.others.append(usb)  # its pledges are the hub's now
    finally:
        hub.start()
    assert hub.events() == [{"id": summit.event_id, **EVENT}]
    report = tmp_path / "summit.pdf"
    ok(hub_cli("report", "--db", hub.db_url, "--event", summit.event_id, "--out", str(report)))
    pdftotext = [need_tool("pdftotext"), "-layout", str(report), "-"]
    text = subprocess.run(pdftotext, capture_output=True, text=True, check=True).stdout
    assert f"{summit.total()} of 100 pledges" in text and str(EVENT["name"]) in text
    assert {s["event_total"] for s in statuses(summit)} == {summit.total()}
