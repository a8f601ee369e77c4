"""What may have to come before the kiosk takes pledges: opening the store (a damaged
database stops capture, with a rescue copy offered), and on first run the staff PIN and the
council key that protects attendees' details. The PIN dialog offers "Set up from a kiosk
pack" first (ui.enrol_dialog): the hub's pack brings the event, the hub and the council key,
so after it only the PIN is chosen here."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import DamagedDatabaseError, Store, StoreError
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog
from charter_desktop.ui.kiosk.widgets import translate
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog
from charter_desktop.ui.style import build_stylesheet

log = logging.getLogger(__name__)
TITLE = "Charter Desktop"


def open_store(paths: AppPaths, kiosk: QWidget | None = None) -> Store | int:
    """The opened store, or the exit code after telling staff why it cannot be opened. A
    `kiosk` window already on screen steps aside first (it stays on top of other windows)."""
    try:
        return Store.open(paths)
    except StoreError as exc:
        if kiosk is not None:
            kiosk.hide()
        if isinstance(exc, DamagedDatabaseError):
            return report_damaged_database(paths, exc)
        QMessageBox.critical(None, TITLE, str(exc))
        return 1


def set_up(store: Store, kiosk: QWidget | None = None) -> bool:
    """The first-run steps: True once a staff PIN is set (staff choose one if none is, after
    setting the kiosk up from a kiosk pack if they wish), with the council key offered when
    the folder has none (a pack brings the council's); False if staff chose no PIN. A `kiosk`
    window already on screen steps aside for a dialog (the caller shows it again)."""
    if not ensure_staff_pin(store, kiosk):
        log.info("no staff PIN chosen; the kiosk was not opened")
        explain_no_pin()
        return False
    ensure_council_key(store, kiosk)
    return True


def ensure_staff_pin(store: Store, kiosk: QWidget | None = None) -> bool:
    """True when a staff PIN is set, asking staff to choose one first if none is."""
    if staff_auth.staff_pin_chosen(store):
        return True
    if kiosk is not None:
        kiosk.hide()
    dialog = SetupPinDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    dialog.resize(900, 700)
    return dialog.exec() == SetupPinDialog.DialogCode.Accepted


def explain_no_pin() -> None:
    """Staff closed the first-run PIN dialog: say why the kiosk does not open, rather than
    vanishing without a word."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        TITLE,
        translate(
            "StartChecks",
            "The kiosk did not open, because no staff PIN was chosen: without one, nobody "
            "could reach the staff area to set up the event, export pledges or close the "
            "kiosk. Start Charter Desktop again to choose a PIN.",
        ),
        QMessageBox.StandardButton.Ok,
    )
    box.setStyleSheet(build_stylesheet())
    box.exec()


def ensure_council_key(store: Store, kiosk: QWidget | None = None) -> None:
    """Offer to set up the council key when the folder has none (the first run, or a folder
    made before encryption); "Not now" keeps personal data in clear."""
    if privacy_service.store_key(store) is not None:
        return
    if kiosk is not None:
        kiosk.hide()
    dialog = SetupKeyDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    dialog.resize(900, 600)
    if dialog.exec() != SetupKeyDialog.DialogCode.Accepted:
        log.warning("no council key: personal data in this folder is stored in clear")


def report_damaged_database(paths: AppPaths, error: DamagedDatabaseError) -> int:
    """Capture stays stopped. Staff may save a byte-for-byte rescue copy, then quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, str(error))
    box.setInformativeText(
        translate(
            "App",
            "No pledges can be taken until the database is restored. Make a rescue copy "
            "for support now (on a USB stick), then restore the newest backup.",
        )
    )
    copy_button = box.addButton(
        translate("App", "Make a rescue copy…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is copy_button:
        folder = QFileDialog.getExistingDirectory(
            None, translate("App", "Where to put the rescue copy")
        )
        if folder:
            try:
                target = backup.rescue_copy(paths, Path(folder))
            except (backup.BackupError, OSError) as exc:
                QMessageBox.critical(
                    None, TITLE, translate("App", "No copy was made: {0}").format(exc)
                )
            else:
                QMessageBox.information(
                    None,
                    TITLE,
                    translate("App", "The database files were copied, unchanged, to {0}").format(
                        target
                    ),
                )
    return 1
