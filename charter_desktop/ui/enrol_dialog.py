"""The "Set up from a kiosk pack" dialog: on first start (from the staff PIN dialog) and in
the staff console's Council sync page. Staff choose the pack file the hub wrote (from a USB
stick), or type the hub's address and the pack's one-time code; core.enrolment applies it on
a worker thread (claiming it at the hub may take seconds) and the dialog says what was set
up, or shows the one-line refusal. A pack from another hub than the one this kiosk is
enrolled with moves the kiosk only after staff say so, with the staff passphrase."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.enrolment.apply import EnrolResult, enrol_from_pack, read_pack_file
from charter_desktop.core.enrolment.fetch import fetch_pack
from charter_desktop.core.enrolment.pack import PackError, open_pack
from charter_desktop.core.privacy.service import store_key
from charter_desktop.core.store import Store
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.ui.announce import announce
from charter_desktop.ui.dialog_fit import FittingScrollArea, fit_to_screen, place
from charter_desktop.ui.kiosk.widgets import PlainLabel, label
from charter_desktop.ui.secret_field import SecretField
from charter_desktop.ui.worker import BackgroundCall

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Applied:
    result: EnrolResult


@dataclass(frozen=True)
class Refused:
    message: str


@dataclass(frozen=True)
class MoveAsked:
    """The pack is another hub's than the one this kiosk is enrolled with."""

    needs_passphrase: bool  # the folder has a council key: moving needs its passphrase


@dataclass(frozen=True)
class Outcome:
    """What one press of "Set up this kiosk" did, and the pack's bytes (kept, so a code
    used once need not be typed again for a second press)."""

    step: Applied | Refused | MoveAsked
    raw: bytes | None


def set_up_from_pack(
    store: Store,
    *,
    raw: bytes | None,
    path: Path | None,
    hub_url: str,
    code: str,
    move: bool,
    passphrase: str | None,
) -> Outcome:
    """Read the pack (`raw` already read, else the file at `path`, else fetched with the
    code), then apply it; safe off the UI thread. A pack from another hub is applied only
    with `move`."""
    try:
        if raw is None:
            raw = read_pack_file(path) if path is not None else fetch_pack(hub_url, code)
        if not move:
            enrolled_with = enrolment_of(store).get("hub_key_fingerprint")
            if enrolled_with and enrolled_with != open_pack(raw).hub_key_fingerprint:
                return Outcome(MoveAsked(needs_passphrase=store_key(store) is not None), raw)
        result = enrol_from_pack(store, raw, re_enrol=move, passphrase=passphrase)
    except PackError as exc:  # EnrolError too: refused, and nothing changed
        return Outcome(Refused(str(exc)), raw)
    return Outcome(Applied(result), raw)


class EnrolDialog(QDialog):
    """Set this kiosk up from a kiosk pack. Accepted (by "Continue") once one is applied;
    `result` then says what was set up."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, first_run: bool = False):
        super().__init__(parent)
        self.store = store
        self.first_run = first_run
        self.result_: EnrolResult | None = None
        self.path: Path | None = None
        self.raw: bytes | None = None
        self.moving = False
        self.call: BackgroundCall | None = None
        self.setWindowTitle(self.tr("Set up from a kiosk pack"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(12)
        outer.addWidget(label(self.tr("Set up from a kiosk pack"), "heading"))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(
            label(
                self.tr(
                    "The council's hub makes a kiosk pack for each kiosk: a file to bring on a "
                    "USB stick, or a one-time code to type here with the hub's address. It sets "
                    "this kiosk's event, its hub and the council key, so no passphrase is "
                    "chosen here. The staff PIN is still chosen on this kiosk."
                )
            )
        )
        self.file_box = self._file_box()
        self.code_box = self._code_box()
        column.addWidget(self.file_box)
        column.addWidget(self.code_box)
        column.addStretch(1)
        self.form = FittingScrollArea(body)
        outer.addWidget(self.form, 1)
        # Outside the scrolling form, always in view: a refusal, the passphrase it may ask
        # for, and what was set up.
        self.message = label("", "error")
        self.message.setVisible(False)
        outer.addWidget(self.message)
        self.passphrase_title = label(self.tr("Staff passphrase"), "subheading")
        self.passphrase = SecretField()
        self.passphrase.setAccessibleName(self.tr("Staff passphrase"))
        self.passphrase.setMinimumWidth(420)
        self.passphrase_title.setBuddy(self.passphrase)
        for widget in (self.passphrase_title, self.passphrase):
            widget.setVisible(False)
            outer.addWidget(widget)
        self.done_text = label("", "notice")
        self.done_text.setVisible(False)
        outer.addWidget(self.done_text)
        outer.addLayout(self._buttons())
        fit_to_screen(self)

    # Building -----------------------------------------------------------------------------

    def _file_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("From a USB stick"))
        row = QHBoxLayout(box)
        self.file_button = QPushButton(self.tr("Choose the pack file…"))
        self.file_button.setAccessibleName(self.tr("Choose the kiosk pack file"))
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self.choose_file)
        self.file_label = PlainLabel(self.tr("No file chosen"))
        self.file_label.setWordWrap(True)
        row.addWidget(self.file_button)
        row.addWidget(self.file_label, 1)
        self.file_dialog: QFileDialog | None = None
        return box

    def _code_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Or over the network, with the one-time code"))
        form = QFormLayout(box)
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("https://192.168.1.10:8750")
        self.hub_url.setAccessibleName(self.tr("Hub address"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JK")
        self.code.setAccessibleName(self.tr("One-time code"))
        self.code.setMaxLength(40)
        form.addRow(self.tr("Hub address"), self.hub_url)
        form.addRow(self.tr("One-time code"), self.code)
        for field in (self.hub_url, self.code):
            field.textEdited.connect(self._typed_code)
        return box

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel: set nothing up"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.apply_button = QPushButton(self.tr("Set up this kiosk"))
        self.apply_button.setObjectName("primary")
        self.apply_button.setAccessibleName(self.tr("Set up this kiosk"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        continue_text = self.tr("Next: choose the staff PIN") if self.first_run else self.tr("Done")
        self.continue_button = QPushButton(continue_text)
        self.continue_button.setObjectName("primary")
        self.continue_button.setAccessibleName(continue_text)
        self.continue_button.setVisible(False)
        self.continue_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.continue_button)
        return buttons

    # Choosing the pack ----------------------------------------------------------------------

    def choose_file(self) -> None:
        """Qt's own file dialog (not the desktop's), so a kiosk session without a desktop
        shows one too, and a keyboard or screen reader drives it like the rest."""
        dialog = QFileDialog(self, self.tr("The kiosk pack file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilters([self.tr("Kiosk packs (*.json *.pack)"), self.tr("Any file (*)")])
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(lambda chosen: self.use_file(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def use_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.file_label.setAccessibleName(self.tr("Chosen pack file: {0}").format(path.name))
        self.code.clear()  # the file is what will be applied
        self._forget_pack()
        self.apply_button.setFocus()

    def _typed_code(self) -> None:
        """The address or code changed: they are what will be applied, not a file."""
        if self.path is not None:
            self.path = None
            self.file_label.setText(self.tr("No file chosen"))
            self.file_label.setAccessibleName("")
        self._forget_pack()

    def _forget_pack(self) -> None:
        self.raw = None
        self.moving = False
        self.apply_button.setText(self.tr("Set up this kiosk"))
        self.apply_button.setAccessibleName(self.tr("Set up this kiosk"))
        for widget in (self.passphrase_title, self.passphrase, self.message):
            widget.setVisible(False)

    # Applying -----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.call is not None and self.call.running

    def apply(self) -> None:
        if self.busy:
            return
        url, code = self.hub_url.text().strip(), self.code.text().strip()
        if self.raw is None and self.path is None:
            if not url and not code:
                self._refuse(
                    self.tr("Choose the pack file, or type the hub's address and the code.")
                )
                return
            if not url.lower().startswith(("https://", "http://")):
                self._refuse(self.tr("Type the hub's address, like https://192.168.1.10:8750"))
                return
            if not code:
                self._refuse(self.tr("Type the one-time code the hub gave, like ABCD-EFGH-JK"))
                return
        passphrase = self.passphrase.secret() if self.passphrase.isVisible() else None
        self.passphrase.clear_secret()
        store, raw, path, move = self.store, self.raw, self.path, self.moving
        self._set_busy(True)
        call = BackgroundCall(
            lambda: set_up_from_pack(
                store, raw=raw, path=path, hub_url=url, code=code, move=move, passphrase=passphrase
            ),
            self,
        )
        call.done.connect(self._finished)
        call.failed.connect(lambda message: self._finished(Outcome(Refused(message), None)))
        self.call = call
        call.start()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.apply_button, self.file_button, self.hub_url, self.code):
            widget.setEnabled(not busy)
        if busy:
            self.message.setVisible(False)
            self.done_text.setText(self.tr("Setting up this kiosk…"))
            self.done_text.setVisible(True)
            announce(self.done_text, self.done_text.text())

    def _finished(self, outcome: Outcome) -> None:
        self._set_busy(False)
        self.done_text.setVisible(False)
        if outcome.raw is not None:
            self.raw = outcome.raw
        step = outcome.step
        if isinstance(step, Applied):
            self._applied(step.result)
        elif isinstance(step, MoveAsked):
            self._ask_move(step.needs_passphrase)
        else:
            self._refuse(step.message)

    def _ask_move(self, needs_passphrase: bool) -> None:
        self.moving = True
        for widget in (self.passphrase_title, self.passphrase):
            widget.setVisible(needs_passphrase)
        self.apply_button.setText(self.tr("Move this kiosk"))
        self.apply_button.setAccessibleName(self.tr("Move this kiosk to the pack's hub"))
        if needs_passphrase:
            self._refuse(
                self.tr(
                    "This kiosk is set up with another hub. To move it to the hub that made "
                    "this pack, type the staff passphrase and press “Move this kiosk”."
                )
            )
            self.passphrase.setFocus()
        else:
            self._refuse(
                self.tr(
                    "This kiosk is set up with another hub. Press “Move this kiosk” to move "
                    "it to the hub that made this pack."
                )
            )

    def _refuse(self, message: str) -> None:
        self.message.setText(f"⚠ {message}")
        self.message.setVisible(True)
        self._grow()
        announce(self.message, message, assertive=True)

    def _grow(self) -> None:
        """Taller, as far as the screen allows, for the lines just shown below the form."""
        layout, body = self.layout(), self.form.widget()
        if self.isVisible() and layout is not None and body is not None:
            body.adjustSize()  # the form's own layout first, then the dialog's
            layout.activate()
            place(self, self.sizeHint().expandedTo(self.size()))

    def _fit_result(self) -> None:
        """The height of what the dialog shows now (the form gone), at the width it has, so
        its wrapped lines keep their place."""
        layout = self.layout()
        if self.isVisible() and layout is not None:
            layout.activate()
            height = (
                layout.totalHeightForWidth(self.width())
                if layout.hasHeightForWidth()
                else self.sizeHint().height()
            )
            place(self, QSize(self.width(), height))

    def _applied(self, result: EnrolResult) -> None:
        self.result_ = result
        log.info("kiosk set up from pack %s for event %s", result.pack_id, result.event_id)
        lines = [
            self.tr("This kiosk is set up as “{0}” for {1}, with the hub at {2}.").format(
                result.device_name, result.event_name, result.hub_url
            ),
            self.tr("From the kiosk pack file {0}.").format(self.path)
            if self.path is not None
            else self.tr("From the kiosk pack the hub gave for the one-time code."),
        ]
        if result.council_key_id:
            lines.append(self.tr("Attendees' details are sealed to the council's key."))
        if not result.claimed:
            lines.append(
                self.tr(
                    "The hub was not reached yet: the kiosk takes pledges now, and its first "
                    "sync with the hub completes the set-up."
                )
            )
        if self.first_run:
            lines.append(self.tr("Next, choose the staff PIN for this kiosk."))
        text = "\n".join(lines)
        self.done_text.setText(text)
        self.done_text.setVisible(True)
        announce(self.done_text, text)
        # Nothing is left to choose or type: the form (both ways in) goes, rather than stay
        # in view greyed out, and the result says which way the pack came.
        hidden: tuple[QWidget, ...] = (
            self.form,
            self.apply_button,
            self.cancel_button,
            self.passphrase,
            self.passphrase_title,
            self.message,
        )
        for widget in hidden:
            widget.setVisible(False)
        self.continue_button.setVisible(True)
        self.continue_button.setDefault(True)
        self.continue_button.setFocus()
        self._fit_result()

    def enrolled(self) -> EnrolResult | None:
        """What was set up, once a pack was applied."""
        return self.result_
