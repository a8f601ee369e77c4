"""The secret field as staff use it: typing, correcting in the middle, select-all and delete,
paste, an on-screen keyboard's commit, the on-screen keypad and the length limit all give the
secret they would give in a plain line edit, while the text Qt holds (what it shows, and what
its accessibility events and interface report) is only bullets; copy, cut, undo and the
context menu give nothing away."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QAccessible,
    QContextMenuEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.ui.kiosk.staff_access import Keypad
from charter_desktop.ui.secret_field import MASK, SecretField

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[QWidget]:
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    yield window


def field_in(host: QWidget, qtbot: QtBot, **options: bool) -> SecretField:
    field = SecretField(host, **options)
    field.setAccessibleName("Staff passphrase")
    layout = host.layout()
    assert layout is not None, "the host fixture gives the window its layout"
    layout.addWidget(field)
    host.show()
    qtbot.waitExposed(host)
    field.setFocus()
    return field


def shows_only_bullets(field: SecretField) -> bool:
    """What Qt holds, shows and reports is one bullet per character of the secret."""
    value = QAccessible.queryAccessibleInterface(field).text(QAccessible.Text.Value)
    secret_chars = set(field.secret()) - {MASK}
    return (
        field.text() == MASK * len(field.secret())
        and not secret_chars & set(field.displayText())
        and not secret_chars & set(value)
    )


def press(qtbot: QtBot, field: QWidget, key: Qt.Key, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(field, key)


def test_typing_and_correcting_in_the_middle(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    qtbot.keyClicks(field, "Canary-7391")
    assert field.secret() == "Canary-7391" and shows_only_bullets(field)
    press(qtbot, field, Qt.Key.Key_Left, 4)  # the cursor after "Canary-"
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # "-" goes
    qtbot.keyClicks(field, "_")
    assert field.secret() == "Canary_7391" and shows_only_bullets(field)
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # "7" goes
    assert field.secret() == "Canary_391"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "K")  # the selected "C" is replaced
    assert field.secret() == "Kanary_391" and shows_only_bullets(field)
    assert field.accessibleName() == "Staff passphrase"


def test_select_all_then_delete_or_type(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    qtbot.keyClicks(field, "first try")
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.secret() == "" and field.text() == ""
    qtbot.keyClicks(field, "second try")
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, "third")
    assert field.secret() == "third" and shows_only_bullets(field)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.secret() == ""


def test_paste_takes_the_clipboard_as_the_secret(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    QGuiApplication.clipboard().setText("from the password manager")
    qtbot.keyClicks(field, ">")
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.secret() == ">from the password manager" and shows_only_bullets(field)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)  # paste too
    assert field.secret() == "from the password manager"


def control_key(field: QWidget, key: Qt.Key, character: str) -> None:
    """Ctrl+key as X11 delivers it: the key's text is a control character."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, key, CTRL, character))


def test_nothing_comes_out_by_copy_cut_undo_or_a_context_menu(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("left on the clipboard")
    qtbot.keyClicks(field, "hunter2")
    control_key(field, Qt.Key.Key_Z, "\x1a")  # undo would take back what was typed
    assert field.secret() == "hunter2" and shows_only_bullets(field)
    control_key(field, Qt.Key.Key_A, "\x01")
    assert field.selectedText() == MASK * 7
    control_key(field, Qt.Key.Key_C, "\x03")
    control_key(field, Qt.Key.Key_X, "\x18")
    assert clipboard.text() == "left on the clipboard" and field.secret() == "hunter2"
    centre = field.rect().center()
    menu_asked = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, centre, field.mapToGlobal(centre)
    )
    QApplication.sendEvent(field, menu_asked)  # a right click, or the menu key
    assert QApplication.activePopupWidget() is None


def test_an_on_screen_keyboard_commit_joins_the_secret(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    qtbot.keyClicks(field, "ab")
    composing = QInputMethodEvent("é", [])  # pre-edit: not shown as a real character
    QApplication.sendEvent(field, composing)
    assert field.secret() == "ab" and "é" not in field.displayText()
    committed = QInputMethodEvent()
    committed.setCommitString("ç€")
    QApplication.sendEvent(field, committed)
    assert field.secret() == "abç€" and shows_only_bullets(field)
    replacing = QInputMethodEvent()
    replacing.setCommitString("x", -1, 1)  # an input method correcting the last character
    QApplication.sendEvent(field, replacing)
    assert field.secret() == "abçx"


def test_the_keypad_and_the_length_limit(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot, digits_only=True)
    field.setMaxLength(6)
    keypad = Keypad(field, parent=host)
    layout = host.layout()
    assert layout is not None, "the host fixture gives the window its layout"
    layout.addWidget(keypad)
    for key in ("8", "4", "6", "delete", "6", "2"):
        qtbot.mouseClick(keypad.buttons[key], Qt.MouseButton.LeftButton)
    assert field.secret() == "8462" and shows_only_bullets(field)
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    qtbot.keyClicks(field, "13579")  # only two more fit
    assert field.secret() == "846213" and field.text() == MASK * 6
    QGuiApplication.clipboard().setText("999")
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.secret() == "846213"
    qtbot.mouseClick(keypad.buttons["clear"], Qt.MouseButton.LeftButton)
    assert field.secret() == "" and field.text() == ""
    field.insert_secret("1234567")  # what the keypad calls: the limit holds there too
    assert field.secret() == "123456"


def test_set_text_and_clear_set_and_drop_the_secret(qtbot: QtBot, host: QWidget) -> None:
    field = field_in(host, qtbot)
    shown: list[str] = []
    field.textChanged.connect(shown.append)
    field.setText("token-abc")
    assert field.secret() == "token-abc" and shows_only_bullets(field)
    assert shown == [MASK * 9]  # callers still follow the count of characters
    field.setText("")
    assert field.secret() == "" and field.text() == ""
    qtbot.keyClicks(field, "again")
    field.clear()
    assert field.secret() == "" and field.text() == ""


def type_key(field: QWidget, char: str, modifiers: Qt.KeyboardModifier) -> None:
    """A key typing `char`, as the window system delivers it (QTest types Latin-1 only)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, ord(char.upper()), modifiers, char))


def test_any_character_qt_would_type_joins_the_secret(qtbot: QtBot, host: QWidget) -> None:
    """A no-break space, a line separator, a character typed with AltGr (Ctrl+Alt on
    Windows): each joins the secret as a bullet, and nothing typed before is lost."""
    field = field_in(host, qtbot)
    qtbot.keyClicks(field, "ab")
    none = Qt.KeyboardModifier.NoModifier
    type_key(field, "\u00a0", none)
    type_key(field, "\u2028", none)
    type_key(field, "€", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # a shortcut
    assert field.secret() == "ab\u00a0\u2028€" and shows_only_bullets(field)
    assert field.selectedText() == MASK * 5
