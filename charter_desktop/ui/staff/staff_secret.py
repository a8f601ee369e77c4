"""Staff settings, and whatever sends data off the machine, need the staff passphrase, not
only the PIN.

The PIN guards the staff area against the public; it is short and may be watched over a
shoulder. On a kiosk with a council key, the passphrase is what proves a council officer: so
changing the event, the kiosk's settings, the PIN, the mail server, the hub, the retention
policy, and sending or writing pledges anywhere (sync, email, USB bundle, a backup to a USB
stick) ask for it first when staff came in with the PIN only and kept the details locked.
Once it opens the council key the step goes on, and later ones do not ask again until the
kiosk locks. Without a council key there is no passphrase, and the PIN is all there is (the
Privacy page says so). The command line asks the same (cli.commands, NEEDS_STAFF_SECRET).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.store import Store
from charter_desktop.ui.privacy_dialogs import UnlockDialog


def with_staff_secret(page: QWidget, store: Store, what: str, step: Callable[[], object]) -> None:
    """Do `step` now if the council key is open (or the folder has none); else ask for the
    passphrase, naming `what` needs it, and do `step` once it opens. "Not now" does nothing.

    The dialog is a child of `page`, a staff tool: going back to the kiosk (or the idle
    reset) closes it with the staff area (StaffHome.leave), so it never stays over the
    public screens, and `step` never runs on a tool already destroyed."""
    if not privacy_service.details_locked(store):
        step()
        return
    dialog = UnlockDialog(store, page, purpose=what)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(step)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def guard(button: QAbstractButton, store: Store, what: str, step: Callable[[], object]) -> None:
    """Connect `button` to `step`, behind the staff passphrase (with_staff_secret)."""

    def clicked() -> None:
        page = button.parentWidget()
        assert page is not None, "a staff button is always in its page"
        with_staff_secret(page, store, what, step)

    button.clicked.connect(clicked)
