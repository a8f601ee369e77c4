"""Step 4, review: everything the attendee entered, in words, before they confirm; a failed
save is explained here and nothing they typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.pledges.validation import PledgeInput
from charter_desktop.ui.announce import announce
from charter_desktop.ui.kiosk.widgets import Screen, label


class ReviewScreen(Screen):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(
            self.tr("Check your pledge"),
            next_text=self.tr("Confirm my pledge"),
            back_text=self.tr("Change something"),
            parent=parent,
        )
        self.catalogue = catalogue
        self.save_error = label("", "error")
        self.save_error.setVisible(False)
        self.body_layout.addWidget(self.save_error)
        self.card = QFrame()
        self.card.setObjectName("card")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(24, 16, 24, 16)
        self.card_layout.setSpacing(6)
        self.body_layout.addWidget(self.card)
        hint = self.tr("Tap “Confirm my pledge” to make it. Staff can withdraw it later.")
        self.body_layout.addWidget(label(hint, "muted"))
        self.body_layout.addStretch(1)
        self.sections: dict[str, str] = {}

    def _add(self, heading: str, lines: list[str]) -> None:
        self.card_layout.addWidget(label(heading, "subheading"))
        for line in lines:
            self.card_layout.addWidget(label(line))
        self.sections[heading] = "\n".join(lines)

    def _action_line(self, action_id: str, amount: float | None) -> str:
        action = self.catalogue.actions[action_id]
        if amount is None or action.measure is None:
            return f"• {action.label}"
        measure = self.tr("{0}: {1}").format(
            action.measure.label, action.measure.amount_text(amount)
        )
        return f"• {action.label}\n   {measure}"

    def _clear_card(self) -> None:
        while self.card_layout.count():
            item = self.card_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.sections = {}

    def show_pledge(self, pledge: PledgeInput) -> None:
        """Show the pledge as it will be stored (checked and tidied by core validation)."""
        self._clear_card()
        self.show_save_error("")
        kind = self.catalogue.pledger_type(pledge.pledger_type).label
        organisation = [pledge.organisation] if pledge.organisation else []
        self._add(self.tr("Pledging as"), [kind, *organisation])
        actions = [self._action_line(a, pledge.measures.get(a)) for a in pledge.actions]
        if actions:
            self._add(self.tr("Your actions"), actions)
        if pledge.pledge_text:
            self._add(self.tr("In your own words"), [pledge.pledge_text])
        details = [self.tr("Name: {0}").format(pledge.name)]
        for caption, value in (
            (self.tr("Email: {0}"), pledge.email),
            (self.tr("Phone: {0}"), pledge.phone),
            (self.tr("Postcode: {0}"), pledge.postcode),
        ):
            if value:
                details.append(caption.format(value))
        self._add(self.tr("About you"), details)
        self._add(
            self.tr("Your choices"),
            [
                self.tr("Contact me: yes") if pledge.consent_contact else self.tr("Contact me: no"),
                self.tr("Show my name on the pledge wall: yes")
                if pledge.consent_publish_name
                else self.tr("Show my name on the pledge wall: no"),
            ],
        )
        self.scroll_to_top()

    def show_save_error(self, message: str) -> None:
        self.save_error.setText(f"⚠ {message}" if message else "")
        self.save_error.setVisible(bool(message))
        if message:
            self.scroll_to_top()
            announce(self.save_error, message, assertive=True)

    def set_saving(self, saving: bool) -> None:
        """While a save runs, neither button can be tapped again."""
        self.next_button.setEnabled(not saving)
        self.back_button.setEnabled(not saving)
        self.next_button.setText(
            self.tr("Saving your pledge…") if saving else self.tr("Confirm my pledge")
        )

    def reset(self) -> None:
        self._clear_card()
        self.show_save_error("")
        self.set_saving(False)
