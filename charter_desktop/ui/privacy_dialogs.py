"""The staff passphrase dialogs: setting up the council key on the app's first run (next to
the staff PIN), and unlocking it when the staff area opens. The unlocked key stays in memory
only while the staff area is open (the kiosk window locks it again when it goes back to the
public)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import (
    DEFAULT_COST,
    PASSPHRASE_MIN,
    KeyFileError,
    ScryptCost,
    WrongPassphrase,
    check_passphrase_rules,
    read_key_file,
)
from charter_desktop.core.store import Store
from charter_desktop.ui.announce import announce
from charter_desktop.ui.dialog_fit import fit_to_screen
from charter_desktop.ui.kiosk.widgets import label
from charter_desktop.ui.secret_field import SecretField

log = logging.getLogger(__name__)


def locked_message() -> str:
    """What staff read when a step needs the details while they are locked."""
    return QCoreApplication.translate(
        "Privacy",
        "The attendees' details are locked. Unlock them with the staff passphrase (Privacy "
        "page in the console), then try again.",
    )


def _secret_field(accessible_name: str) -> SecretField:
    """The passphrase is typed into a SecretField: nothing of it reaches Qt's accessibility
    events."""
    field = SecretField()
    field.setAccessibleName(accessible_name)
    field.setMinimumWidth(420)
    return field


class _Busy:
    """A wait cursor while scrypt runs (about half a second)."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_: object) -> None:
        QGuiApplication.restoreOverrideCursor()


class UnlockDialog(QDialog):
    """Asks for the staff passphrase; accepted once the council key is unlocked."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, purpose: str = ""):
        """`purpose`: the step that asked for the passphrase ("Changing the mail server"),
        said first; by default, what unlocking the details is for."""
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Unlock attendees' details"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = (
            self.tr("The staff passphrase") if purpose else self.tr("Unlock attendees' details")
        )
        layout.addWidget(label(heading, "heading"))
        intro = self.tr(
            "Names, emails, phone numbers and postcodes are encrypted. Type the staff "
            "passphrase to search, correct, export, print, email or sync them. They lock "
            "again when you go back to the kiosk."
        )
        if purpose:
            intro = self.tr("{0} needs the staff passphrase, not only the PIN.").format(purpose)
            intro += " " + self.tr(
                "It also unlocks attendees' details until you go back to the kiosk."
            )
        layout.addWidget(label(intro))
        self.passphrase = _secret_field(self.tr("Staff passphrase"))
        self.passphrase.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.passphrase)
        self.message = label("", "error")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(self.tr("Not now: keep the details locked"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("Unlock"))
        self.ok_button.setObjectName("primary")
        self.ok_button.clicked.connect(self.try_unlock)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        fit_to_screen(self)

    def try_unlock(self) -> None:
        try:
            with _Busy():
                service.unlock(self.store, self.passphrase.secret(), actor="staff")
        except WrongPassphrase:
            wrong = self.tr("That passphrase does not unlock the details.")
            self.message.setText(f"⚠ {wrong}")
            self.message.setVisible(True)
            announce(self.message, wrong, assertive=True)
            self.passphrase.selectAll()
            return
        finally:
            self.passphrase.clear_secret()
        self.accept()


class SetupKeyDialog(QDialog):
    """First run: staff choose the passphrase that protects a new council key, or load the
    council's key file; "Not now" keeps personal data in clear (the Privacy page says so)."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, cost: ScryptCost = DEFAULT_COST
    ):
        super().__init__(parent)
        self.store = store
        self.cost = cost
        self.setWindowTitle(self.tr("Protect attendees' details"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("Protect attendees' details"), "heading"))
        layout.addWidget(
            label(
                self.tr(
                    "Names, emails, phone numbers and postcodes are encrypted before they are "
                    "saved, so a lost or stolen kiosk gives none of them away. Choose the staff "
                    "passphrase (at least %n character(s); it cannot be recovered), or use the "
                    "key file the council gave you.",
                    "",
                    PASSPHRASE_MIN,
                )
            )
        )
        self.passphrase = _secret_field(self.tr("New staff passphrase"))
        self.repeat = _secret_field(self.tr("New staff passphrase again"))
        for caption, field in (
            (self.tr("Passphrase"), self.passphrase),
            (self.tr("Again"), self.repeat),
        ):
            title = label(caption, "subheading")
            title.setBuddy(field)
            layout.addWidget(title)
            layout.addWidget(field)
        self.message = label("", "error")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(
            self.tr("Not now: keep attendees' details unencrypted")
        )
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.file_button = QPushButton(self.tr("Use a council key file…"))
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self.choose_file)
        self.ok_button = QPushButton(self.tr("Create the key"))
        self.ok_button.setObjectName("primary")
        self.ok_button.clicked.connect(self.create_key)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        fit_to_screen(self)

    def _show(self, message: str) -> None:
        self.message.setText(f"⚠ {message}")
        self.message.setVisible(True)
        announce(self.message, message, assertive=True)

    def create_key(self) -> None:
        passphrase, repeat = self.passphrase.secret(), self.repeat.secret()
        if passphrase != repeat:
            self._show(self.tr("The two passphrases are different."))
            return
        try:
            check_passphrase_rules(passphrase)
        except ValueError:
            self._show(
                self.tr("The passphrase must be at least %n character(s).", "", PASSPHRASE_MIN)
            )
            return
        with _Busy():
            key = service.create_key(self.store, passphrase, actor="staff", cost=self.cost)
            service.lock()  # the kiosk opens to the public next
        self.passphrase.clear_secret()
        self.repeat.clear_secret()
        log.info("council key %s created for this kiosk", key.key_id)
        self._finish()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The council's key file"), "", self.tr("Council keys (*.json)")
        )
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        try:
            service.use_key(self.store, read_key_file(path), actor="staff")
        except (KeyFileError, ValueError) as exc:
            self._show(str(exc))
            return
        self._finish()

    def _finish(self) -> None:
        """Encrypt what an older folder holds in clear, then close."""
        if service.privacy_status(self.store).clear:
            with _Busy():
                service.encrypt_existing(self.store, actor="staff")
        self.accept()
