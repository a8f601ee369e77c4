"""The hub's HTTP API (FastAPI): batches from registered kiosks, the verification page, health.

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
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charter_desktop import __version__
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.batch import canonical_digest
from charter_desktop.hub.batch_check import (
    MAX_RECORDS,
    BadBatch,
    decode_body,
    safe_field,
)
from charter_desktop.hub.devices import DeviceError, Forbidden, device_for_token
from charter_desktop.hub.ingest import IdempotencyConflict, ingest_batch
from charter_desktop.hub.security import AuthThrottle, SecurityHeaders
from charter_desktop.hub.verify_page import verify_page

MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_TOKEN_CHARS = 200
_KEY = re.compile(r"^[0-9A-Za-z_\-]{16,64}$")
log = logging.getLogger(__name__)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length or as they stream."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            response = JSONResponse(
                {"detail": f"request body over {self.max_bytes} bytes"}, status_code=413
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)


class BatchIn(BaseModel):
    """One batch from a kiosk. Each pledge is in the interchange shape of a JSON export.

    Documents the body; the body itself is decoded and checked by hub.batch_check, which
    refuses what this schema allows but the hub cannot store (lone surrogates, huge numbers,
    deep nesting, another kiosk's device id)."""

    device_id: str = Field(description="the sending kiosk installation's device id (UUID)")
    public_key: str | None = Field(
        None, description="the kiosk's Ed25519 public key (PEM); its token is bound to it"
    )
    proof: str | None = Field(
        None,
        description="base64 Ed25519 signature of the binding (device id and the token's "
        "SHA-256) by that key; required on the token's first batch",
    )
    events: list[dict[str, Any]] = Field(
        default_factory=list, description="events the pledges refer to: id, name, place, date"
    )
    pledges: list[dict[str, Any]] = Field(
        default_factory=list, max_length=MAX_RECORDS, description="pledges, current state"
    )
    erased: list[str] = Field(
        default_factory=list, max_length=MAX_RECORDS, description="ids of pledges erased"
    )


class FieldProblem(BaseModel):
    field: str
    message: str


class Rejection(BaseModel):
    id: str | None
    item: int = Field(description="1-based position in `pledges` (or `erased`)")
    errors: list[FieldProblem]


class BatchOut(BaseModel):
    batch: str = Field(description="the idempotency key this answer belongs to")
    accepted: list[str] = Field(description="ids the hub holds now (or erased): mark them sent")
    rejected: list[Rejection] = Field(description="records refused, with each field's problem")
    changed: int = Field(description="pledges inserted or updated by this batch")
    erased: int
    replayed: bool = Field(description="true when this key was taken before: nothing new stored")
    hub_time: str = Field(description="the hub's clock (UTC), for kiosks to check their own")


class Device(BaseModel):
    pk: int
    name: str


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Device:
    """The live device whose bearer token came with the request; 401 if none, 429 when its
    address failed too often lately. The token itself is never logged."""
    throttle: AuthThrottle = request.app.state.throttle
    scheme, _, token = (authorization or "").partition(" ")
    row = None
    if scheme.lower() == "bearer" and token.strip() and len(token) <= MAX_TOKEN_CHARS:
        db: Database = request.app.state.db
        with db.read() as session:
            row = device_for_token(session, token.strip())
            if row is not None:
                return Device(pk=row.id, name=row.name)
    address = _client(request)
    wait = throttle.retry_after(address)
    if wait is not None:
        raise HTTPException(
            429, "too many refused tokens from this address; try again later",
            {"Retry-After": str(wait)},
        )  # fmt: skip
    throttle.failed(address)
    message = "unknown device token" if token.strip() else "a device token is required"
    raise HTTPException(401, message, {"WWW-Authenticate": "Bearer"})


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
    app.state.throttle = AuthThrottle()
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
        summary="The device the bearer token belongs to (kiosks check their token with it)",
        responses={401: {"description": "missing or unknown device token"}},
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
            401: {"description": "missing or unknown device token; nothing stored"},
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
                ingest_batch, db, catalogue, who.pk, idempotency_key, data, digest
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

    return app
