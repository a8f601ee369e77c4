"""A line edit for secrets (the staff PIN, the staff passphrase, tokens, passwords) that never
hands the typed characters to Qt.

Why: Qt reports every change of a line edit's text to the accessibility bridge, and on Linux
the bridge broadcasts it on the AT-SPI bus as "object:text-changed:insert" events, each with
the inserted text. Qt 6 does this in EchoMode.Password too: any program on the desktop that
listens on the accessibility bus reads the PIN or passphrase as it is typed
(tests/ui/test_secret_on_bus.py records the bus and shows it for a plain password QLineEdit).

So the secret lives in Python only (`secret()`), and the text Qt holds, shows and reports is
one mask character per character typed. A screen reader still hears the field change with
each key (a bullet each time, so the count of characters), the field's accessible name is
whatever the caller sets, and the cursor, selection and the keys that move them work as in
any line edit. Every path that would put real text into Qt is routed through the secret or
closed: typed keys, Backspace/Delete and their word/line variants, paste (taken from the
clipboard as a secret), input-method commits (on-screen keyboards), the on-screen keypad
(`insert_secret`), `setText`/`insert`/`clear`; undo, redo, copy, cut, middle-click paste,
drag and drop and the context menu are off.

The key events themselves are the bridge's other channel: ui.secret_keys keeps those typed
into a SecretField off the bus (it needs the app's QApplication, ui.app.new_application).
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "•"

Key = QKeySequence.StandardKey
BLOCKED = (Key.Undo, Key.Redo, Key.Copy, Key.Cut)
DELETING = (Key.DeleteStartOfWord, Key.DeleteEndOfWord, Key.DeleteEndOfLine, Key.DeleteCompleteLine)
# The key sequences QLineEdit handles by moving the cursor or the selection only.
MOVING = (
    Key.SelectAll,
    Key.MoveToNextChar,
    Key.MoveToPreviousChar,
    Key.MoveToNextWord,
    Key.MoveToPreviousWord,
    Key.MoveToStartOfLine,
    Key.MoveToEndOfLine,
    Key.MoveToStartOfBlock,
    Key.MoveToEndOfBlock,
    Key.SelectNextChar,
    Key.SelectPreviousChar,
    Key.SelectNextWord,
    Key.SelectPreviousWord,
    Key.SelectStartOfLine,
    Key.SelectEndOfLine,
    Key.SelectStartOfBlock,
    Key.SelectEndOfBlock,
)


def types_text(text: str) -> bool:
    """Whether a key's text is something typed, as Qt decides it (QChar::isPrint: any
    character but the control, format, surrogate and unassigned ones, so a no-break space or
    a line separator counts, where Python's isprintable says no)."""
    return bool(text) and not unicodedata.category(text[0]).startswith("C")


def is_shortcut(event: QKeyEvent) -> bool:
    """Ctrl (or Meta) with a key is a shortcut; Ctrl+Alt is AltGr on Windows, which types."""
    mods = event.modifiers()
    ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
    return ctrl and not mods & Qt.KeyboardModifier.AltModifier


class SecretField(QLineEdit):
    """A password line edit whose real text is read with `secret()`; `text()` is only the
    mask, one character per character of the secret. textChanged and textEdited carry the
    mask, so callers can still follow how much is typed."""

    def __init__(self, parent: QWidget | None = None, *, digits_only: bool = False):
        super().__init__(parent)
        self._secret = ""
        self.setEchoMode(QLineEdit.EchoMode.Password)
        hints = (
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        if digits_only:
            hints |= Qt.InputMethodHint.ImhDigitsOnly
        self.setInputMethodHints(hints)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)
        self.setClearButtonEnabled(False)
        # Connected first, so it runs before any caller's slot.
        self.textChanged.connect(self._follow_qt)

    # The secret ------------------------------------------------------------------------

    def secret(self) -> str:
        return self._secret

    def clear_secret(self) -> None:
        self._secret = ""
        if super().text():
            super().clear()

    def insert_secret(self, text: str) -> None:
        """Type `text` at the cursor, replacing the selection, as a key press would."""
        if self.isReadOnly():
            return
        start, end = self._selection_or_cursor()
        self._replace(start, end, text)

    # QLineEdit's editing API, routed through the secret

    def setText(self, text: str | None) -> None:
        self._secret = (text or "")[: self.maxLength()]
        super().setText(MASK * len(self._secret))

    def clear(self) -> None:
        self.clear_secret()

    def insert(self, text: str) -> None:
        self.insert_secret(text)

    def backspace(self) -> None:
        if self.isReadOnly():
            return
        start, end = self._selection_or_cursor()
        self._replace(max(0, start - 1) if start == end else start, end, "")

    def del_(self) -> None:
        if self.isReadOnly():
            return
        start, end = self._selection_or_cursor()
        self._replace(start, min(len(self._secret), end + 1) if start == end else end, "")

    def paste(self) -> None:
        if not self.isReadOnly():
            self.insert_secret(QGuiApplication.clipboard().text())

    def undo(self) -> None:
        """Off: Qt's undo history holds only masks, and nothing is restored from it."""

    def redo(self) -> None:
        """Off, as undo."""

    def copy(self) -> None:
        """Off: the secret never leaves the field."""

    def cut(self) -> None:
        """Off, as copy."""

    def setMaxLength(self, length: int) -> None:
        if len(self._secret) > length:
            self._replace(length, len(self._secret), "")
        super().setMaxLength(length)

    # Keys, input methods, mouse and drops --------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)  # returnPressed / editingFinished; no edit
            return
        if any(event.matches(key) for key in BLOCKED):
            event.accept()
            return
        if event.matches(Key.Paste):
            self.paste()
            event.accept()
            return
        if self._edit_key(event):
            event.accept()
            return
        text = event.text()
        if not types_text(text) or any(event.matches(k) for k in MOVING):
            # Left to Qt: what moves the cursor or the selection, and keys without a
            # character (Qt inserts only printable characters, and every key that deletes
            # was handled above).
            super().keyPressEvent(event)
        elif is_shortcut(event):
            event.ignore()  # a shortcut, not typing
        else:
            self.insert_secret(text)
            event.accept()

    def _edit_key(self, event: QKeyEvent) -> bool:
        """The deleting keys, as QLineEdit binds them; False for any other key."""
        if event.key() not in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not any(
            event.matches(k) for k in DELETING
        ):
            return False
        if self.isReadOnly():
            return True
        start, end = self._selection_or_cursor()
        # A secret has no words a user could see: the word and line deletes reach its ends.
        if event.matches(Key.DeleteCompleteLine):
            self._replace(0, len(self._secret), "")
        elif event.matches(Key.DeleteEndOfLine) or event.matches(Key.DeleteEndOfWord):
            self._replace(start, len(self._secret), "")
        elif event.matches(Key.DeleteStartOfWord) or (
            event.key() == Qt.Key.Key_Backspace
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._replace(0, end, "")
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        else:
            self.del_()
        return True

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """On-screen keyboards and input methods: the committed text joins the secret. Their
        pre-edit text is not shown (it would be real characters in the field)."""
        commit, length = event.commitString(), event.replacementLength()
        if not self.isReadOnly() and (commit or length):
            if self.hasSelectedText() and not length:
                start, end = self._selection_or_cursor()
            else:
                start = max(
                    0, min(len(self._secret), self.cursorPosition() + event.replacementStart())
                )
                end = min(len(self._secret), start + length)
            self._replace(start, end, commit)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()  # X11 pastes the primary selection here
            return
        super().mouseReleaseEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        event.ignore()

    # Inside --------------------------------------------------------------------------------

    def _selection_or_cursor(self) -> tuple[int, int]:
        if self.hasSelectedText():
            start = self.selectionStart()
            return start, start + self.selectionLength()
        cursor = self.cursorPosition()
        return cursor, cursor

    def _replace(self, start: int, end: int, text: str) -> None:
        """secret[start:end] becomes `text` (cut to the room maxLength leaves); Qt's text gets
        the same change made of masks, so its cursor, selection and accessibility events
        follow the secret position for position."""
        room = self.maxLength() - (len(self._secret) - (end - start))
        text = text[: max(0, room)]
        if start == end and not text:
            return
        self._secret = self._secret[:start] + text + self._secret[end:]
        if end > start:
            super().setSelection(start, end - start)
        else:
            super().setCursorPosition(start)
        if text:
            super().insert(MASK * len(text))
        else:
            super().del_()

    def _follow_qt(self, shown: str) -> None:
        """Qt's text changed by a way this class does not route (a clear button, a Qt slot
        called from C++): whatever the secret was, it is dropped with it."""
        if shown != MASK * len(self._secret):
            self._secret = ""
            if shown:
                super().clear()
