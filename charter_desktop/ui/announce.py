"""Telling a screen reader what changed where the focus alone would not: a new step of the
pledge, the errors that keep an attendee on a step, a certificate that prints or fails.

Qt sends the announcement to the platform's accessibility bus (AT-SPI on Linux, where Orca
speaks it) only when an assistive technology listens; otherwise this costs nothing. A polite
announcement waits for the screen reader to finish what it is saying; an assertive one (an
error, the idle warning) interrupts it."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Have a screen reader say `message`, from `widget` (the object the message is about)."""
    message = " ".join(message.split())
    if not message:
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)
