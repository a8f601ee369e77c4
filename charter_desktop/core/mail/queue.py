"""The queue of certificates attendees asked to have emailed, filled while the kiosk is offline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import EmailOutboxRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import EmailState, PledgeStatus

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class EmailCounts:
    queued: int = 0
    sent: int = 0
    failed: int = 0


def can_email(pledge: Pledge) -> bool:
    """Only a pledger who gave an address and agreed to be contacted is emailed."""
    return pledge.consent_contact and bool(pledge.email) and pledge.status == PledgeStatus.ACTIVE


def queue_email(session: Session, pledge: Pledge, actor: str = "kiosk") -> bool:
    """Queue `pledge`'s certificate for email in the caller's transaction; False if the
    pledge has no consented address, or its certificate is already waiting."""
    if not can_email(pledge):
        return False
    waiting = session.scalar(
        select(EmailOutboxRow.id).where(
            EmailOutboxRow.pledge_id == pledge.id, EmailOutboxRow.state == EmailState.PENDING
        )
    )
    if waiting is not None:
        return False
    session.add(
        EmailOutboxRow(
            pledge_id=pledge.id, state=EmailState.PENDING, queued_at=utc_now(), attempts=0
        )
    )
    audit.record(session, actor, "email.queue", pledge_id=pledge.id, details={})
    return True


def queue_certificate_email(store: Store, pledge: Pledge, actor: str = "kiosk") -> bool:
    """Queue the certificate email for `pledge` (the thank-you screen's "email me" choice)."""
    with store.db.write() as session:
        return queue_email(session, pledge, actor)


def email_counts(session: Session) -> EmailCounts:
    query = select(EmailOutboxRow.state, func.count()).group_by(EmailOutboxRow.state)
    rows = {state: n for state, n in session.execute(query)}
    return EmailCounts(
        rows.get(EmailState.PENDING, 0),
        rows.get(EmailState.SENT, 0),
        rows.get(EmailState.FAILED, 0),
    )


def email_counts_of(store: Store) -> EmailCounts:
    """Staff looked at the certificate emails: how many wait, went and failed."""
    with store.db.read() as session:
        return email_counts(session)


def settle(session: Session, row_id: int, state: str, error: str | None = None) -> None:
    """Record one email's outcome: sent, failed (with the reason) or cancelled."""
    values: dict[str, object] = {"state": state, "last_error": error}
    if state == EmailState.SENT:
        values["sent_at"] = utc_now()
    session.execute(update(EmailOutboxRow).where(EmailOutboxRow.id == row_id).values(**values))


def note_attempt(session: Session, row_id: int, error: str) -> None:
    """A try that did not get through: failed for good after MAX_ATTEMPTS."""
    row = session.get(EmailOutboxRow, row_id)
    if row is None:
        return
    row.attempts += 1
    row.last_error = error[:500]
    if row.attempts >= MAX_ATTEMPTS:
        row.state = EmailState.FAILED
