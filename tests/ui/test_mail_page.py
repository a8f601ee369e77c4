"""The staff console's Email page with a real SMTP server on 127.0.0.1: settings typed in,
the waiting certificate sent off the UI thread, the counts follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.mail.queue import queue_certificate_email
from charter_desktop.core.store import Store
from charter_desktop.ui.staff.mail_page import MailPage
from tests.fixtures.mail import Inbox
from tests.helpers import pledge


def test_waiting_certificates_are_sent_from_the_email_page(
    qtbot: QtBot,
    store: Store,
    smtp_server: tuple[Inbox, int],
) -> None:
    inbox, port = smtp_server
    amara = pledge(name="Amara Obi", email="amara@example.org", consent_contact=True)
    [pid] = store.add_pledges([amara], source="kiosk", actor="kiosk").ids
    found = store.get_pledge(pid)
    assert found is not None and queue_certificate_email(store, found)
    page = MailPage(store)
    qtbot.addWidget(page)
    assert "Waiting 1" in page.counts.text()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.send_button.isEnabled, timeout=20_000)
    assert "not set up" in page.message.text() and inbox.messages == []
    page.host.setText("mail.council.example")
    page.security.setCurrentText("none")
    page.from_address.setText("pledges@council.example")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "starttls or ssl" in page.message.text()  # plain SMTP only to this machine
    page.host.setText("127.0.0.1")
    page.port.setValue(port)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Mail settings saved."
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent 1" in page.counts.text(), timeout=20_000)
    assert len(inbox.messages) == 1 and "Amara Obi" in inbox.messages[0]["To"]
