"""Building blocks every kiosk screen shares: the screen frame with its back/next bar, a field
with its error shown beside it, and large toggles that show their state in words."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

TICKED, UNTICKED = "☑", "☐"


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class PlainLabel(QLabel):
    """A label that shows its text as typed, never as markup: names, events, file names and
    messages come from people and files, and Qt would render "<b>" or "<img src=…>" in them."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)


def show_problem(parent: QWidget | None, title: str, text: str) -> None:
    """A critical message whose text (an error naming a file, say) is shown as typed."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def label(text: str, name: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class ToggleButton(QPushButton):
    """A large checkable button whose label wraps; a tick box beside the label says whether
    it is chosen, so the state is never shown by colour alone."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("toggle")
        self.setCheckable(True)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(12)
        self.mark = QLabel(UNTICKED)
        self.caption = label(text)
        for part in (self.mark, self.caption):
            part.setObjectName("toggleText")
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.caption, 1)
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def _show_state(self, checked: bool) -> None:
        self.mark.setText(TICKED if checked else UNTICKED)
        chosen = translate("ToggleButton", "chosen") if checked else ""
        self.setAccessibleDescription(chosen)
        for part in (self.mark, self.caption):
            part.setProperty("checked", checked)
            part.style().unpolish(part)
            part.style().polish(part)


class FieldRow(QWidget):
    """A form field: its label, the input, and the error message right below the input."""

    def __init__(self, caption: str, field: QWidget, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.caption = label(caption, "subheading")
        self.caption.setBuddy(field)
        layout.addWidget(self.caption)
        if hint:
            self.hint = label(hint, "muted")
            layout.addWidget(self.hint)
        layout.addWidget(field)
        self.error = label("", "error")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        if not field.accessibleName():
            field.setAccessibleName(caption)

    def set_error(self, message: str) -> None:
        """Show `message` under the field (empty: no error). The field is marked too, with a
        dashed border, so the error is not told by colour alone."""
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))
        self.field.setProperty("invalid", bool(message))
        self.field.setAccessibleDescription(message)
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)


@runtime_checkable
class Step(Protocol):
    """A page of the attendee's flow that says where the keyboard focus starts."""

    def first_focus(self) -> QWidget: ...


class Screen(QWidget):
    """One step of the flow: a heading, a scrolling body, and a bar with Back and Next."""

    back_requested = Signal()
    next_requested = Signal()

    def __init__(
        self,
        heading: str,
        next_text: str = "",
        back_text: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("screen")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 8, 48, 24)
        outer.setSpacing(12)
        self.heading = label(heading, "heading")
        self.heading.setAccessibleName(heading)
        outer.addWidget(self.heading)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName(heading)
        # Tab goes from control to control (the area scrolls to each), never to the area itself,
        # which would be a stop with nothing visible in focus.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        touch = QScroller.ScrollerGestureType.TouchGesture
        QScroller.grabGesture(self.scroll_area.viewport(), touch)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(4, 4, 16, 4)
        self.body_layout.setSpacing(16)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        bar = QHBoxLayout()
        self.back_button = QPushButton(back_text or translate("Screen", "Back"))
        self.back_button.setAccessibleName(self.back_button.text())
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = QPushButton(next_text or translate("Screen", "Next"))
        self.next_button.setObjectName("primary")
        self.next_button.setAccessibleName(self.next_button.text())
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self.next_requested)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        outer.addLayout(bar)

    def scroll_to_top(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)

    def first_focus(self) -> QWidget:
        """Where the keyboard focus goes when the step appears: its first useful control
        (steps override it; the Next button when there is nothing to fill in)."""
        return self.next_button

    def reveal(self, widget: QWidget) -> None:
        """Scroll `widget` into view and give it the focus (used for the first error)."""
        self.scroll_area.ensureWidgetVisible(widget, 50, 50)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
