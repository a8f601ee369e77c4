"""Certificate emails: queued offline only with consent, sent later through a real SMTP server
on 127.0.0.1 with the certificate PDF attached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from reportlab.pdfgen import canvas
from sqlalchemy import text

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.mail.outgoing import send_waiting_emails
from charter_desktop.core.mail.queue import email_counts, queue_certificate_email
from charter_desktop.core.mail.sender import ATTACHMENT_NAME, send_queued_emails
from charter_desktop.core.mail.settings import SmtpSettings, save_smtp_settings
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.privacy import service
from charter_desktop.core.store import Store
from tests.fixtures.mail import Inbox
from tests.fixtures.network import free_port
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge, self_signed


def certificate_pdf(p: Pledge) -> bytes:
    """A real (minimal) certificate PDF, standing in for the certificate renderer."""
    import io

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, f"Certificate for {p.name}")
    page.save()
    return out.getvalue()


def stored(store: Store, **fields: object) -> Pledge:
    result = store.add_pledges([pledge(**fields)], source="kiosk", actor="kiosk")
    found = store.get_pledge(result.ids[0])
    assert found is not None
    return found


def settings_for(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security="none",
                        from_address="pledges@council.example")  # fmt: skip


def test_only_consented_addresses_are_queued(store: Store) -> None:
    with_consent = stored(store, email="amy@example.org", consent_contact=True)
    without_address = stored(store, consent_contact=True)
    assert queue_certificate_email(store, with_consent) is True
    assert queue_certificate_email(store, with_consent) is False  # already waiting
    assert queue_certificate_email(store, without_address) is False
    with store.db.read() as session:
        assert email_counts(session).queued == 1
        queued = session.execute(text("SELECT * FROM email_outbox")).mappings().one()
    assert "amy@example.org" not in str(dict(queued))  # the address stays in the pledge only


def test_queued_certificates_are_sent_with_the_pdf_attached(
    store: Store, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    amy = stored(store, name="Amy Ng", email="amy@example.org", consent_contact=True)
    queue_certificate_email(store, amy)

    made: list[bytes] = []

    def make_pdf(p: Pledge) -> bytes:
        made.append(certificate_pdf(p))
        return made[-1]

    result = send_queued_emails(store, settings_for(port), make_pdf)

    assert (result.sent, result.queued, result.error) == (1, 0, None)
    [message] = inbox.messages
    assert message["To"] == "Amy Ng <amy@example.org>"
    assert "pledge certificate" in message["Subject"]
    [attachment] = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == ATTACHMENT_NAME
    pdf = attachment.get_payload(decode=True)
    assert isinstance(pdf, bytes) and pdf == made[0] and pdf.startswith(b"%PDF-")

    again = send_queued_emails(store, settings_for(port), certificate_pdf)
    assert again.sent == 0 and len(inbox.messages) == 1


def test_while_offline_the_queue_waits_and_nothing_is_lost(store: Store) -> None:
    amy = stored(store, email="amy@example.org", consent_contact=True)
    queue_certificate_email(store, amy)
    result = send_queued_emails(store, settings_for(free_port()), certificate_pdf, timeout=5)
    assert result.sent == 0 and result.queued == 1
    assert result.error is not None and "cannot send email" in result.error


def test_a_refused_address_does_not_stop_the_others(
    store: Store, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    inbox.refuse.add("gone@example.org")
    for address in ("gone@example.org", "bo@example.org"):
        queue_certificate_email(store, stored(store, email=address, consent_contact=True))
    result = send_queued_emails(store, settings_for(port), certificate_pdf)
    assert result.sent == 1 and result.queued == 1  # the refused one is tried again later
    assert [m["To"] for m in inbox.messages] == ["Amelia Patel <bo@example.org>"]


def test_an_erased_pledge_is_never_emailed(store: Store, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    amy = stored(store, email="amy@example.org", consent_contact=True)
    queue_certificate_email(store, amy)
    with store.db.write() as session:
        session.execute(text("DELETE FROM pledges WHERE id = :id"), {"id": amy.id})
    result = send_queued_emails(store, settings_for(port), certificate_pdf)
    assert result.cancelled == 1 and inbox.messages == []


def test_plain_smtp_is_refused_for_another_machine() -> None:
    with pytest.raises(ValidationError, match="starttls or ssl"):
        SmtpSettings(host="mail.council.example", security="none",
                     from_address="a@council.example").check()  # fmt: skip
    assert "secret" not in repr(SmtpSettings(host="h", password="secret"))


def test_starttls_with_login_and_a_checked_certificate(store: Store, tmp_path: Path) -> None:
    import ssl

    from aiosmtpd.smtp import AuthResult

    cert, key = self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:  # fmt: skip
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"mail-secret")

    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True,
        authenticator=authenticator, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    try:
        queue_certificate_email(store, stored(store, email="amy@example.org", consent_contact=True))
        settings = SmtpSettings(host="127.0.0.1", port=port, security="starttls",
                                username="kiosk", password="mail-secret",
                                from_address="pledges@council.example")  # fmt: skip
        untrusted = send_queued_emails(store, settings, certificate_pdf)
        assert untrusted.sent == 0 and "CERTIFICATE_VERIFY_FAILED" in (untrusted.error or "")

        trusted = SmtpSettings(**{**settings.__dict__, "ca_file": str(cert)})
        result = send_queued_emails(store, trusted, certificate_pdf)
    finally:
        controller.stop()
    assert result.sent == 1 and len(inbox.messages) == 1
    assert logins == [(b"kiosk", b"mail-secret")]


def test_the_timed_send_waits_for_the_details_and_then_sends(
    keyed_store: Store, smtp_server: tuple[Inbox, int]
) -> None:
    """What the app's mail schedule does every few minutes: nothing, without contacting the
    server, while the addresses are sealed and locked; the certificates once staff unlock."""
    inbox, port = smtp_server
    with keyed_store.db.write() as session:
        save_smtp_settings(session, settings_for(port))
    service.unlock(keyed_store, TEST_PASSPHRASE)
    queue_certificate_email(keyed_store, stored(keyed_store, email="amy@example.org",
                                                consent_contact=True))  # fmt: skip
    service.lock()
    assert send_waiting_emails(keyed_store) is None and inbox.messages == []
    service.unlock(keyed_store, TEST_PASSPHRASE)
    sent = send_waiting_emails(keyed_store)
    assert sent is not None and sent.sent == 1 and len(inbox.messages) == 1
    assert send_waiting_emails(keyed_store) is None  # nothing waits any more
