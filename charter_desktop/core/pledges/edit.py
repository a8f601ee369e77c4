"""Staff changes to one stored pledge: correct a typo, withdraw or reinstate, erase on request.

Each change re-checks the pledge with the same validation as the kiosk, bumps `updated_at`
(so a sync sends the new version) and writes an audit entry naming the fields that changed,
never their values, in the caller's transaction.

Erasure (an attendee asks for their data to be removed): the name becomes `ERASED_NAME`;
organisation, email, phone, postcode and the pledge in their own words are removed for good;
the pledge is withdrawn, so it no longer counts, and `erased_at` is set. The chosen charter
actions stay, because they say nothing about the person and keep the record meaningful to the
council; a pledge that had only words keeps `ERASED_NAME` as its text so it stays a valid
record. The row itself stays (with its id), so the erasure reaches the hub on the next sync
and every later export shows the erased record. SQLite's `secure_delete` is switched on for
the change, and `purge_freed_space` checkpoints the write-ahead log afterwards (the staff's
erasure, pledge_actions.erase, runs it itself), so the old values do not linger in free pages
or the log file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import utc_now
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.pledges.validation import validate_pledge
from charter_desktop.core.privacy import envelope, sealing
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.terms import PledgeStatus

ERASED_NAME = "(erased)"
EDITABLE_FIELDS = (
    "pledger_type", "name", "organisation", "email", "phone", "postcode", "actions",
    "pledge_text", "consent_contact", "consent_publish_name", "measures",
)  # fmt: skip
ERASED_FIELDS = ("name", "organisation", "email", "phone", "postcode", "pledge_text")


class PledgeNotFound(LookupError):
    """No pledge with that id is stored here."""


def _row(session: Session, pledge_id: str) -> PledgeRow:
    row = session.get(PledgeRow, pledge_id)
    if row is None:
        raise PledgeNotFound(f"no pledge with id {pledge_id}")
    return row


def _refuse_if_erased(row: PledgeRow) -> None:
    if row.erased_at is not None:
        raise ValidationError([FieldError("pledge", "was erased on request and cannot change")])
    if row.retained_at is not None:
        raise ValidationError(
            [
                FieldError(
                    "pledge",
                    "had its personal data removed after the retention period and cannot "
                    "change here (the council holds it)",
                )
            ]
        )


def clear_personal_fields(session: Session, row: PledgeRow, placeholder: str) -> list[str]:
    """Remove the pledge's personal fields in the caller's transaction, with SQLite's
    secure_delete on so the freed space is overwritten; returns the names of the fields that
    held something. The name becomes `placeholder`, and so does the pledge text of a pledge
    that had only words (so the record stays valid). Consents go with the data they cover."""
    # Freed space is overwritten with zeros instead of keeping the old bytes in the file.
    session.execute(text("PRAGMA secure_delete = ON"))
    cleared = [f for f in ERASED_FIELDS if getattr(row, f) not in (None, "", placeholder)]
    if row.sealed is not None:
        sealed = envelope.field_names(row.sealed)
        cleared = [f for f in ERASED_FIELDS if f in cleared or f in sealed]
    row.sealed = None
    row.postcode_district = None
    row.name = placeholder
    row.organisation = row.email = row.phone = row.postcode = None
    row.pledge_text = None if row.actions else placeholder
    row.consent_contact = False
    row.consent_publish_name = False
    return cleared


def _touch(row: PledgeRow) -> None:
    row.updated_at = max(utc_now(), row.created_at)


def correct_pledge(
    session: Session,
    catalogue: Catalogue,
    pledge_id: str,
    changes: Mapping[str, Any],
    actor: str = "staff",
) -> Pledge:
    """Apply `changes` (field name to new JSON value) after validating the whole pledge again.

    Raises ValidationError (nothing changed) for a field staff cannot edit or a bad value.
    """
    row = _row(session, pledge_id)
    _refuse_if_erased(row)
    unknown = [k for k in changes if k not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError([FieldError(k, "cannot be changed by staff") for k in unknown])
    key = sealing.council_key(session)  # read before the row changes (no early autoflush)
    stored = Pledge.from_row(row)
    if stored.locked:
        raise sealing.PersonalDataLocked("correcting a pledge")
    current = stored.to_json()
    merged = {k: current[k] for k in EDITABLE_FIELDS} | dict(changes)
    if "measures" not in changes and isinstance(merged.get("actions"), list):
        # A measure goes with its action: one no longer chosen is dropped.
        kept = merged["actions"]
        merged["measures"] = {a: v for a, v in current["measures"].items() if a in kept}
    checked = validate_pledge(merged, catalogue)
    changed = []
    for name in EDITABLE_FIELDS:
        value = getattr(checked, name)
        new = list(value) if name == "actions" else value
        if new != current[name]:
            if name not in sealing.PERSONAL:
                setattr(row, name, (dict(new) or None) if name == "measures" else new)
            changed.append(name)
    if set(changed) & {*sealing.PERSONAL, "consent_publish_name"}:
        # Personal values are written (sealed when there is a council key) in one step.
        personal = {f: getattr(checked, f) for f in sealing.PERSONAL}
        sealing.store_personal(key, row, personal)
    if changed:
        _touch(row)
        audit.record(session, actor, "pledge.correct", pledge_id, {"fields": changed})
        if {"consent_contact", "consent_publish_name"} & set(changed):
            consent.record_change(session, row, "changed", actor)
    return Pledge.from_row(row)


def withdraw_consent(session: Session, pledge_id: str, which: str, actor: str = "staff") -> Pledge:
    """Withdraw one consent (`contact` or `publish_name`) on the attendee's behalf: the flag is
    cleared (which queues the pledge for sync), a `withdrawn` consent record is appended and
    the change is audited. Withdrawing consent to contact removes the email and phone too, as
    they are only kept with it. Withdrawing a consent that is not given changes nothing."""
    if which not in consent.CONSENTS:
        expected = " or ".join(consent.CONSENTS)
        raise ValidationError([FieldError("consent", f"must be {expected}, not '{which}'")])
    row = _row(session, pledge_id)
    _refuse_if_erased(row)
    flag = f"consent_{which}"
    if not getattr(row, flag):
        return Pledge.from_row(row)
    changed = [flag]
    # Freed space is overwritten, so removed values leave no copy behind.
    session.execute(text("PRAGMA secure_delete = ON"))
    if which == "contact":
        held = set(envelope.field_names(row.sealed)) if row.sealed is not None else set()
        changed += [f for f in ("email", "phone") if getattr(row, f) is not None or f in held]
        sealing.drop_personal(row, ["email", "phone"])
    elif row.sealed is not None:
        row.name = ""  # the published copy of the name goes with the consent
    setattr(row, flag, False)
    _touch(row)
    consent.record_change(session, row, "withdrawn", actor)
    audit.record(session, actor, "consent.withdraw", pledge_id, {"fields": changed})
    return Pledge.from_row(row)


def withdraw_pledge(session: Session, pledge_id: str, actor: str = "staff") -> Pledge:
    """Mark the pledge withdrawn: kept, but no longer counted or shown as active."""
    return _set_status(session, pledge_id, PledgeStatus.WITHDRAWN, actor)


def reinstate_pledge(session: Session, pledge_id: str, actor: str = "staff") -> Pledge:
    """Undo a withdrawal (not possible after an erasure)."""
    return _set_status(session, pledge_id, PledgeStatus.ACTIVE, actor)


def _set_status(session: Session, pledge_id: str, status: str, actor: str) -> Pledge:
    row = _row(session, pledge_id)
    _refuse_if_erased(row)
    if row.status != status:
        row.status = status
        _touch(row)
        action = "pledge.withdraw" if status == PledgeStatus.WITHDRAWN else "pledge.reinstate"
        audit.record(session, actor, action, pledge_id, {"fields": ["status"]})
    return Pledge.from_row(row)


def erase_pledge(session: Session, pledge_id: str, actor: str = "staff") -> Pledge:
    """Remove the pledge's personal fields for good and withdraw it (see the module notes)."""
    row = _row(session, pledge_id)
    if row.erased_at is not None:
        return Pledge.from_row(row)
    cleared = clear_personal_fields(session, row, ERASED_NAME)
    row.status = PledgeStatus.WITHDRAWN
    row.erased_at = utc_now()
    _touch(row)
    consent.record_change(session, row, "erased", actor)
    audit.record(session, actor, "pledge.erase", pledge_id, {"fields": cleared})
    return Pledge.from_row(row)


def purge_freed_space(engine: Engine) -> None:
    """After an erasure has committed: copy the write-ahead log into the database and empty
    it, so no older copy of an erased pledge's pages stays in the log file."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
