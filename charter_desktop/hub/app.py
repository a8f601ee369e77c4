"""The hub's HTTP API (FastAPI): batches from the council's kiosks and their events' running
totals, kiosk enrolment, the verification page, the pledge wall, the staff's fleet page and
health.

OpenAPI is served at /openapi.json; there are no interactive docs, which would load their
scripts from the internet.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from charter_desktop import __version__
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.batch import canonical_digest
from charter_desktop.hub import enrol_api, staff_page
from charter_desktop.hub.api_models import BatchIn, BatchOut, EventTotal, WallOut
from charter_desktop.hub.batch_check import BadBatch, decode_body, safe_field
from charter_desktop.hub.devices import DeviceError, Forbidden
from charter_desktop.hub.ingest import IdempotencyConflict, ingest_batch
from charter_desktop.hub.kiosk_auth import MAX_TOKEN_CHARS, Device, current_device
from charter_desktop.hub.security import MAX_BODY_BYTES, AuthThrottle, BodyLimit, SecurityHeaders
from charter_desktop.hub.totals import batch_event_ids, event_totals
from charter_desktop.hub.verify_page import verify_page
from charter_desktop.hub.wall_page import wall_answer, wall_page

__all__ = ["MAX_BODY_BYTES", "MAX_TOKEN_CHARS", "BodyLimit", "Device", "create_app",
           "current_device"]  # fmt: skip
_KEY = re.compile(r"^[0-9A-Za-z_\-]{16,64}$")
NO_EVENT = "no such event on this hub"
log = logging.getLogger(__name__)


def take_batch(
    db: Database, catalogue: Catalogue, who: Device, key: str, data: dict[str, Any],
    digest: str,
) -> dict[str, Any]:  # fmt: skip
    """ingest_batch's answer, with the running totals of the kiosk's enrolled event and of
    the events the batch names, counted after it was taken (a replay gets them fresh too)."""
    answer = ingest_batch(db, catalogue, who.pk, key, data, digest)
    wanted = ([who.event_id] if who.event_id else []) + batch_event_ids(data)
    with db.read() as session:
        answer["event_totals"] = event_totals(session, wanted)
    return answer


def _plain_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where and what, never the value sent: a request's values may be personal data."""
    return [
        {"loc": [p if isinstance(p, int) else safe_field(p) for p in e.get("loc", ())],
         "msg": str(e.get("msg", ""))[:200]}
        for e in exc.errors()[:20]
    ]  # fmt: skip


def create_app(
    db: Database, catalogue: Catalogue, *, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The hub application over `db`, validating pledges against `catalogue`.

    It loads nothing from the internet (a venue network has none): no interactive docs,
    only the OpenAPI description at /openapi.json.
    """
    app = FastAPI(
        title="Charter Desktop council hub",
        version=__version__,
        description="Receives pledges from the council's kiosks and verifies certificates.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.catalogue = catalogue
    app.state.throttle = AuthThrottle()
    app.state.staff_throttle = AuthThrottle(limit=10)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _plain_errors(exc)}, status_code=422)

    @app.get("/api/v1/health", summary="Readiness: the hub is up and its database answers")
    def health() -> dict[str, str]:
        with db.read() as session:
            session.connection()
        return {"status": "ok"}

    @app.get(
        "/api/v1/device",
        response_model=Device,
        summary="The device a request comes from (kiosks check their token or key with it)",
        responses={401: {"description": "missing or unknown device token, or a bad signature"}},
    )
    def whoami(who: Annotated[Device, Depends(current_device)]) -> Device:
        return who

    @app.post(
        "/api/v1/batches",
        response_model=BatchOut,
        summary="Take a batch of pledges from a kiosk, exactly once per idempotency key",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": BatchIn.model_json_schema()}},
            }
        },
        responses={
            401: {
                "description": "missing or unknown device token, or a request signature "
                "that does not check; nothing stored"
            },
            403: {"description": "the batch speaks for another kiosk; nothing stored"},
            413: {"description": "the request body is too large"},
            422: {"description": "the batch cannot be taken, or its key was used for another"},
            429: {"description": "too many refused tokens from this address"},
        },
    )
    async def post_batch(
        request: Request,
        who: Annotated[Device, Depends(current_device)],
        idempotency_key: Annotated[
            str, Header(alias="Idempotency-Key", description="SHA-256 of the batch body")
        ],
    ) -> JSONResponse:
        if not _KEY.match(idempotency_key):
            raise HTTPException(400, "Idempotency-Key must be 16 to 64 letters, digits, - or _")
        raw = await request.body()
        try:
            data = decode_body(raw)
            digest = canonical_digest(data)
            answer = await run_in_threadpool(
                take_batch, db, catalogue, who, idempotency_key, data, digest
            )
        except BadBatch as exc:
            raise HTTPException(exc.status, str(exc)) from None
        except Forbidden as exc:
            log.warning("refused a batch from device %s: %s", who.name, exc)
            raise HTTPException(403, str(exc)) from None
        except (IdempotencyConflict, DeviceError) as exc:
            raise HTTPException(422, str(exc)) from None
        return JSONResponse(answer)

    @app.get(
        "/verify",
        response_class=HTMLResponse,
        summary="Whether a certificate (its QR's URL) is genuine, with its public details",
    )
    def verify(request: Request) -> HTMLResponse:
        status, html = verify_page(db, str(request.url))
        return HTMLResponse(html, status_code=status)

    @app.get(
        "/api/v1/events/{event_id}/totals",
        response_model=EventTotal,
        summary="An event's running total of every kiosk's active pledges, by the hub's clock",
        responses={401: {"description": "not a registered kiosk"}, 404: {"description": NO_EVENT}},
    )
    def totals(event_id: str, who: Annotated[Device, Depends(current_device)]) -> dict[str, Any]:
        with db.read() as session:
            found = event_totals(session, [event_id])
        if not found:
            raise HTTPException(404, NO_EVENT)
        return found[0]

    @app.get(
        "/api/v1/wall/{event_id}",
        response_model=WallOut,
        summary="The pledge wall's figures: the event, its total and its newest pledges "
        "(public data only; no login)",
        responses={404: {"description": NO_EVENT}},
    )
    def wall_data(event_id: str) -> dict[str, Any]:
        with db.read() as session:
            answer = wall_answer(session, catalogue, event_id)
        if answer is None:
            raise HTTPException(404, NO_EVENT)
        return answer

    @app.get(
        "/wall/{event_id}",
        response_class=HTMLResponse,
        summary="The pledge wall for the hall's big screen (no login; public data only)",
    )
    def wall(event_id: str) -> HTMLResponse:
        with db.read() as session:
            answer = wall_answer(session, catalogue, event_id)
        status, html = wall_page(answer, catalogue.charter_name)
        return HTMLResponse(html, status_code=status)

    app.include_router(enrol_api.router)
    app.include_router(staff_page.router)
    return app
