"""What the kiosk and the staff console do with a pledge's certificate: print it, preview
it, or queue it for email; a failed print offers the PDF to staff instead."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.thanks import CertificateAction
from charter_desktop.ui.kiosk.widgets import show_problem, translate

if TYPE_CHECKING:
    from charter_desktop.ui.staff.pledges_page import CertificateActions

# Printing, certificates and mail are imported when first used, not while the kiosk starts.

log = logging.getLogger(__name__)


def kiosk_print(store: Store) -> CertificateAction:
    """The thank-you screen's print: straight to the kiosk printer, no dialog. A failure
    raises, and the screen tells the attendee their pledge is safe."""

    def run(pledge: Pledge) -> None:
        from charter_desktop.ui.printing import print_pledge_certificate

        print_pledge_certificate(store, pledge)

    return run


def kiosk_email(store: Store) -> CertificateAction:
    def run(pledge: Pledge) -> None:
        from charter_desktop.core.mail.queue import queue_certificate_email

        if not queue_certificate_email(store, pledge, actor="kiosk"):
            log.info("certificate email for %s was already waiting", pledge.id)

    return run


def staff_print(store: Store, pledge: Pledge, parent: QWidget | None) -> Path | None:
    """Reprint one certificate on the kiosk printer; if that fails, say why and offer to
    save the PDF. Returns the saved file, if staff chose one."""
    from charter_desktop.ui.printing import PrintError, print_pledge_certificate, save_pdf

    try:
        job = print_pledge_certificate(store, pledge)
    except PrintError as exc:
        answer = QMessageBox.warning(
            parent,
            translate("CertificateActions", "Printing failed"),
            translate("CertificateActions", "{0}\n\nSave the certificate as a PDF instead?").format(
                exc
            ),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Save or exc.pdf is None:
            return None
        name, _ = QFileDialog.getSaveFileName(
            parent,
            translate("CertificateActions", "Save the certificate"),
            "certificate.pdf",
            translate("CertificateActions", "PDF files (*.pdf)"),
        )
        if not name:
            return None
        try:
            return save_pdf(exc.pdf, Path(name))
        except OSError as error:
            show_problem(parent, translate("CertificateActions", "Not saved"), str(error))
            return None
    QMessageBox.information(
        parent,
        translate("CertificateActions", "Printing"),
        translate("CertificateActions", "The certificate went to {0}.").format(job.printer),
    )
    return None


def staff_certificate_actions(store: Store, parent: QWidget | None) -> CertificateActions:
    from charter_desktop.ui.staff.pledges_page import CertificateActions

    def unlocked(pledges: list[Pledge]) -> bool:
        if any(p.locked for p in pledges):
            from charter_desktop.ui.privacy_dialogs import locked_message

            title = translate("CertificateActions", "Certificates")
            QMessageBox.information(parent, title, locked_message())
            return False
        return True

    def preview(pledges: list[Pledge]) -> None:
        if unlocked(pledges):
            from charter_desktop.ui.print_preview import preview_and_print

            preview_and_print(store, pledges, parent)

    def reprint(pledge: Pledge) -> None:
        if unlocked([pledge]):
            staff_print(store, pledge, parent)

    return CertificateActions(preview_certificates=preview, print_certificate=reprint)
