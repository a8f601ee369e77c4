"""Sending the queued certificate emails with the stored mail settings and real certificates."""

from __future__ import annotations

from charter_desktop.core.certificates.service import certificates_pdf
from charter_desktop.core.mail.queue import email_counts
from charter_desktop.core.mail.sender import MailResult, send_queued_emails
from charter_desktop.core.mail.settings import load_smtp_settings
from charter_desktop.core.store import Store

NOT_SET_UP = "email is not set up: give the council's mail server in the staff area or `mail setup`"


def send_certificate_emails(store: Store, *, limit: int = 200) -> MailResult:
    """Send up to `limit` queued certificate emails, each with its pledge's certificate PDF;
    never raises for a mail problem (the result's `error` says what went wrong)."""
    with store.db.read() as session:
        settings = load_smtp_settings(session)
    if not settings.configured:
        result = MailResult(error=NOT_SET_UP)
        with store.db.read() as session:
            result.queued = email_counts(session).queued
        return result
    return send_queued_emails(
        store, settings, lambda pledge: certificates_pdf(store, [pledge]), limit=limit
    )


def send_waiting_emails(store: Store) -> MailResult | None:
    """The app's timed send: None when nothing is waiting, the mail server is not set up, or
    the attendees' addresses are sealed and locked (they wait for staff, and no server is
    contacted meanwhile); else what send_certificate_emails did."""
    from charter_desktop.core.privacy.service import details_locked

    with store.db.read() as session:
        waiting = email_counts(session).queued
        configured = load_smtp_settings(session).configured
    if not (waiting and configured) or details_locked(store):
        return None
    return send_certificate_emails(store)
