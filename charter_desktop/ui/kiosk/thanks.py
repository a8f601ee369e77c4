"""Step 5, thank you: the certificate's QR code, printing it or having it emailed later,
and a countdown back to the welcome screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from charter_desktop.ui.announce import announce
from charter_desktop.ui.kiosk.qr import QrWidget
from charter_desktop.ui.kiosk.widgets import label

if TYPE_CHECKING:  # the database layer loads after the kiosk is on screen
    from charter_desktop.core.pledges.records import Pledge

log = logging.getLogger(__name__)
CertificateAction = Callable[["Pledge"], None]


class ThanksScreen(QWidget):
    finished = Signal()

    def __init__(
        self,
        print_certificate: CertificateAction | None,
        queue_certificate_email: CertificateAction | None,
        return_seconds: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("screen")
        self._print = print_certificate
        self._email = queue_certificate_email
        self.return_seconds = return_seconds
        self.pledge: Pledge | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(64, 16, 64, 32)
        outer.setSpacing(48)
        text = QVBoxLayout()
        text.setSpacing(16)
        self.heading = label("", "title")
        text.addWidget(self.heading)
        self.stored_label = label(
            self.tr(
                "Your pledge is stored. Thank you for helping build a fairer society and a "
                "more resilient economy."
            ),
            "subheading",
        )
        text.addWidget(self.stored_label)
        self.scan_hint = label(
            self.tr("Scan the code with your phone to see your pledge certificate.")
        )
        text.addWidget(self.scan_hint)
        self.print_button = QPushButton(self.tr("Print my certificate"))
        self.print_button.setAccessibleName(self.tr("Print my certificate"))
        self.print_button.clicked.connect(self._print_clicked)
        self.email_button = QPushButton(self.tr("Email my certificate to me later"))
        self.email_button.setAccessibleName(self.tr("Email my certificate to me later"))
        self.email_button.clicked.connect(self._email_clicked)
        for button in (self.print_button, self.email_button):
            text.addWidget(button)
        self.status = label("", "notice")
        self.status.setVisible(False)
        text.addWidget(self.status)
        text.addStretch(1)
        self.countdown = label("", "countdown")
        text.addWidget(self.countdown)
        self.finish_button = QPushButton(self.tr("Finish"))
        self.finish_button.setObjectName("primary")
        self.finish_button.setAccessibleName(self.tr("Finish"))
        self.finish_button.clicked.connect(self.finished)
        text.addWidget(self.finish_button, alignment=Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(text, 3)
        self.qr = QrWidget()
        outer.addWidget(self.qr, 2, Qt.AlignmentFlag.AlignVCenter)
        self._left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    def show_pledge(self, pledge: Pledge, certificate_url: str) -> None:
        self.pledge = pledge
        self.heading.setText(self.tr("Thank you, {0}!").format(pledge.name))
        self.qr.set_text(certificate_url)
        self._describe_code(certificate_url)
        self.print_button.setVisible(self._print is not None)
        self.print_button.setEnabled(True)
        can_email = self._email is not None and pledge.consent_contact and bool(pledge.email)
        self.email_button.setVisible(can_email)
        self.email_button.setEnabled(True)
        self._set_status("")
        self.restart_countdown()

    def _describe_code(self, certificate_url: str) -> None:
        """The QR's text alternative says what the code is for and where it leads, never
        what it holds (the attendee's name is in it)."""
        host = urlsplit(certificate_url).hostname or ""
        self.qr.setVisible(bool(certificate_url))  # no code could be made: none is offered
        self.scan_hint.setVisible(bool(certificate_url))
        self.qr.setAccessibleName(self.tr("QR code of your pledge certificate"))
        self.qr.setAccessibleDescription(
            self.tr(
                "Scan it with a phone camera to open your certificate on {0}, where anyone "
                "you show it to can check that it is genuine."
            ).format(host)
            if host
            else ""
        )

    def summary(self) -> str:
        """What a screen reader says as the screen appears: that the pledge is stored. Not
        the attendee's name, which is on the screen for them to read: a kiosk's screen reader
        may speak through a loudspeaker."""
        return self.stored_label.text()

    def first_focus(self) -> QWidget:
        """The main action: printing the certificate where the kiosk has a printer, else
        Finish."""
        return self.finish_button if self.print_button.isHidden() else self.print_button

    def restart_countdown(self) -> None:
        self._left = self.return_seconds
        self._show_left()
        self._timer.start()

    def stop_countdown(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._timer.stop()
            self.finished.emit()
            return
        self._show_left()

    def _show_left(self) -> None:
        self.countdown.setText(self.tr("Back to the start in {0} s").format(self._left))

    def _set_status(self, message: str, *, problem: bool = False) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))
        announce(self.status, message, assertive=problem)

    def _run(self, action: CertificateAction | None, what: str) -> bool:
        if action is None or self.pledge is None:
            return False
        self.restart_countdown()
        try:
            action(self.pledge)
        except Exception:  # any failure of printing or queueing: say so, keep the pledge
            log.exception("certificate %s failed for pledge %s", what, self.pledge.id)
            return False
        return True

    def _print_clicked(self) -> None:
        self.print_button.setEnabled(False)
        if self._run(self._print, "printing"):
            self._set_status(self.tr("Your certificate is printing. Please collect it."))
        else:
            self.print_button.setEnabled(True)
            self._set_status(
                self.tr(
                    "⚠ Sorry, the certificate could not be printed. Your pledge is safely "
                    "stored; please ask a member of staff, or scan the code instead."
                ),
                problem=True,
            )

    def _email_clicked(self) -> None:
        self.email_button.setEnabled(False)
        if self._run(self._email, "email"):
            self._set_status(self.tr("We will email your certificate to you."))
        else:
            self.email_button.setEnabled(True)
            self._set_status(
                self.tr(
                    "⚠ Sorry, the email could not be arranged. Your pledge is safely stored; "
                    "please ask a member of staff, or scan the code instead."
                ),
                problem=True,
            )

    def reset(self) -> None:
        self._timer.stop()
        self.pledge = None
        self.heading.setText("")
        self.qr.set_text("")
        self._set_status("")
        self.countdown.setText("")
