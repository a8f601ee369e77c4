"""Step 3, about you: the name for the certificate (required), optional contact details and
postcode, each consent as its own unticked box in plain words, and a short privacy notice.
Below the form, while a text field has the focus, the kiosk's on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from charter_desktop.core.catalogue import DEFAULT_PRIVACY_NOTICE, PrivacyNotice
from charter_desktop.core.errors import FieldError
from charter_desktop.core.pledges.validation import EMAIL_MAX, NAME_MAX, PHONE_MAX, POSTCODE_MAX
from charter_desktop.ui.kiosk.draft import PledgeDraft
from charter_desktop.ui.kiosk.keyboard import OnScreenKeyboard
from charter_desktop.ui.kiosk.keyboard_dock import dock_keyboard
from charter_desktop.ui.kiosk.messages import field_message
from charter_desktop.ui.kiosk.widgets import FieldRow, Screen, label


def _line(max_length: int, hints: Qt.InputMethodHint | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setClearButtonEnabled(False)
    if hints is not None:
        edit.setInputMethodHints(hints)
    return edit


class AboutYouScreen(Screen):
    FIELDS = ("name", "email", "phone", "postcode", "consent_contact", "consent_publish_name")

    def __init__(
        self,
        council: str,
        notice: PrivacyNotice = DEFAULT_PRIVACY_NOTICE,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("About you"), parent=parent)
        # The notice's words come with the council's catalogue, and so does its version,
        # which each pledge's consent record keeps.
        self.notice_version = notice.version
        self.name = _line(NAME_MAX)
        self.email = _line(EMAIL_MAX, Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.phone = _line(PHONE_MAX, Qt.InputMethodHint.ImhDialableCharactersOnly)
        hints = Qt.InputMethodHint
        self.postcode = _line(POSTCODE_MAX, hints.ImhPreferUppercase | hints.ImhNoPredictiveText)
        self.rows = {
            "name": FieldRow(
                self.tr("Your name (required)"),
                self.name,
                self.tr("As you would like it on your certificate."),
            ),
            "email": FieldRow(self.tr("Email address (optional)"), self.email),
            "phone": FieldRow(self.tr("Phone number (optional)"), self.phone),
            "postcode": FieldRow(
                self.tr("Postcode (optional)"),
                self.postcode,
                self.tr("Helps the council see where pledges come from."),
            ),
        }
        self.body_layout.addWidget(self.rows["name"])
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.rows["email"], 0, 0, top)
        grid.addWidget(self.rows["phone"], 0, 1, top)
        grid.addWidget(self.rows["postcode"], 1, 0, top)
        self.body_layout.addLayout(grid)
        self.consent_contact = QCheckBox(
            self.tr("Contact me about my pledge and the charter, by the email or phone I gave.")
        )
        self.consent_publish = QCheckBox(self.tr("Show my name on the pledge wall."))
        for box in (self.consent_contact, self.consent_publish):
            box.setChecked(False)
            self.body_layout.addWidget(box)
        self.privacy = label(notice.for_council(council), "notice")
        self.body_layout.addWidget(self.privacy)
        self.body_layout.addStretch(1)
        self._needs_consent: set[str] = set()
        self.consent_contact.toggled.connect(self._consent_changed)
        self.setTabOrder(self.name, self.email)
        self.setTabOrder(self.email, self.phone)
        self.setTabOrder(self.phone, self.postcode)
        self.setTabOrder(self.postcode, self.consent_contact)
        self.setTabOrder(self.consent_contact, self.consent_publish)
        self.keyboard_dock = dock_keyboard(
            self,
            self.scroll_area,
            [(self.name, "name"), (self.email, "email"), (self.phone, "phone"),
             (self.postcode, "postcode")],
        )  # fmt: skip
        self.keyboard: OnScreenKeyboard = self.keyboard_dock.keyboard

    def _consent_changed(self, checked: bool) -> None:
        """Ticking "Contact me" answers the errors that asked for it."""
        if checked:
            for key in self._needs_consent:
                self.rows[key].set_error("")
            self._needs_consent.clear()

    def collect(self, draft: PledgeDraft) -> None:
        draft.name = self.name.text()
        draft.email = self.email.text()
        draft.phone = self.phone.text()
        draft.postcode = self.postcode.text()
        draft.consent_contact = self.consent_contact.isChecked()
        draft.consent_publish_name = self.consent_publish.isChecked()
        draft.notice_version = self.notice_version

    def show_errors(self, errors: list[FieldError]) -> QWidget | None:
        by_field: dict[str, str] = {}
        self._needs_consent = {e.field for e in errors if "consent" in e.message} & set(self.rows)
        for error in errors:
            by_field.setdefault(error.field, field_message(error))
        first: QWidget | None = None
        for key, row in self.rows.items():
            row.set_error(by_field.get(key, ""))
            if key in by_field and first is None:
                first = row.field
        return first

    def first_focus(self) -> QWidget:
        return self.name

    def reset(self) -> None:
        for edit in (self.name, self.email, self.phone, self.postcode):
            edit.setText("")
        self.consent_contact.setChecked(False)
        self.consent_publish.setChecked(False)
        self.show_errors([])
        self.keyboard_dock.reset()
        self.scroll_to_top()
