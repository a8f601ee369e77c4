"""Step 1, who are you: resident, community group, business, public or voluntary sector, with
the organisation's name where one applies (typed on the on-screen keyboard where the kiosk
has one)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QWidget

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.errors import FieldError
from charter_desktop.core.pledges.validation import ORGANISATION_MAX
from charter_desktop.ui.kiosk.draft import PledgeDraft
from charter_desktop.ui.kiosk.keyboard import OnScreenKeyboard
from charter_desktop.ui.kiosk.keyboard_dock import dock_keyboard
from charter_desktop.ui.kiosk.messages import field_message
from charter_desktop.ui.kiosk.widgets import ChoiceButton, FieldRow, Screen, label


class WhoScreen(Screen):
    FIELDS = ("pledger_type", "organisation")

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(self.tr("Who are you pledging as?"), parent=parent)
        self.catalogue = catalogue
        self.body_layout.addWidget(label(catalogue.who_may_sign, "muted"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.type_buttons: dict[str, ChoiceButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, kind in enumerate(catalogue.pledger_types):
            button = ChoiceButton(kind.label)
            button.setMinimumHeight(80)
            self.group.addButton(button)
            self.type_buttons[kind.id] = button
            grid.addWidget(button, index // 2, index % 2)
            button.toggled.connect(self._type_changed)
        self.body_layout.addLayout(grid)
        self.type_error = label("", "error")
        self.type_error.setVisible(False)
        self.body_layout.addWidget(self.type_error)
        self.organisation = QLineEdit()
        self.organisation.setMaxLength(ORGANISATION_MAX)
        self.organisation_row = FieldRow(
            self.tr("Name of your organisation (optional)"),
            self.organisation,
            self.tr("We print it on your certificate with your name."),
        )
        self.organisation_row.setVisible(False)
        self.body_layout.addWidget(self.organisation_row)
        self.body_layout.addStretch(1)
        self.keyboard_dock = dock_keyboard(self, self.scroll_area, [(self.organisation, "name")])
        self.keyboard: OnScreenKeyboard = self.keyboard_dock.keyboard

    def chosen_type(self) -> str:
        return next((k for k, b in self.type_buttons.items() if b.isChecked()), "")

    def _type_changed(self) -> None:
        kind = self.chosen_type()
        has_org = bool(kind) and self.catalogue.pledger_type(kind).has_organisation
        self.organisation_row.setVisible(has_org)
        if kind:
            self.type_error.setVisible(False)

    def collect(self, draft: PledgeDraft) -> None:
        draft.pledger_type = self.chosen_type()
        visible = self.organisation_row.isVisibleTo(self)
        draft.organisation = self.organisation.text() if visible else ""

    def show_errors(self, errors: list[FieldError]) -> QWidget | None:
        """Show each error beside its field; returns the first field to look at."""
        by_field = {e.field: field_message(e) for e in errors}
        type_message = by_field.get("pledger_type", "")
        self.type_error.setText(f"⚠ {type_message}" if type_message else "")
        self.type_error.setVisible(bool(type_message))
        self.organisation_row.set_error(by_field.get("organisation", ""))
        if type_message:
            return next(iter(self.type_buttons.values()))
        return self.organisation if "organisation" in by_field else None

    def first_focus(self) -> QWidget:
        chosen = next((b for b in self.type_buttons.values() if b.isChecked()), None)
        return chosen or next(iter(self.type_buttons.values()))

    def reset(self) -> None:
        self.group.setExclusive(False)
        for button in self.type_buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.organisation.setText("")
        self.show_errors([])
        self.organisation_row.setVisible(False)
        self.keyboard_dock.reset()
        self.scroll_to_top()
