"""When the on-screen keyboard (ui.kiosk.keyboard) shows under a form: while one of the form's
text fields has the focus, as the kiosk setting says ("auto": until a physical key is pressed
on the form, then not for the rest of that attendee; "on": always; "off": never), with the
field scrolled into view above it. The keyboard sits in the form's layout below its scroll
area, so showing it shrinks the area rather than covering the field.

The keyboard appears and goes only when no finger or mouse button is down: a tap that moves
the focus changes the layout after it is released, so the control under the finger never
moves between the press and the release (which would lose the tap)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from charter_desktop.ui.kiosk.keyboard import OnScreenKeyboard

MODES = ("auto", "on", "off")
RELEASES = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
FIELD_MARGIN = 12  # pixels of the form kept in view below the field


def dock_keyboard(
    screen: QWidget, scroll_area: QScrollArea, fields: Sequence[tuple[QLineEdit, str]]
) -> KeyboardDock:
    """An on-screen keyboard for `fields` ((line edit, layout kind)), placed in `screen`'s
    layout right below its scroll area (above the Back/Next bar), and its dock."""
    keyboard = OnScreenKeyboard()
    outer = screen.layout()
    if isinstance(outer, QVBoxLayout):
        outer.insertWidget(outer.indexOf(scroll_area) + 1, keyboard)
    return KeyboardDock(keyboard, scroll_area, fields)


class KeyboardDock(QObject):
    """Shows `keyboard` for each of `fields` ((line edit, layout kind), in Tab order) while it
    has the focus, and scrolls `scroll_area` so that the field, with its caption when there is
    room (the widget around the field), stays in view."""

    def __init__(
        self,
        keyboard: OnScreenKeyboard,
        scroll_area: QScrollArea,
        fields: Sequence[tuple[QLineEdit, str]],
    ):
        super().__init__(keyboard)
        self.keyboard = keyboard
        self.scroll_area = scroll_area
        self.fields = list(fields)
        self.mode = "auto"
        self.keys_seen = False  # a physical key was pressed on the form, this attendee
        self.dismissed = False  # Hide keyboard, until the field is tapped or the focus moves
        self._pending = False  # a change waits for the finger to lift
        keyboard.setVisible(False)
        keyboard.next_requested.connect(self._next_field)
        keyboard.hide_requested.connect(self._dismiss)
        keyboard.page_changed.connect(self.reveal)
        self._watching = False
        self.form = scroll_area.parentWidget() or scroll_area
        self.form.installEventFilter(self)  # its Show and Hide

    def _watch(self, on: bool) -> None:
        """Follow the focus and the application's input while the form is on screen (only
        then: an app-wide filter costs every event of the app a call)."""
        app = QApplication.instance()
        if on == self._watching or not isinstance(app, QApplication):
            return
        self._watching = on
        if on:
            app.focusChanged.connect(self._focus_changed)
            app.installEventFilter(self)
        else:
            app.focusChanged.disconnect(self._focus_changed)
            app.removeEventFilter(self)

    def set_mode(self, mode: str) -> None:
        """Show it as `mode` says: "auto", "on" or "off" (anything else: "auto")."""
        self.mode = mode if mode in MODES else "auto"
        self.sync()

    def reset(self) -> None:
        """For the next attendee: no key seen, nothing dismissed, the keyboard hidden."""
        self.keys_seen = False
        self.dismissed = False
        self._pending = False
        self.keyboard.setVisible(False)
        self.keyboard.detach()

    def wanted_for(self) -> QLineEdit | None:
        """The field the keyboard should type into now, or None when it should be hidden."""
        if self.mode == "off" or (self.mode == "auto" and self.keys_seen) or self.dismissed:
            return None
        focus = QApplication.focusWidget()
        for field, _kind in self.fields:
            if field is focus and field.isVisible():
                return field
        return None

    def sync(self) -> None:
        """Show or hide the keyboard as `wanted_for` says, once no button is held down."""
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._pending = True
            return
        self._pending = False
        field = self.wanted_for()
        if field is None:
            self.keyboard.setVisible(False)
            self.keyboard.detach()
            return
        index = [f for f, _ in self.fields].index(field)
        self.keyboard.attach(field, self.fields[index][1], last=index == len(self.fields) - 1)
        self.keyboard.setVisible(True)
        self.reveal()

    def reveal(self) -> None:
        """Scroll the field the keyboard types into into view above the keyboard: all of the
        field with a margin below it, and its caption too when the area has room."""
        field = self.keyboard.target
        body = self.scroll_area.widget()
        if field is None or body is None or not self.keyboard.isVisible():
            return
        layout = self.form.layout()
        if layout is not None:
            layout.activate()  # the area's height beside the keyboard's, if not set yet
        row = field.parentWidget() or field  # the field with its caption (a FieldRow)
        top = field.mapTo(body, QPoint(0, 0)).y()
        bottom = top + field.height() + FIELD_MARGIN
        caption_top = row.mapTo(body, QPoint(0, 0)).y()
        view = self.scroll_area.viewport().height()
        bar = self.scroll_area.verticalScrollBar()
        # Scroll as little as shows the whole field (its top first if both cannot show).
        value = min(max(bar.value(), bottom - view), top - FIELD_MARGIN)
        if caption_top < value and bottom - caption_top <= view:
            value = caption_top
        bar.setValue(value)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if any(new is field for field, _ in self.fields):
            self.dismissed = False
        self.sync()

    def _next_field(self) -> None:
        """The Next key: the focus to the next field, as Tab would (without selecting its
        text, which the next tap would replace)."""
        target = self.keyboard.target
        order = [field for field, _ in self.fields]
        if target in order and order.index(target) + 1 < len(order):
            order[order.index(target) + 1].setFocus(Qt.FocusReason.OtherFocusReason)

    def _dismiss(self) -> None:
        self.dismissed = True
        self.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.form and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self._watch(kind == QEvent.Type.Show)
            self.sync()
        elif kind == QEvent.Type.KeyPress and event.spontaneous() and not self.keys_seen:
            # A key from the window system: there is a physical keyboard.
            self.keys_seen = True
            if self.mode == "auto":
                self.sync()
        elif kind == QEvent.Type.MouseButtonPress and self.dismissed:
            if any(watched is field for field, _ in self.fields):
                self.dismissed = False  # a tap on the field brings the keyboard back
                self._pending = True
        elif kind in RELEASES and self._pending:
            QTimer.singleShot(0, self, self.sync)  # after the release has done its work
        return False
