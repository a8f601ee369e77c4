"""The way staff get past the kiosk after the hidden gesture (ui.kiosk.corner) or Ctrl+Alt+S:
the staff PIN typed on a touch keypad; and the first-run dialog where staff choose that PIN,
which also offers to set the kiosk up from a kiosk pack (ui.enrol_dialog) first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.privacy.keys import WrongPassphrase
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.staff.auth import PIN_MAX, PinRuleError
from charter_desktop.core.store import Store
from charter_desktop.ui.announce import announce
from charter_desktop.ui.dialog_fit import fit_to_screen
from charter_desktop.ui.kiosk.widgets import label
from charter_desktop.ui.secret_field import SecretField

if TYPE_CHECKING:
    from charter_desktop.ui.enrol_dialog import EnrolDialog


class Keypad(QWidget):
    """Digits, delete and clear as large keys. They type into the focused one of `targets`
    (the keys never take the focus themselves), or the first one."""

    def __init__(self, *targets: SecretField, parent: QWidget | None = None):
        super().__init__(parent)
        self.targets = targets
        grid = QGridLayout(self)
        grid.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "delete"]
        names = {"clear": self.tr("Clear"), "delete": self.tr("Delete")}
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(keys):
            button = QPushButton(names.get(key, key))
            button.setObjectName("key")
            button.setAccessibleName(names.get(key, key))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button

    def target(self) -> SecretField:
        focused = QApplication.focusWidget()
        return next((t for t in self.targets if t is focused), self.targets[0])

    def _press(self, key: str) -> None:
        target = self.target()
        if key == "clear":
            target.clear_secret()
        elif key == "delete":
            target.backspace()
        else:
            target.insert_secret(key)


def _pin_field(accessible_name: str) -> SecretField:
    """The PIN is typed into a SecretField: nothing of it reaches Qt's accessibility events."""
    field = SecretField(digits_only=True)
    field.setMaxLength(PIN_MAX)
    field.setAccessibleName(accessible_name)
    return field


class PinDialog(QDialog):
    """Asks for the staff PIN; accepted only when core.staff.auth says it is right. After
    wrong tries it shows the wait and refuses tries until the wait is over."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Staff PIN"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        self.heading = label(self.tr("Staff only: enter the staff PIN"), "heading")
        layout.addWidget(self.heading)
        self.pin = _pin_field(self.tr("Staff PIN"))
        layout.addWidget(self.pin)
        self.message = label("", "error")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.keypad = Keypad(self.pin)
        layout.addWidget(self.keypad)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("Unlock"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setAccessibleName(self.tr("Unlock"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.try_pin)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        # Return submits through the default button only: the field's returnPressed as well
        # would count one Return as two tries.
        self.passphrase = SecretField()
        self.passphrase.setAccessibleName(self.tr("Staff passphrase"))
        self.passphrase.setVisible(False)
        layout.insertWidget(2, self.passphrase)
        self._wait_left = 0
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        # Never early (a coarse timer may fire 5 % early): a try at the end of the wait must
        # find the stored wait over too.
        self._wait_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._wait_timer.timeout.connect(self._wait_tick)
        fit_to_screen(self)

    def try_pin(self) -> None:
        if self._wait_left > 0:
            return
        if self.passphrase.isVisible():
            self.try_passphrase()
            return
        result = staff_auth.check_staff_pin(self.store, self.pin.secret())
        self.pin.clear_secret()
        if result.ok:
            self.accept()
            return
        if result.locked_out:
            self._ask_passphrase()
            return
        if result.wait_seconds > 0:
            self._start_wait(result.wait_seconds)
        else:
            self._show(self.tr("That PIN is not right. Please try again."))
        self.pin.setFocus()

    def _ask_passphrase(self) -> None:
        """Too many wrong PINs: only the staff passphrase opens the staff area now."""
        for widget in (self.pin, self.keypad):
            widget.setVisible(False)
        self.heading.setText(self.tr("Staff only: enter the staff passphrase"))
        self.passphrase.setVisible(True)
        self.passphrase.setFocus()
        self._show(
            self.tr(
                "Too many wrong PINs in a row. Type the staff passphrase to open the staff area."
            )
        )

    def try_passphrase(self) -> None:
        try:
            staff_auth.unlock_with_passphrase(self.store, self.passphrase.secret(), actor="staff")
        except WrongPassphrase:
            self._show(self.tr("That passphrase is not right."))
            return
        finally:
            self.passphrase.clear_secret()
        self.accept()

    def _start_wait(self, seconds: int) -> None:
        """No try until the wait is over: the field is cleared and closed to typing and to
        the keypad, so nothing typed meanwhile piles up into the next try."""
        self._wait_left = seconds
        for widget in (self.ok_button, self.pin, self.keypad):
            widget.setEnabled(False)
        self.pin.clear_secret()
        self._show_wait()
        self._wait_timer.start()

    def _show_wait(self, *, spoken: bool = True) -> None:
        self._show(
            self.tr("That PIN is not right. Too many tries: wait {0} s before the next.").format(
                self._wait_left
            ),
            spoken=spoken,
        )

    def _wait_tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_timer.stop()
            for widget in (self.ok_button, self.pin, self.keypad):
                widget.setEnabled(True)
            self.ok_button.setDefault(True)  # Qt drops the default while it is disabled
            self.pin.setFocus()
            self._show(self.tr("You can try the PIN again."))
        else:
            self._show_wait(spoken=False)  # the count is read on request, not every second

    def _show(self, message: str, *, spoken: bool = True) -> None:
        self.message.setText(f"⚠ {message}")
        self.message.setVisible(True)
        if spoken:
            announce(self.message, message, assertive=True)


class SetupPinDialog(QDialog):
    """First run: staff choose the PIN (typed twice) before the kiosk opens to the public.
    "Set up from a kiosk pack…" applies the hub's pack first (event, hub, council key); the
    PIN is chosen here all the same, since a pack carries none."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Choose the staff PIN"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        # The words and fields beside the keypad, not above it: stacked, they are taller than
        # a 1024x768 screen.
        sides = QHBoxLayout()
        sides.setSpacing(24)
        words = QVBoxLayout()
        words.setSpacing(12)
        sides.addLayout(words, 1)
        layout.addLayout(sides)
        words.addWidget(label(self.tr("Choose the staff PIN"), "heading"))
        words.addWidget(
            label(
                self.tr(
                    "Before the kiosk opens to the public, choose the PIN staff will use to "
                    "open the staff area or quit. Use {0} to %n digit(s), not a run like 123456 "
                    "or 111111. Keep it private: it is stored only as a slow salted hash and "
                    "cannot be recovered.",
                    "",
                    staff_auth.PIN_MAX,
                ).format(staff_auth.PIN_MIN)
            )
        )
        self._pack_offer(words)
        self.pin = _pin_field(self.tr("New staff PIN"))
        self.repeat = _pin_field(self.tr("New staff PIN again"))
        row = QHBoxLayout()
        for caption, field in ((self.tr("PIN"), self.pin), (self.tr("Again"), self.repeat)):
            column = QVBoxLayout()
            title = label(caption, "subheading")
            title.setBuddy(field)
            column.addWidget(title)
            column.addWidget(field)
            row.addLayout(column)
        words.addLayout(row)
        self.message = label("", "error")
        self.message.setVisible(False)
        words.addWidget(self.message)
        words.addStretch(1)
        self.keypad = Keypad(self.pin, self.repeat)
        sides.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(self.tr("Not now: close without opening the kiosk"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("Save the PIN"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setAccessibleName(self.tr("Save the PIN"))
        self.ok_button.clicked.connect(self.save)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        fit_to_screen(self)

    def _pack_offer(self, words: QVBoxLayout) -> None:
        self.pack_button = QPushButton(self.tr("Set up from a kiosk pack…"))
        self.pack_button.setAccessibleName(self.tr("Set up from a kiosk pack"))
        self.pack_button.setAutoDefault(False)
        self.pack_button.clicked.connect(self.open_pack_dialog)
        self.pack_note = label("", "notice")
        self.pack_note.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.pack_button)
        row.addStretch(1)
        words.addLayout(row)
        words.addWidget(self.pack_note)
        self.enrol_dialog: EnrolDialog | None = None

    def open_pack_dialog(self) -> EnrolDialog:
        """ "Set up from a kiosk pack": its dialog over this one; once a pack is applied,
        this dialog says what was set up, and the PIN is chosen next."""
        from charter_desktop.ui.enrol_dialog import EnrolDialog  # the sync code: first run only

        dialog = EnrolDialog(self.store, self, first_run=True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._pack_applied(dialog))
        self.enrol_dialog = dialog
        dialog.open()
        return dialog

    def _pack_applied(self, dialog: EnrolDialog) -> None:
        result = dialog.enrolled()
        if result is None:
            return
        self.pack_note.setText(
            self.tr("Set up from the kiosk pack: “{0}” for {1}. Now choose the staff PIN.").format(
                result.device_name, result.event_name
            )
        )
        self.pack_note.setVisible(True)
        self.pack_button.setVisible(False)
        self.activateWindow()  # back from the pack's dialog, to the PIN's fields
        self.pin.setFocus()

    def save(self) -> None:
        pin, repeat = self.pin.secret(), self.repeat.secret()
        if pin != repeat:
            self._show(self.tr("The two PINs are different. Please type the same PIN twice."))
            return
        try:
            staff_auth.set_staff_pin(self.store, pin, actor="staff")
        except PinRuleError:
            self._show(
                self.tr(
                    "The PIN must be {0} to %n digit(s) and not a repeated or consecutive run.",
                    "",
                    staff_auth.PIN_MAX,
                ).format(staff_auth.PIN_MIN)
            )
            return
        self.pin.clear_secret()
        self.repeat.clear_secret()
        self.accept()

    def _show(self, message: str) -> None:
        self.message.setText(f"⚠ {message}")
        self.message.setVisible(True)
        announce(self.message, message, assertive=True)
