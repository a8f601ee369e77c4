"""An optional number for a chosen action that has a measure in the catalogue (hours a month,
placements a year...), shown under the action's toggle only while it is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from charter_desktop.core.catalogue import Measure
from charter_desktop.ui.kiosk.widgets import FieldRow, translate

MIN_TOUCH = 44


class MeasureField(FieldRow):
    """Caption, a large number box and its error; hidden until the action is chosen."""

    def __init__(self, measure: Measure, parent: QWidget | None = None):
        self.measure = measure
        self.input = QLineEdit()
        self.input.setMinimumHeight(MIN_TOUCH)
        self.input.setMaxLength(12)
        self.input.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        validator = QDoubleValidator(0.0, measure.maximum, 2)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.input.setValidator(validator)
        self.input.setPlaceholderText(
            translate("MeasureField", "Optional: {0}").format(measure.unit)
        )
        caption = translate("MeasureField", "{0} (optional)").format(measure.label)
        self.input.setAccessibleName(caption)
        hint = translate("MeasureField", "A number up to {0:g} {1}").format(
            measure.maximum, measure.unit
        )
        super().__init__(caption, self.input, hint, parent)
        self.setContentsMargins(28, 0, 0, 8)
        self.setVisible(False)

    def text(self) -> str:
        return self.input.text().strip()

    def clear(self) -> None:
        self.input.clear()
        self.set_error("")
