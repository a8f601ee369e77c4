"""Kiosk enrolment over the network: a kiosk claims the pack it was given (binding the pack's
one-use token to its own installation and key), or fetches its pack with the short one-time
code `hub enrol` printed, when it has no USB port.

The pack logic is hub.enrolment's; this is its HTTP face. An unknown token or code counts
against the sender's address like a refused device token (hub.security.AuthThrottle).
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.api_models import ClaimIn, ClaimOut, CodeIn, CodeOut
from charter_desktop.hub.devices import device_for_claim
from charter_desktop.hub.enrolment import EnrolmentError, UnknownCode, claim_pack, redeem_code
from charter_desktop.hub.kiosk_auth import (
    MAX_TOKEN_CHARS,
    kiosk_report,
    record_contact,
    refuse,
)
from charter_desktop.hub.security import AuthThrottle

MAX_CODE_CHARS = 40
router = APIRouter()


def _claim(
    db: Database, token: str, claim: ClaimIn, headers: dict[str, str]
) -> dict[str, Any] | None:
    """The claim's answer, or None for an unknown, revoked or expired token."""
    now = utc_now()
    with db.write() as session:
        row = device_for_claim(session, token)
        if row is None:
            return None
        claimed = claim_pack(session, row, claim.device_id, claim.public_key, claim.proof)
        record_contact(session, row.id, kiosk_report(headers), now)
    return {"device": claimed.device, "event_id": claimed.event_id}


@router.post(
    "/api/v1/enrol/claim",
    response_model=ClaimOut,
    summary="A kiosk claims its pack: the pack's token then speaks only for this installation, "
    "whose key the hub registers (the same installation may claim again)",
    responses={
        401: {"description": "unknown, revoked or expired pack token"},
        403: {"description": "the proof does not check, or the device id is another kiosk's"},
        409: {"description": "this kiosk pack was already used by another kiosk"},
        429: {"description": "too many refused tokens from this address"},
    },
)
async def claim(
    request: Request,
    body: ClaimIn,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    try:
        if str(uuid.UUID(body.device_id)) != body.device_id:
            raise ValueError
    except ValueError:
        raise HTTPException(422, "device_id: must be the kiosk's device id (a UUID)") from None
    answer = None
    if scheme.lower() == "bearer" and token and len(token) <= MAX_TOKEN_CHARS:
        db: Database = request.app.state.db
        try:
            answer = await run_in_threadpool(_claim, db, token, body, dict(request.headers))
        except EnrolmentError as exc:
            raise HTTPException(exc.status, str(exc)) from None
    if answer is None:
        raise refuse(request, "unknown, revoked or expired kiosk pack token")
    return answer


def _redeem(db: Database, code: str) -> str:
    with db.write() as session:
        return redeem_code(session, code)


@router.post(
    "/api/v1/enrol",
    response_model=CodeOut,
    summary="A kiosk fetches its pack with the one-time code `hub enrol` printed (once)",
    responses={
        404: {"description": "no pack has this code"},
        410: {"description": "this code was already used, or has expired"},
        429: {"description": "too many unknown codes from this address"},
    },
)
async def redeem(request: Request, body: CodeIn) -> dict[str, Any]:
    throttle: AuthThrottle = request.app.state.throttle
    address = request.client.host if request.client else "unknown"
    # Checked before the code: a guesser past the limit learns nothing, right or wrong.
    wait = throttle.retry_after(address)
    if wait is not None:
        raise HTTPException(
            429, "too many unknown codes from this address; try again later",
            {"Retry-After": str(wait)},
        )  # fmt: skip
    try:
        if len(body.code) > MAX_CODE_CHARS:
            raise UnknownCode
        pack = await run_in_threadpool(_redeem, request.app.state.db, body.code)
    except UnknownCode as exc:
        throttle.failed(address, "an enrolment code")
        raise HTTPException(exc.status, str(exc)) from None
    except EnrolmentError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    try:
        return {"pack": json.loads(pack)}
    except ValueError:  # a pack the hub wrote is JSON; a damaged row is the hub's fault
        raise HTTPException(410, "this code's pack cannot be read: make a new pack") from None
