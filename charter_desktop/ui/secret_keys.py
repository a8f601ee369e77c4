"""The application object, which keeps the keys typed into a secret field off the Linux
accessibility bus.

Why: besides the text-changed events (ui.secret_field), Qt's AT-SPI bridge hands every key
press and release the window system delivers to the AT-SPI registry's device event
controller ("NotifyListenersSync", with the key's text, keysym and scan code), so screen
readers can echo keys and take their own shortcuts; the key reaches the widget only after the
registry answers. For a PIN or passphrase that is the secret, key by key, on a bus any
program of the desktop session can listen to. The bridge does this from an application event
filter that it puts ahead of all others again each time an AT-SPI client (un)registers an
event listener, so no event filter of ours can be sure to run first. QApplication.notify runs
before every event filter: here a key event from the window system that types a character
into a SecretField is passed on as a copy that is not marked as coming from the window system,
and the bridge forwards only those that are. Keys without a character (Tab, arrows, Return,
Escape, modifiers, function keys) still reach screen readers as usual; so do focus changes,
the field's name and role, and its bullets.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication

from charter_desktop.ui.secret_field import SecretField, types_text

KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def types_into_secret(receiver: QObject, event: QKeyEvent) -> bool:
    """A key with a character, bound for a SecretField (directly, or through its window)."""
    if not types_text(event.text()):
        return False
    target = receiver.focusObject() if isinstance(receiver, QWindow) else receiver
    return isinstance(target, SecretField)


class SecretKeysApplication(QApplication):
    """The app's QApplication: the same, but for the keys typed into a SecretField."""

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        # Every event of the app passes here: the cheapest test comes first.
        if (
            isinstance(event, QKeyEvent)
            and event.spontaneous()
            and event.type() in KEY_EVENTS
            and types_into_secret(receiver, event)
        ):
            copy = QKeyEvent(
                event.type(),
                event.key(),
                event.modifiers(),
                event.nativeScanCode(),
                event.nativeVirtualKey(),
                event.nativeModifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
            copy.setTimestamp(event.timestamp())
            handled = super().notify(receiver, copy)
            event.setAccepted(copy.isAccepted())
            return handled
        return super().notify(receiver, event)
