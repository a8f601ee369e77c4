"""The hub's merged view: its own id, its pledges as core Pledges (of every event or one),
and exports of them.

Pledges that came sealed to the council key keep their attendees' details in the envelope:
the hub reads them only for an export given the council passphrase (`council_opener`);
otherwise they show the published name ("" without consent) and no contact details.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.events import Event
from charter_desktop.core.exports.csv_export import write_csv
from charter_desktop.core.exports.json_export import write_json
from charter_desktop.core.exports.rows import json_row, with_consent
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.privacy.envelope import EnvelopeError, Opener
from charter_desktop.core.privacy.keys import CouncilKey, KeyFileError, WrongPassphrase
from charter_desktop.core.storage.atomic import atomic_bytes, atomic_text
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.models import HubEventRow, HubPledgeRow, HubSettingRow
from charter_desktop.hub.settings import COUNCIL_KEY, get_setting

HUB_ID = "hub_id"
FORMATS = ("csv", "json", "xlsx")


@dataclass(frozen=True)
class HubExport:
    path: Path
    count: int
    sealed_unopened: int = 0  # sealed pledges exported without their details


class SealedDetails(ValueError):
    """The council key cannot be opened here; the message says why, in one line."""


def hub_id(session: Session) -> str:
    """The hub's own id, made once (it is the `device_id` of the hub's JSON exports)."""
    row = session.get(HubSettingRow, HUB_ID)
    if row is None:
        row = HubSettingRow(key=HUB_ID, value=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return str(row.value)


def iter_hub_pledges(
    session: Session,
    event_id: str | None = None,
    opener: Opener | None = None,
    unopened: list[str] | None = None,
) -> Iterator[Pledge]:
    """The hub's pledges (of `event_id` only, when given), oldest first. With `opener`,
    sealed pledges come with their details; the ids of those it cannot open (sealed to
    another key, or damaged) are added to `unopened`, and they come without."""
    query = select(HubPledgeRow).order_by(HubPledgeRow.created_at, HubPledgeRow.id)
    if event_id is not None:
        query = query.where(HubPledgeRow.event_id == event_id)
    for r in session.scalars(query.execution_options(yield_per=2000)):
        personal = {"name": r.name, "email": r.email, "phone": r.phone, "postcode": r.postcode}
        if r.sealed is not None:
            opened = _open(opener, r.id, r.sealed)
            if opened is None and unopened is not None:
                unopened.append(r.id)
            personal.update(opened or {})
        yield Pledge(
            id=r.id,
            created_at=r.created_at,
            updated_at=r.updated_at,
            event_id=r.event_id,
            device_id=r.device_id,
            pledger_type=r.pledger_type,
            name=personal["name"] or r.name,
            organisation=r.organisation,
            email=personal["email"],
            phone=personal["phone"],
            postcode=personal["postcode"],
            actions=tuple(r.actions),
            pledge_text=r.pledge_text,
            consent_contact=r.consent_contact,
            consent_publish_name=r.consent_publish_name,
            status=r.status,
            source=r.source,
            district=r.postcode_district,
            measures=dict(r.measures or {}),
        )


def _open(opener: Opener | None, pledge_id: str, sealed: bytes) -> dict[str, str] | None:
    if opener is None:
        return None
    try:
        return opener.open(pledge_id, sealed)
    except EnvelopeError:
        return None


def council_opener(session: Session, passphrase: str) -> Opener:
    """What opens the sealed pledges: the council key `hub enrol --council-key` stored,
    unwrapped with `passphrase`; SealedDetails if there is none or the passphrase is wrong."""
    stored = get_setting(session, COUNCIL_KEY)
    if stored is None:
        raise SealedDetails(
            "the hub holds no council key (`hub enrol --council-key FILE` stores it), so its "
            "sealed pledges cannot be opened here"
        )
    try:
        return Opener(CouncilKey.from_json(stored).unwrap(passphrase))
    except WrongPassphrase:
        raise SealedDetails(
            "the passphrase does not open the council key; nothing was written"
        ) from None
    except KeyFileError as exc:
        raise SealedDetails(f"the hub's council key cannot be used: {exc}") from None


def count_sealed(session: Session, event_id: str | None = None) -> int:
    """How many pledges keep their details sealed to the council key."""
    query = select(func.count()).select_from(HubPledgeRow).where(HubPledgeRow.sealed.is_not(None))
    if event_id is not None:
        query = query.where(HubPledgeRow.event_id == event_id)
    return int(session.scalar(query) or 0)


def hub_events(session: Session, event_id: str | None = None) -> list[Event]:
    """The hub's events (only `event_id`, when given), by date."""
    query = select(HubEventRow).order_by(HubEventRow.event_date, HubEventRow.id)
    if event_id is not None:
        query = query.where(HubEventRow.id == event_id)
    return [Event(r.id, r.name, r.place, r.event_date, r.target, utc_now())
            for r in session.scalars(query)]  # fmt: skip


def count_pledges(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(HubPledgeRow)) or 0)


def export_hub(
    db: Database,
    fmt: str,
    path: Path,
    *,
    include_contact: bool = False,
    passphrase: str | None = None,
) -> HubExport:
    """Every pledge the hub holds, in the kiosk's export formats and with its consent rule
    (see core.exports.rows); written atomically. With `passphrase`, sealed pledges are
    opened with the council key (SealedDetails if it does not open)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with db.write() as session:
        own_id = hub_id(session)
    unopened: list[str] = []
    with db.read() as session:
        opener = None if passphrase is None else council_opener(session, passphrase)
        records = (
            with_consent(p, include_contact=include_contact)
            for p in iter_hub_pledges(session, opener=opener, unopened=unopened)
        )
        if fmt == "xlsx":
            from charter_desktop.core.exports.xlsx_export import write_xlsx

            with atomic_bytes(path) as binary:
                count = write_xlsx(binary, (json_row(r) for r in records))
            return HubExport(path, count, len(unopened))
        with atomic_text(path, newline="") as out:
            if fmt == "csv":
                count = write_csv(out, (json_row(r) for r in records))
            else:
                count = write_json(
                    out,
                    records,
                    device_id=own_id,
                    exported_at=utc_now(),
                    events=hub_events(session),
                )
    return HubExport(path, count, len(unopened))
