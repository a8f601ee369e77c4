"""The hub's HTTP API (FastAPI): batches from registered kiosks, the verification page, health.

OpenAPI is served at /openapi.json and the interactive docs at /docs.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charter_desktop import __version__
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.db import Database
from charter_desktop.hub.devices import DeviceError, KeyMismatch, device_for_token
from charter_desktop.hub.ingest import ingest_batch
from charter_desktop.hub.verify_page import verify_page

MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_RECORDS = 2000
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
    """One batch from a kiosk. Each pledge is in the interchange shape of a JSON export."""

    device_id: str = Field(description="the sending kiosk installation's device id (UUID)")
    public_key: str | None = Field(
        None, description="the kiosk's Ed25519 public key (PEM), registered on first sight"
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


class Device(BaseModel):
    pk: int
    name: str


def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Device:
    """The registered device whose bearer token came with the request; 401 if none."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "a device token is required", {"WWW-Authenticate": "Bearer"})
    db: Database = request.app.state.db
    with db.read() as session:
        row = device_for_token(session, token.strip())
        if row is None:
            raise HTTPException(401, "unknown device token", {"WWW-Authenticate": "Bearer"})
        return Device(pk=row.id, name=row.name)


def create_app(
    db: Database, catalogue: Catalogue, *, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The hub application over `db`, validating pledges against `catalogue`."""
    app = FastAPI(
        title="Charter Desktop council hub",
        version=__version__,
        description="Receives pledges from the council's kiosks and verifies certificates.",
    )
    app.state.db = db
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

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
        responses={
            401: {"description": "missing or unknown device token; nothing stored"},
            409: {"description": "the device id presented a different signing key"},
            413: {"description": "the request body is too large"},
        },
    )
    def post_batch(
        body: BatchIn,
        who: Annotated[Device, Depends(current_device)],
        idempotency_key: Annotated[
            str, Header(alias="Idempotency-Key", description="hash of the batch's ids+versions")
        ],
    ) -> dict[str, Any]:
        if not _KEY.match(idempotency_key):
            raise HTTPException(400, "Idempotency-Key must be 16 to 64 letters, digits, - or _")
        try:
            return ingest_batch(db, catalogue, who.pk, who.name, idempotency_key, body.model_dump())
        except KeyMismatch as exc:
            raise HTTPException(409, str(exc)) from exc
        except DeviceError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get(
        "/verify",
        response_class=HTMLResponse,
        summary="Whether a certificate (its QR's URL) is genuine, with its public details",
    )
    def verify(request: Request) -> HTMLResponse:
        status, html = verify_page(db, str(request.url))
        return HTMLResponse(html, status_code=status)

    return app
