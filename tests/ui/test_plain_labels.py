"""Text from people and files is shown as typed on every staff screen: no label of the
console or the kiosk renders markup (an event called "<b>…</b> <img src=…>" shows its
angle brackets; Qt would otherwise draw it bold and load the image)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from charter_desktop.core import events
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.staff.console import StaffConsole

MARKUP = "<b>Summit</b> <img src='file:///etc/passwd'>"


def test_no_label_renders_markup(qtbot: QtBot, store: Store) -> None:
    events.add_event(store, MARKUP, date(2026, 12, 3), place=MARKUP, actor="test", use=True)
    console = StaffConsole(store)
    qtbot.addWidget(console)
    window = KioskWindow(store, print_certificate=lambda p: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    console.show()
    console.today.refresh()
    labels = [*console.findChildren(QLabel), *window.findChildren(QLabel)]
    showing = [lb for lb in labels if "<b>Summit</b>" in lb.text()]
    assert len(showing) >= 2  # the Today page's event, the kiosk's welcome count
    assert [lb.text() for lb in showing if lb.textFormat() != Qt.TextFormat.PlainText] == []
