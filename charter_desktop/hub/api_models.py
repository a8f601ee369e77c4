"""The shapes of the hub API's requests and answers, as /openapi.json documents them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from charter_desktop.hub.batch_check import MAX_RECORDS


class EventTotal(BaseModel):
    """An event's running total at the hub: every kiosk's active pledges for it."""

    event_id: str
    name: str
    target: int
    total: int = Field(description="active pledges of the event the hub holds, from every kiosk")
    as_of: str = Field(description="the hub's clock (UTC) when it counted")


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
    event_totals: list[EventTotal] = Field(
        default_factory=list,
        description="the running totals of the kiosk's enrolled event and of each event the "
        "batch names (as the hub holds them after this batch)",
    )


class ClaimIn(BaseModel):
    """A kiosk claiming its pack: the installation the pack's token will speak for."""

    device_id: str = Field(description="the kiosk installation's device id (UUID)")
    public_key: str = Field(description="the kiosk's Ed25519 public key (PEM)")
    proof: str = Field(
        description="base64 Ed25519 signature of the binding (device id and the token's "
        "SHA-256) by that key"
    )


class ClaimOut(BaseModel):
    device: str = Field(description="the device name the council gave this kiosk")
    event_id: str | None = Field(description="the event the kiosk was enrolled for")


class CodeIn(BaseModel):
    code: str = Field(description="the one-time code `hub enrol` printed, e.g. ABCD-EFGH-JK")


class CodeOut(BaseModel):
    pack: dict[str, Any] = Field(description="the kiosk pack file, as a JSON object")


class WallEvent(BaseModel):
    id: str
    name: str
    place: str
    date: str = Field(description="YYYY-MM-DD")
    target: int


class WallPledge(BaseModel):
    """One of the newest pledges, public fields only."""

    name: str | None = Field(description="only when the pledger agreed to publish it")
    pledger_type: str = Field(description="the kind of pledger, in the charter's words")
    pledger_type_id: str
    actions: list[str] = Field(description="the actions' labels, in the charter's words")
    created_at: str


class WallOut(BaseModel):
    event: WallEvent
    total: int
    as_of: str
    newest: list[WallPledge] = Field(description="the newest active pledges, newest first")
