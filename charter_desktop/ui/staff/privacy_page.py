"""The console's Privacy page: whether attendees' details are encrypted here (the council
key, locked or unlocked, and pledges still in clear), and the retention policy (how long
personal data stays after it reached the council), how many pledges are due, the last run,
and a run-now button."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.clock import utc_now
from charter_desktop.core.pledges import retention
from charter_desktop.core.privacy import service
from charter_desktop.core.store import Store
from charter_desktop.ui.dates import show_iso
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog, UnlockDialog
from charter_desktop.ui.staff.staff_secret import guard
from charter_desktop.ui.worker import BackgroundCall

ACTOR = "staff"


class PrivacyPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        self.dialog: UnlockDialog | SetupKeyDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._encryption_section())
        intro = PlainLabel(
            self.tr(
                "Personal data (name, organisation, contact details, postcode, own words) is "
                "removed from this kiosk a set number of days after the council received the "
                "pledge; the pledge still counts. 0 keeps it until staff erase it. The app "
                "checks when it starts and once a day."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.days = QSpinBox()
        self.days.setRange(0, retention.MAX_RETENTION_DAYS)
        self.days.valueChanged.connect(
            lambda days: self.days.setSuffix(self.tr(" day(s)", "", days))
        )
        self.days.setSpecialValueText(self.tr("keep (off)"))
        self.days.setAccessibleName(self.tr("Retention in days"))
        self.save_button = QPushButton(self.tr("Save"))
        guard(
            self.save_button, self.store, self.tr("Changing how long details are kept"), self.save
        )
        row.addWidget(self.days)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow(self.tr("Remove personal data after"), row)
        self.due = PlainLabel()
        self.last_run = PlainLabel()
        form.addRow(self.tr("Pledges due now"), self.due)
        form.addRow(self.tr("Last run"), self.last_run)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Remove due personal data now"))
        guard(self.apply_button, self.store, self.tr("Removing details now"), self.apply_now)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.refresh()

    def _encryption_section(self) -> QWidget:
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        self.encryption = PlainLabel()
        self.encryption.setWordWrap(True)
        column.addWidget(self.encryption)
        keys = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("Unlock…"))
        self.unlock_button.clicked.connect(self.unlock)
        self.lock_button = QPushButton(self.tr("Lock now"))
        self.lock_button.clicked.connect(self.lock)
        self.setup_button = QPushButton(self.tr("Set up encryption…"))
        self.setup_button.clicked.connect(self.set_up)
        self.encrypt_button = QPushButton(self.tr("Encrypt pledges stored in clear"))
        self.encrypt_button.clicked.connect(self.encrypt_existing)
        for button in (self.unlock_button, self.lock_button, self.setup_button):
            keys.addWidget(button)
        keys.addWidget(self.encrypt_button)
        keys.addStretch(1)
        column.addLayout(keys)
        return section

    def refresh(self) -> None:
        self._refresh_encryption()
        status = retention.retention_status(self.store, utc_now())
        self.days.setValue(status.days or 0)
        self.due.setText(str(status.due))
        if status.last_run_at is None:
            self.last_run.setText(self.tr("never"))
        else:
            self.last_run.setText(
                self.tr("{0}, removed {1}").format(
                    show_iso(status.last_run_at), status.last_run_removed
                )
            )
        self.apply_button.setEnabled(status.due > 0)

    def _refresh_encryption(self) -> None:
        status = service.privacy_status(self.store)
        if status.key_id is None:
            text = self.tr(
                "⚠ NOT ENCRYPTED: this kiosk has no council key, so names, emails, phone "
                "numbers and postcodes are stored in clear. Set up encryption."
            )
        else:
            state = self.tr("unlocked") if status.unlocked else self.tr("locked")
            text = self.tr(
                "Attendees' details are encrypted to council key {0} ({1}); %n pledge(s) sealed.",
                "",
                status.sealed,
            ).format(status.key_id, state)
            if status.clear:
                text += " " + self.tr("⚠ %n pledge(s) still in clear.", "", status.clear)
        self.encryption.setText(text)
        keyed = status.key_id is not None
        self.unlock_button.setVisible(keyed and not status.unlocked)
        self.lock_button.setVisible(keyed and status.unlocked)
        self.setup_button.setVisible(not keyed)
        self.encrypt_button.setVisible(keyed and status.clear > 0)

    def unlock(self) -> None:
        dialog = UnlockDialog(self.store, self)
        dialog.finished.connect(lambda _code: self.refresh())
        self.dialog = dialog
        dialog.open()

    def lock(self) -> None:
        service.lock()
        self.refresh()

    def set_up(self) -> None:
        dialog = SetupKeyDialog(self.store, self)
        dialog.finished.connect(lambda _code: self.refresh())
        self.dialog = dialog
        dialog.open()

    def encrypt_existing(self) -> None:
        if self.call is not None and self.call.running:
            return
        store = self.store
        self.encrypt_button.setEnabled(False)
        self.call = BackgroundCall(lambda: service.encrypt_existing(store, actor="staff"), self)
        self.call.done.connect(
            lambda count: self.message.setText(
                self.tr("Encrypted the details of %n pledge(s).", "", count)
            )
        )
        self.call.done.connect(lambda _count: self.refresh())
        self.call.failed.connect(self._failed)
        self.call.start()

    def save(self) -> None:
        retention.update_retention_days(self.store, self.days.value(), ACTOR)
        self.message.setText(self.tr("Saved."))
        self.refresh()

    def apply_now(self) -> None:
        if self.call is not None and self.call.running:
            return
        store = self.store
        self.apply_button.setEnabled(False)
        self.call = BackgroundCall(lambda: retention.apply_retention(store, utc_now()), self)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _done(self, run: retention.RetentionRun) -> None:
        self.message.setText(self.tr("Removed the personal data of %n pledge(s).", "", run.removed))
        self.refresh()

    def _failed(self, message: str) -> None:
        self.message.setText(self.tr("⚠ Retention failed: {0}").format(message))
        self.refresh()
