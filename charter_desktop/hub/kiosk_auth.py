"""Who a kiosk request comes from: a device token (`Bearer`), or a request signed with an
enrolled kiosk's own key (`CharterKiosk`, core.sync.request_auth); and what every
authenticated request tells the hub about its kiosk (last contact, pledges still queued on
it, its app version), kept on its device row for staff.

A refused check of either kind counts against the sender's address in the hub's
AuthThrottle; neither a token nor a signature is ever logged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.signing import load_public_key
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.request_auth import (
    MAX_SKEW,
    SCHEME,
    RequestAuthError,
    parse_header,
    verify_claim,
)
from charter_desktop.hub.devices import device_for_token
from charter_desktop.hub.models import DeviceKeyRow, DeviceRow
from charter_desktop.hub.security import AuthThrottle

MAX_TOKEN_CHARS = 200
MAX_HEADER_CHARS = 400
MAX_QUEUED = 10_000_000
QUEUED_HEADER = "x-charter-queued"
VERSION_HEADER = "x-charter-version"
_QUEUED = re.compile(r"^[0-9]{1,8}$")
_VERSION = re.compile(r"^[\x20-\x7e]{1,40}$")  # printable ASCII, at most 40 characters
NOT_ENROLLED = "this kiosk is not enrolled with this hub, or the request's signature does not check"


class Device(BaseModel):
    """The kiosk a request came from, as the hub registered it."""

    pk: int
    name: str
    event_id: str | None = None


@dataclass(frozen=True)
class KioskReport:
    """What a kiosk says about itself in its request headers; None where it said nothing
    usable (a value out of range is ignored, never refused)."""

    queued: int | None
    version: str | None


def kiosk_report(headers: Mapping[str, str]) -> KioskReport:
    """`X-Charter-Queued` (a whole number 0 to MAX_QUEUED) and `X-Charter-Version` (up to 40
    printable characters), each ignored when it is not one."""
    queued_text = (headers.get(QUEUED_HEADER) or "").strip()
    queued = int(queued_text) if _QUEUED.match(queued_text) else None
    if queued is not None and queued > MAX_QUEUED:
        queued = None
    version = (headers.get(VERSION_HEADER) or "").strip()
    return KioskReport(queued, version if _VERSION.match(version) else None)


def record_contact(session: Session, device_pk: int, report: KioskReport, now: datetime) -> None:
    """Note the kiosk's contact (one UPDATE of its device row)."""
    values: dict[str, object] = {"last_contact_at": now}
    if report.queued is not None:
        values["queued_reported"] = report.queued
    if report.version is not None:
        values["app_version"] = report.version
    session.execute(
        update(DeviceRow)
        .where(DeviceRow.id == device_pk)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def signed_path(request: Request) -> str:
    """The request's path as the kiosk signed it: the raw path, with its query if any."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) and raw else request.url.path
    query = request.scope.get("query_string") or b""
    return f"{path}?{query.decode('latin-1')}" if query else path


def device_for_signature(
    session: Session, header: str, method: str, path: str, body: bytes, now: datetime
) -> tuple[DeviceRow | None, str]:
    """The live device whose enrolled kiosk signed this request, or None and why not.

    The key must not be revoked and must belong to a device (the token it was registered
    with) that is not revoked and is bound to the same kiosk installation."""
    claim = parse_header(header)
    if claim is None:
        return None, "the CharterKiosk authorization header is malformed"
    found = session.execute(
        select(DeviceRow, DeviceKeyRow.public_key)
        .join(DeviceKeyRow, DeviceKeyRow.device == DeviceRow.id)
        .where(
            DeviceKeyRow.device_id == claim.device_id,
            DeviceKeyRow.revoked_at.is_(None),
            DeviceRow.revoked_at.is_(None),
            DeviceRow.device_id == claim.device_id,
        )
    ).first()
    if found is None:
        return None, NOT_ENROLLED
    row, public_key = found
    try:
        verify_claim(claim, load_public_key(public_key), method, path, body, now)
    except RequestAuthError as exc:
        # A kiosk with a wrong clock is told so; any other failure says nothing more.
        return None, str(exc) if abs(now - claim.time) > MAX_SKEW else NOT_ENROLLED
    except ValueError:  # a stored key that does not load: trust nothing signed with it
        return None, NOT_ENROLLED
    return row, ""


def _authenticate(
    db: Database, authorization: str, method: str, path: str, body: bytes | None,
    report: KioskReport,
) -> tuple[Device | None, str]:  # fmt: skip
    """(The device, "") or (None, why not); a device found has its contact recorded."""
    now = utc_now()
    scheme, _, rest = authorization.partition(" ")
    with db.read() as session:
        if scheme == SCHEME and body is not None:
            row, reason = device_for_signature(session, authorization, method, path, body, now)
        elif scheme.lower() == "bearer" and rest.strip() and len(rest) <= MAX_TOKEN_CHARS:
            row = device_for_token(session, rest.strip())
            reason = "unknown device token"
        elif rest.strip():
            row, reason = None, "unknown device token"
        else:
            row, reason = None, "a device token is required"
        if row is None:
            return None, reason
        device = Device(pk=row.id, name=row.name, event_id=row.event_id)
    with db.write() as session:
        record_contact(session, device.pk, report, now)
    return device, ""


def refuse(request: Request, reason: str, challenge: str = "Bearer") -> HTTPException:
    """The answer to a failed check: 429 while the address is throttled, else 401 (counted)."""
    throttle: AuthThrottle = request.app.state.throttle
    address = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(address)
    if wait is not None:
        return HTTPException(
            429, "too many refused tokens from this address; try again later",
            {"Retry-After": str(wait)},
        )  # fmt: skip
    throttle.failed(address)
    return HTTPException(401, reason, {"WWW-Authenticate": challenge})


async def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Device:
    """The live device the request comes from (its token, or its kiosk's signature over
    method, path, time and body); 401 if none, 429 when its address failed too often lately.

    A signed request's body is read here, once; Starlette keeps it on the request, so the
    handler's `await request.body()` gets the same bytes."""
    header = (authorization or "").strip()
    body = None
    if header.startswith(SCHEME + " ") and len(header) <= MAX_HEADER_CHARS:
        body = await request.body()
    db: Database = request.app.state.db
    report = kiosk_report(request.headers)
    device, reason = await run_in_threadpool(
        _authenticate, db, header, request.method, signed_path(request), body, report
    )
    if device is None:
        raise refuse(request, reason, SCHEME if body is not None else "Bearer")
    return device
