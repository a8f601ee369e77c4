"""The kiosk's own on-screen keyboard, for a touch screen with no keyboard: the keys of
ui.kiosk.keyboard_layouts as large buttons that type into one line edit with `insert` and
`backspace`, as the attendee would. The keys never take the focus, so a tap leaves it in the
field; each has a name a screen reader reads. ui.kiosk.keyboard_dock decides when it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from charter_desktop.ui.kiosk.keyboard_layouts import (
    BACKSPACE,
    CAPITALISED,
    HIDE,
    LAYOUTS,
    NEXT,
    PAGE,
    SHIFT,
    Key,
    Page,
    capital_next,
    shifted,
)

STRETCH_PER_KEY = 4  # layout stretch of a letter key: quarter widths are exact


class KeyButton(QPushButton):
    """One key of the keyboard, which never takes the focus."""

    def __init__(self, key: Key, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        if key.action == NEXT:
            self.setObjectName("oskNext")
        elif key.action == HIDE or len(key.text) > 1:
            self.setObjectName("oskAction")  # words, in smaller type
        else:
            self.setObjectName("oskKey")  # a letter, a symbol or a sign (⌫, ⇧)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.setCheckable(key.action == SHIFT)


class KeyboardPage(QWidget):
    """One page of a layout: its rows of keys, each row centred."""

    def __init__(self, page: Page, parent: QWidget | None = None):
        super().__init__(parent)
        self.keys: list[KeyButton] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        widest = max(sum(key.width for key in row) for row in page)
        for row in page:
            line = QHBoxLayout()
            line.setSpacing(4)
            margin = round((widest - sum(key.width for key in row)) * STRETCH_PER_KEY / 2)
            if margin:
                line.addStretch(margin)
            for key in row:
                button = KeyButton(key)
                line.addWidget(button, round(key.width * STRETCH_PER_KEY))
                self.keys.append(button)
            if margin:
                line.addStretch(margin)
            column.addLayout(line)


class OnScreenKeyboard(QWidget):
    """Keys for the kind of field being typed in ("name", "email", "phone", "postcode").

    A tap types into the `target` line edit (its maximum length holds, as for any typing);
    Next emits `next_requested`, Hide keyboard and Done emit `hide_requested`, and a change of
    page or layout, which may change the keyboard's height, emits `page_changed`."""

    next_requested = Signal()
    hide_requested = Signal()
    page_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("osk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(self.tr("On-screen keyboard"))
        self.target: QLineEdit | None = None
        self.kind = "name"
        self.page = 0
        self.shift = False
        self.last = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.pages: dict[tuple[str, int], KeyboardPage] = {}
        for kind, pages in LAYOUTS.items():
            for index, page in enumerate(pages):
                widget = KeyboardPage(page)
                for button in widget.keys:
                    button.clicked.connect(lambda _=False, b=button: self.tap(b.key))
                widget.setVisible(False)
                layout.addWidget(widget)
                self.pages[kind, index] = widget
        self._show_page()

    # What it types into ------------------------------------------------------------------

    def attach(self, field: QLineEdit, kind: str, *, last: bool = False) -> None:
        """Type into `field` with the layout for `kind` (its letters page); `last`: the Next
        key says Done."""
        if kind not in LAYOUTS:
            raise ValueError(f"no keyboard layout for {kind!r}")
        self.target = field
        self.last = last
        if kind != self.kind:
            self.kind = kind
            self.page = 0
        self.shift = self._capital_due()
        self._show_page()

    def detach(self) -> None:
        self.target = None

    def current_page(self) -> KeyboardPage:
        return self.pages[self.kind, self.page]

    def key_for(self, text_or_action: str) -> KeyButton:
        """The key of the current page that inserts `text_or_action` or does that action
        (letters as shown, so "A" while Shift is on)."""
        for button in self.current_page().keys:
            shown = button.key.action or self._shown(button.key)
            if shown == text_or_action:
                return button
        raise LookupError(f"no key {text_or_action!r} on this page")

    # A tap -----------------------------------------------------------------------------

    def tap(self, key: Key) -> None:
        field = self.target
        if key.action == NEXT:
            (self.hide_requested if self.last else self.next_requested).emit()
        elif key.action == HIDE:
            self.hide_requested.emit()
        elif key.action == SHIFT:
            self.shift = not self.shift
            self._label_keys()
        elif key.action == PAGE:
            self.page = (self.page + 1) % len(LAYOUTS[self.kind])
            self._show_page()
        elif field is not None and field.isEnabled() and not field.isReadOnly():
            if key.action == BACKSPACE:
                field.backspace()
            else:
                field.insert(self._shown(key))
            self.shift = self._capital_due()
            self._label_keys()

    def _capital_due(self) -> bool:
        field = self.target
        if field is None or self.kind not in CAPITALISED:
            return False
        return capital_next(field.text()[: field.cursorPosition()])

    def _shown(self, key: Key) -> str:
        if self.shift and self.kind in CAPITALISED:
            return shifted(key.text)
        return key.text

    # How it looks ----------------------------------------------------------------------

    def _show_page(self) -> None:
        current = self.current_page()
        for page in self.pages.values():
            if page is not current:
                page.setVisible(False)
        current.setVisible(True)
        self._label_keys()
        self.page_changed.emit()

    def _label_keys(self) -> None:
        """Each key's caption and spoken name for the layout, the page and Shift."""
        spoken = {
            " ": self.tr("Space"),
            "-": self.tr("hyphen"),
            "'": self.tr("apostrophe"),
            "@": self.tr("at sign"),
            ".": self.tr("full stop"),
            "_": self.tr("underscore"),
            "+": self.tr("plus"),
            BACKSPACE: self.tr("Backspace"),
            SHIFT: self.tr("Shift"),
            HIDE: self.tr("Hide keyboard"),
            NEXT: self.tr("Done") if self.last else self.tr("Next field"),
            PAGE: self.tr("Plain letters") if self.page else self.tr("Accented letters"),
        }
        captions = {
            " ": self.tr("space"),
            BACKSPACE: "⌫",
            SHIFT: "⇧",
            HIDE: self.tr("Hide keyboard"),
            NEXT: spoken[NEXT],
            PAGE: "abc" if self.page else "àé",
        }
        for button in self.current_page().keys:
            key = button.key
            name = key.action or key.text
            shown = self._shown(key)
            button.setText(captions.get(name, shown))
            button.setAccessibleName(spoken.get(name, shown))
            if key.action == SHIFT:
                button.setChecked(self.shift)
