"""The hub's pledge wall for the hall's big screen, from a real hub process (SQLite and
PostgreSQL): the event's count of every kiosk's pledges against its target and the newest
pledges, names only with consent to publish and never a contact detail, as JSON and as a page
whose only script and style are its own (allowed by their hashes), with every name escaped,
the Big List of Naughty Strings included. In a real headless Chromium, on a landscape and a
portrait screen, the page shows the newest pledges as whole cards only, and a pledge made in
its own words says so without its words. An unknown event is a 404, never a 500."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtGui import QColor, QImage

from charter_desktop.core.pledges.edit import withdraw_pledge
from charter_desktop.core.privacy.envelope import Sealer, raw_public
from charter_desktop.hub.wall_page import NEWEST, OWN_WORDS
from tests.fixtures.attack import Kiosk, body_as, opened, post
from tests.fixtures.hub import HubProcess
from tests.helpers import need_tool, pledge

SECRETS = ("Private Person", "private.person@example.org", "07700 900123", "SG1 1HN",
           "Acme Secret Ltd", "my secret own words")  # fmt: skip
PUBLIC_KEYS = {"name", "pledger_type", "pledger_type_id", "actions", "created_at"}


class Page(HTMLParser):
    """What a browser would make of the page: its tags, attributes, inline code and the text
    of each element with a class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.code: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append((tag, dict(attrs).get("class")))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self._open:
            return
        tag, cls = self._open[-1]
        if tag in ("script", "style"):
            self.code[tag] = self.code.get(tag, "") + data
        elif cls:
            self.texts.setdefault(cls, []).append(data)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def kiosk(hub: HubProcess, tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))


def event_of(kiosk: Kiosk) -> str:
    with opened(kiosk.folder) as store:
        return store.current_event().id


def add_many(kiosk: Kiosk, items: list[dict[str, Any]]) -> list[str]:
    with opened(kiosk.folder) as store:
        return list(store.add_pledges(items, source="kiosk", actor="kiosk", partial=True).ids)


def test_the_wall_shows_consented_names_only_and_the_whole_count(
    kiosk: Kiosk, hub: HubProcess, naughty_strings: list[str]
) -> None:
    hidden = kiosk.add(name=SECRETS[0], email=SECRETS[1], phone=SECRETS[2], postcode=SECRETS[3],
                       consent_contact=True, pledger_type="business", organisation=SECRETS[4],
                       pledge_text=SECRETS[5])  # fmt: skip
    named = add_many(kiosk, [pledge(name=s, consent_publish_name=True, email="a@example.org",
                                    consent_contact=True) for s in naughty_strings])  # fmt: skip
    assert len(named) > 300  # the strings a kiosk's name field takes
    gone = kiosk.add(name="Changed Mind", consent_publish_name=True)
    with opened(kiosk.folder) as store, store.db.write() as session:
        withdraw_pledge(session, gone)
    assert kiosk.sync().ok
    event_id = event_of(kiosk)

    answer = httpx.get(f"{hub.url}/api/v1/wall/{event_id}")
    assert answer.status_code == 200
    wall = answer.json()
    assert wall["total"] == 1 + len(named)
    assert wall["event"]["id"] == event_id and wall["as_of"].endswith("Z")
    assert len(wall["newest"]) == NEWEST
    assert all(set(p) == PUBLIC_KEYS for p in wall["newest"])
    with opened(kiosk.folder) as store:
        names = {store.get_pledge(i).name for i in named}  # type: ignore[union-attr]
    assert {p["name"] for p in wall["newest"]} <= names
    assert wall["newest"][0]["actions"] == [
        "Purchasing goods or services from others in the local area"
    ]
    assert not [s for s in (*SECRETS, "a@example.org", "Changed Mind") if s in answer.text]

    # Once the newest are older, the private pledge shows as "someone", without its details.
    newer = add_many(kiosk, [pledge(name="Later", consent_publish_name=False)] * 2)
    assert len(newer) == 2 and kiosk.sync().ok
    assert hidden not in answer.text
    top = httpx.get(f"{hub.url}/api/v1/wall/{event_id}").json()["newest"][:2]
    assert [p["name"] for p in top] == [None, None]
    assert top[0]["pledger_type"] == "Resident" and top[0]["pledger_type_id"] == "resident"

    page = httpx.get(f"{hub.url}/wall/{event_id}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parsed = Page()
    parsed.feed(page.text)
    # Every name shown reads back as it was typed: escaped, not markup.
    shown = parsed.texts["who"]
    assert shown[:2] == ["Someone", "Someone"]
    assert set(shown[2:]) <= names and len(shown) == NEWEST
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert not [(t, a) for t, a in parsed.tags if "src" in a or "href" in a
                or any(k.startswith("on") for k in a)]  # fmt: skip
    assert not [s for s in SECRETS if s in page.text]


def test_the_wall_page_runs_only_its_own_code(kiosk: Kiosk, hub: HubProcess) -> None:
    kiosk.add(name="Amelia Patel", consent_publish_name=True)
    assert kiosk.sync().ok
    page = httpx.get(f"{hub.url}/wall/{event_of(kiosk)}")
    parsed = Page()
    parsed.feed(page.text)
    policy = dict(
        d.strip().split(" ", 1) for d in page.headers["content-security-policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == sha256_source(parsed.code["script"])
    assert policy["style-src"] == sha256_source(parsed.code["style"])
    assert policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert policy["img-src"] == "'self' data:"
    assert "innerHTML" not in parsed.code["script"] and "http" not in parsed.code["script"]
    assert page.headers["x-frame-options"] == "DENY"
    # The script asks for the figures every second, from this hub only.
    assert "../api/v1/wall/" in parsed.code["script"] and "1000" in parsed.code["script"]
    assert parsed.texts["count"] == ["1 pledge · target 100"]
    # Other pages keep the hub's policy, which runs no script at all.
    verify = httpx.get(f"{hub.url}/verify")
    assert "script-src" not in verify.headers["content-security-policy"]


def browse(profile: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium at `url`, the page's script run for 3 s of virtual time."""
    browser = next((n for n in ("chromium", "chromium-browser") if shutil.which(n)), "chromium")
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []  # Chromium refuses root otherwise
    command = [need_tool(browser), "--headless", "--disable-gpu", *sandbox, "--no-first-run",
               f"--user-data-dir={profile}", "--hide-scrollbars", "--virtual-time-budget=3000",
               *args, url]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False,
                          env=dict(os.environ, HOME=str(profile)), encoding="utf-8")  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def cut_cards(image: QImage) -> list[int]:
    """The x of each column of pixels whose lowest mark, looking up from the bottom edge, is
    the white inside of a card rather than its border: a card the screen cuts off."""
    background, cut = QColor("#f7f5f0"), []
    for x in range(0, image.width(), 2):
        for y in range(image.height() - 1, -1, -1):
            colour = image.pixelColor(x, y)
            if colour != background:
                if colour.name() == "#ffffff":
                    cut.append(x)
                break
    return cut


def test_the_big_screen_shows_the_newest_pledges_as_whole_cards(tmp_path: Path) -> None:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    hub.start()
    try:
        kiosk = Kiosk(tmp_path / "kiosk", hub, hub.token("hall"))
        actions = ["buy-from-local-area", "support-cooperatives", "invest-in-wellbeing-training",
                   "pool-budgets-with-residents", "local-supply-chains"]  # fmt: skip
        # Each a minute apart, so the newest cards, and how many fit, are the same every run.
        stamped = [
            {"created_at": f"2026-06-01T10:{n:02d}:00Z", "updated_at": f"2026-06-01T10:{n:02d}:00Z"}
            for n in range(NEWEST + 6)
        ]
        long_name = "Featherstonehaugh-Wolstenholme"
        older = [
            pledge(name=f"Attendee {n} " + long_name * (n % 4 == 0), consent_publish_name=True,
                   pledger_type="business", actions=actions[: 1 + n % 5])
            if n % 3 else pledge(name=f"Attendee {n}", consent_publish_name=True, actions=[],
                                 pledge_text="my secret own words")
            for n in range(NEWEST + 6)
        ]  # fmt: skip
        older = [times | item for times, item in zip(stamped, older, strict=True)]
        add_many(kiosk, older)
        time.sleep(0.01)
        kiosk.add(name="Newest Pledger", consent_publish_name=True, actions=[],
                  pledge_text="my secret own words")  # fmt: skip
        assert kiosk.sync().ok
        url = f"{hub.url}/wall/{event_of(kiosk)}"

        # A hall's landscape screen and a portrait one: nothing cut off at the bottom.
        for width, height in ((1920, 1080), (1080, 1920)):
            picture = tmp_path / f"wall-{width}x{height}.png"
            browse(tmp_path / "browser", url, f"--window-size={width},{height}",
                   f"--screenshot={picture}")  # fmt: skip
            image = QImage(str(picture))
            assert (image.width(), image.height()) == (width, height)
            assert cut_cards(image) == [], f"a card is cut off at {width}x{height}"

        # The cards the screen holds are the newest, the newest first; the rest are hidden.
        dom = browse(tmp_path / "browser", url, "--window-size=1920,1080", "--dump-dom").stdout
        assert re.search(r'id="status"[^>]*>Updated ', dom)  # the script ran
        cards = re.findall(r'<li class="card[^"]*"( hidden="")?><p class="who">([^<]*)<', dom)
        assert len(cards) == NEWEST and cards[0] == ("", "Newest Pledger")
        shown = [name for hidden, name in cards if not hidden]
        assert 6 < len(shown) < NEWEST and [n for _, n in cards[: len(shown)]] == shown
        newest = f'<p class="type">Resident</p><p class="own">{OWN_WORDS}</p></li>'
        assert f'<p class="who">Newest Pledger</p>{newest}' in dom
        assert "my secret own words" not in dom
    finally:
        hub.stop()


def test_sealed_pledges_on_the_wall(kiosk: Kiosk, hub: HubProcess) -> None:
    kiosk.add(name="First attendee")
    assert kiosk.sync().ok
    sealer = Sealer(raw_public(X25519PrivateKey.generate().public_key()))
    records = []
    for name, publish in (("Grace Okafor", True), ("Private Person", False)):
        record = kiosk.pledge_json(kiosk.add(name=name, consent_publish_name=publish))
        envelope = sealer.seal(record["id"], {"name": name})
        records.append({**record, "name": name if publish else "",
                        "sealed": base64.b64encode(envelope).decode()})  # fmt: skip
    assert post(hub, kiosk.token, body_as(kiosk, pledges=records)).status_code == 200
    wall = httpx.get(f"{hub.url}/api/v1/wall/{event_of(kiosk)}").json()
    assert [p["name"] for p in wall["newest"]] == [None, "Grace Okafor", None]
    assert "Private Person" not in json.dumps(wall)


@pytest.mark.parametrize(
    "event_id",
    [str(uuid.uuid4()), "not-an-event", "%00", "x" * 5000, "<b>bold", str(uuid.uuid4()).upper()],
)
def test_an_unknown_event_is_a_404(hub: HubProcess, event_id: str) -> None:
    page = httpx.get(f"{hub.url}/wall/{event_id}")
    assert page.status_code == 404 and "No such event" in page.text
    assert "<script>" not in page.text and "<b>" not in page.text
    data = httpx.get(f"{hub.url}/api/v1/wall/{event_id}")
    assert data.status_code == 404 and data.json() == {"detail": "no such event on this hub"}
    assert re.fullmatch(r"[^<>]*", data.text)
