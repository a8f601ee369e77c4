"""The console's Council page: the hub's address and token (or the kiosk pack it was set up
from, and setting it up again from one), whether the app syncs by itself (ui.schedules does,
all day), sync now (off the UI thread), the counts with the event-wide figure and how fresh
it is, and USB bundles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.store import Store
from charter_desktop.core.sync.bundle import BundleWritten, write_bundle
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.core.sync.outbox import resend_refused
from charter_desktop.core.sync.service import SyncResult, SyncStatus, run_sync, sync_status
from charter_desktop.core.sync.settings import load_sync_settings_of, update_sync_settings
from charter_desktop.ui.dates import show_datetime, show_iso
from charter_desktop.ui.enrol_dialog import EnrolDialog
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.privacy_dialogs import locked_message
from charter_desktop.ui.secret_field import SecretField
from charter_desktop.ui.staff.event_figure import EventFigure
from charter_desktop.ui.staff.staff_secret import guard
from charter_desktop.ui.worker import BackgroundCall

ACTOR = "staff"


class SyncPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            self.tr(
                "Pledges wait here until the council's hub has them. Nothing is deleted from "
                "this kiosk when it is sent. Without a network, write a USB bundle instead."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        layout.addWidget(self._hub_settings_box())

        self.status = PlainLabel()
        self.status.setObjectName("count")
        self.event_figure = EventFigure(store)
        self.detail = PlainLabel()
        self.detail.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self.event_figure)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync now"))
        guard(self.sync_button, self.store, self.tr("Sending pledges to the hub"), self.sync_now)
        self.retry_button = QPushButton(self.tr("Send refused pledges again"))
        guard(
            self.retry_button, self.store, self.tr("Sending pledges to the hub"), self.retry_failed
        )
        self.bundle_button = QPushButton(self.tr("Write a USB bundle…"))
        guard(
            self.bundle_button, self.store, self.tr("Writing a USB bundle"), self.choose_bundle_file
        )
        for button in (self.sync_button, self.retry_button, self.bundle_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.load_settings()
        self.refresh()

    # settings

    def _hub_settings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The council's hub"))
        box.setMaximumWidth(900)
        form = QFormLayout(box)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://hub.council.example")
        self.url.setAccessibleName(self.tr("Hub address"))
        self.token = SecretField()
        self.token.setAccessibleName(self.tr("Device token"))
        self.pin = QLineEdit()
        self.pin.setPlaceholderText(self.tr("only for a hub with its own certificate: AB:CD:…"))
        self.pin.setAccessibleName(self.tr("Hub certificate pin"))
        self.automatic = QCheckBox(self.tr("Sync by itself whenever the hub can be reached"))
        self.enrolment = PlainLabel()
        self.enrolment.setWordWrap(True)
        self.pack_button = QPushButton(self.tr("Set up from a kiosk pack…"))
        self.pack_button.setAccessibleName(self.tr("Set up from a kiosk pack"))
        guard(self.pack_button, self.store, self.tr("Setting the kiosk up from a pack"),
              self.open_pack_dialog)  # fmt: skip
        self.enrol_dialog: EnrolDialog | None = None
        self.save_button = QPushButton(self.tr("Save hub settings"))
        guard(self.save_button, self.store, self.tr("Changing the hub"), self.save_settings)
        # The council can bind this kiosk's token to it when issuing it (`hub token
        # --device-id`), so no other token can ever speak for it.
        self.device_id = PlainLabel(self.store.device_id)
        self.device_id.setAccessibleName(self.tr("This kiosk's device id"))
        self.device_id.setAccessibleDescription(self.store.device_id)
        form.addRow(self.tr("Hub address"), self.url)
        form.addRow(self.tr("Device token"), self.token)
        form.addRow(self.tr("Certificate pin"), self.pin)
        form.addRow(self.tr("This kiosk's device id"), self.device_id)
        form.addRow("", self.automatic)
        form.addRow("", self.save_button)
        form.addRow(self.tr("Kiosk pack"), self.enrolment)
        form.addRow("", self.pack_button)
        return box

    def load_settings(self) -> None:
        settings = load_sync_settings_of(self.store)
        self.url.setText(settings.hub_url)
        self.token.clear()
        if settings.device_auth:
            hint = self.tr("none needed: this kiosk signs its requests with its own key")
        elif settings.token or settings.token_locked:
            hint = self.tr("a token is stored: type a new one to replace it")
        else:
            hint = self.tr("the token “hub token” printed for this kiosk")
        self.token.setPlaceholderText(hint)
        self.pin.setText(settings.pin)
        self.automatic.setChecked(settings.automatic)
        self.show_enrolment()

    def show_enrolment(self) -> None:
        record = enrolment_of(self.store)
        if not record.get("pack_id"):
            self.enrolment.setText(self.tr("This kiosk was not set up from a kiosk pack."))
            return
        text = self.tr("Set up as “{0}” for the hub at {1}, on {2}.").format(
            record.get("device_name", ""),
            record.get("hub_url", ""),
            show_iso(str(record.get("enrolled_at", ""))),
        )
        if not record.get("claimed"):
            text += " " + self.tr(
                "The hub has not confirmed the pack yet: it will at the kiosk's first contact."
            )
        self.enrolment.setText(text)

    def open_pack_dialog(self) -> EnrolDialog:
        """Set the kiosk up (again) from a kiosk pack; the page shows the new settings after."""
        dialog = EnrolDialog(self.store, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._pack_closed)
        self.enrol_dialog = dialog
        dialog.open()
        return dialog

    def _pack_closed(self) -> None:
        result = self.enrol_dialog.enrolled() if self.enrol_dialog is not None else None
        if result is not None:
            self.message.setText(
                self.tr("Set up from the kiosk pack: “{0}” for {1}.").format(
                    result.device_name, result.event_name
                )
            )
            self.load_settings()
            self.refresh()

    def save_settings(self) -> bool:
        try:
            update_sync_settings(
                self.store,
                hub_url=self.url.text(),
                token=self.token.secret(),  # empty: the stored one is kept
                pin=self.pin.text(),
                automatic=self.automatic.isChecked(),
                actor=ACTOR,
            )
        except ValidationError as exc:
            self.message.setText(self.tr("Not saved: {0}").format(exc))
            return False
        self.message.setText(self.tr("Hub settings saved."))
        self.load_settings()
        return True

    # status

    def refresh(self) -> None:
        self.show_status(sync_status(self.store))
        self.event_figure.refresh()

    def show_status(self, status: SyncStatus) -> None:
        self.status.setText(
            self.tr("Waiting {0} · at the council {1} · refused {2}").format(
                status.queued, status.sent, status.failed
            )
        )
        last = show_datetime(status.last_sync_at) if status.last_sync_at else self.tr("never")
        lines = [self.tr("Last sync: {0}").format(last)]
        if status.last_error:
            lines.append(self.tr("Last problem: {0}").format(status.last_error))
        if status.clock_note:
            lines.append(self.tr("Clock: {0}").format(status.clock_note))
        for pledge_id, reason in status.failures[:5]:
            lines.append(self.tr("Refused {0}: {1}").format(pledge_id[:8], reason))
        self.detail.setText("\n".join(lines))
        self.retry_button.setEnabled(status.failed > 0)

    # syncing

    @property
    def busy(self) -> bool:
        return self.call is not None and self.call.running

    def _start(self, work: BackgroundCall) -> None:
        self.call = work
        self.sync_button.setEnabled(False)
        work.done.connect(self._finished)
        work.failed.connect(self._failed)
        work.start()

    def sync_now(self) -> None:
        if self.busy:
            return
        settings = load_sync_settings_of(self.store)
        if not settings.configured:
            self.message.setText(
                self.tr(
                    "Give the hub's address and this kiosk's token first, or set the kiosk up "
                    "from a kiosk pack."
                )
            )
            return
        self.message.setText(self.tr("Syncing…"))
        store = self.store
        self._start(BackgroundCall(lambda: run_sync(store, settings), self))

    def _finished(self, result: SyncResult | None) -> None:
        self.sync_button.setEnabled(True)
        if result is not None:
            if result.ok:
                self.message.setText(
                    self.tr("Sent {0}; {1} refused; {2} still waiting.").format(
                        result.sent, result.failed, result.queued
                    )
                )
            else:
                self.message.setText(self.tr("⚠ {0}").format(result.error))
        self.refresh()

    def _failed(self, message: str) -> None:
        self.sync_button.setEnabled(True)
        self.message.setText(self.tr("⚠ The sync stopped: {0}").format(message))
        self.refresh()

    def retry_failed(self) -> None:
        count = resend_refused(self.store)
        self.message.setText(self.tr("%n refused pledge(s) will be sent again.", "", count))
        self.refresh()

    # USB

    def choose_bundle_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write a USB bundle"), "charter-bundle.zip", self.tr("Bundles (*.zip)")
        )
        if path:
            self.write_bundle_to(Path(path))

    def write_bundle_to(self, path: Path) -> BundleWritten | None:
        try:
            written = write_bundle(self.store, path)
        except OSError as exc:
            self.message.setText(
                self.tr("⚠ Could not write {0}: {1}").format(path, exc.strerror or exc)
            )
            return None
        except PersonalDataLocked:
            self.message.setText("⚠ " + locked_message())
            return None
        self.message.setText(
            self.tr("Wrote {0} and {1} to {2}. Take it to the council.").format(
                self.tr("%n pledge(s)", "", written.pledges),
                self.tr("%n erasure(s)", "", written.erased),
                written.path,
            )
        )
        return written
