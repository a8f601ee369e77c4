"""The kiosk window: around the attendee's steps (ui.kiosk.flow, in the frame of
ui.kiosk.frame) it saves the pledge, wipes everything when idle or finished, and lets staff in
only with the PIN.

It can be shown before the store is open: made from the catalogue alone it paints the welcome
screen, and `attach_store` (once the database layer has loaded) builds the rest and makes it
ready for pledges. Given a store, it is ready from the start."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

# Only what the welcome screen needs is imported here. The steps, validation, the database
# layer and the staff area load in attach_store, after the kiosk is on screen (methods that
# run only after it import them where they use them).
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.ui.kiosk.flow import FlowWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from charter_desktop.core.pledges.records import Pledge
    from charter_desktop.core.store import Store
    from charter_desktop.core.sync.event_total import EventStatus
    from charter_desktop.ui.kiosk.staff_access import PinDialog
    from charter_desktop.ui.kiosk.staff_gate import StaffGate
    from charter_desktop.ui.kiosk.thanks import CertificateAction
    from charter_desktop.ui.privacy_dialogs import UnlockDialog
    from charter_desktop.ui.staff_home import StaffHome


log = logging.getLogger(__name__)
THANKS_SECONDS = 30
TAP_GUARD_SECONDS = 0.5  # a second tap this soon after a screen changes is ignored
CHECKPOINT_AFTER_MS = 500  # the saved pledge goes into the database file behind the thanks
STAFF_KEY = "Ctrl+Alt+S"


class KioskWindow(FlowWindow):
    """The attendee's kiosk, on `store`, or on `catalogue` alone until attach_store.

    `print_certificate` and `queue_certificate_email`, when given, add those buttons to the
    thank-you screen; the idle and thank-you times default to the kiosk settings and 30 s.
    """

    ready = Signal()  # the store is attached: the flow takes pledges from now on
    pledge_saved = Signal()  # a pledge is stored (the sync schedule sends it soon)

    def __init__(
        self,
        store: Store | None = None,
        *,
        catalogue: Catalogue | None = None,
        print_certificate: CertificateAction | None = None,
        queue_certificate_email: CertificateAction | None = None,
        idle_timeout_seconds: float | None = None,
        warning_seconds: float | None = None,
        thanks_seconds: int = THANKS_SECONDS,
        tap_guard_seconds: float = TAP_GUARD_SECONDS,
    ):
        if catalogue is None:
            if store is None:
                raise TypeError("KioskWindow needs a store or a catalogue")
            catalogue = store.catalogue
        super().__init__(catalogue, tap_guard_seconds)
        self.store: Store | None = None
        self.last_pledge: Pledge | None = None
        self._saving = False
        self._certificate_actions = (print_certificate, queue_certificate_email)
        self._times = (idle_timeout_seconds, warning_seconds, thanks_seconds)
        self.corner.staff_requested.connect(self.request_staff)
        self.welcome.start_requested.connect(self._start)
        self.restyle()
        self.stack.setCurrentWidget(self.welcome)
        if store is not None:
            self.attach_store(store)

    def is_ready(self) -> bool:
        return self.store is not None

    def attach_store(
        self,
        store: Store,
        *,
        print_certificate: CertificateAction | None = None,
        queue_certificate_email: CertificateAction | None = None,
    ) -> None:
        """Build the rest of the kiosk on `store` and make it ready for pledges (actions given
        here replace the ones given to the constructor)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        from charter_desktop.core.kiosk.capture import kiosk_settings
        from charter_desktop.ui.kiosk.idle import WARNING_SECONDS, watch_idle
        from charter_desktop.ui.kiosk.staff_gate import StaffGate
        from charter_desktop.ui.staff_home import StaffHome

        if self.store is not None:
            raise RuntimeError("the kiosk already has its store")
        self.store = store
        printing, emailing = self._certificate_actions
        idle_timeout, warning_seconds, thanks_seconds = self._times
        self._build_flow(
            print_certificate or printing, queue_certificate_email or emailing, thanks_seconds
        )
        self.review.next_requested.connect(self.confirm)
        self.staff: StaffHome = StaffHome(store, self.stack)  # a page only while staff use it
        self.staff.back_to_kiosk.connect(self.reset_flow)
        self.staff.quit_requested.connect(self.quit_kiosk)
        timeout = idle_timeout
        if timeout is None:
            timeout = kiosk_settings(store).idle_timeout_seconds
        if warning_seconds is None:
            warning_seconds = min(WARNING_SECONDS, timeout / 2)
        self.idle, self.overlay = watch_idle(self, timeout, warning_seconds, self.reset_flow)
        self.staff_shortcut = QShortcut(QKeySequence(STAFF_KEY), self)
        self.staff_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.staff_shortcut.activated.connect(self.request_staff)
        self.gate: StaffGate = StaffGate(store, self)
        self.gate.opened.connect(self.show_staff)
        self.gate.unlocked.connect(self.staff.refresh)
        self.reset_flow()
        self.ready.emit()

    def _start(self) -> None:
        if self.store is None:  # still loading: the tap is not taken
            return
        self.reset_flow()
        self._show(self.who)

    def confirm(self) -> None:
        """Store the pledge, then (only then) thank the attendee. A tap while saving, or
        straight after the review appeared, does nothing; a repeat of a stored pledge id
        returns the same pledge, so one pledge is stored however often this runs."""
        from charter_desktop.core.certificates.links import pledge_certificate_url  # signing keys
        from charter_desktop.core.errors import ValidationError
        from charter_desktop.core.kiosk.capture import submit_pledge
        from charter_desktop.core.store import SaveFailed

        if self._saving or self.store is None:
            return
        if time.monotonic() - self._screen_shown_at < self.tap_guard_seconds:
            return
        self._saving = True
        self.review.set_saving(True)
        QApplication.processEvents()
        try:
            pledge = submit_pledge(self.store, self.draft.to_json(), self.draft.notice_version)
        except ValidationError as exc:
            log.warning("kiosk pledge refused: %s", ", ".join(e.field for e in exc.errors))
            self._send_back_to(exc)
            return
        except Exception as exc:  # noqa: BLE001  any failure: say so, keep all that was typed
            # Only the failure's type is logged: a database error can quote the values.
            reason = str(exc) if isinstance(exc, SaveFailed) else type(exc).__name__
            log.error("saving kiosk pledge %s failed: %s", self.draft.id, reason)
            self.review.show_save_error(
                self.tr(
                    "Sorry, your pledge could not be saved just now. Nothing you typed is "
                    "lost: please tap “Confirm my pledge” again, or ask a member of staff."
                )
            )
            return
        finally:  # no event is handled before the thank-you screen shows
            self._saving = False
            self.review.set_saving(False)
        self.last_pledge = pledge
        try:
            url = pledge_certificate_url(self.store, pledge)
        except Exception as exc:  # noqa: BLE001  the pledge is stored; only its QR is missing
            log.error("certificate URL for pledge %s failed: %s", pledge.id, type(exc).__name__)
            url = ""
        self.thanks.show_pledge(pledge, url)
        self._show(self.thanks)
        self.refresh_count()  # counted at once, on this kiosk's own figure if not yet the hub's
        self.pledge_saved.emit()
        QTimer.singleShot(CHECKPOINT_AFTER_MS, self, self.store.checkpoint)

    def reset_flow(self) -> None:
        """Back to the welcome screen: the last attendee's fields wiped, the council key locked,
        and the staff tools destroyed with every decrypted value they held."""
        from charter_desktop.core.kiosk.capture import kiosk_settings

        self.gate.close()
        self.staff.leave()
        self.thanks.stop_countdown()
        self._wipe_attendee()
        if self.store is not None:  # staff may have changed it
            mode = kiosk_settings(self.store).on_screen_keyboard
            for dock in (self.who.keyboard_dock, self.about_you.keyboard_dock):
                dock.set_mode(mode)
        self._saving = False
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.overlay.hide()
        self.refresh_count()
        self._show(self.welcome)

    def refresh_count(self) -> None:
        """The welcome screen's count. With a hub set up, the whole event's (core.sync.
        event_total: the hub's last total plus this kiosk's pledges the hub does not have
        yet, this kiosk's alone until a hub answered); without one, this folder's pledges of
        the event, whichever kiosk took them (a folder may hold pledges merged from others,
        which event_status, counting this kiosk's own, would leave out). A local read, no
        network."""
        from charter_desktop.core.sync.settings import load_sync_settings_of

        if self.store is None:
            return
        if load_sync_settings_of(self.store).configured:
            from charter_desktop.core.sync.event_total import event_status

            self.show_event_status(event_status(self.store))
            return
        event = self.store.current_event()
        self.welcome.show_count(self.store.count_pledges(event.id), event.target, event.name)

    def show_event_status(self, status: EventStatus) -> None:
        """The event's figures as the sync schedule last read them (ui.schedules); once a hub
        has answered, the event's name says the count is every kiosk's."""
        name = status.name
        if status.hub_as_of is not None:
            name = self.tr("{0}, every kiosk together").format(status.name)
        self.welcome.show_count(status.event_total, status.target, name)

    # Staff access and closing --------------------------------------------------------

    def request_staff(self) -> None:
        """Ask for the staff PIN (the corner gesture or Ctrl+Alt+S)."""
        if self.store is not None and self.current() is not self.staff:
            self.gate.ask_pin()

    @property
    def pin_dialog(self) -> PinDialog | None:
        return self.gate.pin_dialog

    @property
    def unlock_dialog(self) -> UnlockDialog | None:
        return self.gate.unlock_dialog

    def show_staff(self) -> None:
        self._wipe_attendee()
        self.stack.addWidget(self.staff)
        self.staff.refresh()
        self._show(self.staff)
        self.gate.offer_unlock()

    def quit_kiosk(self) -> None:
        """Close the kiosk for good (staff only: reached through the PIN)."""
        self.release_for_shutdown()
        self.close()

    def release_for_shutdown(self) -> None:
        """Let the window close (the app's own shutdown, after the event loop has ended)."""
        self.release()
        if self.store is not None:
            self.idle.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.store is not None and self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())
