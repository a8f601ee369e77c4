"""One pledge opened by staff: correct a typo, withdraw or reinstate it, or erase it on the
attendee's request (after a confirmation); every change goes through core and is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.pledges import actions as pledge_actions
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.ui.announce import announce
from charter_desktop.ui.dates import show_datetime
from charter_desktop.ui.dialog_fit import FittingScrollArea, fit_to_screen
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.privacy_dialogs import locked_message
from charter_desktop.ui.staff.measures_editor import MeasuresEditor

ACTOR = "staff"


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class PledgeDialog(QDialog):
    def __init__(self, store: Store, pledge: Pledge, parent: QWidget | None = None):  # noqa: PLR0915
        super().__init__(parent)
        self.store = store
        self.pledge = pledge
        self.changed = False
        # Asked before an erasure; tests and the kiosk may supply their own.
        self.confirm: Callable[[QWidget, str, str], bool] = ask_yes_no
        self.setWindowTitle(self.tr("Pledge"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        # The form scrolls when the screen is too short for it; the state, any error and the
        # buttons stay below it, always in view.
        content = QWidget()
        form = QFormLayout(content)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.postcode = QLineEdit()
        self.pledger_type = QComboBox()
        for t in store.catalogue.pledger_types:
            self.pledger_type.addItem(t.label, t.id)
        self.action_list = QListWidget()
        self.action_list.setMinimumHeight(160)
        # Every action in view, none cut: the form around it scrolls instead.
        self.action_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        for action in store.catalogue.actions.values():
            item = QListWidgetItem(action.label)
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.action_list.addItem(item)
        self.pledge_text = QPlainTextEdit()
        self.pledge_text.setMaximumHeight(100)
        self.measures = MeasuresEditor(store.catalogue)
        self.consent_contact = QCheckBox(self.tr("May be contacted"))
        self.consent_publish = QCheckBox(self.tr("Name may be published"))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Pledger"), self.pledger_type)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Actions"), self.action_list)
        form.addRow(self.tr("Measures"), self.measures)
        self.form = form
        self.action_list.itemChanged.connect(lambda _item: self._show_measures())
        form.addRow(self.tr("Own words"), self.pledge_text)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Postcode"), self.postcode)
        self.withdraw_contact = QPushButton(self.tr("Withdraw consent"))
        self.withdraw_contact.setAccessibleName(self.tr("Withdraw consent to contact"))
        self.withdraw_publish = QPushButton(self.tr("Withdraw consent"))
        self.withdraw_publish.setAccessibleName(self.tr("Withdraw consent to publish the name"))
        for box, button in (
            (self.consent_contact, self.withdraw_contact),
            (self.consent_publish, self.withdraw_publish),
        ):
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(button)
            row.addStretch(1)
            form.addRow("", row)
        self.consent_history = PlainLabel()
        self.consent_history.setWordWrap(True)
        form.addRow(self.tr("Consent"), self.consent_history)
        self.form_area = FittingScrollArea(content)
        layout.addWidget(self.form_area, 1)
        self.state = PlainLabel()
        self.error = PlainLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save correction"))
        self.withdraw_button = QPushButton()
        self.erase_button = QPushButton(self.tr("Erase personal data…"))
        close = QPushButton(self.tr("Close"))
        for button in (self.save_button, self.withdraw_button, self.erase_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.withdraw_button.clicked.connect(self.toggle_withdrawn)
        self.erase_button.clicked.connect(self.erase)
        self.withdraw_contact.clicked.connect(lambda: self.withdraw_consent("contact"))
        self.withdraw_publish.clicked.connect(lambda: self.withdraw_consent("publish_name"))
        close.clicked.connect(self.accept)
        self.close_button = close
        self._show(pledge)
        fit_to_screen(self)

    def _show(self, p: Pledge) -> None:
        self.pledge = p
        self.name.setText(p.name)
        self.organisation.setText(p.organisation or "")
        self.email.setText(p.email or "")
        self.phone.setText(p.phone or "")
        self.postcode.setText(p.postcode or "")
        self.pledger_type.setCurrentIndex(max(0, self.pledger_type.findData(p.pledger_type)))
        for i in range(self.action_list.count()):
            item = self.action_list.item(i)
            chosen = item.data(Qt.ItemDataRole.UserRole) in p.actions
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.pledge_text.setPlainText(p.pledge_text or "")
        self.measures.set_measures(p.measures)
        self._show_measures()
        self.consent_contact.setChecked(p.consent_contact)
        self.consent_publish.setChecked(p.consent_publish_name)
        erased = p.erased_at is not None
        when = show_datetime(p.created_at)
        status = self.tr("erased on request") if erased else self.tr(p.status)
        self.state.setText(self.tr("Made {when} · {status}").format(when=when, status=status))
        self.withdraw_button.setText(
            self.tr("Reinstate") if p.status == PledgeStatus.WITHDRAWN else self.tr("Withdraw")
        )
        for widget in (self.save_button, self.withdraw_button, self.erase_button):
            widget.setEnabled(not erased)
        self.withdraw_contact.setEnabled(not erased and p.consent_contact)
        self.withdraw_publish.setEnabled(not erased and p.consent_publish_name)
        self._show_consent_history()

    def _show_consent_history(self) -> None:
        records = consent.consent_history(self.store, self.pledge.id)
        lines = []
        for r in records:
            ticked = [
                name
                for name, on in (
                    (self.tr("contact"), r.consent_contact),
                    (self.tr("name published"), r.consent_publish_name),
                )
                if on
            ]
            when = show_datetime(r.at)
            notice = self.tr(", notice {0}").format(r.notice_version) if r.notice_version else ""
            lines.append(
                self.tr("{when} {kind}{notice}: {ticked}").format(
                    when=when,
                    kind=self.tr(r.kind),
                    notice=notice,
                    ticked=", ".join(ticked) or self.tr("none"),
                )
            )
        self.consent_history.setText("\n".join(lines) or self.tr("no record"))

    def _chosen(self) -> list[str]:
        return [
            str(self.action_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.action_list.count())
            if self.action_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _show_measures(self) -> None:
        self.form.setRowVisible(self.measures, self.measures.show_for(self._chosen()))

    def _changes(self) -> dict[str, Any]:
        def text(value: str) -> str | None:
            return value.strip() or None

        actions = self._chosen()
        return {
            "name": self.name.text(),
            "pledger_type": self.pledger_type.currentData(),
            "organisation": text(self.organisation.text()),
            "email": text(self.email.text()),
            "phone": text(self.phone.text()),
            "postcode": text(self.postcode.text()),
            "actions": actions,
            "pledge_text": text(self.pledge_text.toPlainText()),
            "consent_contact": self.consent_contact.isChecked(),
            "consent_publish_name": self.consent_publish.isChecked(),
            "measures": self.measures.measures(actions),
        }

    def _run(self, change: Callable[[], Pledge]) -> None:
        try:
            updated = change()
        except ValidationError as exc:
            self._problem("; ".join(str(e) for e in exc.errors))
            return
        except PersonalDataLocked:
            self._problem(locked_message())
            return
        self.error.clear()
        self.changed = True
        self._show(updated)

    def _problem(self, message: str) -> None:
        self.error.setText(message)
        announce(self.error, message, assertive=True)

    def save(self) -> None:
        changes = self._changes()
        self._run(lambda: pledge_actions.correct(self.store, self.pledge.id, changes, ACTOR))

    def toggle_withdrawn(self) -> None:
        if self.pledge.status == PledgeStatus.WITHDRAWN:
            self._run(lambda: pledge_actions.reinstate(self.store, self.pledge.id, ACTOR))
        else:
            self._run(lambda: pledge_actions.withdraw(self.store, self.pledge.id, ACTOR))

    def withdraw_consent(self, which: str) -> None:
        """Withdraw one consent on the attendee's behalf (contact also removes email and
        phone, after a confirmation)."""
        if which == "contact" and (self.pledge.email or self.pledge.phone):
            question = self.tr(
                "Withdraw consent to contact? The email address and phone number are removed."
            )
            if not self.confirm(self, self.tr("Withdraw consent"), question):
                return
        self._run(lambda: pledge_actions.withdraw_consent(self.store, self.pledge.id, which, ACTOR))

    def erase(self) -> None:
        question = self.tr(
            "Erase this person's name, organisation, contact details, postcode and own words "
            "for good? The pledge is withdrawn and cannot be restored."
        )
        if not self.confirm(self, self.tr("Erase personal data"), question):
            return
        self._run(lambda: pledge_actions.erase(self.store, self.pledge.id, ACTOR))
