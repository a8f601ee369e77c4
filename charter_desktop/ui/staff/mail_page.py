"""The console's Email page: the council's mail server, the certificate emails waiting, and
sending them (off the UI thread; by itself every few minutes once set up)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.mail.outgoing import send_certificate_emails
from charter_desktop.core.mail.queue import email_counts_of
from charter_desktop.core.mail.sender import MailResult
from charter_desktop.core.mail.settings import (
    SECURITY,
    load_smtp_settings_of,
    update_smtp_settings,
)
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.secret_field import SecretField
from charter_desktop.ui.staff.staff_secret import guard
from charter_desktop.ui.worker import BackgroundCall

ACTOR = "staff"


class MailPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            self.tr(
                "Attendees who asked for their certificate by email, and agreed to be "
                "contacted, wait here until the kiosk can reach the council's mail server."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        box = QGroupBox(self.tr("The council's mail server"))
        box.setMaximumWidth(900)
        form = QFormLayout(box)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.addItems(list(SECURITY))
        self.username = QLineEdit()
        self.password = SecretField()
        self.from_address = QLineEdit()
        self.from_name = QLineEdit()
        for text, widget in (
            (self.tr("Server"), self.host),
            (self.tr("Port"), self.port),
            (self.tr("Security"), self.security),
            (self.tr("Login name"), self.username),
            (self.tr("Password"), self.password),
            (self.tr("Sender address"), self.from_address),
            (self.tr("Sender name"), self.from_name),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        self.save_button = QPushButton(self.tr("Save mail settings"))
        guard(self.save_button, self.store, self.tr("Changing the mail server"), self.save_settings)
        form.addRow("", self.save_button)
        layout.addWidget(box)
        self.counts = PlainLabel()
        self.counts.setObjectName("count")
        layout.addWidget(self.counts)
        row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send waiting emails now"))
        guard(self.send_button, self.store, self.tr("Sending certificate emails"), self.send_now)
        row.addWidget(self.send_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.load_settings()
        self.refresh()

    def load_settings(self) -> None:
        settings = load_smtp_settings_of(self.store)
        self.host.setText(settings.host)
        self.port.setValue(settings.port)
        self.security.setCurrentText(settings.security)
        self.username.setText(settings.username)
        self.password.clear()
        self.password.setPlaceholderText(
            self.tr("stored: type a new one to replace it")
            if settings.password or settings.password_locked
            else ""
        )
        self.from_address.setText(settings.from_address)
        self.from_name.setText(settings.from_name)

    def save_settings(self) -> bool:
        try:
            update_smtp_settings(
                self.store,
                host=self.host.text(),
                port=self.port.value(),
                security=self.security.currentText(),
                username=self.username.text(),
                password=self.password.secret(),  # empty: the stored one is kept
                from_address=self.from_address.text(),
                from_name=self.from_name.text(),
                actor=ACTOR,
            )
        except ValidationError as exc:
            self.message.setText(self.tr("Not saved: {0}").format(exc))
            return False
        self.message.setText(self.tr("Mail settings saved."))
        self.load_settings()
        return True

    def refresh(self) -> None:
        counts = email_counts_of(self.store)
        self.counts.setText(
            self.tr("Waiting {0} · sent {1} · failed {2}").format(
                counts.queued, counts.sent, counts.failed
            )
        )

    @property
    def busy(self) -> bool:
        return self.call is not None and self.call.running

    def send_now(self) -> None:
        if self.busy:
            return
        self.send_button.setEnabled(False)
        self.message.setText(self.tr("Sending…"))
        store = self.store
        self.call = BackgroundCall(lambda: send_certificate_emails(store), self)
        self.call.done.connect(self._finished)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _finished(self, result: MailResult) -> None:
        self.send_button.setEnabled(True)
        if result.error:
            self.message.setText(self.tr("⚠ {0}").format(result.error))
        else:
            self.message.setText(
                self.tr("Sent {0}; {1} failed; {2} no longer wanted.").format(
                    result.sent, result.failed, result.cancelled
                )
            )
        self.refresh()

    def _failed(self, message: str) -> None:
        self.send_button.setEnabled(True)
        self.message.setText(self.tr("⚠ Sending stopped: {0}").format(message))
        self.refresh()
