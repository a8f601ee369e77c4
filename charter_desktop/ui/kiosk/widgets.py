"""Building blocks every kiosk screen shares: the screen frame with its back/next bar, a field
with its error shown beside it, and large toggles that show their state in words."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

TICKED, UNTICKED = "☑", "☐"
RADIO_ON, RADIO_OFF = "◉", "○"


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


class _Dressed:
    """The inside of a large choice button: a mark that shows its state in text (a tick box or
    a radio dot, so the state is never told by colour alone) and its label, which wraps."""

    MARKS = (UNTICKED, TICKED)

    def _dress(self, button: QAbstractButton, text: str) -> None:
        button.setObjectName("toggle")
        button.setCheckable(True)
        button.setAccessibleName(text)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout(button)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(12)
        self.mark = QLabel(self.MARKS[0])
        self.caption = label(text)
        for part in (self.mark, self.caption):
            part.setObjectName("toggleText")
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.caption, 1)
        button.toggled.connect(self._show_state)
        self._show_state(False)

    def _show_state(self, checked: bool) -> None:
        self.mark.setText(self.MARKS[checked])
        for part in (self.mark, self.caption):
            part.setProperty("checked", checked)
            part.style().unpolish(part)
            part.style().polish(part)


class ToggleButton(QPushButton, _Dressed):
    """One of several choices an attendee may pick any number of (a screen reader hears a
    check box, checked or not)."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._dress(self, text)


class ChoiceButton(QRadioButton, _Dressed):
    """One of a set of choices of which an attendee picks exactly one (a screen reader hears
    a radio button, checked or not). It looks like a ToggleButton, with a radio dot for its
    mark."""

    MARKS = (RADIO_OFF, RADIO_ON)

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._dress(self, text)

    def sizeHint(self) -> QSize:
        """A radio button's own hint counts only its (empty) text: the mark and the caption
        inside set the size."""
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()


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
        if isinstance(field, QLineEdit):  # a change answers the error: it goes at once
            field.textEdited.connect(lambda _text: self.set_error(""))
        elif isinstance(field, QPlainTextEdit):
            field.textChanged.connect(self._text_changed)

    def _text_changed(self) -> None:
        if self.error.isVisible():
            self.set_error("")

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
