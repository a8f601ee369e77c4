"""The staff's fleet page on the hub, /staff/devices: each kiosk's name, event, last contact,
pledges received, pledges it says are still queued, app version and state (hub.fleet), as
an HTML table that refreshes itself every few seconds.

It asks for HTTP Basic credentials: the user "staff" and the password `hub staff-password`
set (hub.staff_auth checks it in constant time). Refused tries count per address; past the
limit the page answers 429 without checking, so guessing gains nothing. Every value on the
page is escaped.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.fleet import FleetRow, fleet_status
from charter_desktop.hub.staff_auth import check_staff_password, has_staff_password

if TYPE_CHECKING:  # hub.security imports this page, for its style's hash
    from charter_desktop.hub.security import AuthThrottle

STAFF_USER = "staff"
REFRESH_SECONDS = 10
MAX_CREDENTIALS_CHARS = 4096
CHALLENGE = 'Basic realm="Charter hub staff", charset="UTF-8"'
COLUMNS = ("Kiosk", "Event", "Last contact", "Pledges received", "Queued (as reported)",
           "App version", "State")  # fmt: skip
NOT_KNOWN = "—"
_DAY = timedelta(days=1)
router = APIRouter()

# The page's only style, allowed by its hash in the Content-Security-Policy (hub.security).
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; background: #f7f5f0; }
h1 { color: #00524c; margin: 0 0 .25rem; }
p { color: #4a4a4a; margin: 0 0 1rem; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #e4e1da;
         overflow-wrap: anywhere; }
th { background: #00524c; color: #fff; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.revoked td { color: #a4161a; }
"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="{refresh}">
<title>{title}</title>
<style>{style}</style></head>
<body><main>
<h1>{title}</h1>
<p>{note}</p>
{body}
</main></body></html>
"""


def ago(seconds: float) -> str:
    """How long ago, in words staff read at a glance: "12 s ago", "5 min ago", "3 h ago"."""
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def _contact(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "never"
    local = value.astimezone()
    shown = local.strftime("%H:%M:%S" if now - value < _DAY else "%Y-%m-%d %H:%M")
    return f"{shown} ({ago((now - value).total_seconds())})"


def fleet_page(rows: Sequence[FleetRow], now: datetime) -> str:
    """The fleet table as a whole HTML page; every value escaped."""
    lines = []
    for r in rows:
        cells = (
            (r.name, ""), (r.event_name or r.event_id or NOT_KNOWN, ""),
            (_contact(r.last_contact_at, now), ""), (str(r.received), "n"),
            (NOT_KNOWN if r.queued is None else str(r.queued), "n"),
            (r.app_version or NOT_KNOWN, ""), (r.state, ""),
        )  # fmt: skip
        tds = "".join(f'<td class="{kind}">{escape(text)}</td>' if kind else
                      f"<td>{escape(text)}</td>" for text, kind in cells)  # fmt: skip
        kind = ' class="revoked"' if r.revoked else ""
        lines.append(f"<tr{kind}>{tds}</tr>")
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in COLUMNS)
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
        if lines
        else "<p>No kiosk yet: make one a pack with <code>hub enrol</code>.</p>"
    )
    stamp = now.astimezone().strftime("%H:%M:%S")
    note = f"{len(rows)} kiosk(s), as of {stamp} (the hub's clock); this page refreshes itself."
    return _PAGE.format(refresh=REFRESH_SECONDS, title="Kiosks", style=STYLE,
                        note=escape(note), body=table)  # fmt: skip


def _message_page(title: str, note: str) -> str:
    return _PAGE.format(refresh=60, title=escape(title), style=STYLE, note=escape(note), body="")


_CHECKS_AT_ONCE = threading.BoundedSemaphore(2)


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    """(user, password) of an HTTP Basic Authorization header, or None."""
    scheme, _, value = (header or "").strip().partition(" ")
    if scheme.lower() != "basic" or not value or len(value) > MAX_CREDENTIALS_CHARS:
        return None
    try:
        text = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    user, colon, password = text.partition(":")
    return (user, password) if colon else None


def _check(db: Database, credentials: tuple[str, str] | None) -> tuple[bool | None, str]:
    """(None: no password is set | whether the credentials are right, the page if they are)."""
    with db.read() as session:
        if not has_staff_password(session):
            return None, ""
        if credentials is None:
            return False, ""
        user, password = credentials
        right_user = hmac.compare_digest(user.encode("utf-8"), STAFF_USER.encode("utf-8"))
        right = check_staff_password(session, password) and right_user
        if not right:
            return False, ""
        return True, fleet_page(fleet_status(session), utc_now())


@router.get(
    "/staff/devices",
    response_class=HTMLResponse,
    summary="The fleet of kiosks, for staff (HTTP Basic: user staff, the staff password)",
    responses={
        401: {"description": "missing or wrong staff credentials"},
        429: {"description": "too many wrong passwords from this address"},
        503: {"description": "no staff password set yet (`hub staff-password`)"},
    },
)
async def staff_devices(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> HTMLResponse:
    throttle: AuthThrottle = request.app.state.staff_throttle
    address = request.client.host if request.client else "unknown"
    credentials = basic_credentials(authorization)
    wait = throttle.retry_after(address)
    if wait is not None and credentials is not None:
        page = _message_page("Too many tries", "Too many wrong passwords: wait and try again.")
        return HTMLResponse(page, 429, {"Retry-After": str(wait)})
    # scrypt takes tens of MiB per check: a burst of sign-ins waits its turn, never piles up.
    if credentials is not None and not _CHECKS_AT_ONCE.acquire(blocking=False):
        page = _message_page("Busy", "Other sign-ins are being checked: try again in a moment.")
        return HTMLResponse(page, 429, {"Retry-After": "1"})
    try:
        right, page = await run_in_threadpool(_check, request.app.state.db, credentials)
    finally:
        if credentials is not None:
            _CHECKS_AT_ONCE.release()
    if right is None:
        note = "No staff password is set yet: set one with `charter-desktop hub staff-password`."
        return HTMLResponse(_message_page("No staff password set yet", note), 503)
    if not right:
        if credentials is not None:
            throttle.failed(address, "a staff password")
        page = _message_page("Staff only", "This page needs the hub's staff password.")
        return HTMLResponse(page, 401, {"WWW-Authenticate": CHALLENGE})
    return HTMLResponse(page)
