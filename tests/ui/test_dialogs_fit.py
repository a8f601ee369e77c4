"""Every staff and privacy dialog fits the screens kiosks have (1024x768 and 1280x800), with
each of its buttons in view: on a real X server with a window manager, a pledge whose every
field is as long as it may be, and the dialog's frame read by Qt once the window manager has
framed it (tests/ui/dialog_fit_probe.py, in a child process). And the staff PIN keypad keeps
its touch-sized keys apart whatever message shows above it."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.staff_access import Keypad, PinDialog, SetupPinDialog
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.style import build_stylesheet
from tests.fixtures.desktop import Desktop, start_display, start_window_manager

PROBE = Path(__file__).with_name("dialog_fit_probe.py")
PIN = "246810"
TOUCH_PX = 44  # WCAG 2.5.5's touch target
DIALOGS = {
    "pin": ["cancel", "unlock", *"0123456789", "clear", "delete"],
    "pledge": ["save", "withdraw", "erase", "close"],
    "unlock": ["cancel", "ok"],
    "about": ["close"],
    "preview": ["print", "save", "close"],
    "setup-key": ["cancel", "file", "ok"],
    "setup-pin": ["cancel", "ok", *"0123456789", "clear", "delete"],
}


def box(values: list[int]) -> QRect:
    return QRect(*values)


def problems_of(name: str, found: dict[str, Any]) -> list[str]:
    """What is off screen, clipped or overlapping in one dialog the probe measured."""
    problems = []
    screen, frame = box(found["available"]), box(found["frame"])
    if not screen.contains(frame):
        problems.append(f"{name}: frame {frame.getRect()} is not inside {screen.getRect()}")
    inside = box(found["inside"])
    placed = {}
    for button, where in found["buttons"].items():
        on_screen, in_dialog = box(where["screen"]), box(where["in_dialog"])
        placed[button] = in_dialog
        if not where["visible"]:
            problems.append(f"{name}: {button} is hidden")
        if not screen.contains(on_screen) or not frame.contains(on_screen):
            problems.append(f"{name}: {button} at {on_screen.getRect()} is off screen")
        if not inside.contains(in_dialog):
            problems.append(f"{name}: {button} is outside the dialog")
        if where["shown"][2:] != where["size"]:
            problems.append(f"{name}: only {where['shown']} of {button} shows")
    for (a, ra), (b, rb) in itertools.combinations(placed.items(), 2):
        if ra.intersects(rb):
            problems.append(f"{name}: {a} {ra.getRect()} overlaps {b} {rb.getRect()}")
    return problems


@pytest.mark.parametrize("size", ["1024x768", "1280x800"])
def test_every_staff_dialog_fits_the_screen_with_its_buttons_in_view(
    desktop: Desktop, data_dir: Path, tmp_path: Path, size: str
) -> None:
    display = start_display(desktop, size)
    start_window_manager(desktop, display, "openbox")
    out = tmp_path / "dialogs.json"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    run = subprocess.run(
        [sys.executable, str(PROBE), str(data_dir), str(out)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(out.read_text(encoding="utf-8"))
    assert {name: sorted(f["buttons"]) for name, f in found.items()} == {
        name: sorted(buttons) for name, buttons in DIALOGS.items()
    }
    problems = [p for name, f in found.items() for p in problems_of(name, f)]
    assert not problems, "\n".join([*problems, f"(the dialogs' pictures: {tmp_path})"])


def keys_apart(dialog: QDialog, keypad: Keypad) -> list[str]:
    """What is wrong with the keypad's keys as laid out: too short, overlapping, or outside
    the dialog."""
    problems = []
    inside = dialog.rect()
    placed: dict[str, QRect] = {}
    for key, button in keypad.buttons.items():
        where = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
        placed[key] = where
        if button.height() < TOUCH_PX or button.width() < TOUCH_PX:
            problems.append(f"{key} is {button.width()}x{button.height()}")
        if not inside.contains(where):
            problems.append(f"{key} at {where.getRect()} is outside {inside.getRect()}")
    for (a, ra), (b, rb) in itertools.combinations(placed.items(), 2):
        if ra.intersects(rb):
            problems.append(f"{a} {ra.getRect()} overlaps {b} {rb.getRect()}")
    return problems


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> Iterator[KioskWindow]:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)

    def keep(_pledge: Pledge) -> None:
        return None

    window = KioskWindow(
        store, print_certificate=keep, queue_certificate_email=keep, tap_guard_seconds=0
    )
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    yield window


def wrong_pin(qtbot: QtBot, dialog: PinDialog) -> None:
    for key in "999999":
        qtbot.mouseClick(dialog.keypad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024x768", "1280x800"])
@pytest.mark.parametrize("tries", [1, staff_auth.FREE_TRIES], ids=["wrong", "wait"])
def test_the_pin_keypad_keeps_its_keys_apart_after_a_wrong_pin(
    qtbot: QtBot, kiosk: KioskWindow, size: tuple[int, int], tries: int
) -> None:
    kiosk.resize(*size)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    kiosk.request_staff()
    dialog = kiosk.pin_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert keys_apart(dialog, dialog.keypad) == []
    for _ in range(tries):
        wrong_pin(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.message.height() > 0)
    assert "not right" in dialog.message.text()
    qtbot.wait(50)  # the layout settles after the message shows
    assert keys_apart(dialog, dialog.keypad) == []
    below = QRect(dialog.message.mapTo(dialog, dialog.message.rect().topLeft()),
                  dialog.message.size())  # fmt: skip
    assert not any(
        below.intersects(QRect(b.mapTo(dialog, b.rect().topLeft()), b.size()))
        for b in [*dialog.keypad.buttons.values(), *dialog.findChildren(QPushButton)]
    ), "the message overlaps a key or a button"


def test_the_first_run_pin_keypad_keeps_its_keys_apart_after_a_refusal(
    qtbot: QtBot, store: Store
) -> None:
    dialog = SetupPinDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no PIN typed
    qtbot.waitUntil(dialog.message.isVisible)
    qtbot.wait(50)
    assert keys_apart(dialog, dialog.keypad) == []
