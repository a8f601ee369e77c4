"""Certificate emails from the command line: set the mail server, send the queue through a
real SMTP server on 127.0.0.1, and the certificate attached is the pledge's own."""

from __future__ import annotations

import io
from email.header import decode_header, make_header
from pathlib import Path

from pypdf import PdfReader

from charter_desktop.core.mail.queue import queue_certificate_email
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from tests.fixtures.mail import Inbox
from tests.helpers import pledge, run_cli


def queue_one(data_dir: Path, **fields: object) -> None:
    store = Store.open(resolve_paths(data_dir))
    try:
        [pid] = store.add_pledges([pledge(**fields)], source="kiosk", actor="kiosk").ids
        found = store.get_pledge(pid)
        assert found is not None and queue_certificate_email(store, found)
    finally:
        store.close()


def test_mail_setup_then_send_delivers_the_real_certificate(
    data_dir: Path,
    smtp_server: tuple[Inbox, int],
) -> None:
    inbox, port = smtp_server
    queue_one(data_dir, name="Zofia Łukasiewicz", email="zofia@example.org", consent_contact=True)
    unset = run_cli(data_dir, "mail", "send")
    assert unset.returncode == 1 and "email is not set up" in unset.stderr
    assert inbox.messages == []
    setup = run_cli(data_dir, "mail", "setup", "--host", "127.0.0.1", "--port", str(port),
                    "--security", "none", "--from", "pledges@council.example")  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    sent = run_cli(data_dir, "mail", "send")
    assert sent.returncode == 0, sent.stderr
    assert "Sent 1" in sent.stdout and "queued 0, sent 1" in sent.stdout
    [message] = inbox.messages
    assert str(make_header(decode_header(message["To"]))) == "Zofia Łukasiewicz <zofia@example.org>"
    [attachment] = [part for part in message.walk() if part.get_filename()]
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes), "a single-part attachment decodes to bytes"
    pdf = PdfReader(io.BytesIO(payload))
    assert "Zofia Łukasiewicz" in "".join(page.extract_text() for page in pdf.pages)
    again = run_cli(data_dir, "mail", "send")
    assert again.returncode == 0 and len(inbox.messages) == 1  # never sent twice


def test_bad_mail_settings_are_one_line_errors(data_dir: Path, tmp_path: Path) -> None:
    plain = run_cli(data_dir, "mail", "setup", "--host", "mail.council.example",
                    "--security", "none", "--from", "pledges@council.example")  # fmt: skip
    assert plain.returncode == 2 and "starttls or ssl" in plain.stderr
    missing = run_cli(data_dir, "mail", "setup", "--password-file", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    status = run_cli(data_dir, "mail", "status")
    assert status.returncode == 0 and "not set up" in status.stdout
    assert "Traceback" not in plain.stderr + missing.stderr
