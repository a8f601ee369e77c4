"""Sending queued certificate emails over SMTP (STARTTLS or SSL), each with its PDF attached.

The certificate renderer is passed in (`make_pdf`), so this module knows nothing of layout.
An email is marked sent in its own transaction right after the server accepted it.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from sqlalchemy import select

from charter_desktop.core.mail import queue
from charter_desktop.core.mail.settings import MAIL_WAITS_FOR_UNLOCK, SmtpSettings
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.storage.models import EmailOutboxRow, PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import EmailState, SmtpSecurity

ATTACHMENT_NAME = "charter-pledge-certificate.pdf"
log = logging.getLogger(__name__)

MakePdf = Callable[[Pledge], bytes]


@dataclass
class MailResult:
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    queued: int = 0
    error: str | None = None


def certificate_message(
    pledge: Pledge, pdf: bytes, settings: SmtpSettings, programme: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((settings.from_name, settings.from_address))
    message["To"] = formataddr((pledge.name, pledge.email or ""))
    message["Subject"] = f"Your {programme} pledge certificate"
    message["Message-ID"] = make_msgid(domain=settings.from_address.rpartition("@")[2])
    message.set_content(
        f"Dear {pledge.name},\n\n"
        f"Thank you for your pledge to the {programme} charter. Your certificate is "
        "attached; its QR code lets anyone check that it is genuine.\n\n"
        "You are receiving this because you asked for your certificate by email.\n"
    )
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=ATTACHMENT_NAME)
    return message


def _connect(settings: SmtpSettings, timeout: float) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    client: smtplib.SMTP
    if settings.security == SmtpSecurity.SSL:
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        if settings.security == SmtpSecurity.STARTTLS:
            client.starttls(context=context)
    if settings.username:
        client.login(settings.username, settings.password)
    return client


def send_queued_emails(
    store: Store,
    settings: SmtpSettings,
    make_pdf: MakePdf,
    *,
    limit: int = 200,
    timeout: float = 30.0,
) -> MailResult:
    """Send up to `limit` queued certificate emails; never raises for a mail problem.

    An unreachable server or refused login stops the run and leaves the queue as it was; a
    recipient the server refuses is retried on later runs and marked failed after a few.
    """
    result = MailResult()
    settings.check()
    with store.db.read() as session:
        rows = session.execute(
            select(EmailOutboxRow.id, PledgeRow)
            .outerjoin(PledgeRow, PledgeRow.id == EmailOutboxRow.pledge_id)
            .where(EmailOutboxRow.state == EmailState.PENDING)
            .order_by(EmailOutboxRow.id)
            .limit(limit)
        ).all()
    work: list[tuple[int, Pledge | None]] = [
        (row_id, None if row is None else Pledge.from_row(row)) for row_id, row in rows
    ]
    if any(p is not None and p.locked for _, p in work):
        # The addresses are sealed to the council key: wait until staff unlock it.
        result.error = str(PersonalDataLocked("sending certificate emails"))
        work = []
    elif work and settings.username and settings.password_locked:
        result.error = MAIL_WAITS_FOR_UNLOCK
        work = []
    if work:
        try:
            client = _connect(settings, timeout)
        except (OSError, smtplib.SMTPException) as exc:
            result.error = f"cannot send email: {type(exc).__name__}: {exc}"
            work = []
        else:
            try:
                _send_all(store, client, settings, make_pdf, work, result)
            finally:
                try:
                    client.quit()
                except (OSError, smtplib.SMTPException):
                    client.close()
    with store.db.read() as session:
        result.queued = queue.email_counts(session).queued
    log.info("email: sent %d, failed %d, error %s", result.sent, result.failed, result.error)
    return result


def _send_all(
    store: Store,
    client: smtplib.SMTP,
    settings: SmtpSettings,
    make_pdf: MakePdf,
    work: list[tuple[int, Pledge | None]],
    result: MailResult,
) -> None:
    for row_id, pledge in work:
        if pledge is None or not queue.can_email(pledge):
            # Erased, withdrawn, or consent taken back since it was queued: never send.
            with store.db.write() as session:
                queue.settle(session, row_id, EmailState.CANCELLED)
            result.cancelled += 1
            continue
        message = certificate_message(pledge, make_pdf(pledge), settings, store.catalogue.programme)
        try:
            client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            with store.db.write() as session:
                queue.note_attempt(session, row_id, f"the mail server refused the address {codes}")
                row = session.get(EmailOutboxRow, row_id)
                if row is not None and row.state == EmailState.FAILED:
                    result.failed += 1
            continue
        except (OSError, smtplib.SMTPException) as exc:
            result.error = f"sending stopped: {type(exc).__name__}: {exc}"
            return
        with store.db.write() as session:
            queue.settle(session, row_id, EmailState.SENT)
        result.sent += 1
