"""Step 2, choose: the charter's two benefits with their example actions as large toggles,
and the attendee's pledge in their own words with a live character limit."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.errors import FieldError
from charter_desktop.ui.kiosk.draft import PledgeDraft
from charter_desktop.ui.kiosk.measure_field import MeasureField
from charter_desktop.ui.kiosk.messages import field_message
from charter_desktop.ui.kiosk.widgets import FieldRow, Screen, ToggleButton, label


class ChooseScreen(Screen):
    FIELDS: tuple[str, ...] = ("actions", "pledge_text")

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(self.tr("What will you do?"), parent=parent)
        self.max_length = catalogue.own_words.max_length
        self.FIELDS = (
            *ChooseScreen.FIELDS,
            "measures",
            *(f"measures.{a}" for a in catalogue.measures),
        )
        self.body_layout.addWidget(
            label(self.tr("Tap as many actions as you like, or write your own below."), "muted")
        )
        self.action_buttons: dict[str, ToggleButton] = {}
        self.measure_fields: dict[str, MeasureField] = {}
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for benefit in catalogue.benefits:
            column = QVBoxLayout()
            column.setSpacing(10)
            title = label(benefit.title, "subheading")
            column.addWidget(title)
            column.addWidget(label(benefit.summary, "muted"))
            for action in benefit.actions:
                button = ToggleButton(action.label)
                column.addWidget(button)
                self.action_buttons[action.id] = button
                button.toggled.connect(self._clear_choice_error)
                if action.measure is not None:
                    measure_field = MeasureField(action.measure)
                    column.addWidget(measure_field)
                    self.measure_fields[action.id] = measure_field
                    button.toggled.connect(measure_field.setVisible)
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.body_layout.addLayout(columns)
        self.choice_error = label("", "error")
        self.choice_error.setVisible(False)
        self.body_layout.addWidget(self.choice_error)
        self.own_words = QPlainTextEdit()
        self.own_words.setTabChangesFocus(True)
        self.own_words.setPlaceholderText(catalogue.own_words.prompt)
        self.own_words.setMinimumHeight(120)
        self.own_words.setMaximumHeight(220)
        self.own_words_row = FieldRow(catalogue.own_words.label, self.own_words)
        self.counter = label("", "muted")
        self.own_words_row.column.addWidget(self.counter)
        self.body_layout.addWidget(self.own_words_row)
        # Room left over on a tall (portrait) screen goes below the form, not between its rows.
        self.body_layout.addStretch(1)
        self.own_words.textChanged.connect(self._text_changed)
        self._text_changed()

    def _text_changed(self) -> None:
        text = self.own_words.toPlainText()
        if len(text) > self.max_length:
            cursor = self.own_words.textCursor()
            position = min(cursor.position(), self.max_length)
            self.own_words.blockSignals(True)
            self.own_words.setPlainText(text[: self.max_length])
            self.own_words.blockSignals(False)
            cursor = self.own_words.textCursor()
            cursor.setPosition(position)
            self.own_words.setTextCursor(cursor)
            text = text[: self.max_length]
        left = self.max_length - len(text)
        self.counter.setText(
            self.tr("{0} of %n character(s) left", "", self.max_length).format(left)
            if left
            else self.tr("You have reached the limit of %n character(s)", "", self.max_length)
        )
        if text.strip():
            self._clear_choice_error()

    def _clear_choice_error(self) -> None:
        self.choice_error.setVisible(False)

    def chosen_actions(self) -> list[str]:
        return [a for a, b in self.action_buttons.items() if b.isChecked()]

    def collect(self, draft: PledgeDraft) -> None:
        draft.actions = self.chosen_actions()
        draft.pledge_text = self.own_words.toPlainText()
        draft.measures = {
            a: f.text() for a, f in self.measure_fields.items() if a in draft.actions and f.text()
        }

    def show_errors(self, errors: list[FieldError]) -> QWidget | None:
        by_field = {e.field: field_message(e) for e in errors}
        choice = by_field.get("actions", "")
        text_error = by_field.get("pledge_text", "")
        if choice and not text_error:
            self.choice_error.setText(f"⚠ {choice}")
        self.choice_error.setVisible(bool(choice) and not text_error)
        self.own_words_row.set_error(text_error)
        first_measure = None
        for action_id, measure_field in self.measure_fields.items():
            message = by_field.get(f"measures.{action_id}", "")
            measure_field.set_error(message)
            if message and first_measure is None:
                first_measure = measure_field.input
        if text_error:
            return self.own_words
        if first_measure is not None:
            return first_measure
        return next(iter(self.action_buttons.values())) if choice else None

    def first_focus(self) -> QWidget:
        return next(iter(self.action_buttons.values()))

    def reset(self) -> None:
        for button in self.action_buttons.values():
            button.setChecked(False)
        for measure_field in self.measure_fields.values():
            measure_field.clear()
        self.own_words.setPlainText("")
        self.show_errors([])
        self.scroll_to_top()
