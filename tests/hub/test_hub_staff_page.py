"""The hub's staff page, /staff/devices, from a real hub process (SQLite and PostgreSQL): it
needs the staff password (HTTP Basic, user "staff"), says so when none is set, stops
answering a guesser, and shows each kiosk's name, event, last contact, pledges received,
pledges it reports queued, app version and state, every value escaped."""

from __future__ import annotations

import base64
import hashlib
import uuid
from html.parser import HTMLParser
from pathlib import Path

import httpx

from charter_desktop.core.sync.request_auth import KioskAuth
from tests.fixtures.attack import Kiosk
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli

PASSWORD = "a long staff password"
ODD_NAME = '<script>alert("hall")</script> & Co'


class Table(HTMLParser):
    """The page's table cells, row by row, as a browser reads them; and its inline style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.style = ""
        self._cell: list[str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_style:
            self.style += data


def staff(hub: HubProcess, password: str | None = PASSWORD, user: str = "staff") -> httpx.Response:
    auth = None if password is None else (user, password)
    return httpx.get(f"{hub.url}/staff/devices", auth=auth, timeout=30)


def set_password(hub: HubProcess) -> None:
    result = run_cli(None, "hub", "staff-password", "--db", hub.db_url, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr


def test_the_staff_page_needs_the_staff_password(hub: HubProcess) -> None:
    unset = staff(hub)
    assert unset.status_code == 503 and "No staff password set yet" in unset.text
    set_password(hub)
    for answer in (staff(hub, None), staff(hub, "not the password"), staff(hub, user="admin"),
                   staff(hub, PASSWORD + " ")):  # fmt: skip
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"].startswith('Basic realm="Charter hub staff"')
        assert "<table" not in answer.text
    garbled = httpx.get(f"{hub.url}/staff/devices", headers={"Authorization": "Basic %%%"})
    assert garbled.status_code == 401
    assert staff(hub).status_code == 200

    # A guesser is stopped; past the limit even the right password waits.
    codes = [staff(hub, f"guess {n}").status_code for n in range(8)]
    assert codes == [401] * 7 + [429]
    stopped = staff(hub)
    assert stopped.status_code == 429 and int(stopped.headers["retry-after"]) > 0
    assert "<table" not in stopped.text


def test_the_staff_page_shows_the_fleet(hub: HubProcess, tmp_path: Path) -> None:
    set_password(hub)
    empty = staff(hub)
    assert empty.status_code == 200 and "No kiosk yet" in empty.text
    a = Kiosk(tmp_path / "kiosk-a", hub, hub.token(ODD_NAME))
    for n in range(3):
        a.add(name=f"Attendee {n}")
    assert a.sync().sent == 3
    with httpx.Client(base_url=hub.url, auth=KioskAuth(a.key, a.device_id)) as kiosk:
        reported = kiosk.get("/api/v1/device", headers={
            "X-Charter-Queued": "7", "X-Charter-Version": "0.21.0 <b>"})  # fmt: skip
        assert reported.status_code == 200
    hub.token("hall-b")
    revoked = run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-b")
    assert revoked.returncode == 0

    page = staff(hub)
    assert page.status_code == 200
    table = Table()
    table.feed(page.text)
    header, *rows = table.rows
    assert header == ["Kiosk", "Event", "Last contact", "Pledges received",
                      "Queued (as reported)", "App version", "State"]  # fmt: skip
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {ODD_NAME, "hall-b"}
    odd = by_name[ODD_NAME]
    assert odd[2].endswith("s ago)") and odd[3:] == ["3", "7", "0.21.0 <b>", "active"]
    assert by_name["hall-b"][2:] == ["never", "0", "—", "—", "revoked"]
    # Names and versions are text on the page, never markup.
    assert "script" not in table.tags and "b" not in table.tags
    policy = page.headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(table.style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy and "script-src" not in policy
    assert str(uuid.UUID(a.device_id)) not in page.text  # installation ids stay off the page


def test_a_burst_of_sign_ins_is_checked_two_at_a_time(hub: HubProcess) -> None:
    """Each check costs scrypt's memory: twenty wrong passwords sent at once do not all run
    (the throttle counts a try only after its check), the rest are told to come back."""
    from concurrent.futures import ThreadPoolExecutor

    set_password(hub)
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda n: staff(hub, f"burst {n}"), range(20)))
    busy = [a for a in answers if a.status_code == 429 and "Other sign-ins" in a.text]
    assert busy and all(a.headers["retry-after"] == "1" for a in busy)
    assert all(a.status_code in (401, 429) and "<table" not in a.text for a in answers)
