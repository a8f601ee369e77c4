"""The pledge's optional measures in the staff pledge dialog: a number box for each chosen
action that has a measure in the catalogue, labelled with the measure; the others are hidden
so the dialog stays short."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from charter_desktop.core.catalogue import Catalogue


class MeasuresEditor(QWidget):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLineEdit] = {}
        for action_id, measure in catalogue.measures.items():
            field = QLineEdit()
            field.setPlaceholderText(measure.unit)
            field.setAccessibleName(measure.label)
            field.setValidator(QDoubleValidator(0.0, measure.maximum, 2, field))
            self.form.addRow(f"{measure.label} ({measure.unit})", field)
            self.fields[action_id] = field

    def show_for(self, chosen: Iterable[str]) -> bool:
        """Show the boxes of the chosen actions only; True if any is shown."""
        chosen = set(chosen)
        for action_id, field in self.fields.items():
            self.form.setRowVisible(field, action_id in chosen)
        return any(a in chosen for a in self.fields)

    def set_measures(self, measures: dict[str, float]) -> None:
        for action_id, field in self.fields.items():
            value = measures.get(action_id)
            field.setText("" if value is None else f"{value:g}")

    def measures(self, chosen: list[str]) -> dict[str, str]:
        """The numbers typed for the chosen actions (a measure goes with its action)."""
        return {
            action_id: field.text().strip()
            for action_id, field in self.fields.items()
            if action_id in chosen and field.text().strip()
        }
