"""The way from the kiosk into the staff area: the staff PIN, then, when the data folder has
a council key, the passphrase that unlocks attendees' details. Going back to the public
closes both dialogs and locks the key again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.staff_access import PinDialog
from charter_desktop.ui.privacy_dialogs import UnlockDialog


class StaffGate(QObject):
    opened = Signal()  # the right PIN was entered
    unlocked = Signal()  # the passphrase opened the council key

    def __init__(self, store: Store, window: QWidget):
        super().__init__(window)
        self.store = store
        self.window = window
        self.pin_dialog: PinDialog | None = None
        self.unlock_dialog: UnlockDialog | None = None

    def ask_pin(self) -> None:
        if self.pin_dialog is not None:
            return
        dialog = PinDialog(self.store, self.window)
        dialog.setStyleSheet(self.window.styleSheet())
        self.pin_dialog = dialog
        dialog.accepted.connect(self.opened)
        dialog.finished.connect(self._pin_dialog_closed)
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        if self.pin_dialog is not None:
            self.pin_dialog.deleteLater()
        self.pin_dialog = None

    def offer_unlock(self) -> None:
        """With a council key still locked, ask for the staff passphrase."""
        if not privacy_service.details_locked(self.store):
            return
        dialog = UnlockDialog(self.store, self.window)
        dialog.setStyleSheet(self.window.styleSheet())
        self.unlock_dialog = dialog
        dialog.accepted.connect(self.unlocked)
        dialog.open()

    def close(self) -> None:
        """Back to the public: the key locked, any PIN or passphrase dialog dismissed."""
        privacy_service.lock()
        if self.unlock_dialog is not None:
            self.unlock_dialog.reject()
            self.unlock_dialog = None
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
